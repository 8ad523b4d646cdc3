package io.roomflux.reactor.internal.telemetry;

import io.roomflux.Telemetry;
import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Reports operations to a {@link Telemetry}: each subscription of an observed {@code Mono} starts
 * one scope and ends it once, with the first of success, failure or cancel.
 */
public final class Observed {
  private Observed() {
  }

  /**
   * Observes each subscription of {@code source}.
   *
   * @param telemetry guarded telemetry ({@link Telemetry#guarded}); none observes nothing
   * @param operation the operation, made at subscription
   * @param source what to observe
   * @param <T> its value
   * @return {@code source}, observed
   */
  public static <T> Mono<T> mono(Telemetry telemetry, Supplier<Telemetry.Operation> operation, Mono<T> source) {
    if (telemetry == Telemetry.none()) {
      return source;
    }
    return Mono.defer(() -> {
      Telemetry.Scope scope = telemetry.start(operation.get());
      return source.doOnSuccess(value -> scope.success()).doOnError(scope::failure).doOnCancel(scope::cancel);
    });
  }

  /**
   * The {@code roomflux.connect} operation: the URL's host as a high-cardinality tag (never the
   * token, nor the URL's query).
   *
   * @param url the server URL
   * @return the operation
   */
  public static Telemetry.Operation connect(String url) {
    String host;
    try {
      host = String.valueOf(URI.create(url).getHost());
    } catch (IllegalArgumentException e) {
      host = "invalid";
    }
    return new Telemetry.Operation("roomflux.connect", "connect " + host, Map.of(), Map.of("url.host", host));
  }

  /**
   * The {@code roomflux.rpc} operation.
   *
   * @param method the RPC method, a low-cardinality tag
   * @param destination the destination identity, high-cardinality
   * @param room the room's name, high-cardinality
   * @return the operation
   */
  public static Telemetry.Operation rpc(String method, String destination, String room) {
    return new Telemetry.Operation("roomflux.rpc", "rpc " + method, Map.of("method", method),
        Map.of("destination", destination, "room", room));
  }
}
