package io.roomflux.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.DisconnectReason;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioSource;
import io.roomflux.reactor.media.Media;
import io.roomflux.reactor.media.AudioSourceOptions;
import io.roomflux.reactor.media.LocalAudioTrack;
import io.roomflux.reactor.media.TrackPublishOptions;
import io.roomflux.server.internal.TwirpTransport;
import io.roomflux.server.proto.CreateAgentDispatchRequest;
import io.roomflux.server.proto.CreateRoomRequest;
import io.roomflux.server.proto.DataPacket;
import io.roomflux.server.proto.DeleteAgentDispatchRequest;
import io.roomflux.server.proto.ListAgentDispatchRequest;
import io.roomflux.server.proto.ListEgressRequest;
import io.roomflux.server.proto.ListIngressRequest;
import io.roomflux.server.proto.ListParticipantsRequest;
import io.roomflux.server.proto.ListParticipantsResponse;
import io.roomflux.server.proto.ListSIPInboundTrunkRequest;
import io.roomflux.server.proto.MuteRoomTrackRequest;
import io.roomflux.server.proto.ParticipantInfo;
import io.roomflux.server.proto.PerformRpcRequest;
import io.roomflux.server.proto.SendDataRequest;
import io.roomflux.server.proto.UpdateParticipantRequest;
import io.roomflux.server.proto.UpdateRoomMetadataRequest;
import io.roomflux.server.proto.UpdateSubscriptionsRequest;
import io.roomflux.testkit.LiveKitIntegrationTest;
import io.roomflux.token.VideoGrant;
import com.google.protobuf.ByteString;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Every RoomService method of livekit-server v1.13.5 through {@link ServerApi}, each with its
 * effect observed by RoomFlux participants in the room; the server's Twirp errors as typed
 * exceptions; AgentDispatch, and the Egress, Ingress and SIP services that do not run here.
 */
@LiveKitIntegrationTest
class RoomServiceIntegrationTest {
  /** Media resources on the process\'s core (handles are process-wide). */
  private static final Media MEDIA = LiveKit.create().media();
  private static final Duration IO = Duration.ofSeconds(30);

  private final LiveKitDevServer server;
  private ServerApi api;
  private LiveKit lk;
  private String room;

  RoomServiceIntegrationTest(LiveKitDevServer server) {
    this.server = server;
  }

  @BeforeEach
  void setUp() {
    api = ServerApi.builder(server.httpUrl().toString(), server.apiKey(), server.apiSecret()).timeout(Duration.ofSeconds(20)).build();
    lk = LiveKit.create();
    room = "server-api-" + UUID.randomUUID();
  }

  @AfterEach
  void releaseEverything() {
    try {
      lk.closeRooms().block(IO);
      assertThat(lk.diagnostics().liveHandlesByKind()).as("live handles after the test").isEmpty();
      assertThat(lk.diagnostics().liveHandles()).isZero();
    } finally {
      api.close();
    }
  }

  private Room join(String identity) {
    return join(identity, RoomOptions.defaults());
  }

  private Room join(String identity, RoomOptions options) {
    Room joined = lk.connect(server.url().toString(), server.token(identity, room), options).block(IO);
    assertThat(joined).isNotNull();
    return joined;
  }

  /** A published microphone track fed with silent 10 ms frames; closing stops the feed and releases track and source. */
  private record Microphone(TrackPublication publication, Disposable feed, AudioSource source, LocalAudioTrack track)
      implements AutoCloseable {
    @Override
    public void close() {
      feed.dispose();
      Mono.when(track.closeLater(), source.closeLater()).block(IO);
    }

    static Microphone publish(Room room) {
      AudioSource source = MEDIA.audioSource(AudioSourceOptions.of(48_000, 1).withQueueSize(Duration.ofMillis(100)));
      LocalAudioTrack track = MEDIA.audioTrack("mic", source);
      TrackPublication publication = room.localParticipant().publishTrack(track, TrackPublishOptions.microphone()).block(IO);
      assertThat(publication).isNotNull();
      Flux<AudioFrame> frames = Flux.generate(sink -> sink.next(AudioFrame.of(new short[480], 48_000, 1)));
      return new Microphone(publication, source.capture(frames).subscribe(), source, track);
    }
  }

