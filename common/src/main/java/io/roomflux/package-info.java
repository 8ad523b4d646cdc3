/**
 * The root of RoomFlux's exceptions, shared by the client ({@code io.roomflux.reactor}), the server
 * API ({@code io.roomflux.server}) and tokens ({@code io.roomflux.token}), so that one
 * {@code catch (RoomFluxException e)} covers all of them.
 */
@NullMarked
package io.roomflux;

import org.jspecify.annotations.NullMarked;
