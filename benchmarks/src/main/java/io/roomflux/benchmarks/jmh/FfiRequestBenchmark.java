package io.roomflux.benchmarks.jmh;

import io.roomflux.core.FfiClient;
import io.roomflux.core.HandleKind;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.NewAudioResamplerRequest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One request through RoomFlux's binding, the JMH twin of {@code io.roomflux.benchmarks.FfiRoundTrip}:
 * {@code FfiClient.request} of a {@code NewAudioResamplerRequest} (encode, {@code livekit_ffi_request},
 * decode the response, drop the response handle), then owning and closing the resampler handle it
 * returns. Against the real livekit-ffi core of the natives module; no server. Each fork is a JVM
 * of its own, so the process's one core is opened once per fork and never closed by hand (the
 * client's shutdown hook does it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FfiRequestBenchmark {
  private static final FfiRequest REQUEST = FfiRequest.newBuilder()
      .setNewAudioResampler(NewAudioResamplerRequest.getDefaultInstance()).build();

  private FfiClient ffi;

  /** Opens the process's core. */
  @Setup(Level.Trial)
  public void open() {
    ffi = FfiClient.get();
  }

  /** Fails the run if a handle was left alive. */
  @TearDown(Level.Trial)
  public void check() {
    if (ffi.handles().liveCount() != 0) {
      throw new IllegalStateException("handles left alive: " + ffi.handles().liveByKind());
    }
  }

  /**
   * The request and both drops.
   *
   * @return the resampler's handle id, so that nothing is optimized away
   */
  @Benchmark
  public long newAudioResampler() {
    FfiResponse response = ffi.request(REQUEST);
    long id = response.getNewAudioResampler().getResampler().getHandle().getId();
    ffi.handles().own(id, HandleKind.AUDIO_RESAMPLER).close();
    return id;
  }
}