  @Test
  void removeParticipantDisconnectsItWithParticipantRemoved() {
    Room alice = join("alice");

    StepVerifier.create(alice.events().ofType(RoomEvent.Disconnected.class))
        .then(() -> api.roomService().removeParticipant(room, "alice").block(IO))
        .expectNext(new RoomEvent.Disconnected(DisconnectReason.PARTICIPANT_REMOVED))
        .expectComplete()
        .verify(IO);
    StepVerifier.create(alice.onClose()).expectComplete().verify(IO);
  }

  @Test
  void mutePublishedTrackIsSeenAsTrackMutedByTheOtherParticipant() {
    Room alice = join("alice");
    Room bob = join("bob");
    try (Microphone mic = Microphone.publish(alice)) {
      StepVerifier.create(bob.events().ofType(RoomEvent.TrackMuted.class).next())
          .then(() -> assertThat(api.roomService().mutePublishedTrack(MuteRoomTrackRequest.newBuilder()
                  .setRoom(room).setIdentity("alice").setTrackSid(mic.publication().sid()).setMuted(true).build())
              .block(IO).getTrack().getMuted()).isTrue())
          .expectNext(new RoomEvent.TrackMuted("alice", mic.publication().sid()))
          .expectComplete()
          .verify(IO);
    }
  }

  @Test
  void sendDataReachesTheParticipantsWithItsTopic() {
    Room bob = join("bob");

    StepVerifier.create(bob.events().ofType(RoomEvent.DataReceived.class).next())
        .then(() -> api.roomService().sendData(SendDataRequest.newBuilder().setRoom(room)
            .setData(ByteString.copyFromUtf8("from the server")).setKind(DataPacket.Kind.RELIABLE)
            .setTopic("server-news").build()).block(IO))
        .assertNext(received -> {
          assertThat(received.packet().topic()).contains("server-news");
          assertThat(StandardCharsets.UTF_8.decode(received.packet().payload()).toString()).isEqualTo("from the server");
        })
        .expectComplete()
        .verify(IO);
  }

  @Test
  void updateRoomMetadataIsSeenAsRoomMetadataChanged() {
    Room alice = join("alice");

    StepVerifier.create(alice.events().ofType(RoomEvent.RoomMetadataChanged.class).next())
        .then(() -> assertThat(api.roomService().updateRoomMetadata(UpdateRoomMetadataRequest.newBuilder()
            .setRoom(room).setMetadata("{\"topic\":\"launch\"}").build()).block(IO).getMetadata())
            .isEqualTo("{\"topic\":\"launch\"}"))
        .expectNext(new RoomEvent.RoomMetadataChanged("{\"topic\":\"launch\"}"))
        .expectComplete()
        .verify(IO);
  }

  @Test
  void updateParticipantChangesNameMetadataAndAttributesAsTheOthersSee() {
    join("alice");
    Room bob = join("bob");

    Mono<Set<String>> seen = bob.events()
        .filter(e -> e instanceof RoomEvent.ParticipantNameChanged n && n.identity().equals("alice") && n.name().equals("Alice A.")
            || e instanceof RoomEvent.ParticipantMetadataChanged m && m.identity().equals("alice") && m.metadata().equals("vip")
            || e instanceof RoomEvent.ParticipantAttributesChanged a && a.identity().equals("alice")
                && "blue".equals(a.attributes().get("team")))
        .map(e -> e.getClass().getSimpleName())
        .scan(Set.<String>of(), (all, name) -> java.util.stream.Stream.concat(all.stream(), java.util.stream.Stream.of(name))
            .collect(Collectors.toUnmodifiableSet()))
        .filter(all -> all.size() == 3)
        .next();
    StepVerifier.create(seen)
        .then(() -> {
          ParticipantInfo updated = api.roomService().updateParticipant(UpdateParticipantRequest.newBuilder().setRoom(room)
              .setIdentity("alice").setName("Alice A.").setMetadata("vip").putAttributes("team", "blue").build()).block(IO);
          assertThat(updated.getName()).isEqualTo("Alice A.");
          assertThat(updated.getAttributesMap()).containsEntry("team", "blue");
        })
        .expectNext(Set.of("ParticipantNameChanged", "ParticipantMetadataChanged", "ParticipantAttributesChanged"))
        .expectComplete()
        .verify(IO);
    assertThat(bob.remoteParticipants().get("alice").name()).isEqualTo("Alice A.");
  }

