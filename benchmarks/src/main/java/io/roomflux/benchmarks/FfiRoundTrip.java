package io.roomflux.benchmarks;

import io.roomflux.core.FfiClient;
import io.roomflux.core.HandleKind;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.NewAudioResamplerRequest;
import java.util.Arrays;

/**
 * The cost of one request through the binding, measured the same way as
 * {@code benchmarks/python/ffi_round_trip.py} does through LiveKit's Python SDK: a
 * {@code NewAudioResamplerRequest} (encode, call, copy the response, drop the response handle)
 * plus dropping the resampler handle it returns. Prints one line per round and a summary line
 * {@code RESULT java <median ns/op>}.
 *
 * <p>usage: {@code FfiRoundTrip [iterations per round] [rounds]}
 */
public final class FfiRoundTrip {
  private static final FfiRequest REQUEST = FfiRequest.newBuilder()
      .setNewAudioResampler(NewAudioResamplerRequest.getDefaultInstance()).build();

  private FfiRoundTrip() {
  }

  /**
   * Runs the benchmark.
   *
   * @param args iterations per round (default 200 000) and rounds (default 5)
   */
  public static void main(String[] args) {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    FfiClient ffi = FfiClient.get();
    for (int i = 0; i < 50_000; i++) {
      once(ffi);
    }
    double[] nsPerOp = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < iterations; i++) {
        once(ffi);
      }
      nsPerOp[r] = (System.nanoTime() - start) / (double) iterations;
      System.out.printf("java round %d: %.0f ns/op over %d ops%n", r + 1, nsPerOp[r], iterations);
    }
    Arrays.sort(nsPerOp);
    if (ffi.handles().liveCount() != 0) {
      throw new IllegalStateException("handles left alive: " + ffi.handles().liveByKind());
    }
    System.out.printf("RESULT java %.0f%n", nsPerOp[rounds / 2]);
    ffi.close();
  }

  private static void once(FfiClient ffi) {
    FfiResponse response = ffi.request(REQUEST);
    ffi.handles().own(response.getNewAudioResampler().getResampler().getHandle().getId(),
        HandleKind.AUDIO_RESAMPLER).close();
  }
}
