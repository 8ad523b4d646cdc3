package io.roomflux.core;

/**
 * What a native handle stands for. Used to count live handles by kind.
 */
public enum HandleKind {
  /** A connected room. */
  ROOM,
  /** A local or remote participant. */
  PARTICIPANT,
  /** A track publication. */
  TRACK_PUBLICATION,
  /** A local or remote track. */
  TRACK,
  /** An audio source that local audio is captured into. */
  AUDIO_SOURCE,
  /** A video source that local video is captured into. */
  VIDEO_SOURCE,
  /** A stream of frames received from an audio track. */
  AUDIO_STREAM,
  /** A stream of frames received from a video track. */
  VIDEO_STREAM,
  /** One audio frame buffer owned by the client. */
  AUDIO_FRAME_BUFFER,
  /** One video buffer owned by the client. */
  VIDEO_BUFFER,
  /** A remix-and-resample audio resampler. */
  AUDIO_RESAMPLER,
  /** A sox resampler. */
  SOX_RESAMPLER,
  /** An audio processing module (echo cancellation, noise suppression, gain control). */
  AUDIO_PROCESSING,
  /** A reader of an incoming text stream. */
  TEXT_STREAM_READER,
  /** A writer of an outgoing text stream. */
  TEXT_STREAM_WRITER,
  /** A reader of an incoming byte stream. */
  BYTE_STREAM_READER,
  /** A writer of an outgoing byte stream. */
  BYTE_STREAM_WRITER,
  /** A local or remote data track, or a data track stream. */
  DATA_TRACK,
  /** A capture source: a video producer running inside the core. */
  CAPTURE_SOURCE,
  /** Anything else the core hands out. */
  OTHER
}
