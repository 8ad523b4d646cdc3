package io.roomflux.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.agents.AgentJobHandler;
import io.roomflux.agents.AgentWorker;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.server.AgentDispatchClient;
import io.roomflux.server.RoomServiceClient;
import io.roomflux.server.ServerApi;
import io.roomflux.server.webhook.WebhookReceiver;
import io.roomflux.token.TokenVerifier;
import io.roomflux.token.VerifiedToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.web.reactive.function.server.RouterFunction;
import reactor.core.publisher.Mono;

/**
 * What the auto-configurations contribute with and without each property, each optional class and
 * each bean of the application's own; how bad or missing properties fail start-up.
 */
class RoomFluxAutoConfigurationTest {
  private static final AutoConfigurations ALL = AutoConfigurations.of(RoomFluxAutoConfiguration.class,
      RoomFluxServerAutoConfiguration.class, RoomFluxWebhookAutoConfiguration.class,
      RoomFluxAgentAutoConfiguration.class, RoomFluxHealthAutoConfiguration.class);
  // Nothing listens there: the agent worker's connection attempts are refused at once.
  private static final String[] CONNECTION = {"roomflux.url=ws://127.0.0.1:9", "roomflux.api-key=key-in-properties",
      "roomflux.api-secret=secret-in-properties-0123456789abcdef"};

  private final ReactiveWebApplicationContextRunner web = new ReactiveWebApplicationContextRunner()
      .withConfiguration(ALL).withPropertyValues(CONNECTION);
  private final ApplicationContextRunner plain = new ApplicationContextRunner()
      .withConfiguration(ALL).withPropertyValues(CONNECTION);

  @Test
  void theImportsFileListsEveryAutoConfigurationAndNothingElse() {
    List<String> imports = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates();
    assertThat(imports).contains(RoomFluxAutoConfiguration.class.getName(), RoomFluxServerAutoConfiguration.class.getName(),
        RoomFluxWebhookAutoConfiguration.class.getName(), RoomFluxAgentAutoConfiguration.class.getName(),
        RoomFluxHealthAutoConfiguration.class.getName());
    assertThat(imports.stream().filter(name -> name.startsWith("io.roomflux."))).hasSize(5);
  }

  @Test
  void theThreePropertiesGiveAReactiveWebAppEveryBeanButTheAgentWorker() {
    web.run(context -> {
      assertThat(context).hasNotFailed()
          .hasSingleBean(LiveKit.class).hasSingleBean(LiveKitCloser.class).hasSingleBean(RoomOptions.class)
          .hasSingleBean(TokenIssuer.class).hasSingleBean(LiveKitConnectionDetails.class)
          .hasSingleBean(ServerApi.class).hasSingleBean(RoomServiceClient.class).hasSingleBean(AgentDispatchClient.class)
          .hasSingleBean(WebhookReceiver.class).hasSingleBean(WebhookEvents.class).hasBean("roomFluxWebhookRoute")
          .hasSingleBean(RoomFluxHealthIndicator.class)
          .doesNotHaveBean(AgentWorker.class).doesNotHaveBean(AgentWorkerLifecycle.class);
      LiveKitConnectionDetails details = context.getBean(LiveKitConnectionDetails.class);
      assertThat(details.url()).isEqualTo("ws://127.0.0.1:9");
      assertThat(details.apiKey()).isEqualTo("key-in-properties");
      assertThat(details.toString()).doesNotContain(details.apiSecret());
      assertThat(context.getBean(RoomOptions.class).autoSubscribe()).isTrue();
    });
  }

