package io.roomflux.reactor.internal.media;

import io.roomflux.reactor.ResourceClosedException;
import io.roomflux.core.HandleClosedException;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;

/** Leases on the handles of the media resources, refused with a message that names the operation. */
public final class Leases {
  private Leases() {
  }

  /**
   * Leases {@code handle} for one operation.
   *
   * @param operation the method that needs the handle, e.g. {@code "captureFrame"}
   * @param resource what owns the handle, e.g. {@code "the video source"}
   * @return an open lease; close it when the operation is over
   * @throws ResourceClosedException "{@code operation} refused: {@code resource} is closed" if the
   *     handle is closed
   */
  public static Lease take(OwnedHandle handle, String operation, String resource) {
    try {
      return handle.lease();
    } catch (HandleClosedException e) {
      throw new ResourceClosedException(operation + " refused: " + resource + " is closed");
    }
  }
}
