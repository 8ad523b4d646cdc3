package io.roomflux.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.server.TwirpException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property-based fuzzing of {@link TwirpTransport#decodeError}, the parser of error answers from
 * the server (or from whatever answers at its address): any status and any body give one
 * {@link TwirpException} with a code, and a message and meta values cut to a bounded length (a
 * server message was not cut until this test); nothing is thrown. Bounded
 * tries keep CI fast.
 */
class TwirpErrorPropertiesTest {
  private static final String ROUTE = "/twirp/livekit.RoomService/ListRooms";

  @Property(tries = 1000)
  void anyStatusAndBodyDecodeToOneTwirpExceptionWithABoundedMessage(
      @ForAll @IntRange(min = -1, max = 1000) int status, @ForAll @Size(max = 10_000) byte[] body) {
    assertDecoded(TwirpTransport.decodeError(status, body, ROUTE));
  }

  @Property(tries = 1000)
  void anyJsonShapedErrorBodyDecodesToOneTwirpException(@ForAll @IntRange(min = 100, max = 599) int status,
                                                        @ForAll("twirpBodies") String body) {
    assertDecoded(TwirpTransport.decodeError(status, body.getBytes(StandardCharsets.UTF_8), ROUTE));
  }

  private static void assertDecoded(TwirpException e) {
    assertThat(e).isNotNull();
    assertThat(e.code()).isNotNull();
    assertThat(e.getMessage()).isNotNull().hasSizeLessThan(2_003 + ROUTE.length() + 100);
    assertThat(e.meta().values()).allSatisfy(v -> assertThat(v).hasSizeLessThanOrEqualTo(2_003));
  }

  @Provide
  Arbitrary<String> twirpBodies() {
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(3_000).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
        Arbitraries.of("null", "1", "-1e309", "true", "[]", "{}", "{\"a\":{\"b\":[]}}"));
    Arbitrary<String> code = Arbitraries.oneOf(value, Arbitraries.of("\"not_found\"", "\"internal\"",
        "\"permission_denied\"", "\"resource_exhausted\"", "\"\"", "\"NOT_FOUND\"", "\"made_up\""));
    return Combinators.combine(code, value, value, Arbitraries.of(0, 1, 2, 3))
        .as((c, msg, meta, shape) -> switch (shape) {
          case 0 -> "{\"code\":" + c + ",\"msg\":" + msg + "}";
          case 1 -> "{\"code\":" + c + ",\"msg\":" + msg + ",\"meta\":" + meta + "}";
          case 2 -> "{\"msg\":" + msg + "}";
          default -> "{\"code\":" + c + ",\"msg\":" + msg + ",\"meta\":{\"k\":" + meta + "}}";
        });
  }
}
