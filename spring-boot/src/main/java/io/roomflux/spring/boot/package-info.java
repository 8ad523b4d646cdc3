/**
 * RoomFlux for Spring Boot: {@link io.roomflux.spring.boot.RoomFluxProperties} ({@code roomflux.*}),
 * the auto-configurations listed in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}, and the
 * few types they contribute as beans (a token issuer, the webhook event stream, the agent worker's
 * lifecycle, the health indicator). Never component-scanned.
 */
@NullMarked
package io.roomflux.spring.boot;

import org.jspecify.annotations.NullMarked;
