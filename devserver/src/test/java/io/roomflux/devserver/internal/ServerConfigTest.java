package io.roomflux.devserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

  private static ServerConfig config(Optional<ServerConfig.NodeAddress> node, Optional<String> redis, String... extra) {
    return new ServerConfig(7880, 7881, 7882, "devkey", "secret", node, redis, List.of(extra));
  }

  @Test
  void plainModeBindsLoopbackAndPointsStunNowhere() {
    Map<String, Object> tree = ServerConfig.parse(config(Optional.empty(), Optional.empty()).toYaml());

    assertThat(tree).containsEntry("port", 7880)
        .containsEntry("bind_addresses", List.of("127.0.0.1"))
        .containsEntry("keys", Map.of("devkey", "secret"))
        .doesNotContainKey("redis");
    assertThat(tree.get("rtc")).isEqualTo(Map.of("tcp_port", 7881, "udp_port", 7882,
        "stun_servers", List.of("127.0.0.1:3478"), "use_external_ip", false));
  }

  @Test
  void namespaceModeAnnouncesTheNodeIpAndGathersOnItsInterfaceOnly() {
    Map<String, Object> tree = ServerConfig.parse(
        config(Optional.of(new ServerConfig.NodeAddress("10.77.0.1", "lk0")), Optional.of("127.0.0.1:6379")).toYaml());

    @SuppressWarnings("unchecked")
    Map<String, Object> rtc = (Map<String, Object>) tree.get("rtc");
    assertThat(rtc).containsEntry("node_ip", "10.77.0.1")
        .containsEntry("interfaces", Map.of("includes", List.of("lk0")));
    assertThat(tree).containsEntry("redis", Map.of("address", "127.0.0.1:6379"));
  }

  @Test
  void extraYamlMergesMappingsKeyByKeyAndReplacesEverythingElse() {
    String yaml = config(Optional.empty(), Optional.empty(),
        "webhook: {api_key: devkey, urls: ['http://127.0.0.1:9/hook']}",
        "rtc: {tcp_port: 9881, stun_servers: []}\nroom: {empty_timeout: 5}",
        "room: {departure_timeout: 1}").toYaml();

    Map<String, Object> tree = ServerConfig.parse(yaml);
    assertThat(tree).containsEntry("webhook", Map.of("api_key", "devkey", "urls", List.of("http://127.0.0.1:9/hook")))
        .containsEntry("room", Map.of("empty_timeout", 5, "departure_timeout", 1))
        .containsEntry("port", 7880);
    assertThat(tree.get("rtc")).isEqualTo(Map.of("tcp_port", 9881, "udp_port", 7882,
        "stun_servers", List.of(), "use_external_ip", false));
  }

  @Test
  void mergeLeavesItsArgumentsAlone() {
    Map<String, Object> under = Map.of("a", Map.of("b", 1));
    Map<String, Object> over = Map.of("a", Map.of("c", 2));

    assertThat(ServerConfig.merge(under, over)).isEqualTo(Map.of("a", Map.of("b", 1, "c", 2)));
    assertThat(under).isEqualTo(Map.of("a", Map.of("b", 1)));
  }

  @Test
  void blankYamlIsAnEmptyMappingAndAnythingButAMappingIsRefused() {
    assertThat(ServerConfig.parse("  \n")).isEmpty();
    assertThat(ServerConfig.parse("# only a comment\n")).isEmpty();
    assertThatThrownBy(() -> ServerConfig.parse("- a\n- b\n")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a YAML mapping");
    assertThatThrownBy(() -> ServerConfig.parse("a: [unclosed")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid YAML");
  }
}
