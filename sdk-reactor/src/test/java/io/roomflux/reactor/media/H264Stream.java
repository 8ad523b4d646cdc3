package io.roomflux.reactor.media;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;

/**
 * A test H.264 stream made in the test JVM with jcodec's pure-Java encoder (baseline profile,
 * Annex-B, SPS and PPS before each IDR): black frames with a white block that moves one step per
 * frame along {@link #POSITIONS} places, so a receiver can tell the decoded pictures apart. Key
 * frames only when asked ({@link #next} with {@code true}) and at the start. Not
 * thread-safe: one producer at a time.
 */
final class H264Stream {
  static final int POSITIONS = 7;
  static final int BLOCK = 40;
  static final int BAND_Y = 100;

  private final int width;
  private final int height;
  private final H264Encoder encoder = H264Encoder.createH264Encoder();
  private final Picture picture;
  private final ByteBuffer out;
  private int count;

  H264Stream(int width, int height) {
    this.width = width;
    this.height = height;
    // Almost no periodic key frames (one per 1000 frames, longer than any test): after the first,
    // only those the receivers ask for. (jcodec sizes frame_num by this interval.)
    encoder.setKeyInterval(1000);
    picture = Picture.create(width, height, ColorSpace.YUV420J);
    out = ByteBuffer.allocate(encoder.estimateBufferSize(picture));
  }

  /** The position of the block in frame {@code n}. */
  static int position(int n) {
    return n % POSITIONS;
  }

  /**
   * Encodes the next frame.
   *
   * @param key whether it must be a key frame (the first always is)
   * @param timestamp its capture time
   * @return the frame
   */
  EncodedVideoFrame next(boolean key, Duration timestamp) {
    draw(position(count));
    out.clear();
    ByteBuffer data;
    boolean idr;
    if (key) {
      data = encoder.encodeIDRFrame(picture, out);
      idr = true;
    } else {
      // The encoder's own choice: an IDR first (and right after a forced one), else P frames.
      var encoded = encoder.encodeFrame(picture, out);
      data = encoded.getData();
      idr = encoded.isKeyFrame();
    }
    count++;
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    return EncodedVideoFrame.of(VideoCodec.H264, idr, width, height, timestamp, bytes);
  }

  /** How many frames were encoded. */
  int count() {
    return count;
  }

  private void draw(int k) {
    // jcodec's samples are signed: value - 128. Full range: 16 is near black, 235 near white.
    byte[] y = picture.getPlaneData(0);
    int x0 = 20 + k * BLOCK;
    for (int row = 0; row < height; row++) {
      for (int x = 0; x < width; x++) {
        boolean in = row >= BAND_Y && row < BAND_Y + BLOCK && x >= x0 && x < x0 + BLOCK;
        y[row * width + x] = (byte) ((in ? 235 : 16) - 128);
      }
    }
    java.util.Arrays.fill(picture.getPlaneData(1), (byte) 0);
    java.util.Arrays.fill(picture.getPlaneData(2), (byte) 0);
  }

  /**
   * Where the block is in a decoded I420 frame of this stream: the position whose block is
   * brightest, if clearly brighter than the rest of the band; -1 otherwise.
   */
  static int markerPosition(VideoFrame frame) {
    ByteBuffer luma = frame.plane(0).data();
    int stride = frame.plane(0).stride();
    int best = -1;
    double bestMean = 0;
    double others = 0;
    for (int k = 0; k < POSITIONS; k++) {
      long sum = 0;
      int x0 = 20 + k * BLOCK;
      for (int row = BAND_Y + 10; row < BAND_Y + BLOCK - 10; row++) {
        for (int x = x0 + 10; x < x0 + BLOCK - 10; x++) {
          sum += luma.get(row * stride + x) & 0xFF;
        }
      }
      double mean = sum / (double) ((BLOCK - 20) * (BLOCK - 20));
      others += mean;
      if (mean > bestMean) {
        bestMean = mean;
        best = k;
      }
    }
    double restMean = (others - bestMean) / (POSITIONS - 1);
    return bestMean > 150 && restMean < 80 ? best : -1;
  }
}
