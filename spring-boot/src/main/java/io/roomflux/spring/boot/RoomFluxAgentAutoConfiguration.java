package io.roomflux.spring.boot;

import io.roomflux.agents.AgentJobHandler;
import io.roomflux.agents.AgentWorker;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.RoomOptions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * An agent worker for the application's {@link AgentJobHandler} bean (roomflux-agents on the class
 * path, one handler bean, {@code roomflux.agent.enabled} not {@code false}): registered as
 * {@code roomflux.agent.name}, joining job rooms with the {@link LiveKit} bean, run by an
 * {@link AgentWorkerLifecycle} that drains it when the application stops.
 */
@AutoConfiguration(after = RoomFluxAutoConfiguration.class)
@ConditionalOnClass(AgentWorker.class)
@ConditionalOnSingleCandidate(AgentJobHandler.class)
@ConditionalOnProperty(prefix = "roomflux.agent", name = "enabled", havingValue = "true", matchIfMissing = true)
public class RoomFluxAgentAutoConfiguration {

  /** Created by Spring Boot. */
  public RoomFluxAgentAutoConfiguration() {
  }

  /**
   * The worker, from {@code roomflux.agent.*}.
   *
   * @param details the server and its credentials
   * @param properties the properties
   * @param handler the job handler
   * @param liveKit the entry point job rooms are joined with
   * @param roomOptions how job rooms are joined
   * @return the worker, not started (its lifecycle starts it)
   */
  // No destroy method: AgentWorker.close() returns a Mono, and the lifecycle drains the worker.
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  public AgentWorker roomFluxAgentWorker(LiveKitConnectionDetails details, RoomFluxProperties properties,
                                         AgentJobHandler handler, LiveKit liveKit, RoomOptions roomOptions) {
    RoomFluxProperties.Agent agent = properties.getAgent();
    PropertyChecks.check(agent.getMaxJobs() >= 1, "roomflux.agent.max-jobs", "must be at least 1, not " + agent.getMaxJobs(),
        "Set roomflux.agent.max-jobs to the most jobs the worker may run at once.");
    PropertyChecks.check(agent.getLoadThreshold() > 0 && agent.getLoadThreshold() <= 1, "roomflux.agent.load-threshold",
        "must be in (0, 1], not " + agent.getLoadThreshold(), "Set roomflux.agent.load-threshold to a load such as 0.7.");
    return AgentWorker.builder(details.url(), details.apiKey(), details.apiSecret())
        .agentName(agent.getName())
        .maxJobs(agent.getMaxJobs())
        .fullThreshold(agent.getLoadThreshold())
        .liveKit(liveKit)
        .roomOptions(roomOptions)
        .onJob(handler::handle)
        .build();
  }

  /**
   * Runs the worker with the application.
   *
   * @param worker the worker
   * @param properties the properties ({@code roomflux.agent.drain-timeout})
   * @return the lifecycle
   */
  @Bean
  @ConditionalOnMissingBean
  public AgentWorkerLifecycle roomFluxAgentWorkerLifecycle(AgentWorker worker, RoomFluxProperties properties) {
    return new AgentWorkerLifecycle(worker,
        PropertyChecks.notNegative(properties.getAgent().getDrainTimeout(), "roomflux.agent.drain-timeout"));
  }
}
