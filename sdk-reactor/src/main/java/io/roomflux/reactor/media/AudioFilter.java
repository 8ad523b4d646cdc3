package io.roomflux.reactor.media;

import java.nio.file.Path;
import java.util.List;

/**
 * An audio filter plugin the native core loaded ({@link Media#loadAudioFilterPlugin}), ready to
 * filter received audio: give it to {@link AudioStreamOptions#withAudioFilter} and every frame of
 * that stream passes through the plugin before it reaches Java.
 *
 * <p>An immutable value, safe to share between threads. It holds no handle and needs no closing:
 * the core registers the plugin under its {@link #moduleId()} for the rest of the process, for
 * every {@link io.roomflux.reactor.LiveKit} of it (the process has one core), and keeps the library
 * loaded until the process exits. Loading another plugin under the same module id replaces it for
 * streams opened afterwards. Only values returned by {@link Media#loadAudioFilterPlugin} are
 * accepted by the streams; the interface is not meant to be implemented.
 */
public interface AudioFilter {
  /**
   * {@return the id the core registered the plugin under} The stream requests name it.
   */
  String moduleId();

  /**
   * {@return the plugin's shared library, as an absolute path}
   */
  Path plugin();

  /**
   * {@return the shared libraries loaded before the plugin, absolute, in loading order} Often empty.
   */
  List<Path> dependencies();
}
