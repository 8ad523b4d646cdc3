package io.roomflux.reactor.internal.media;

import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.LoadAudioFilterPluginRequest;
import io.roomflux.proto.LoadAudioFilterPluginResponse;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.reactor.media.AudioFilter;
import io.roomflux.reactor.media.AudioFilterPluginException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An audio filter plugin the core loaded and registered under its module id. The core's registry
 * is process-wide and never forgets a plugin, so this is a plain value with no handle.
 *
 * @param moduleId the id the plugin is registered under
 * @param plugin the plugin's library, absolute
 * @param dependencies the libraries loaded before it, absolute
 */
public record DefaultAudioFilter(String moduleId, Path plugin, List<Path> dependencies) implements AudioFilter {
  /** Copies the list. */
  public DefaultAudioFilter {
    dependencies = List.copyOf(dependencies);
  }

  /**
   * The cold load of a plugin: one {@code LoadAudioFilterPluginRequest} per subscription, sent
   * from {@code Schedulers.boundedElastic()} because the core opens the library (and runs its
   * initializers) before it answers.
   *
   * @param core the core
   * @param plugin the plugin's library
   * @param dependencies libraries to load first
   * @param moduleId the id to register it under
   * @return the registered filter, or {@link AudioFilterPluginException} with the core's reason
   */
  static Mono<AudioFilter> load(Core core, Path plugin, List<Path> dependencies, String moduleId) {
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(moduleId, "moduleId");
    if (moduleId.isEmpty()) {
      throw new IllegalArgumentException("moduleId must not be empty");
    }
    // Absolute paths: dlopen searches the library path for a name without a slash.
    Path absolute = plugin.toAbsolutePath();
    List<Path> deps = Objects.requireNonNull(dependencies, "dependencies").stream()
        .map(d -> Objects.requireNonNull(d, "dependency").toAbsolutePath()).toList();
    return Mono.fromCallable(() -> {
      LoadAudioFilterPluginResponse response = core.request(FfiRequest.newBuilder()
          .setLoadAudioFilterPlugin(LoadAudioFilterPluginRequest.newBuilder()
              .setPluginPath(absolute.toString())
              .addAllDependencies(deps.stream().map(Path::toString).toList())
              .setModuleId(moduleId))
          .build()).getLoadAudioFilterPlugin();
      if (response.hasError()) {
        throw new AudioFilterPluginException(absolute, response.getError());
      }
      return (AudioFilter) new DefaultAudioFilter(moduleId, absolute, deps);
    }).subscribeOn(Schedulers.boundedElastic());
  }

  /**
   * The module id of a filter for a stream request, if RoomFlux loaded it: the core ignores an
   * unknown id on participant streams, so a filter from elsewhere is refused here.
   *
   * @param filter a filter from {@code AudioStreamOptions}
   * @return its module id
   * @throws IllegalArgumentException for a filter {@code Media.loadAudioFilterPlugin} did not return
   */
  static String moduleIdOf(AudioFilter filter) {
    if (filter instanceof DefaultAudioFilter own) {
      return own.moduleId();
    }
    throw new IllegalArgumentException("not an audio filter loaded by Media.loadAudioFilterPlugin: " + filter);
  }
}