  /**
   * What each side does (livekit-server v1.13.5, the client core of livekit/rust-sdks):
   *
   * <ul>
   *   <li>Server: {@code RoomService.UpdateSubscriptions} (pkg/service/roomservice.go) goes over
   *       psrpc to {@code RoomManager.UpdateSubscriptions} (pkg/service/roommanager.go), which calls
   *       {@code Room.UpdateSubscriptions} (pkg/rtc/room.go): {@code UnsubscribeFromTrack} /
   *       {@code SubscribeToTrack} per track sid. Those only set the subscription's desired state
   *       and queue a reconcile (pkg/rtc/subscriptionmanager.go); the call answers at once. The
   *       reconcile worker then removes the down track ({@code RemoveSubscriber}), and
   *       {@code handleSubscribedTrackClose} removes the RTP sender and renegotiates. No signal
   *       message tells the subscriber: it only gets a new SDP offer without that sender.
   *   <li>Client: the core emits {@code TrackUnsubscribed} only from
   *       {@code RemoteTrackPublication.set_track} (livekit/src/room/publication/remote.rs), called
   *       when the track is unpublished or the participant leaves (signalled), or when the client
   *       itself unsubscribes; a transceiver the server made inactive emits nothing. So a
   *       server-driven unsubscribe alone is not observable as a room event (the lead saw none
   *       within 30 s). A server-driven subscribe
   *       adds a new transceiver: WebRTC's {@code on_track} reaches
   *       {@code RemoteParticipant.add_subscribed_media_track}, whose {@code set_track(Some(new))}
   *       emits {@code TrackUnsubscribed} for the old track and then {@code TrackSubscribed} for
   *       the new one. That pair is what this test observes.
   * </ul>
   *
   * <p>The two calls go back to back: the unsubscribe's reconcile is queued (the worker woken)
   * before its answer is sent, and the subscribe needs a whole further Twirp round trip; if the
   * old down track is still closing when the subscribe arrives, its close queues the reconcile
   * that subscribes again.
   */
  @Test
  void updateSubscriptionsUnsubscribeThenSubscribeIsSeenAsTrackUnsubscribedThenTrackSubscribed() {
    Room alice = join("alice");
    Room bob = join("bob");
    AtomicReference<Microphone> mic = new AtomicReference<>();
    AtomicReference<String> sid = new AtomicReference<>();
    try {
      StepVerifier.create(bob.events()
              .filter(e -> e instanceof RoomEvent.TrackSubscribed || e instanceof RoomEvent.TrackUnsubscribed)
              .take(3))
          .then(() -> {
            mic.set(Microphone.publish(alice));
            sid.set(mic.get().publication().sid());
          })
          .assertNext(first -> assertThat(first).isInstanceOfSatisfying(RoomEvent.TrackSubscribed.class,
              s -> assertThat(s.track().sid()).isEqualTo(sid.get())))
          .then(() -> {
            api.roomService().updateSubscriptions(UpdateSubscriptionsRequest.newBuilder()
                .setRoom(room).setIdentity("bob").addTrackSids(sid.get()).setSubscribe(false).build()).block(IO);
            api.roomService().updateSubscriptions(UpdateSubscriptionsRequest.newBuilder()
                .setRoom(room).setIdentity("bob").addTrackSids(sid.get()).setSubscribe(true).build()).block(IO);
          })
          .assertNext(e -> assertThat(e).isEqualTo(new RoomEvent.TrackUnsubscribed("alice", sid.get())))
          .assertNext(e -> assertThat(e).isInstanceOfSatisfying(RoomEvent.TrackSubscribed.class,
              s -> assertThat(s.track().sid()).isEqualTo(sid.get())))
          .expectComplete()
          .verify(IO);
    } finally {
      if (mic.get() != null) {
        mic.get().close();
      }
    }
  }

