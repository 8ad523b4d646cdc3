/**
 * Participants and their tracks: the local participant's operations (metadata, attributes,
 * publishing, data, RPC, chat), remote participants as immutable snapshots, and the
 * publications and subscribed tracks a room's state model holds.
 */
@NullMarked
package io.roomflux.reactor.participant;

import org.jspecify.annotations.NullMarked;
