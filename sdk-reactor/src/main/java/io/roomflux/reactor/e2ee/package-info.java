/**
 * End-to-end encryption: the options a room is joined with, and the manager that controls keys
 * and frame cryptors while it is open.
 */
@NullMarked
package io.roomflux.reactor.e2ee;

import org.jspecify.annotations.NullMarked;
