/**
 * RoomFlux's Spring Boot auto-configuration. Spring Boot's jars are automatic modules
 * ({@code spring.boot}, {@code spring.boot.autoconfigure}, ...); the optional features' modules are
 * {@code requires static}, each switched on by {@code @ConditionalOnClass} when it is present. The
 * package is opened so that Spring may instantiate the auto-configurations and bind the properties
 * reflectively.
 */
module io.roomflux.spring {
  requires transitive io.roomflux.common;
  requires transitive io.roomflux.reactor;
  requires transitive io.roomflux.token;
  requires transitive spring.boot;
  requires transitive spring.boot.autoconfigure;
  requires transitive spring.context;
  requires transitive spring.beans;
  requires transitive spring.core;
  requires transitive reactor.core;
  requires transitive org.reactivestreams;
  requires org.slf4j;
  requires static transitive io.roomflux.server;
  requires static transitive io.roomflux.agents;
  requires static com.google.protobuf;
  requires static transitive spring.web;
  requires static transitive spring.webflux;
  requires static transitive spring.boot.health;
  requires static org.jspecify;

  exports io.roomflux.spring.boot;
  opens io.roomflux.spring.boot;
}
