package io.roomflux.spring.boot;

import io.roomflux.server.AgentDispatchClient;
import io.roomflux.server.RoomServiceClient;
import io.roomflux.server.ServerApi;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The server API (roomflux-server on the class path): a {@link ServerApi} for the configured
 * server, closed with the context, and its room service and agent dispatch clients.
 */
@AutoConfiguration(after = RoomFluxAutoConfiguration.class)
@ConditionalOnClass(ServerApi.class)
public class RoomFluxServerAutoConfiguration {

  /** Created by Spring Boot. */
  public RoomFluxServerAutoConfiguration() {
  }

  /**
   * The server API, with {@code roomflux.server.timeout} per call.
   *
   * @param details the server and its credentials
   * @param properties the properties
   * @return the server API, closed when the context closes
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public ServerApi roomFluxServerApi(LiveKitConnectionDetails details, RoomFluxProperties properties) {
    return ServerApi.builder(details.url(), details.apiKey(), details.apiSecret())
        .timeout(PropertyChecks.positive(properties.getServer().getTimeout(), "roomflux.server.timeout"))
        .build();
  }

  /**
   * The room service of {@link #roomFluxServerApi}.
   *
   * @param api the server API
   * @return its room service client
   */
  @Bean
  @ConditionalOnMissingBean
  public RoomServiceClient roomFluxRoomService(ServerApi api) {
    return api.roomService();
  }

  /**
   * The agent dispatch service of {@link #roomFluxServerApi}.
   *
   * @param api the server API
   * @return its agent dispatch client
   */
  @Bean
  @ConditionalOnMissingBean
  public AgentDispatchClient roomFluxAgentDispatch(ServerApi api) {
    return api.agentDispatch();
  }
}
