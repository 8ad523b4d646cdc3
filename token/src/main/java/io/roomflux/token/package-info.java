/**
 * Builds LiveKit access tokens: {@link io.roomflux.token.AccessToken} and the
 * {@link io.roomflux.token.VideoGrant} it carries. Pure Java, no native code, no I/O; every type
 * here is immutable and safe to share between threads.
 */
@NullMarked
package io.roomflux.token;

import org.jspecify.annotations.NullMarked;