  @Test
  void updateSubscriptionsForAnAbsentParticipantIsUnavailable() {
    StepVerifier.create(api.roomService().updateSubscriptions(UpdateSubscriptionsRequest.newBuilder()
            .setRoom(room).setIdentity("nobody").addTrackSids("TR_none").setSubscribe(true).build()))
        // v1.13.5 routes the call to the participant's topic; with no one there its RPC layer
        // answers "no response from servers" as unavailable (after our retries).
        .expectError(UnavailableException.class)
        .verify(IO);
  }

  @Test
  void listAndGetParticipantsAgreeWithTheRoomsStateModel() {
    join("alice");
    Room bob = join("bob");
    Participant aliceAsBobSeesHer = bob.remoteParticipants().get("alice");
    assertThat(aliceAsBobSeesHer).isNotNull();

    ListParticipantsResponse listed = api.roomService().listParticipants(ListParticipantsRequest.newBuilder().setRoom(room).build()).block(IO);
    ParticipantInfo alice = api.roomService().getParticipant(room, "alice").block(IO);

    assertThat(listed.getParticipantsList()).extracting(ParticipantInfo::getIdentity).containsExactlyInAnyOrder("alice", "bob");
    assertThat(alice.getSid()).isEqualTo(aliceAsBobSeesHer.sid());
    assertThat(alice.getName()).isEqualTo(aliceAsBobSeesHer.name());
    assertThat(alice.getState()).isEqualTo(ParticipantInfo.State.ACTIVE);
    assertThat(listed.getParticipantsList()).filteredOn(p -> p.getIdentity().equals("bob"))
        .extracting(ParticipantInfo::getSid).containsExactly(bob.localParticipant().info().sid());
  }

  @Test
  void createListAndDeleteRoomAsParticipantsSeeIt() {
    assertThat(api.roomService().createRoom(CreateRoomRequest.newBuilder().setName(room).setMetadata("made by the API").build())
        .block(IO).getMetadata()).isEqualTo("made by the API");
    assertThat(api.roomService().listRooms().block(IO).getRoomsList()).extracting(r -> r.getName()).contains(room);
    Room alice = join("alice");
    assertThat(alice.metadata()).isEqualTo("made by the API");

    StepVerifier.create(alice.events().ofType(RoomEvent.Disconnected.class))
        .then(() -> api.roomService().deleteRoom(room).block(IO))
        .expectNext(new RoomEvent.Disconnected(DisconnectReason.ROOM_DELETED))
        .expectComplete()
        .verify(IO);
    assertThat(api.roomService().listRooms().block(IO).getRoomsList()).extracting(r -> r.getName()).doesNotContain(room);
  }

  @Test
  void performRpcCallsAMethodAParticipantRegistered() {
    Room alice = join("alice");
    alice.localParticipant().registerRpcMethod("greet", invocation -> Mono.just("hello " + invocation.payload()));

    assertThat(api.roomService().performRpc(PerformRpcRequest.newBuilder().setRoom(room).setDestinationIdentity("alice")
        .setMethod("greet").setPayload("server").setResponseTimeoutMs(10_000).build()).block(IO).getPayload())
        .isEqualTo("hello server");
  }

