package io.roomflux.reactor.internal.wire;

import io.roomflux.reactor.SimulatedScenario;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.proto.SimulateScenarioKind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every scenario kind of the core's protocol has exactly one {@link SimulatedScenario}. */
class SimulatedScenarioTest {
  @Test
  void eachScenarioNamesItsOwnKindAndEveryKindIsCovered() {
    assertThat(Arrays.stream(SimulatedScenario.values()).map(RoomWire::toProto))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrder(SimulateScenarioKind.values());
    assertThat(RoomWire.toProto(SimulatedScenario.SIGNAL_RECONNECT)).isEqualTo(SimulateScenarioKind.SIMULATE_SIGNAL_RECONNECT);
    assertThat(RoomWire.toProto(SimulatedScenario.FULL_RECONNECT)).isEqualTo(SimulateScenarioKind.SIMULATE_FULL_RECONNECT);
  }
}
