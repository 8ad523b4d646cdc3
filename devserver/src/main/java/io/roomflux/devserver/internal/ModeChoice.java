package io.roomflux.devserver.internal;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides where livekit-server runs: in the test network namespace this JVM was started in (by
 * {@code netns-java}, which exports {@code ROOMFLUX_NODE_IP} and {@code ROOMFLUX_NETNS_NAME}), or
 * in the machine's own network. {@code ROOMFLUX_NETNS} ({@code auto} by default, {@code on},
 * {@code off}) says whether a namespace is required, forbidden or taken when there is one.
 * Stateless; thread-safe.
 */
public final class ModeChoice {
  /** The interface {@code netns-java} puts the node IP on. */
  public static final String INTERFACE = "lk0";

  private ModeChoice() {}

  /** What the choice looks at, injectable for tests. */
  public interface Probes {
    /**
     * An environment variable.
     *
     * @param name its name
     * @return its value, empty if unset or empty
     */
    Optional<String> env(String name);

    /**
     * Tells whether a network interface of this JVM's namespace carries an address.
     *
     * @param interfaceName the interface
     * @param ip the address
     * @return whether it exists and has that address
     */
    boolean interfaceHasAddress(String interfaceName, String ip);

    /**
     * The real environment and network interfaces.
     *
     * @return probes of this JVM
     */
    static Probes system() {
      return of(name -> Optional.ofNullable(System.getenv(name)).filter(value -> !value.isEmpty()));
    }

    /**
     * The given environment and this JVM's network interfaces.
     *
     * @param env the environment
     * @return probes
     */
    static Probes of(Function<String, Optional<String>> env) {
      return new Probes() {
        @Override
        public Optional<String> env(String name) {
          return env.apply(name);
        }

        @Override
        public boolean interfaceHasAddress(String interfaceName, String ip) {
          try {
            NetworkInterface nif = NetworkInterface.getByName(interfaceName);
            return nif != null && Collections.list(nif.getInetAddresses()).stream()
                .map(InetAddress::getHostAddress).anyMatch(ip::equals);
          } catch (SocketException e) {
            return false;
          }
        }
      };
    }
  }

  /**
   * The outcome.
   *
   * @param namespace the namespace's name and node IP, or empty for plain mode
   * @param reason why, for the log
   */
  public record Outcome(Optional<Namespace> namespace, String reason) {}

  /**
   * A namespace to run in.
   *
   * @param name its name as {@code ip netns} lists it
   * @param nodeIp the address on {@link #INTERFACE}
   */
  public record Namespace(String name, String nodeIp) {}

  /**
   * Chooses.
   *
   * @param probes what to look at
   * @return namespace or plain mode, and why
   * @throws IllegalStateException if {@code ROOMFLUX_NETNS=on} but this JVM is not in a test
   *     namespace, or {@code ROOMFLUX_NETNS} has another value than auto, on or off
   */
  public static Outcome choose(Probes probes) {
    String setting = probes.env("ROOMFLUX_NETNS").orElse("auto");
    if (!setting.equals("auto") && !setting.equals("on") && !setting.equals("off")) {
      throw new IllegalStateException("ROOMFLUX_NETNS=" + setting + ": expected on, off or auto");
    }
    if (setting.equals("off")) {
      return plain("ROOMFLUX_NETNS=off");
    }
    Optional<String> nodeIp = probes.env("ROOMFLUX_NODE_IP");
    if (nodeIp.isEmpty()) {
      return plainUnlessRequired(setting,
          "this JVM was not started in a test network namespace (no ROOMFLUX_NODE_IP; netns-java sets it)");
    }
    if (!probes.interfaceHasAddress(INTERFACE, nodeIp.get())) {
      return plainUnlessRequired(setting,
          "ROOMFLUX_NODE_IP=" + nodeIp.get() + " but no interface " + INTERFACE + " here carries it");
    }
    String name = probes.env("ROOMFLUX_NETNS_NAME").orElse("(unnamed)");
    return new Outcome(Optional.of(new Namespace(name, nodeIp.get())),
        "this JVM runs in test network namespace " + name);
  }

  private static Outcome plainUnlessRequired(String setting, String why) {
    if (setting.equals("on")) {
      throw new IllegalStateException("ROOMFLUX_NETNS=on requires a test network namespace, but " + why
          + ": start the JVM through netns-java (as root, with iproute2's ip)");
    }
    return plain(why);
  }

  private static Outcome plain(String why) {
    return new Outcome(Optional.empty(), why);
  }
}
