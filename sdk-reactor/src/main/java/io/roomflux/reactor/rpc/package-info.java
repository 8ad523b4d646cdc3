/**
 * Remote procedure calls between participants: the errors of LiveKit's RPC protocol, the
 * invocation a registered method receives, and the registration that removes it.
 */
@NullMarked
package io.roomflux.reactor.rpc;

import org.jspecify.annotations.NullMarked;
