package io.roomflux.samples.webflux;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.spring.boot.LiveKitConnectionDetails;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A room bot as a Spring Boot WebFlux service with a page of its own ({@code static/index.html}):
 * it lists the server's rooms, joins one on request, streams its events as Server-Sent Events
 * and sends text messages into it (see {@link RoomController}, {@link RoomListController}).
 *
 * <p>RoomFlux's starter gives it the {@code LiveKit} entry point, the token issuer and the server
 * API. By default the sample starts an embedded dev-mode livekit-server (roomflux-devserver's
 * {@link LiveKitDevServer}) and hands the starter that server's address and keys; set
 * {@code sample.embedded-server=false} and {@code roomflux.url}, {@code roomflux.api-key},
 * {@code roomflux.api-secret} to use another server. Run it with
 * {@code scripts/run-sample.sh webflux}.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class RoomBotApplication {
  /** Spring instantiates this configuration class. */
  public RoomBotApplication() {}

  /**
   * Runs the service until the JVM is stopped (Ctrl-C or SIGTERM shut it down gracefully).
   *
   * @param args Spring Boot arguments, e.g. {@code --server.port=8081}
   */
  public static void main(String[] args) {
    SpringApplication.run(RoomBotApplication.class, args);
  }

  /**
   * The embedded dev-mode livekit-server, unless {@code sample.embedded-server=false}, and the
   * connection details that point the starter at it (the starter's own, read from
   * {@code roomflux.*}, then back off).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "sample.embedded-server", havingValue = "true", matchIfMissing = true)
  static class EmbeddedServer {
    /**
     * Starts the server. Starting blocks the starting thread (Spring's main thread) until the
     * server answers.
     *
     * @param environment where a contradicting {@code roomflux.url} would be
     * @return the running server, stopped when the context closes, after the beans that use it
     * @throws IllegalStateException if {@code roomflux.url} names another server
     */
    @Bean(destroyMethod = "close")
    LiveKitDevServer liveKitDevServer(Environment environment) {
      if (environment.containsProperty("roomflux.url")) {
        throw new IllegalStateException("roomflux.url names another server: set sample.embedded-server=false to use it");
      }
      return LiveKitDevServer.start();
    }

    /**
     * The embedded server's address and keys, for the starter's beans.
     *
     * @param server the embedded server
     * @return its connection details
     */
    @Bean
    LiveKitConnectionDetails embeddedServerConnectionDetails(LiveKitDevServer server) {
      return new LiveKitConnectionDetails() {
        @Override
        public String url() {
          return server.url().toString();
        }

        @Override
        public String apiKey() {
          return server.apiKey();
        }

        @Override
        public String apiSecret() {
          return server.apiSecret();
        }

        @Override
        public String toString() {
          return "embedded " + server;
        }
      };
    }
  }
}
