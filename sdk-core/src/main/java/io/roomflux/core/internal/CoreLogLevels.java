package io.roomflux.core.internal;

import java.util.List;
import org.slf4j.event.Level;

/**
 * The level at which a record of the core is logged in Java, which is not always the core's own:
 *
 * <ul>
 *   <li>The core's INFO records are chatter for an application ("connecting to ...", "connection
 *       setup took 74 ms", "Disconnected from room ... ClientInitiated"): DEBUG.
 *   <li>Its WARN and ERROR records that report what the application receives as an error anyway,
 *       or what a normal close produces, are listed in {@link #QUIET}: DEBUG. Matching is by the
 *       record's target and text (the core has no codes), pinned to livekit-ffi 0.13.2.
 *   <li>Every other record keeps the core's level: its real warnings stay WARN, its errors ERROR.
 * </ul>
 *
 * <p>docs/troubleshooting.md lists the same table for users; keep the two in step.
 */
public final class CoreLogLevels {
  /**
   * A WARN or ERROR record of the core that is logged at DEBUG: its target starts with
   * {@code target} and its message contains every one of {@code texts}.
   *
   * @param target the start of the Rust target, such as {@code livekit::rtc_engine}
   * @param texts parts the message contains
   * @param why what the application sees instead, or why it is harmless
   */
  record Quiet(String target, List<String> texts, String why) {
    boolean matches(String recordTarget, String message) {
      return recordTarget.startsWith(target) && texts.stream().allMatch(message::contains);
    }
  }

  /** The WARN and ERROR records logged at DEBUG. */
  static final List<Quiet> QUIET = List.of(
      new Quiet("livekit_ffi", List.of("failed to handle request "),
          "a refused request: the caller's exception carries this reason"),
      new Quiet("livekit_ffi", List.of("error while connecting to a room"),
          "a failed connect: the caller's ConnectException carries this text"),
      new Quiet("livekit::rtc_engine", List.of("authentication rejected during connect"),
          "a rejected token: the caller gets InvalidTokenException"),
      new Quiet("livekit::rtc_engine", List.of("failed to connect: ", "retrying"),
          "a connect attempt that the core retries; the last one's outcome reaches the caller"),
      new Quiet("livekit_signaling", List.of("signal connection failed"),
          "one attempt at the signal connection; the connect's or the reconnect's outcome is "
              + "the caller's error or the room's events"),
      new Quiet("livekit::rtc_engine", List.of("failed to negotiate the publisher", "closed"),
          "a publisher negotiation that a disconnect overtook: the room is closing"),
      new Quiet("livekit::rtc_engine", List.of("failed to send dc_event buffer_amount_change"),
          "a data channel event of a room that is closing"),
      new Quiet("livekit::platform_audio", List.of("failed to acquire Platform ADM"),
          "no audio devices (a server, a container): Media.platformAudio() throws with the reason"),
      new Quiet("livekit_ffi", List.of("PlatformAudio::new() failed"),
          "no audio devices: Media.platformAudio() throws OperationFailedException with this text"),
      new Quiet("livekit_ffi", List.of("Attempted to drop unknown FFI handle"),
          "a closing room's remote-track handles that the core drops after RoomFlux dropped them "
              + "(docs/troubleshooting.md, known core behaviour)"));

  private CoreLogLevels() {
  }

  /**
   * The level to log a record of the core at.
   *
   * @param target the record's Rust target
   * @param level the core's level
   * @param message the record's message
   * @return the level in Java
   */
  public static Level level(String target, Level level, String message) {
    return switch (level) {
      case INFO -> Level.DEBUG;
      case WARN, ERROR -> QUIET.stream().anyMatch(q -> q.matches(target, message)) ? Level.DEBUG : level;
      case DEBUG, TRACE -> level;
    };
  }
}
