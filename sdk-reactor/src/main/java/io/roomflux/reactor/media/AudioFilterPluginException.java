package io.roomflux.reactor.media;

import io.roomflux.reactor.OperationFailedException;
import java.nio.file.Path;

/**
 * The native core could not load an audio filter plugin ({@link Media#loadAudioFilterPlugin}):
 * the file is missing or is not a shared library, one of its dependencies could not be loaded, or
 * the library does not export the plugin's C functions ({@code audio_filter_on_load},
 * {@code audio_filter_create}, {@code audio_filter_destroy}, {@code audio_filter_process_int16},
 * {@code audio_filter_process_float}, {@code audio_filter_update_stream_info}). The message names
 * the plugin's path and the core's reason; nothing was registered. An
 * {@link OperationFailedException}.
 */
public final class AudioFilterPluginException extends OperationFailedException {
  private static final long serialVersionUID = 1L;

  /** The plugin's path; a {@code String} because {@link Path} is not serializable. */
  private final String plugin;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param plugin the plugin's shared library, as it was given to the core
   * @param reason the core's reason, e.g. {@code "dylib error: ...: cannot open shared object file"}
   */
  public AudioFilterPluginException(Path plugin, String reason) {
    super("loadAudioFilterPlugin", plugin + ": " + reason);
    this.plugin = plugin.toString();
    this.reason = reason;
  }

  /**
   * {@return the plugin's shared library that could not be loaded}
   */
  public Path plugin() {
    return Path.of(plugin);
  }

  /**
   * {@return the core's reason}, which names the file or symbol that failed
   */
  public String reason() {
    return reason;
  }
}
