package io.roomflux.reactor.internal.media;

import io.roomflux.core.HandleKind;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.reactor.internal.core.Core;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * How one kind of stream of {@link MediaStreams} is opened and its events read.
 *
 * @param name "audio" or "video", for messages
 * @param request the request that opens the stream on the target's leased handle
 * @param streamHandle the new stream's handle id in the response
 * @param handleKind the kind of that handle
 * @param reader the frame an event carries, copied with its buffer dropped (also on failure)
 * @param isEnd whether an event ends the stream
 * @param fromSamples the frame made of samples the core's callback copied already (audio), or null
 * @param <T> the frame type
 */
record StreamKind<T>(String name, LongFunction<FfiRequest> request, ToLongFunction<FfiResponse> streamHandle,
                     HandleKind handleKind, FrameReader<T> reader, Predicate<FfiEvent> isEnd,
                     @Nullable SampleReader<T> fromSamples) {

  /** Reads the frame an event carries. */
  interface FrameReader<T> {
    /** The frame an event carries, copied with its buffer dropped (also on failure); null if none. */
    @Nullable T frame(Core ffi, FfiEvent event);
  }

  /** Makes a frame of samples already copied out of the core. */
  interface SampleReader<T> {
    T frame(short[] samples, int sampleRate, int numChannels);
  }
}
