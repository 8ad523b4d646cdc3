package io.roomflux.devserver.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Helpers for a child process whose output goes to a log file: stopping it gracefully or at once,
 * and the tail of its log for error messages. Stateless; thread-safe.
 */
public final class ChildProcess {
  private static final int LOG_TAIL_LINES = 40;

  private ChildProcess() {}

  /**
   * Stops a process: SIGTERM, a second SIGTERM after {@code secondSignalAfter} (livekit-server
   * answers it with a forced stop), SIGKILL after {@code grace}; blocks until it has exited. The
   * interrupt status is kept; an interrupt turns the stop into a kill.
   *
   * @param process the process
   * @param secondSignalAfter when to send the second SIGTERM
   * @param grace when to give up and kill it
   * @return true if it stopped on a signal, false if it had to be killed
   */
  public static boolean stop(Process process, Duration secondSignalAfter, Duration grace) {
    boolean graceful = true;
    boolean interrupted = false;
    try {
      process.destroy();
      if (!process.waitFor(secondSignalAfter.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroy();
        if (!process.waitFor(grace.minus(secondSignalAfter).toMillis(), TimeUnit.MILLISECONDS)) {
          graceful = false;
          process.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      interrupted = true;
      graceful = false;
      process.destroyForcibly();
    }
    interrupted |= reap(process);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return graceful;
  }

  /**
   * Kills a process (SIGKILL) and waits until it is gone; keeps the interrupt status.
   *
   * @param process the process
   */
  public static void kill(Process process) {
    process.destroyForcibly();
    if (reap(process)) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the exit of a process that is stopping; returns whether an interrupt came meanwhile. */
  private static boolean reap(Process process) {
    boolean interrupted = false;
    while (true) {
      try {
        process.waitFor();
        return interrupted;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
  }

  /**
   * The last lines of a log, for an error message.
   *
   * @param logFile the log
   * @return a block starting with a line break, naming the file
   */
  public static String logTail(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
      return "\n--- last " + tail.size() + " lines of " + logFile + " ---\n" + String.join("\n", tail);
    } catch (IOException | UncheckedIOException e) {
      return "\n(could not read " + logFile + ": " + e + ")";
    }
  }
}
