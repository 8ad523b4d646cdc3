package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.data.DataTrackOptions;
import io.roomflux.reactor.data.DataTrackSubscribeOptions;
import io.roomflux.reactor.data.StreamOptions;
import io.roomflux.reactor.e2ee.EncryptionOptions;
import io.roomflux.reactor.media.AudioProcessorOptions;
import io.roomflux.reactor.media.AudioSourceOptions;
import io.roomflux.reactor.media.AudioStreamOptions;
import io.roomflux.reactor.media.TrackPublishOptions;
import io.roomflux.reactor.media.VideoStreamOptions;
import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every option type of the API can grow without breaking compiled callers: an immutable final
 * class (not a record, whose canonical constructor changes with every new component) made only
 * through a nested builder, with value equality.
 */
class OptionTypesTest {
  private static final List<Class<?>> OPTION_TYPES = List.of(LiveKitOptions.class, RoomOptions.class,
      EncryptionOptions.class, DataOptions.class, StreamOptions.class, AudioSourceOptions.class,
      AudioStreamOptions.class, VideoStreamOptions.class, TrackPublishOptions.class, AudioProcessorOptions.class,
      DataTrackOptions.class, DataTrackSubscribeOptions.class);

  @Test
  void theListAboveHoldsEveryPublicOptionTypeOfTheApi() throws Exception {
    Path classes = Path.of(RoomOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path api = classes.resolve("io/roomflux/reactor");
    try (Stream<Path> files = Files.walk(api)) {
      List<String> found = files.map(p -> api.relativize(p).toString().replace(File.separatorChar, '/'))
          .filter(p -> !p.startsWith("internal/") && p.endsWith("Options.class"))
          .map(p -> "io.roomflux.reactor." + p.replace('/', '.').replace(".class", ""))
          .toList();
      assertThat(found).isNotEmpty()
          .containsExactlyInAnyOrderElementsOf(OPTION_TYPES.stream().map(Class::getName).toList());
    }
  }

  @Test
  void everyOptionTypeIsAFinalClassWithoutPublicConstructorsOrMutableFields() {
    assertThat(OPTION_TYPES).allSatisfy(type -> {
      assertThat(type.isRecord()).as("%s is a record", type).isFalse();
      assertThat(Modifier.isFinal(type.getModifiers())).as("%s is final", type).isTrue();
      assertThat(type.getConstructors()).as("public constructors of %s", type).isEmpty();
      assertThat(type.getDeclaredFields()).as("fields of %s", type)
          .allSatisfy(f -> assertThat(Modifier.isFinal(f.getModifiers())).as("%s is final", f).isTrue());
    });
  }

  @Test
  void everyOptionTypeHasABuilderAToBuilderAndValueEquality() throws ReflectiveOperationException {
    for (Class<?> type : OPTION_TYPES) {
      Class<?> builder = Class.forName(type.getName() + "$Builder");
      assertThat(Modifier.isFinal(builder.getModifiers()) && Modifier.isStatic(builder.getModifiers()))
          .as("%s is a static final class", builder).isTrue();
      assertThat(builder.getConstructors()).as("public constructors of %s", builder).isEmpty();
      assertThat(type.getMethod("builder").getReturnType()).isEqualTo(builder);
      assertThat(Modifier.isStatic(type.getMethod("builder").getModifiers())).isTrue();
      assertThat(type.getMethod("toBuilder").getReturnType()).isEqualTo(builder);
      assertThat(builder.getMethod("build").getReturnType()).isEqualTo(type);
      for (String method : List.of("equals", "hashCode", "toString")) {
        assertThat(Arrays.stream(type.getDeclaredMethods()).map(Method::getName)).as("%s declares %s", type, method)
            .contains(method);
      }
    }
  }

  @Test
  void aFrameCountAndAQueueDurationNeverShareAName() throws NoSuchMethodException {
    assertThat(AudioSourceOptions.class.getMethod("queueSize").getReturnType())
        .isEqualTo(java.time.Duration.class);
    for (Class<?> stream : List.of(AudioStreamOptions.class, VideoStreamOptions.class)) {
      assertThat(stream.getMethod("maxBufferedFrames").getReturnType()).isEqualTo(int.class);
      assertThat(Arrays.stream(stream.getMethods()).map(Method::getName))
          .as("methods of %s", stream).noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).contains("queuesize"));
    }
  }
}
