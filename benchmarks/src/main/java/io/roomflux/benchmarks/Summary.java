package io.roomflux.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The medians of {@link DataPacketBench}'s rounds, as {@code SUMMARY} lines and a Markdown table. */
final class Summary {
  private Summary() {}

  /**
   * Prints one {@code SUMMARY} line per contender, size and mode, then the table, each of its lines
   * after the word {@code TABLE}.
   *
   * @param results the rounds' results, by "contender size mode"
   */
  static void print(Map<String, List<DataPacketBench.Result>> results) {
    StringBuilder table = new StringBuilder()
        .append("| contender | size | mode (in flight) | msg/s received | p50 latency, ms | p99 latency, ms"
            + " | process CPU per packet, µs | rounds | lost/dup/corrupt |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    results.forEach((key, rounds) -> {
      String[] parts = key.split(" ");
      DataPacketBench.Result first = rounds.getFirst();
      String rate = cell(rounds, DataPacketBench.Result::msgPerSecond);
      String p50 = cell(rounds, DataPacketBench.Result::p50Ms);
      String p99 = cell(rounds, DataPacketBench.Result::p99Ms);
      String cpu = cell(rounds, DataPacketBench.Result::cpuMicrosPerMsg);
      int lost = rounds.stream().mapToInt(DataPacketBench.Result::lost).sum();
      int dup = rounds.stream().mapToInt(DataPacketBench.Result::duplicated).sum();
      int corrupt = rounds.stream().mapToInt(DataPacketBench.Result::corrupt).sum();
      System.out.printf(Locale.ROOT, "SUMMARY contender=%s size=%s mode=%s inflight=%d rounds=%d msg_per_s=%s"
              + " p50_ms=%s p99_ms=%s cpu_us_per_msg=%s lost=%d duplicated=%d corrupt=%d%n", parts[0], parts[1],
          parts[2], first.inflight(), rounds.size(), rate.replace(' ', '_'), p50.replace(' ', '_'),
          p99.replace(' ', '_'), cpu.replace(' ', '_'), lost, dup, corrupt);
      table.append(String.format(Locale.ROOT, "| %s | %s B | %s (%d) | %s | %s | %s | %s | %d | %d/%d/%d |%n",
          parts[0], parts[1], parts[2], first.inflight(), rate, p50, p99, cpu, rounds.size(), lost, dup, corrupt));
    });
    table.toString().lines().forEach(line -> System.out.println("TABLE " + line));
  }

  /** "median (min–max)". */
  private static String cell(List<DataPacketBench.Result> rounds, ToDoubleFunction<DataPacketBench.Result> value) {
    double[] v = rounds.stream().mapToDouble(value).sorted().toArray();
    double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    return v.length == 1 ? format(median) : format(median) + " (" + format(v[0]) + "–" + format(v[v.length - 1]) + ")";
  }

  private static String format(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.3g", value);
  }
}
