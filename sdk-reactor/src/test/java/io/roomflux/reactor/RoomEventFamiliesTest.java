package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every room event is in exactly one sealed family, so a switch over a family can be exhaustive. */
class RoomEventFamiliesTest {
  private static final List<Class<?>> FAMILIES = List.of(RoomEvent.ConnectionEvent.class,
      RoomEvent.RoomChangeEvent.class, RoomEvent.ParticipantEvent.class, RoomEvent.TrackEvent.class,
      RoomEvent.DataEvent.class, RoomEvent.EncryptionEvent.class);

  @Test
  void roomEventPermitsOnlyTheSixFamilies() {
    assertThat(RoomEvent.class.getPermittedSubclasses()).containsExactlyInAnyOrderElementsOf(FAMILIES);
  }

  @Test
  void everyEventRecordIsInExactlyOneFamily() {
    List<Class<?>> records = Arrays.stream(RoomEvent.class.getDeclaredClasses()).filter(Class::isRecord).toList();
    assertThat(records).hasSize(39);
    for (Class<?> event : records) {
      assertThat(FAMILIES.stream().filter(f -> f.isAssignableFrom(event)))
          .as("families of %s", event.getSimpleName()).hasSize(1);
    }
  }

  @Test
  void aSwitchOverOneFamilyIsExhaustiveWithoutADefault() {
    RoomEvent.ConnectionEvent event = new RoomEvent.Disconnected(DisconnectReason.CLIENT_INITIATED);
    String kind = switch (event) {
      case RoomEvent.ConnectionStateChanged c -> "state";
      case RoomEvent.Reconnecting r -> "reconnecting";
      case RoomEvent.Reconnected r -> "reconnected";
      case RoomEvent.Disconnected d -> "disconnected";
    };
    assertThat(kind).isEqualTo("disconnected");
  }
}
