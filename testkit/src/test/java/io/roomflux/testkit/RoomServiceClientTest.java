package io.roomflux.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.devserver.LiveKitDevServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@LiveKitIntegrationTest
class RoomServiceClientTest {

  private static String uniqueRoom() {
    return "room-" + UUID.randomUUID();
  }

  @Test
  void createdRoomIsListed(RoomServiceClient rooms) {
    String name = uniqueRoom();

    rooms.createRoom(name);

    assertThat(rooms.listRooms()).contains(name);
  }

  @Test
  void deletedRoomIsNoLongerListed(RoomServiceClient rooms) {
    String name = uniqueRoom();
    rooms.createRoom(name);

    rooms.deleteRoom(name);

    assertThat(rooms.listRooms()).doesNotContain(name);
  }

  @Test
  void newRoomHasNoParticipants(RoomServiceClient rooms) {
    String name = uniqueRoom();
    rooms.createRoom(name);

    assertThat(rooms.listParticipants(name)).isEmpty();
  }

  @Test
  void removingAnAbsentParticipantFailsWithNotFound(RoomServiceClient rooms) {
    String name = uniqueRoom();
    rooms.createRoom(name);

    assertThatThrownBy(() -> rooms.removeParticipant(name, "nobody"))
        .isInstanceOfSatisfying(
            RoomServiceException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.code()).isEqualTo("not_found");
            });
  }

  @Test
  void deletingAnUnknownRoomFailsWithNotFound(RoomServiceClient rooms) {
    assertThatThrownBy(() -> rooms.deleteRoom(uniqueRoom()))
        .isInstanceOfSatisfying(RoomServiceException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
  }

  @Test
  void callsSignedWithTheWrongSecretAreRejected(LiveKitDevServer server) {
    RoomServiceClient wrong = RoomServiceClient.create(server.httpUrl(), server.apiKey(), "not-the-secret");

    assertThatThrownBy(wrong::listRooms)
        .isInstanceOfSatisfying(
            RoomServiceException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.code()).isEqualTo("http_401");
            });
  }
}
