package io.roomflux.agents;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A worker's answer to an availability request: decline, or accept with the identity, name,
 * metadata and attributes of the agent participant the server mints a token for. Immutable.
 */
public final class JobDecision {
  private static final JobDecision DECLINE = new JobDecision(false, Optional.empty(), "", "", Map.of());

  private final boolean accepted;
  private final Optional<String> identity;
  private final String name;
  private final String metadata;
  private final Map<String, String> attributes;

  private JobDecision(boolean accepted, Optional<String> identity, String name, String metadata,
                      Map<String, String> attributes) {
    this.accepted = accepted;
    this.identity = identity;
    this.name = name;
    this.metadata = metadata;
    this.attributes = Map.copyOf(attributes);
  }

  /**
   * Accepts the job; the agent joins as {@code agent-<job id>}.
   *
   * @return the decision
   */
  public static JobDecision accept() {
    return new JobDecision(true, Optional.empty(), "", "", Map.of());
  }

  /**
   * Accepts the job with the agent participant's identity.
   *
   * @param identity the identity, not empty
   * @return the decision
   */
  public static JobDecision accept(String identity) {
    if (identity.isEmpty()) {
      throw new IllegalArgumentException("identity must not be empty");
    }
    return new JobDecision(true, Optional.of(identity), "", "", Map.of());
  }

  /**
   * Declines the job: the server offers it to another worker.
   *
   * @return the decision
   */
  public static JobDecision decline() {
    return DECLINE;
  }

  /**
   * This decision with the agent participant's display name.
   *
   * @param value the name
   * @return a new decision
   */
  public JobDecision withName(String value) {
    requireAccepted();
    return new JobDecision(true, identity, Objects.requireNonNull(value, "name"), metadata, attributes);
  }

  /**
   * This decision with the agent participant's metadata.
   *
   * @param value the metadata
   * @return a new decision
   */
  public JobDecision withMetadata(String value) {
    requireAccepted();
    return new JobDecision(true, identity, name, Objects.requireNonNull(value, "metadata"), attributes);
  }

  /**
   * This decision with the agent participant's attributes.
   *
   * @param value the attributes
   * @return a new decision
   */
  public JobDecision withAttributes(Map<String, String> value) {
    requireAccepted();
    return new JobDecision(true, identity, name, metadata, value);
  }

  /**
   * Whether the job is accepted.
   *
   * @return true if accepted
   */
  public boolean accepted() {
    return accepted;
  }

  /**
   * The agent participant's identity, if chosen.
   *
   * @return the identity
   */
  public Optional<String> identity() {
    return identity;
  }

  /**
   * The agent participant's name, empty for none.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The agent participant's metadata, empty for none.
   *
   * @return the metadata
   */
  public String metadata() {
    return metadata;
  }

  /**
   * The agent participant's attributes.
   *
   * @return the attributes
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  private void requireAccepted() {
    if (!accepted) {
      throw new IllegalStateException("a declined job has no participant");
    }
  }

  @Override
  public String toString() {
    return accepted ? "JobDecision[accept " + identity.orElse("agent-<job>") + "]" : "JobDecision[decline]";
  }
}
