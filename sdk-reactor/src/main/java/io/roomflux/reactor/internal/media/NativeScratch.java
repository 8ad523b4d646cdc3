package io.roomflux.reactor.internal.media;

import io.roomflux.reactor.ResourceClosedException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * One native buffer reused for every capture of a source (only one is in flight at a time),
 * grown when a larger frame comes, and freed when the source's handle is dropped.
 */
final class NativeScratch {
  private @Nullable Arena arena;
  private MemorySegment segment = MemorySegment.NULL;
  private boolean closed;

  synchronized MemorySegment ensure(long bytes) {
    if (closed) {
      throw new ResourceClosedException("the audio source's native buffer was released");
    }
    if (segment.byteSize() < bytes) {
      Arena previous = arena;
      if (previous != null) {
        previous.close();
      }
      Arena fresh = Arena.ofShared();
      arena = fresh;
      segment = fresh.allocate(bytes, 2);
    }
    return segment;
  }

  synchronized void close() {
    closed = true;
    Arena current = arena;
    arena = null;
    segment = MemorySegment.NULL;
    if (current != null) {
      current.close();
    }
  }
}
