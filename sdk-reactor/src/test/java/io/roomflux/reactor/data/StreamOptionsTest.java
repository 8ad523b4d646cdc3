package io.roomflux.reactor.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link StreamOptions} is an immutable value built, copied and checked through its builder. */
class StreamOptionsTest {
  @Test
  void aTopicAloneSendsToEveryoneWithoutAttributesOrByteStreamSettings() {
    StreamOptions options = StreamOptions.topic("files");

    assertThat(options.topic()).isEqualTo("files");
    assertThat(options.destinationIdentities()).isEmpty();
    assertThat(options.attributes()).isEmpty();
    assertThat(options.mimeType()).isEmpty();
    assertThat(options.name()).isEmpty();
    assertThat(options.totalSize()).isEmpty();
    assertThat(StreamOptions.builder().topic("files").build()).isEqualTo(options).hasSameHashCodeAs(options);
  }

  @Test
  void aBuilderWithoutATopicCannotBuild() {
    assertThatThrownBy(() -> StreamOptions.builder().mimeType("text/csv").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("topic");
  }

  @Test
  void invalidSettingsAreRefusedByTheBuilder() {
    assertThatThrownBy(() -> StreamOptions.topic("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topic");
    assertThatThrownBy(() -> StreamOptions.builder().totalSize(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("totalSize");
    assertThatThrownBy(() -> StreamOptions.topic("t").withTotalSize(-5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totalSize");
  }

  @Test
  void everySettingSurvivesToBuilderAndWithMethodsChangeOnlyTheirOwn() {
    StreamOptions options = StreamOptions.builder().topic("files").destinationIdentities(List.of("bob"))
        .attributes(Map.of("k", "v")).mimeType("text/csv").name("a.csv").totalSize(42).build();

    assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    assertThat(StreamOptions.topic("files").to("bob").withAttributes(Map.of("k", "v")).withMimeType("text/csv")
        .withName("a.csv").withTotalSize(42)).isEqualTo(options);
    assertThat(options.toBuilder().topic("other").build().topic()).isEqualTo("other");
    assertThat(options.topic()).isEqualTo("files");
    assertThat(options.toString()).startsWith("StreamOptions[topic=files, destinationIdentities=[bob]")
        .contains("totalSize=Optional[42]");
  }

  @Test
  void collectionsAreCopied() {
    Map<String, String> attributes = new HashMap<>(Map.of("k", "v"));
    StreamOptions options = StreamOptions.topic("t").withAttributes(attributes);
    attributes.put("k2", "v2");

    assertThat(options.attributes()).containsExactly(Map.entry("k", "v"));
    assertThatThrownBy(() -> options.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }
}
