package io.roomflux.samples.hello.docs;

import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.media.AudioFilter;
import io.roomflux.reactor.media.AudioFilterPluginException;
import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioStreamOptions;
import io.roomflux.reactor.media.Media;
import io.roomflux.reactor.participant.TrackSource;
import java.nio.file.Path;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The audio filter code that docs/media.md shows, between {@code tag::NAME[]} markers. */
final class AudioFilterSnippets {
  private AudioFilterSnippets() {}

  /** A participant's microphone, heard through a filter plugin. */
  static Flux<AudioFrame> filtered(LiveKit lk, Room room, Path plugin, String identity) {
    // tag::audio-filter[]
    // Load once (cache), use for as many streams as needed; the core keeps the plugin loaded.
    Mono<AudioFilter> denoise = lk.media().loadAudioFilterPlugin(plugin, "denoise").cache();
    Flux<AudioFrame> frames = denoise.flatMapMany(filter -> room.audioFramesFrom(identity, TrackSource.MICROPHONE,
        AudioStreamOptions.defaults().withAudioFilter(filter, "{\"strength\":0.8}")));
    // end::audio-filter[]
    return frames;
  }

  /** Loads a plugin, saying why when it cannot be used. */
  static Mono<AudioFilter> load(Media media, Path plugin, Consumer<String> log) {
    // tag::audio-filter-errors[]
    Mono<AudioFilter> loaded = media.loadAudioFilterPlugin(plugin, "denoise")
        .doOnError(AudioFilterPluginException.class,
            e -> log.accept("not a usable filter plugin: " + e.plugin() + " (" + e.reason() + ")"));
    // end::audio-filter-errors[]
    return loaded;
  }
}
