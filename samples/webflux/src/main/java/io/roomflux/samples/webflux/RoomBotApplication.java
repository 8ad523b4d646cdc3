package io.roomflux.samples.webflux;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.LiveKit;
import io.roomflux.server.ServerApi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A room bot as a Spring Boot WebFlux service: it joins LiveKit rooms on request, streams their
 * events as Server-Sent Events and sends data packets into them (see {@link RoomController}).
 *
 * <p>By default it starts an embedded dev-mode livekit-server (roomflux-devserver's
 * {@link LiveKitDevServer}) and talks to that; set {@code roomflux.embedded=false} and
 * {@code roomflux.url}, {@code roomflux.api-key}, {@code roomflux.api-secret} to use another
 * server. Run it with {@code scripts/run-sample.sh webflux}.
 */
@SpringBootApplication(proxyBeanMethods = false)
@EnableConfigurationProperties(RoomFluxProperties.class)
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
   * The embedded dev-mode livekit-server, unless {@code roomflux.embedded=false}. Starting it
   * blocks the starting thread (Spring's main thread) until the server answers.
   *
   * @return the running server, stopped when the context closes
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "roomflux.embedded", havingValue = "true", matchIfMissing = true)
  LiveKitDevServer liveKitDevServer() {
    return LiveKitDevServer.start();
  }

  /**
   * Where the bot connects: the embedded server, or the configured one.
   *
   * @param properties the {@code roomflux.*} settings
   * @param embedded the embedded server, if there is one
   * @return the server's URL and credentials
   */
  @Bean
  LiveKitServer liveKitServer(RoomFluxProperties properties, ObjectProvider<LiveKitDevServer> embedded) {
    return LiveKitServer.from(properties, embedded.getIfAvailable());
  }

  /**
   * The RoomFlux entry point. Loads the native core on creation; its {@code close()} disconnects
   * whatever rooms are still open when the context closes.
   *
   * @return the entry point
   */
  @Bean(destroyMethod = "close")
  LiveKit liveKit() {
    return LiveKit.create();
  }

  /**
   * The server API that lists the page's rooms; its {@code close()} releases the connection pool.
   *
   * @param server where the bot connects
   * @return the server API
   */
  @Bean(destroyMethod = "close")
  ServerApi serverApi(LiveKitServer server) {
    return ServerApi.builder(server.url(), server.apiKey(), server.apiSecret()).build();
  }
}
