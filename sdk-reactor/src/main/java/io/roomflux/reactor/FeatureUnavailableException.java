package io.roomflux.reactor;

/**
 * The native core in use was built without a feature the operation needs: for example capture
 * sources, which the core bundled with RoomFlux (livekit-ffi 0.13.2 from the {@code livekit}
 * wheel) does not include. Load a core built with the feature ({@code -Droomflux.ffi.library}) to
 * use it. An {@link OperationFailedException}.
 */
public final class FeatureUnavailableException extends OperationFailedException {
  private static final long serialVersionUID = 1L;

  /** The feature's name in the core's build, such as {@code capture}. */
  private final String feature;

  /**
   * Creates the exception.
   *
   * @param operation the operation, e.g. {@code captureSource}
   * @param feature the core's feature, e.g. {@code capture}
   * @param cause the core's refusal
   */
  public FeatureUnavailableException(String operation, String feature, Throwable cause) {
    super(operation, "the native core was built without its '" + feature + "' feature", cause);
    this.feature = feature;
  }

  /**
   * The missing feature, as the core's build names it.
   *
   * @return for example {@code capture}
   */
  public String feature() {
    return feature;
  }
}
