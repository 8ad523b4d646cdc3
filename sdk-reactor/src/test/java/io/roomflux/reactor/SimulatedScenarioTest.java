package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.proto.SimulateScenarioKind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every scenario kind of the core's protocol has exactly one {@link SimulatedScenario}. */
class SimulatedScenarioTest {
  @Test
  void eachScenarioNamesItsOwnKindAndEveryKindIsCovered() {
    assertThat(Arrays.stream(SimulatedScenario.values()).map(SimulatedScenario::toProto))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrder(SimulateScenarioKind.values());
    assertThat(SimulatedScenario.SIGNAL_RECONNECT.toProto()).isEqualTo(SimulateScenarioKind.SIMULATE_SIGNAL_RECONNECT);
    assertThat(SimulatedScenario.FULL_RECONNECT.toProto()).isEqualTo(SimulateScenarioKind.SIMULATE_FULL_RECONNECT);
  }
}
