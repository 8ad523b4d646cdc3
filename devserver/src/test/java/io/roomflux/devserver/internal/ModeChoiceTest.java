package io.roomflux.devserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModeChoiceTest {

  /** Probes with this environment and, if {@code lk0Ip} is not null, lk0 carrying that address. */
  private static ModeChoice.Probes probes(Map<String, String> env, String lk0Ip) {
    return new ModeChoice.Probes() {
      @Override
      public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name));
      }

      @Override
      public boolean interfaceHasAddress(String interfaceName, String ip) {
        return interfaceName.equals("lk0") && ip.equals(lk0Ip);
      }
    };
  }

  @Test
  void aJvmStartedByNetnsJavaRunsTheServerInItsNamespace() {
    ModeChoice.Outcome outcome = ModeChoice.choose(probes(
        Map.of("ROOMFLUX_NODE_IP", "10.77.0.1", "ROOMFLUX_NETNS_NAME", "roomflux-1-ab"), "10.77.0.1"));

    assertThat(outcome.namespace()).contains(new ModeChoice.Namespace("roomflux-1-ab", "10.77.0.1"));
    assertThat(outcome.reason()).contains("roomflux-1-ab");
  }

  @Test
  void withoutANamespaceAutoFallsBackToPlainModeAndSaysWhy() {
    ModeChoice.Outcome outcome = ModeChoice.choose(probes(Map.of(), "unused"));

    assertThat(outcome.namespace()).isEmpty();
    assertThat(outcome.reason()).contains("not started in a test network namespace");
  }

  @Test
  void aNodeIpThatNoInterfaceCarriesFallsBackToPlainMode() {
    // ROOMFLUX_NODE_IP inherited by a process outside the namespace: lk0 is not there.
    ModeChoice.Outcome outcome = ModeChoice.choose(probes(Map.of("ROOMFLUX_NODE_IP", "10.77.0.1"), "no-lk0"));

    assertThat(outcome.namespace()).isEmpty();
    assertThat(outcome.reason()).contains("no interface lk0");
  }

  @Test
  void offMeansPlainModeEvenInsideANamespace() {
    ModeChoice.Outcome outcome = ModeChoice.choose(probes(
        Map.of("ROOMFLUX_NETNS", "off", "ROOMFLUX_NODE_IP", "10.77.0.1"), "10.77.0.1"));

    assertThat(outcome.namespace()).isEmpty();
    assertThat(outcome.reason()).isEqualTo("ROOMFLUX_NETNS=off");
  }

  @Test
  void onRefusesToFallBackWhenThereIsNoNamespace() {
    assertThatThrownBy(() -> ModeChoice.choose(probes(Map.of("ROOMFLUX_NETNS", "on"), "unused")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ROOMFLUX_NETNS=on")
        .hasMessageContaining("netns-java");
    assertThatThrownBy(() -> ModeChoice.choose(probes(
        Map.of("ROOMFLUX_NETNS", "on", "ROOMFLUX_NODE_IP", "10.77.0.1"), "other")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no interface lk0");
  }

  @Test
  void onTakesTheNamespaceWhenThereIsOne() {
    ModeChoice.Outcome outcome = ModeChoice.choose(probes(
        Map.of("ROOMFLUX_NETNS", "on", "ROOMFLUX_NODE_IP", "10.77.0.1"), "10.77.0.1"));

    assertThat(outcome.namespace()).contains(new ModeChoice.Namespace("(unnamed)", "10.77.0.1"));
  }

  @Test
  void anUnknownSettingIsAnError() {
    assertThatThrownBy(() -> ModeChoice.choose(probes(Map.of("ROOMFLUX_NETNS", "yes"), "unused")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected on, off or auto");
  }
}