  @Test
  void livekitEnvironmentVariablesAreTheFallbackAndPropertiesWinOverThem() {
    new ApplicationContextRunner().withConfiguration(ALL)
        .withPropertyValues("LIVEKIT_URL=wss://env.example.invalid", "LIVEKIT_API_KEY=env-key", "LIVEKIT_API_SECRET=env-secret")
        .run(context -> {
          LiveKitConnectionDetails details = context.getBean(LiveKitConnectionDetails.class);
          assertThat(details.url()).isEqualTo("wss://env.example.invalid");
          assertThat(details.apiKey()).isEqualTo("env-key");
          assertThat(details.apiSecret()).isEqualTo("env-secret");
        });
    new ApplicationContextRunner().withConfiguration(ALL)
        .withPropertyValues("LIVEKIT_URL=wss://env.example.invalid", "LIVEKIT_API_KEY=env-key", "LIVEKIT_API_SECRET=env-secret",
            "roomflux.api-key=property-key")
        .run(context -> assertThat(context.getBean(LiveKitConnectionDetails.class).apiKey()).isEqualTo("property-key"));
  }

  @Test
  void aMissingSecretFailsStartUpWithAnAnalysisNamingRoomfluxApiSecret() {
    new ApplicationContextRunner().withConfiguration(ALL)
        .withPropertyValues("roomflux.url=ws://127.0.0.1:9", "roomflux.api-key=key")
        .run(context -> {
          assertThat(context).hasFailed();
          assertFailedWith(context, "roomflux.api-secret");
          FailureAnalysis analysis = analyze(context.getStartupFailure());
          assertThat(analysis.getDescription()).contains("roomflux.api-secret").contains("LIVEKIT_API_SECRET");
          assertThat(analysis.getAction()).contains("roomflux.api-secret");
        });
  }

  @Test
  void aMissingOrMalformedUrlFailsStartUpNamingRoomfluxUrl() {
    new ApplicationContextRunner().withConfiguration(ALL)
        .withPropertyValues("roomflux.api-key=key", "roomflux.api-secret=secret")
        .run(context -> assertThat(analyze(context.getStartupFailure()).getDescription()).contains("roomflux.url"));
    plain.withPropertyValues("roomflux.url=localhost:7880")
        .run(context -> assertThat(analyze(context.getStartupFailure()).getDescription())
            .contains("roomflux.url").contains("ws://, wss://, http:// or https://"));
  }

  @Test
  void badValuesFailStartUpNamingTheirProperty() {
    assertFailsNaming(plain.withPropertyValues("roomflux.token.ttl=-5s"), "roomflux.token.ttl");
    assertFailsNaming(plain.withPropertyValues("roomflux.room.operation-timeout=0s"), "roomflux.room.operation-timeout");
    assertFailsNaming(plain.withPropertyValues("roomflux.server.timeout=0s"), "roomflux.server.timeout");
    assertFailsNaming(web.withPropertyValues("roomflux.webhook.path=hooks"), "roomflux.webhook.path");
    assertFailsNaming(plain.withUserConfiguration(Handler.class).withPropertyValues("roomflux.agent.max-jobs=0"),
        "roomflux.agent.max-jobs");
    assertFailsNaming(plain.withUserConfiguration(Handler.class).withPropertyValues("roomflux.agent.load-threshold=1.5"),
        "roomflux.agent.load-threshold");
    assertFailsNaming(plain.withUserConfiguration(Handler.class).withPropertyValues("roomflux.agent.drain-timeout=-1s"),
        "roomflux.agent.drain-timeout");
  }

