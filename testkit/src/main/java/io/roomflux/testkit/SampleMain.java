package io.roomflux.testkit;

import io.roomflux.devserver.LiveKitDevServer;

/**
 * The {@code main} of a sample that tells its story against a dev-mode livekit-server of its
 * own: starts the server, runs the story, stops the server, and exits the JVM with 0, or with 1
 * and the reason on standard error.
 */
public final class SampleMain {
  private SampleMain() {
  }

  /** A sample's story, told against a running server. */
  @FunctionalInterface
  public interface Story {
    /**
     * Tells the story and checks its outcome; blocks the calling thread until it is over.
     *
     * @param server the running server
     * @throws RuntimeException if the story failed or its outcome is not what it should be
     */
    void tell(LiveKitDevServer server);
  }

  /**
   * Tells {@code story} against a server started for it, says on standard output whether it
   * succeeded (on standard error why not), and exits the JVM.
   *
   * @param sample the sample's name, for the messages
   * @param story the story
   */
  public static void runAndExit(String sample, Story story) {
    int status;
    try (LiveKitDevServer server = LiveKitDevServer.start()) {
      System.out.println("server ready at " + server.url());
      story.tell(server);
      status = 0;
    } catch (RuntimeException | Error e) {
      // Errors too (a core that cannot be loaded, say): the exit code must tell.
      System.err.println(sample + " FAILED: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.out.println(status == 0 ? "server stopped; " + sample + " OK" : sample + " FAILED");
    // The native core's threads are not ours to wait for: exit explicitly, which also disposes the core.
    System.exit(status);
  }
}
