/**
 * Data between participants: packets ({@link io.roomflux.reactor.data.DataPacket}, with topics and
 * destinations), chat messages, transcriptions, text and byte streams with their readers and
 * writers, and data track descriptions.
 */
@NullMarked
package io.roomflux.reactor.data;

import org.jspecify.annotations.NullMarked;