  @Test
  void roomDefaultsAndTokenTtlComeFromTheirProperties() {
    plain.withPropertyValues("roomflux.room.auto-subscribe=false", "roomflux.room.operation-timeout=7s", "roomflux.token.ttl=15m")
        .run(context -> {
          RoomOptions options = context.getBean(RoomOptions.class);
          assertThat(options.autoSubscribe()).isFalse();
          assertThat(options.operationTimeout()).isEqualTo(Duration.ofSeconds(7));
          TokenIssuer issuer = context.getBean(TokenIssuer.class);
          Instant before = Instant.now();
          VerifiedToken token = TokenVerifier.builder().key("key-in-properties", "secret-in-properties-0123456789abcdef").build()
              .verify(issuer.joinJwt("standup", "alice"));
          assertThat(token.identity()).contains("alice");
          assertThat(token.videoGrant()).get().satisfies(grant -> {
            assertThat(grant.roomJoin()).isTrue();
            assertThat(grant.room()).contains("standup");
          });
          assertThat(Duration.between(before, token.expiresAt())).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(16));
        });
  }

  @Test
  void theApplicationsOwnBeansReplaceOurs() {
    web.withUserConfiguration(OwnBeans.class).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(LiveKit.class)).isSameAs(OwnBeans.LIVEKIT);
      assertThat(context).doesNotHaveBean(LiveKitCloser.class);
      assertThat(context.getBean(TokenIssuer.class).ttl()).isEqualTo(Duration.ofSeconds(42));
      assertThat(context.getBean(RoomOptions.class)).isSameAs(OwnBeans.ROOM_OPTIONS);
      assertThat(context.getBean(WebhookEvents.class)).isSameAs(OwnBeans.EVENTS);
      assertThat(context.getBean("roomFluxHealthIndicator")).isSameAs(OwnBeans.HEALTH);
    });
    // Connection details of the application's own: the properties are not needed at all.
    new ReactiveWebApplicationContextRunner().withConfiguration(ALL).withUserConfiguration(OwnDetails.class)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(ServerApi.class)).isNotNull();
          assertThat(context.getBean(LiveKitConnectionDetails.class).url()).isEqualTo("ws://127.0.0.1:9");
        });
    plain.withUserConfiguration(OwnServerApi.class)
        .run(context -> assertThat(context.getBean(ServerApi.class)).isSameAs(context.getBean("ownServerApi")));
  }

  @Test
  void theWebhookRouteNeedsAReactiveWebAppWebFluxAndTheServerModuleAndCanBeSwitchedOff() {
    plain.run(context -> assertThat(context).doesNotHaveBean("roomFluxWebhookRoute").doesNotHaveBean(WebhookEvents.class));
    web.withPropertyValues("roomflux.webhook.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("roomFluxWebhookRoute"));
    web.withClassLoader(new FilteredClassLoader(WebhookReceiver.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("roomFluxWebhookRoute"));
    web.withClassLoader(new FilteredClassLoader(RouterFunction.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("roomFluxWebhookRoute"));
  }

  @Test
  void withoutTheServerModuleTheCoreBeansStayAndTheServerBeansAndProbeGo() {
    // The whole module missing, as in an application without roomflux-server.
    web.withClassLoader(new FilteredClassLoader("io.roomflux.server.")).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(LiveKit.class).hasSingleBean(TokenIssuer.class)
          .doesNotHaveBean(ServerApi.class).doesNotHaveBean("roomFluxServerHealthProbe")
          .doesNotHaveBean("roomFluxWebhookRoute").hasBean("roomFluxCoreHealthProbe");
    });
  }

  @Test
  void anAgentJobHandlerBeanGetsAWorkerRunByALifecycleUnlessSwitchedOffOrAmbiguous() {
    plain.withUserConfiguration(Handler.class).withPropertyValues("roomflux.agent.name=support", "roomflux.agent.drain-timeout=0s")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(AgentWorker.class).hasBean("roomFluxAgentHealthProbe");
          AgentWorkerLifecycle lifecycle = context.getBean(AgentWorkerLifecycle.class);
          assertThat(lifecycle.isRunning()).isTrue();
          assertThat(lifecycle.worker()).isSameAs(context.getBean(AgentWorker.class));
          assertThat(lifecycle.worker().liveKit()).isSameAs(context.getBean(LiveKit.class));
        });
    plain.withUserConfiguration(Handler.class).withPropertyValues("roomflux.agent.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AgentWorker.class));
    plain.withUserConfiguration(Handler.class).withClassLoader(new FilteredClassLoader(AgentWorker.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AgentWorkerLifecycle.class));
    // The whole module missing, as in an application without roomflux-agents (and so no handler).
    plain.withClassLoader(new FilteredClassLoader("io.roomflux.agents."))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ServerApi.class)
            .doesNotHaveBean(AgentWorkerLifecycle.class).doesNotHaveBean("roomFluxAgentHealthProbe"));
    plain.withUserConfiguration(Handler.class, SecondHandler.class)
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AgentWorker.class));
  }

  @Test
  void theHealthIndicatorNeedsSpringBootHealthAndCanBeSwitchedOff() {
    plain.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RoomFluxHealthIndicator.class));
    plain.withPropertyValues("management.health.roomflux.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RoomFluxHealthIndicator.class));
  }

  @Test
  void anUnreachableServerIsDownAndTheHealthDetailsShowNoSecret() {
    plain.withPropertyValues("roomflux.health.timeout=3s").run(context -> {
      var health = context.getBean(RoomFluxHealthIndicator.class).health().block(Duration.ofSeconds(10));
      assertThat(health).isNotNull();
      assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
      assertThat(health.getDetails()).containsKeys("core", "server");
      assertThat(health.getDetails().get("core").toString()).contains("status=UP");
      assertThat(health.getDetails().get("server").toString()).contains("status=DOWN");
      assertThat(health.toString()).doesNotContain("secret-in-properties").doesNotContain("key-in-properties");
    });
  }

  private void assertFailsNaming(ApplicationContextRunner runner, String property) {
    runner.run(context -> assertThat(analyze(context.getStartupFailure()).getDescription()).as(property).contains(property));
  }

  private void assertFailsNaming(ReactiveWebApplicationContextRunner runner, String property) {
    runner.run(context -> assertThat(analyze(context.getStartupFailure()).getDescription()).as(property).contains(property));
  }

  /** Analyses a start-up failure with the analyzers spring.factories registers, as Spring Boot does. */
  static FailureAnalysis analyze(Throwable failure) {
    assertThat(failure).isNotNull();
    // Analyzers that need constructor arguments (Boot gives them a bean factory) are not ours: skipped.
    List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
        .load(FailureAnalyzer.class, null, (type, name, error) -> { });
    assertThat(analyzers).hasAtLeastOneElementOfType(RoomFluxFailureAnalyzer.class);
    return analyzers.stream().filter(RoomFluxFailureAnalyzer.class::isInstance).findFirst().orElseThrow().analyze(failure);
  }

  @Configuration(proxyBeanMethods = false)
  static class Handler {
    @Bean
    AgentJobHandler handler() {
      return job -> Mono.never();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class SecondHandler {
    @Bean
    AgentJobHandler secondHandler() {
      return job -> Mono.empty();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnBeans {
    static final LiveKit LIVEKIT = LiveKit.create();
    static final RoomOptions ROOM_OPTIONS = RoomOptions.defaults().withAutoSubscribe(false);
    static final WebhookEvents EVENTS = new WebhookEvents();
    static final RoomFluxHealthIndicator HEALTH = new RoomFluxHealthIndicator(List.of(), Duration.ofSeconds(1));

    @Bean
    LiveKit ownLiveKit() {
      return LIVEKIT;
    }

    @Bean
    TokenIssuer ownIssuer() {
      return new TokenIssuer("k", "s", Duration.ofSeconds(42));
    }

    @Bean
    RoomOptions ownRoomOptions() {
      return ROOM_OPTIONS;
    }

    @Bean
    WebhookEvents ownEvents() {
      return EVENTS;
    }

    @Bean
    RoomFluxHealthIndicator roomFluxHealthIndicator() {
      return HEALTH;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnDetails {
    @Bean
    LiveKitConnectionDetails ownDetails() {
      return new LiveKitConnectionDetails() {
        @Override
        public String url() {
          return "ws://127.0.0.1:9";
        }

        @Override
        public String apiKey() {
          return "own-key";
        }

        @Override
        public String apiSecret() {
          return "own-secret";
        }
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnServerApi {
    @Bean(destroyMethod = "close")
    ServerApi ownServerApi() {
      return ServerApi.builder("http://127.0.0.1:9", "k", "s").build();
    }
  }

  /** For the assertions on a context that failed: the cause must be ours. */
  static void assertFailedWith(AssertableApplicationContext context, String property) {
    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(RoomFluxPropertyException.class)
        .satisfies(e -> assertThat(((RoomFluxPropertyException) e).property()).isEqualTo(property));
  }
}
