package io.roomflux.reactor.media;

/**
 * The quality recipe of a {@link SoxResampler}: higher costs more CPU and adds more delay.
 */
public enum SoxQuality {
  /** Cubic interpolation; cheapest, audibly worse. */
  QUICK,
  /** 16-bit quality with a wide transition band. */
  LOW,
  /** 16-bit quality. */
  MEDIUM,
  /** 20-bit quality; the usual choice. */
  HIGH,
  /** 28-bit quality. */
  VERY_HIGH;

}