  @Test
  void agentDispatchesAreCreatedListedAndDeleted() {
    api.roomService().createRoom(CreateRoomRequest.newBuilder().setName(room).build()).block(IO);

    var dispatch = api.agentDispatch().createDispatch(CreateAgentDispatchRequest.newBuilder()
        .setRoom(room).setAgentName("support").setMetadata("{\"ticket\":7}").build()).block(IO);
    assertThat(api.agentDispatch().listDispatch(ListAgentDispatchRequest.newBuilder().setRoom(room).build()).block(IO)
        .getAgentDispatchesList()).extracting(d -> d.getId()).contains(dispatch.getId());
    api.agentDispatch().deleteDispatch(DeleteAgentDispatchRequest.newBuilder().setRoom(room).setDispatchId(dispatch.getId()).build())
        .block(IO);

    assertThat(dispatch.getAgentName()).isEqualTo("support");
    assertThat(api.agentDispatch().listDispatch(ListAgentDispatchRequest.newBuilder().setRoom(room).build()).block(IO)
        .getAgentDispatchesList()).extracting(d -> d.getId()).doesNotContain(dispatch.getId());
  }

  @Test
  void anUnknownRoomIsNotFound() {
    StepVerifier.create(api.roomService().removeParticipant("no-such-room-" + UUID.randomUUID(), "nobody"))
        .expectError(NotFoundException.class)
        .verify(IO);
  }

  @Test
  void aWrongSecretIsUnauthenticated() {
    try (ServerApi wrong = ServerApi.builder(server.httpUrl().toString(), server.apiKey(), "not-the-secret").build()) {
      StepVerifier.create(wrong.roomService().listRooms())
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnauthenticatedException.class)
              .satisfies(u -> assertThat(((TwirpException) u).httpStatus()).isEqualTo(401)))
          .verify(IO);
    }
  }

  @Test
  void aTokenWithoutTheMethodsGrantIsRefusedAsUnauthenticated() {
    // livekit-server v1.13.5 answers a missing grant with twirp "unauthenticated" (twirpAuthError),
    // not "permission_denied": the client never sends such a token itself, so the test mints one.
    TwirpTransport transport = new TwirpTransport(server.httpUrl().toString(), server.apiKey(), server.apiSecret(),
        Duration.ofSeconds(20), 0, Duration.ofMillis(100), Duration.ofMinutes(1), 2, io.roomflux.Telemetry.none());
    try {
      StepVerifier.create(transport.call("livekit.RoomService", "ListRooms", io.roomflux.server.proto.ListRoomsRequest.getDefaultInstance(),
              io.roomflux.server.proto.ListRoomsResponse.parser(),
              TwirpTransport.Grants.video(VideoGrant.builder().roomJoin(false).room(room).build()),
              TwirpTransport.Idempotency.NOT_IDEMPOTENT))
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnauthenticatedException.class)
              .hasMessageContaining("permissions denied"))
          .verify(IO);
    } finally {
      transport.dispose();
    }
  }

  @Test
  void aServerThatIsDownIsAConnectErrorWithinTheTimeout() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      closedPort = socket.getLocalPort();
    }
    try (ServerApi down = ServerApi.builder("http://127.0.0.1:" + closedPort, "devkey", "secret").timeout(Duration.ofSeconds(3)).build()) {
      StepVerifier.create(down.roomService().listRooms())
          .expectError(ServerConnectException.class)
          .verify(Duration.ofSeconds(5));
    }
  }

  @Test
  void egressIngressAndSipAreAnsweredWithTheServersTypedErrorsWhenTheirServicesAreAbsent() {
    StepVerifier.create(api.egress().listEgress(ListEgressRequest.newBuilder().setRoomName(room).build()))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(InternalException.class).hasMessageContaining("not connected"))
        .verify(IO);
    StepVerifier.create(api.ingress().listIngress(ListIngressRequest.newBuilder().setRoomName(room).build()))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(InternalException.class).hasMessageContaining("not connected"))
        .verify(IO);
    StepVerifier.create(api.sip().listSipInboundTrunk(ListSIPInboundTrunkRequest.getDefaultInstance()))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(InternalException.class).hasMessageContaining("not connected"))
        .verify(IO);
  }
}
