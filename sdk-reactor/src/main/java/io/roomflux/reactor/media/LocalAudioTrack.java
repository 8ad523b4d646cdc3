package io.roomflux.reactor.media;

import io.roomflux.proto.CreateAudioTrackRequest;
import io.roomflux.proto.FfiRequest;
import io.roomflux.reactor.TrackKind;
import java.util.Objects;

/**
 * A local audio track fed by an {@link AudioSource}; see {@link LocalTrack} for its lifecycle.
 *
 * <pre>{@code
 * AudioSource source = AudioSource.create(48_000, 1);
 * LocalAudioTrack track = LocalAudioTrack.create("mic", source);
 * room.localParticipant().publishTrack(track, TrackPublishOptions.microphone())
 *     .then(source.capture(frames))
 *     .subscribe();
 * }</pre>
 */
public final class LocalAudioTrack extends LocalTrack {
  private final AudioSource source;

  private LocalAudioTrack(Created created, AudioSource source) {
    super(created);
    this.source = source;
  }

  /**
   * Creates a track from a source. Synchronous, a short native call.
   *
   * @param name the name receivers see
   * @param source where the audio comes from; it stays open and owned by the caller
   * @return the track; close it when done
   * @throws io.roomflux.core.HandleClosedException if the source is closed
   * @throws io.roomflux.core.FfiRequestException if the core refused to create it
   */
  public static LocalAudioTrack create(String name, AudioSource source) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Created created = LocalTrack.create("audio", source.handle(), id -> FfiRequest.newBuilder()
            .setCreateAudioTrack(CreateAudioTrackRequest.newBuilder().setName(name).setSourceHandle(id)).build(),
        response -> response.getCreateAudioTrack().getTrack());
    return new LocalAudioTrack(created, source);
  }

  /**
   * The source the track was created from.
   *
   * @return the source
   */
  public AudioSource source() {
    return source;
  }

  @Override
  public TrackKind kind() {
    return TrackKind.AUDIO;
  }
}
