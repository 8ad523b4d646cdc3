/**
 * Media building blocks that need no room: audio and video frames, the sources that local tracks
 * are fed from, and audio processing (WebRTC and SoX resamplers, the WebRTC audio processing
 * module) and video conversion done by the native core.
 *
 * <p><b>Tracks.</b> {@link io.roomflux.reactor.media.LocalAudioTrack} and
 * {@link io.roomflux.reactor.media.LocalVideoTrack} turn a source into a track that
 * {@link io.roomflux.reactor.participant.LocalParticipant#publishTrack} publishes with
 * {@link io.roomflux.reactor.media.TrackPublishOptions}; remote tracks are received as frames with
 * {@link io.roomflux.reactor.Room#audioFrames} and {@link io.roomflux.reactor.Room#videoFrames},
 * through a bounded queue with a {@link io.roomflux.reactor.media.FrameOverflow} policy.
 *
 * <p><b>Memory.</b> Frames are plain Java objects: {@link io.roomflux.reactor.media.AudioFrame}
 * holds a heap copy of its samples, and {@link io.roomflux.reactor.media.VideoFrame} views the
 * buffers it was made from (a direct buffer reaches the core by address, without a copy). Native
 * memory RoomFlux allocates for a request is freed when the core says it is done with it, and
 * every buffer the core hands back is copied and its handle dropped before the call returns, so
 * no frame ever holds a native handle.
 *
 * <p><b>Resources.</b> Sources, resamplers and the audio processor own a native handle:
 * {@code close()} them when done (idempotent). A handle is dropped only after the last operation
 * using it has finished; one that becomes unreachable without {@code close()} is dropped by a
 * cleaner and reported as a leak (counted in {@link io.roomflux.reactor.Diagnostics#leakedHandles()}).
 *
 * <p><b>Threads.</b> The synchronous methods are short native calls that never wait for I/O:
 * they may run on any thread, Reactor's non-blocking ones included. Asynchronous results are
 * delivered on a scheduler chosen per source, never on the core's threads.
 */
@NullMarked
package io.roomflux.reactor.media;

import org.jspecify.annotations.NullMarked;
