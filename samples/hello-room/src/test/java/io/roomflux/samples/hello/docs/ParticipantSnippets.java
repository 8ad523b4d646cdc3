package io.roomflux.samples.hello.docs;

import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.data.ChatMessage;
import io.roomflux.reactor.data.TranscriptionSegment;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.participant.TrackPermission;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.participant.TrackSource;
import io.roomflux.token.AccessToken;
import io.roomflux.token.VideoGrant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The code that docs/participants.md shows, between {@code tag::NAME[]} markers. */
final class ParticipantSnippets {
  private ParticipantSnippets() {}

  /** A join token that lets its bearer change its own name, metadata and attributes. */
  static String token(String apiKey, String apiSecret, String room) {
    // tag::token[]
    String token = AccessToken.builder().apiKey(apiKey).apiSecret(apiSecret).identity("alice")
        .videoGrant(VideoGrant.builder().roomJoin(true).room(room)
            .canPublish(true).canSubscribe(true).canPublishData(true)
            .canUpdateOwnMetadata(true)
            .build())
        .build().toJwt();
    // end::token[]
    return token;
  }

  /** Name, metadata and attributes of the local participant. */
  static Mono<Void> describeSelf(Room room) {
    // tag::self[]
    Mono<Void> updated = room.localParticipant().setName("Alice Liddell")
        .then(room.localParticipant().setMetadata("{\"avatar\":\"rabbit.png\"}"))
        .then(room.localParticipant().setAttributes(Map.of("role", "host", "status", "")));
    // end::self[]
    return updated;
  }

  /** Reads what the room knows about the others. */
  static String roster(Room room) {
    // tag::state[]
    StringBuilder roster = new StringBuilder();
    for (Participant p : room.remoteParticipants().values()) {
      roster.append(p.identity()).append(" (").append(p.name()).append(") role=")
          .append(p.attributes().getOrDefault("role", "-")).append('\n');
      for (TrackPublication publication : room.publications(p.identity()).values()) {
        roster.append("  ").append(publication.sid()).append(publication.track().isPresent() ? " subscribed" : "")
            .append('\n');
      }
    }
    // end::state[]
    return roster.toString();
  }

  /** Follows arrivals, departures and attribute changes. */
  static Flux<String> follow(Room room) {
    // tag::follow[]
    Flux<String> changes = room.events()
        .ofType(RoomEvent.ParticipantEvent.class)
        .map(event -> switch (event) {
          case RoomEvent.ParticipantConnected e -> e.participant().identity() + " joined";
          case RoomEvent.ParticipantDisconnected e -> e.participant().identity() + " left: " + e.reason();
          case RoomEvent.ParticipantAttributesChanged e -> e.identity() + " changed " + e.changed()
              + ", now " + e.attributes();
          default -> event.getClass().getSimpleName();
        });
    // end::follow[]
    return changes;
  }

  /** Sends a chat message and corrects it. */
  static Mono<ChatMessage> chat(Room room) {
    // tag::chat[]
    Mono<ChatMessage> corrected = room.localParticipant().sendChatMessage("helo, everyone", List.of())
        .flatMap(sent -> room.localParticipant().editChatMessage(sent, "hello, everyone", List.of()));
    // end::chat[]
    return corrected;
  }

  /** Receives chat messages. */
  static Flux<String> chatReceived(Room room) {
    // tag::chat-received[]
    Flux<String> lines = room.events()
        .ofType(RoomEvent.ChatMessageReceived.class)
        .map(e -> e.senderIdentity() + (e.message().editTimestamp().isPresent() ? " (edited): " : ": ")
            + e.message().message());
    // end::chat-received[]
    return lines;
  }

  /** Publishes a transcription of a speaker's track. */
  static Mono<Void> transcribe(Room agent, String speaker, String trackSid) {
    // tag::transcription[]
    TranscriptionSegment segment = new TranscriptionSegment("seg-1", "good morning",
        Duration.ofMillis(1_200), Duration.ofMillis(2_050), true, "en");
    Mono<Void> published = agent.localParticipant().publishTranscription(speaker, trackSid, List.of(segment));
    // end::transcription[]
    return published;
  }

  /** Sends a DTMF tone. */
  static Mono<Void> dtmf(Room room) {
    // tag::dtmf[]
    Mono<Void> pressed = room.localParticipant().publishSipDtmf(11, "#", List.of("ivr"));
    // end::dtmf[]
    return pressed;
  }

  /** Hears DTMF tones. */
  static Flux<String> dtmfReceived(Room room) {
    // tag::dtmf-received[]
    Flux<String> digits = room.events()
        .ofType(RoomEvent.SipDtmfReceived.class)
        .map(e -> e.digit().orElse(String.valueOf(e.code())));
    // end::dtmf-received[]
    return digits;
  }

  /** Lets only bob subscribe, and only to one track. */
  static Mono<Void> permissions(Room room, String cameraSid) {
    // tag::permissions[]
    Mono<Void> restricted = room.localParticipant()
        .setTrackSubscriptionPermissions(false, Map.of("bob", TrackPermission.tracks(cameraSid)));
    Mono<Void> open = room.localParticipant().setTrackSubscriptionPermissions(true, Map.of());
    // end::permissions[]
    return restricted.then(open);
  }

  /** Reads the session statistics. */
  static Mono<String> stats(Room room) {
    // tag::stats[]
    Mono<String> summary = room.sessionStats().map(s ->
        s.bytesSent() + " bytes out, " + s.bytesReceived() + " in, " + s.dataMessagesSent() + " data messages sent"
            + s.roundTripTime().map(rtt -> ", rtt " + rtt.toMillis() + " ms").orElse(""));
    // end::stats[]
    return summary;
  }

  /** Subscribes by hand to the first microphone another participant publishes. */
  static Mono<Void> subscribeToMicrophones(Room room) {
    // tag::subscribe[]
    // Joined with RoomOptions.builder().autoSubscribe(false): nothing is received until asked for.
    Mono<Void> subscribed = room.events()
        .ofType(RoomEvent.TrackPublished.class)
        .filter(e -> e.publication().source() == TrackSource.MICROPHONE)
        .next()
        .flatMap(e -> room.subscriptions().subscribe(e.publication().sid()));
    // end::subscribe[]
    return subscribed;
  }
}
