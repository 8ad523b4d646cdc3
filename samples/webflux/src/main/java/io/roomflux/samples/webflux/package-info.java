/** The WebFlux room bot sample: {@link io.roomflux.samples.webflux.RoomBotApplication}. */
@NullMarked
package io.roomflux.samples.webflux;

import org.jspecify.annotations.NullMarked;
