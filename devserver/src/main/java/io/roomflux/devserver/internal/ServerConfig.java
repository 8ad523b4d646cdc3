package io.roomflux.devserver.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * livekit-server's YAML configuration: the kit's own settings (ports, keys, loopback binding,
 * STUN pointing nowhere, the namespace's interface) with the caller's YAML merged over them.
 * Immutable; thread-safe.
 *
 * @param port the HTTP/WebSocket port
 * @param rtcTcpPort the ICE/TCP port
 * @param rtcUdpPort the ICE/UDP port (one port for all)
 * @param apiKey the API key
 * @param apiSecret its secret
 * @param nodeIp the address to announce for media, and the interface to gather on; empty in plain mode
 * @param redisAddress Redis as {@code host:port}; empty for a single node
 * @param extraYaml YAML documents merged over the kit's settings, in order
 */
public record ServerConfig(
    int port,
    int rtcTcpPort,
    int rtcUdpPort,
    String apiKey,
    String apiSecret,
    Optional<NodeAddress> nodeIp,
    Optional<String> redisAddress,
    List<String> extraYaml) {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /**
   * The address media is announced on and the interface that carries it.
   *
   * @param ip an IPv4 address
   * @param interfaceName the interface ICE candidates are gathered on
   */
  public record NodeAddress(String ip, String interfaceName) {}

  /** Copies the list. */
  public ServerConfig {
    extraYaml = List.copyOf(extraYaml);
  }

  /**
   * The kit's own settings, before the caller's YAML.
   *
   * @return a mutable tree of maps, lists and scalars
   */
  public Map<String, Object> base() {
    Map<String, Object> rtc = new LinkedHashMap<>();
    rtc.put("tcp_port", rtcTcpPort);
    rtc.put("udp_port", rtcUdpPort);
    // Never Google's or Twilio's STUN servers: nothing leaves the machine.
    rtc.put("stun_servers", List.of("127.0.0.1:3478"));
    rtc.put("use_external_ip", false);
    nodeIp.ifPresent(node -> {
      rtc.put("node_ip", node.ip());
      rtc.put("interfaces", Map.of("includes", List.of(node.interfaceName())));
    });
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("port", port);
    config.put("bind_addresses", List.of("127.0.0.1"));
    config.put("rtc", rtc);
    config.put("keys", Map.of(apiKey, apiSecret));
    redisAddress.ifPresent(address -> config.put("redis", Map.of("address", address)));
    return config;
  }

  /**
   * The configuration file's text: {@link #base()} with each of {@link #extraYaml()} merged over it.
   *
   * @return YAML
   * @throws IllegalArgumentException if an extra document is not YAML or not a mapping
   */
  public String toYaml() {
    Map<String, Object> config = base();
    for (String extra : extraYaml) {
      config = merge(config, parse(extra));
    }
    return YAML.writeValueAsString(config);
  }

  /**
   * Parses a YAML mapping.
   *
   * @param yaml the text; blank means an empty mapping
   * @return its tree
   * @throws IllegalArgumentException if it is not YAML or its top level is not a mapping
   */
  public static Map<String, Object> parse(String yaml) {
    if (yaml.isBlank()) {
      return Map.of();
    }
    try {
      JsonNode tree = YAML.readTree(yaml);
      if (tree.isMissingNode() || tree.isNull()) {
        return Map.of();
      }
      if (!tree.isObject()) {
        throw new IllegalArgumentException("the server configuration must be a YAML mapping, not: " + yaml);
      }
      return YAML.convertValue(tree, MAP);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not valid YAML: " + yaml + " (" + e.getOriginalMessage() + ")", e);
    }
  }

  /**
   * Merges {@code over} into {@code under}: mappings merge key by key, recursively; anything
   * else (scalars, lists) in {@code over} replaces what {@code under} had.
   *
   * @param under the base
   * @param over what wins
   * @return a new tree; the arguments are not changed
   */
  public static Map<String, Object> merge(Map<String, Object> under, Map<String, Object> over) {
    Map<String, Object> merged = new LinkedHashMap<>(under);
    over.forEach((key, value) -> {
      Object old = merged.get(key);
      if (old instanceof Map<?, ?> oldMap && value instanceof Map<?, ?> newMap) {
        merged.put(key, merge(stringKeys(oldMap), stringKeys(newMap)));
      } else {
        merged.put(key, value);
      }
    });
    return merged;
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(String.valueOf(key), value));
    return copy;
  }
}
