package io.roomflux.reactor.internal.media;

import io.roomflux.core.HandleClosedException;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.core.AsyncCall;
import io.roomflux.proto.CreateAudioTrackRequest;
import io.roomflux.proto.CreateVideoTrackRequest;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.GetStatsRequest;
import io.roomflux.proto.LocalTrackMuteRequest;
import io.roomflux.proto.OwnedTrack;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.ResourceClosedException;
import io.roomflux.reactor.internal.wire.MediaWire;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.reactor.media.AudioSource;
import io.roomflux.reactor.media.EncodedVideoSource;
import io.roomflux.reactor.media.LocalEncodedVideoTrack;
import io.roomflux.reactor.media.LocalAudioTrack;
import io.roomflux.reactor.media.LocalTrack;
import io.roomflux.reactor.media.LocalVideoTrack;
import io.roomflux.reactor.media.TrackStats;
import io.roomflux.reactor.media.VideoSource;
import io.roomflux.reactor.participant.TrackKind;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongFunction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A local track: owns the native track's handle (created from a source's handle under a lease),
 * and mutes it by a short native call. Subclasses add the source.
 */
public abstract sealed class DefaultLocalTrack permits DefaultLocalTrack.Audio, DefaultLocalTrack.Video,
    DefaultLocalTrack.Encoded {
  private final Core core;
  private final String name;
  private final OwnedHandle handle;
  private volatile boolean muted;

  private DefaultLocalTrack(Created created) {
    this.core = created.core();
    this.name = created.name();
    this.handle = created.handle();
  }

  /** A new native track, its handle owned before anything else can fail. */
  private record Created(Core core, String name, OwnedHandle handle) {
  }

  /**
   * Creates an audio track from a source (its handle leased for the request).
   *
   * @param core the core
   * @param name the name receivers see
   * @param source the source, one of RoomFlux's
   * @return the track
   */
  public static LocalAudioTrack audio(Core core, String name, AudioSource source) {
    Objects.requireNonNull(name, "name");
    DefaultAudioSource own = DefaultMedia.own(source);
    return new Audio(create(core, "audio", own.handle(), id -> FfiRequest.newBuilder()
            .setCreateAudioTrack(CreateAudioTrackRequest.newBuilder().setName(name).setSourceHandle(id)).build(),
        response -> response.getCreateAudioTrack().getTrack()), source);
  }

  /**
   * Creates a video track from a source (its handle leased for the request).
   *
   * @param core the core
   * @param name the name receivers see
   * @param source the source, one of RoomFlux's
   * @return the track
   */
  public static LocalVideoTrack video(Core core, String name, VideoSource source) {
    Objects.requireNonNull(name, "name");
    DefaultVideoSource own = DefaultMedia.own(source);
    return new Video(create(core, "video", own.handle(), id -> FfiRequest.newBuilder()
            .setCreateVideoTrack(CreateVideoTrackRequest.newBuilder().setName(name).setSourceHandle(id)).build(),
        response -> response.getCreateVideoTrack().getTrack()), source);
  }

  /**
   * Creates a video track from an encoded source (its handle leased for the request).
   *
   * @param core the core
   * @param name the name receivers see
   * @param source the source, one of RoomFlux's
   * @return the track
   */
  public static LocalEncodedVideoTrack encoded(Core core, String name, EncodedVideoSource source) {
    Objects.requireNonNull(name, "name");
    DefaultEncodedVideoSource own = DefaultMedia.own(source);
    return new Encoded(create(core, "video", own.handle(), id -> FfiRequest.newBuilder()
            .setCreateVideoTrack(CreateVideoTrackRequest.newBuilder().setName(name).setSourceHandle(id)).build(),
        response -> response.getCreateVideoTrack().getTrack()), source);
  }

  /**
   * The publish options the core must get for a track: those given, except that a track of
   * pre-encoded frames is always published with its source's codec through the pass-through encoder.
   *
   * @param track a track RoomFlux created
   * @param options the caller's options, in the core's form
   * @return the options to send
   */
  public static io.roomflux.proto.TrackPublishOptions publishOptions(LocalTrack track,
                                                                     io.roomflux.proto.TrackPublishOptions options) {
    return track instanceof Encoded encoded ? MediaWire.preEncoded(options, encoded.source.codec()) : options;
  }

  private static Created create(Core core, String what, OwnedHandle source, LongFunction<FfiRequest> request,
                                Function<FfiResponse, OwnedTrack> track) {
    Lease lease;
    try {
      lease = source.lease();
    } catch (HandleClosedException e) {
      throw new ResourceClosedException("cannot create a " + what + " track: its source is closed");
    }
    try (lease) {
      OwnedTrack created = track.apply(core.request(request.apply(lease.id())));
      OwnedHandle owned = core.handles().own(created.getHandle().getId(), HandleKind.TRACK);
      return new Created(core, created.getInfo().getName(), owned);
    }
  }

  /**
   * The native handle of a local track, to lease for a publish request.
   *
   * @param track a track RoomFlux created
   * @return its handle
   * @throws IllegalArgumentException for a track of another implementation
   */
  public static OwnedHandle handle(LocalTrack track) {
    if (track instanceof DefaultLocalTrack own) {
      return own.handle;
    }
    throw new IllegalArgumentException("not a track created by RoomFlux: " + track);
  }

  public final String name() {
    return name;
  }

  public final boolean isMuted() {
    return muted;
  }

  public final void setMuted(boolean mute) {
    try (Lease lease = Leases.take(handle, "setMuted", "the track '" + name + "'")) {
      muted = core.request(FfiRequest.newBuilder().setLocalTrackMute(LocalTrackMuteRequest.newBuilder()
          .setTrackHandle(lease.id()).setMute(mute)).build()).getLocalTrackMute().getMuted();
    }
  }

  public final boolean isClosed() {
    return handle.isClosed();
  }

  public final Mono<TrackStats> stats() {
    return Mono.<TrackStats>create(sink -> {
      Lease lease = Leases.take(handle, "stats", "the track '" + name + "'");
      AsyncCall call;
      try {
        call = core.call(asyncId -> FfiRequest.newBuilder().setGetStats(GetStatsRequest.newBuilder()
            .setTrackHandle(lease.id()).setRequestAsyncId(asyncId)).build());
      } catch (OperationFailedException e) {
        lease.close();
        core.explain(e).whenComplete((explained, t) -> sink.error(explained != null ? explained : e));
        return;
      } catch (RuntimeException e) {
        lease.close();
        throw e;
      }
      // The lease is held until the callback: the handle is not dropped while the core reads it.
      call.callback().whenComplete((event, error) -> {
        lease.close();
        if (error != null) {
          sink.error(error);
        } else if (event.getGetStats().hasError()) {
          sink.error(new OperationFailedException("stats", event.getGetStats().getError()));
        } else {
          sink.success(MediaWire.trackStats(event.getGetStats().getStatsList()));
        }
      });
    }).publishOn(Schedulers.parallel());
  }

  public final void close() {
    handle.close();
  }

  public final Mono<Void> closeLater() {
    return Released.closeLater(this::close, handle, Schedulers.parallel());
  }

  @Override
  public String toString() {
    String type = switch (this) {
      case Audio a -> "LocalAudioTrack[";
      case Video v -> "LocalVideoTrack[";
      case Encoded e -> "LocalEncodedVideoTrack[";
    };
    return type + name + (isClosed() ? ", closed]" : "]");
  }

  /** A local audio track. */
  public static final class Audio extends DefaultLocalTrack implements LocalAudioTrack {
    private final AudioSource source;

    private Audio(Created created, AudioSource source) {
      super(created);
      this.source = source;
    }

    @Override
    public AudioSource source() {
      return source;
    }

    @Override
    public TrackKind kind() {
      return TrackKind.AUDIO;
    }
  }

  /** A local video track. */
  public static final class Video extends DefaultLocalTrack implements LocalVideoTrack {
    private final VideoSource source;

    private Video(Created created, VideoSource source) {
      super(created);
      this.source = source;
    }

    @Override
    public VideoSource source() {
      return source;
    }

    @Override
    public TrackKind kind() {
      return TrackKind.VIDEO;
    }
  }

  /** A local video track of pre-encoded frames. */
  public static final class Encoded extends DefaultLocalTrack implements LocalEncodedVideoTrack {
    private final EncodedVideoSource source;

    private Encoded(Created created, EncodedVideoSource source) {
      super(created);
      this.source = source;
    }

    @Override
    public EncodedVideoSource source() {
      return source;
    }

    @Override
    public TrackKind kind() {
      return TrackKind.VIDEO;
    }
  }
}
