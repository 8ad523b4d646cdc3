/**
 * Not API: the Twirp transport behind the server clients. Nothing here is exported by the
 * module; it may change in any release.
 */
@NullMarked
package io.roomflux.server.internal;

import org.jspecify.annotations.NullMarked;
