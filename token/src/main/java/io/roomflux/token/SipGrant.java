package io.roomflux.token;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code sip} claim of a LiveKit access token: whether its bearer may manage SIP trunks and
 * dispatch rules ({@code admin}) and place or transfer calls ({@code call}). Only the permissions
 * set on the {@link Builder} are written. Immutable and thread-safe.
 */
public final class SipGrant {

  private final Map<String, Object> claim;

  private SipGrant(Map<String, Object> claim) {
    this.claim = Collections.unmodifiableMap(new LinkedHashMap<>(claim));
  }

  /**
   * Reads a grant back from a verified token's claim, keeping every permission it carries.
   *
   * @param claim the claim as parsed from the JWT
   * @return the grant
   */
  static SipGrant fromClaim(Map<String, Object> claim) {
    return new SipGrant(claim);
  }

  /**
   * Starts a grant with no permission set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the grant as LiveKit reads it: {@code admin} and {@code call}, when set.
   *
   * @return an unmodifiable map
   */
  public Map<String, Object> toClaim() {
    return claim;
  }

  /**
   * Tells whether the bearer may manage SIP trunks and dispatch rules.
   *
   * @return the {@code admin} permission, {@code false} when not set
   */
  public boolean admin() {
    return Boolean.TRUE.equals(claim.get("admin"));
  }

  /**
   * Tells whether the bearer may place and transfer SIP calls.
   *
   * @return the {@code call} permission, {@code false} when not set
   */
  public boolean call() {
    return Boolean.TRUE.equals(claim.get("call"));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SipGrant grant && claim.equals(grant.claim);
  }

  @Override
  public int hashCode() {
    return claim.hashCode();
  }

  @Override
  public String toString() {
    return "SipGrant" + claim;
  }

  /** Collects the permissions of a {@link SipGrant}. Not thread-safe; use it from one thread. */
  public static final class Builder {
    private final Map<String, Object> claim = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Allows or forbids managing SIP trunks and dispatch rules.
     *
     * @param value the permission
     * @return this builder
     */
    public Builder admin(boolean value) {
      claim.put("admin", value);
      return this;
    }

    /**
     * Allows or forbids placing and transferring SIP calls.
     *
     * @param value the permission
     * @return this builder
     */
    public Builder call(boolean value) {
      claim.put("call", value);
      return this;
    }

    /**
     * Builds the grant from the permissions set so far.
     *
     * @return the immutable grant
     */
    public SipGrant build() {
      return new SipGrant(claim);
    }
  }
}
