package io.roomflux.spring.boot;

import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.RoomOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The core of RoomFlux for Spring Boot: {@link RoomFluxProperties}, the
 * {@link LiveKitConnectionDetails}, the {@link LiveKit} entry point (its rooms disconnected and
 * released when the context closes), the default {@link RoomOptions} and a {@link TokenIssuer}.
 * Every bean backs off when the application declares its own.
 */
@AutoConfiguration
@ConditionalOnClass(LiveKit.class)
@EnableConfigurationProperties(RoomFluxProperties.class)
public class RoomFluxAutoConfiguration {

  /** Created by Spring Boot. */
  public RoomFluxAutoConfiguration() {
  }

  /**
   * The server and its credentials from {@code roomflux.*} or LiveKit's environment variables.
   *
   * @param properties the properties
   * @param environment where the environment variables are read
   * @return the details
   * @throws RoomFluxPropertyException if the URL, key or secret is missing, or the URL is bad
   */
  @Bean
  @ConditionalOnMissingBean
  public LiveKitConnectionDetails liveKitConnectionDetails(RoomFluxProperties properties, Environment environment) {
    return new PropertiesLiveKitConnectionDetails(properties, environment);
  }

  /**
   * How rooms are joined by default, from {@code roomflux.room.*}.
   *
   * @param properties the properties
   * @return the options
   */
  @Bean
  @ConditionalOnMissingBean
  public RoomOptions roomFluxRoomOptions(RoomFluxProperties properties) {
    RoomFluxProperties.Room room = properties.getRoom();
    return RoomOptions.builder()
        .autoSubscribe(room.isAutoSubscribe())
        .connectTimeout(PropertyChecks.positive(room.getConnectTimeout(), "roomflux.room.connect-timeout"))
        .operationTimeout(PropertyChecks.positive(room.getOperationTimeout(), "roomflux.room.operation-timeout"))
        .build();
  }

  /**
   * Mints join tokens for the configured server.
   *
   * @param details the server's credentials
   * @param properties the properties ({@code roomflux.token.ttl})
   * @return the issuer
   */
  @Bean
  @ConditionalOnMissingBean
  public TokenIssuer roomFluxTokenIssuer(LiveKitConnectionDetails details, RoomFluxProperties properties) {
    return new TokenIssuer(details.apiKey(), details.apiSecret(),
        PropertyChecks.positive(properties.getToken().getTtl(), "roomflux.token.ttl"));
  }

  /**
   * The {@link LiveKit} entry point and what closes it, unless the application has its own (which
   * it then closes itself).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(LiveKit.class)
  static class LiveKitConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LiveKitOptions roomFluxLiveKitOptions() {
      return LiveKitOptions.defaults();
    }

    // Closed by LiveKitCloser, which disconnects the rooms first, within roomflux.shutdown-timeout.
    @Bean(destroyMethod = "")
    LiveKit liveKit(ObjectProvider<LiveKitOptions> options) {
      return LiveKit.create(options.getIfAvailable(LiveKitOptions::defaults));
    }

    @Bean
    LiveKitCloser roomFluxLiveKitCloser(LiveKit liveKit, RoomFluxProperties properties) {
      return new LiveKitCloser(liveKit, PropertyChecks.positive(properties.getShutdownTimeout(), "roomflux.shutdown-timeout"));
    }
  }
}
