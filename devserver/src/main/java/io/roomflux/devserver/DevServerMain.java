package io.roomflux.devserver;

/**
 * The {@code main} of a program that tells a story against a dev-mode livekit-server of its own
 * (the samples): starts the server, runs the story, stops the server, and exits the JVM with 0,
 * or with 1 and the reason on standard error.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   DevServerMain.runAndExit("hello-room", server -> { ... server.url() ... server.token("alice", "lobby") ... });
 * }
 * }</pre>
 */
public final class DevServerMain {
  private DevServerMain() {}

  /** A story, told against a running server. */
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
   * Tells {@code story} against a server started for it ({@link LiveKitDevServer#start()}), says
   * on standard output whether it succeeded (on standard error why not), and exits the JVM. Runs
   * on the calling thread.
   *
   * @param name the program's name, for the messages
   * @param story the story
   */
  public static void runAndExit(String name, Story story) {
    int status;
    try (LiveKitDevServer server = LiveKitDevServer.start()) {
      System.out.println("server ready at " + server.url());
      story.tell(server);
      status = 0;
    } catch (RuntimeException | Error e) {
      // Errors too (a native library that cannot be loaded, say): the exit code must tell.
      System.err.println(name + " FAILED: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.out.println(status == 0 ? "server stopped; " + name + " OK" : name + " FAILED");
    // Native threads of the program's libraries are not ours to wait for: exit explicitly.
    System.exit(status);
  }
}
