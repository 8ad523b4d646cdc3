package io.roomflux.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parsesTheShapesTheServerAnswersWith() {
    Object parsed =
        Json.parse(
            "{\"rooms\":[{\"sid\":\"RM_1\", \"name\":\"a\\\"b\\u00e9\", \"empty_timeout\":300,"
                + " \"active_recording\":false, \"version\":null, \"codecs\":[]}], \"x\":{}}");

    assertThat(parsed)
        .isEqualTo(
            Map.of(
                "rooms",
                List.of(
                    Map.of(
                        "sid", "RM_1",
                        "name", "a\"bé",
                        "empty_timeout", new BigDecimal("300"),
                        "active_recording", false,
                        "version", Json.NULL,
                        "codecs", List.of())),
                "x",
                Map.of()));
  }

  @Test
  void quotedStringsParseBackUnchanged() {
    String tricky = "a\"b\\c\nd\te\u0001f/é";

    assertThat(Json.parse(Json.quote(tricky))).isEqualTo(tricky);
  }

  @Test
  void malformedInputIsRejectedWithItsOffset() {
    assertThatThrownBy(() -> Json.parse("{\"a\":}")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset 5");
    assertThatThrownBy(() -> Json.parse("[1,2] x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailing");
    assertThatThrownBy(() -> Json.parse("invalid authorization token")).isInstanceOf(IllegalArgumentException.class);
  }
}
