package io.roomflux.reactor.media;

import io.roomflux.proto.CreateVideoTrackRequest;
import io.roomflux.proto.FfiRequest;
import io.roomflux.reactor.TrackKind;
import java.util.Objects;

/**
 * A local video track fed by a {@link VideoSource}; see {@link LocalTrack} for its lifecycle.
 *
 * <pre>{@code
 * VideoSource source = VideoSource.create(1280, 720);
 * LocalVideoTrack track = LocalVideoTrack.create("camera", source);
 * room.localParticipant().publishTrack(track, TrackPublishOptions.camera()).block();
 * source.captureFrame(frame); // for every frame, at the capture rate
 * }</pre>
 */
public final class LocalVideoTrack extends LocalTrack {
  private final VideoSource source;

  private LocalVideoTrack(Created created, VideoSource source) {
    super(created);
    this.source = source;
  }

  /**
   * Creates a track from a source. Synchronous, a short native call.
   *
   * @param name the name receivers see
   * @param source where the video comes from; it stays open and owned by the caller
   * @return the track; close it when done
   * @throws io.roomflux.core.HandleClosedException if the source is closed
   * @throws io.roomflux.core.FfiRequestException if the core refused to create it
   */
  public static LocalVideoTrack create(String name, VideoSource source) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Created created = LocalTrack.create("video", source.handle(), id -> FfiRequest.newBuilder()
            .setCreateVideoTrack(CreateVideoTrackRequest.newBuilder().setName(name).setSourceHandle(id)).build(),
        response -> response.getCreateVideoTrack().getTrack());
    return new LocalVideoTrack(created, source);
  }

  /**
   * The source the track was created from.
   *
   * @return the source
   */
  public VideoSource source() {
    return source;
  }

  @Override
  public TrackKind kind() {
    return TrackKind.VIDEO;
  }
}
