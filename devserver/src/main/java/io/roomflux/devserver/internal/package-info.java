/**
 * Not API: the parts of {@link io.roomflux.devserver.LiveKitDevServer} that are unit-tested on
 * their own (finding the binary, choosing the mode, building the configuration, running child
 * processes). The module does not export this package.
 */
@NullMarked
package io.roomflux.devserver.internal;

import org.jspecify.annotations.NullMarked;
