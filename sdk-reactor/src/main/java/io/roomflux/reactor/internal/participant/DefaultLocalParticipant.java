package io.roomflux.reactor.internal.participant;

import io.roomflux.reactor.internal.wire.RpcWire;
import io.roomflux.reactor.data.ByteStreamWriter;
import io.roomflux.reactor.data.ChatMessage;
import io.roomflux.reactor.data.DataKind;
import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.internal.room.DefaultRoom;
import io.roomflux.reactor.participant.LocalParticipant;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.internal.rpc.RpcEndpoint;
import io.roomflux.reactor.internal.telemetry.Observed;
import io.roomflux.reactor.rpc.RpcException;
import io.roomflux.reactor.rpc.RpcInvocation;
import io.roomflux.reactor.rpc.RpcRegistration;
import io.roomflux.reactor.data.StreamInfo;
import io.roomflux.reactor.data.StreamOptions;
import io.roomflux.reactor.data.TextStreamWriter;
import io.roomflux.reactor.participant.TrackPermission;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.data.TranscriptionSegment;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.AttributesEntry;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.PerformRpcCallback;
import io.roomflux.proto.PerformRpcRequest;
import io.roomflux.proto.SetLocalAttributesRequest;
import io.roomflux.proto.SetLocalMetadataRequest;
import io.roomflux.proto.SetLocalNameRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Mono;

public final class DefaultLocalParticipant implements LocalParticipant {
  private final DefaultRoom room;
  private final OwnedHandle handle;
  private final RpcEndpoint rpc;
  private final LocalOperations operations;
  private final LocalTracks tracks;
  private final DataSender data;
  private final DataTrackOperations dataTracks;

  public DefaultLocalParticipant(DefaultRoom room, OwnedHandle handle) {
    this.room = room;
    this.handle = handle;
    this.rpc = new RpcEndpoint(room, handle);
    this.operations = new LocalOperations(room, handle, this::identity);
    this.tracks = new LocalTracks(room, handle);
    this.data = new DataSender(room, handle);
    this.dataTracks = new DataTrackOperations(room, handle);
  }

  public OwnedHandle handle() {
    return handle;
  }

  /** Answers running RPC invocations as disconnected; the room calls it before it disconnects. */
  public void rpcDisconnecting() {
    rpc.disconnecting();
  }

  /** Releases the RPC route and registrations; the room calls it before closing {@link #handle()}. */
  public void closeRpc() {
    rpc.close();
  }

  @Override
  public java.util.Set<String> publishedTrackSids() {
    return room.state().localTrackSids();
  }

  @Override
  public Participant info() {
    return room.state().local();
  }

  @Override
  public Mono<Void> publishData(byte[] payload, DataOptions options) {
    return data.publish(payload, options);
  }

  @Override
  public Mono<Long> publishData(org.reactivestreams.Publisher<byte[]> payloads, DataOptions options) {
    return data.publish(payloads, options, DEFAULT_DATA_IN_FLIGHT);
  }

  @Override
  public Mono<Long> publishData(org.reactivestreams.Publisher<byte[]> payloads, DataOptions options, int maxInFlight) {
    return data.publish(payloads, options, maxInFlight);
  }

  @Override
  public Mono<Void> setDataChannelBufferedAmountLowThreshold(DataKind kind, long thresholdBytes) {
    return data.setThreshold(kind, thresholdBytes);
  }

  @Override
  public int maxDataPayloadBytes(DataOptions options) {
    Participant me = info();
    return DataPacketSize.maxPayload(Objects.requireNonNull(options, "options"), me.identity(), me.sid());
  }

  @Override
  public Mono<Void> setMetadata(String metadata) {
    return confirmedBy(room.operations().<Void>operate("setMetadata", handle, (participant, asyncId) -> FfiRequest.newBuilder()
        .setSetLocalMetadata(SetLocalMetadataRequest.newBuilder().setLocalParticipantHandle(participant)
            .setMetadata(metadata).setRequestAsyncId(asyncId)).build(), event -> null, null),
        () -> info().metadata().equals(metadata));
  }

  @Override
  public Mono<Void> setName(String name) {
    return confirmedBy(room.operations().<Void>operate("setName", handle, (participant, asyncId) -> FfiRequest.newBuilder()
        .setSetLocalName(SetLocalNameRequest.newBuilder().setLocalParticipantHandle(participant)
            .setName(name).setRequestAsyncId(asyncId)).build(), event -> null, null),
        () -> info().name().equals(name));
  }

  @Override
  public Mono<Void> setAttributes(Map<String, String> attributes) {
    Map<String, String> copy = Map.copyOf(attributes);
    if (copy.containsKey("")) {
      throw new IllegalArgumentException("an attribute key must not be empty");
    }
    return confirmedBy(room.operations().<Void>operate("setAttributes", handle, (participant, asyncId) -> {
      SetLocalAttributesRequest.Builder req = SetLocalAttributesRequest.newBuilder()
          .setLocalParticipantHandle(participant).setRequestAsyncId(asyncId);
      copy.forEach((k, v) -> req.addAttributes(AttributesEntry.newBuilder().setKey(k).setValue(v)));
      return FfiRequest.newBuilder().setSetLocalAttributes(req).build();
    }, event -> null, null), () -> copy.entrySet().stream().allMatch(e -> e.getValue().isEmpty()
        ? !info().attributes().containsKey(e.getKey())
        : e.getValue().equals(info().attributes().get(e.getKey()))));
  }

  // livekit-ffi 0.13.2 registers its waiter for the server's answer to a participant update only
  // after sending the request (rtc_session.rs get_response), so a fast answer is lost and the core
  // reports "request timeout" 5 s later although the server applied the change. The server's
  // broadcast of the change still reaches us and updates info(): when it shows the change, the
  // update succeeded.
  private static Mono<Void> confirmedBy(Mono<Void> update, java.util.function.BooleanSupplier applied) {
    return update.onErrorResume(e -> e instanceof OperationFailedException
        && String.valueOf(e.getMessage()).contains("request timeout") && applied.getAsBoolean(), e -> Mono.empty());
  }

  @Override
  public Mono<String> performRpc(String destinationIdentity, String method, String payload,
                                 Duration responseTimeout) {
    return performRpc(destinationIdentity, method, payload, responseTimeout, 0);
  }

  @Override
  public Mono<String> performRpc(String destinationIdentity, String method, String payload,
                                 Duration responseTimeout, Duration maxRoundTripLatency) {
    if (maxRoundTripLatency.isNegative() || maxRoundTripLatency.isZero()
        || maxRoundTripLatency.compareTo(responseTimeout) >= 0) {
      throw new IllegalArgumentException("maxRoundTripLatency must be positive and below responseTimeout ("
          + responseTimeout + "): " + maxRoundTripLatency);
    }
    return performRpc(destinationIdentity, method, payload, responseTimeout,
        (int) Math.min(maxRoundTripLatency.toMillis(), Integer.MAX_VALUE));
  }

  /** {@code latencyMs} 0: the core's default allowance. */
  private Mono<String> performRpc(String destinationIdentity, String method, String payload,
                                  Duration responseTimeout, int latencyMs) {
    if (responseTimeout.isNegative() || responseTimeout.isZero()) {
      throw new IllegalArgumentException("responseTimeout must be positive: " + responseTimeout);
    }
    int timeoutMs = (int) Math.min(responseTimeout.toMillis(), Integer.MAX_VALUE);
    // Every failure names the call: the operation's name for the room's own errors (refused,
    // interrupted, timed out), RpcException.forCall for the RPC errors.
    String call = "RPC \"" + method + "\" to \"" + destinationIdentity + "\"";
    return Observed.mono(room.telemetry(), () -> Observed.rpc(method, destinationIdentity, room.name()), Mono.defer(() -> {
      int size = RpcEndpoint.utf8Length(payload);
      if (size > RpcException.MAX_PAYLOAD_BYTES) {
        return Mono.error(new RpcException(RpcException.REQUEST_PAYLOAD_TOO_LARGE, "Request payload too large: "
            + size + " bytes, the limit is " + RpcException.MAX_PAYLOAD_BYTES));
      }
      return room.operations().<String>operate(call, handle, (participant, asyncId) -> {
        PerformRpcRequest.Builder rpcCall = PerformRpcRequest.newBuilder().setLocalParticipantHandle(participant)
            .setDestinationIdentity(destinationIdentity).setMethod(method).setPayload(payload)
            .setResponseTimeoutMs(timeoutMs).setRequestAsyncId(asyncId);
        if (latencyMs > 0) {
          rpcCall.setMaxRoundTripLatencyMs(latencyMs);
        }
        return FfiRequest.newBuilder().setPerformRpc(rpcCall).build();
      }, event -> {
        PerformRpcCallback callback = event.getPerformRpc();
        if (callback.hasError()) {
          throw RpcWire.rpcException(callback.getError());
        }
        return callback.getPayload();
      }, null, responseTimeout);
    }).onErrorMap(RpcException.class, e -> e.forCall(method, destinationIdentity)));
  }

  @Override
  public reactor.core.Disposable addRpcInterceptor(io.roomflux.reactor.rpc.RpcInterceptor interceptor) {
    return rpc.intercept(interceptor);
  }

  @Override
  public RpcRegistration registerRpcMethod(String method, Function<RpcInvocation, Mono<String>> handler) {
    return rpc.register(method, handler);
  }

  // ---- data streams, chat, transcriptions, DTMF, permissions: see LocalOperations -------------

  @Override
  public Mono<StreamInfo> sendText(String text, StreamOptions options) {
    return operations.sendText(text, options);
  }

  @Override
  public Mono<TextStreamWriter> streamText(StreamOptions options) {
    return operations.streamText(options);
  }

  @Override
  public Mono<StreamInfo> sendBytes(java.nio.ByteBuffer bytes, StreamOptions options) {
    return operations.sendBytes(bytes, options);
  }

  @Override
  public Mono<ByteStreamWriter> streamBytes(StreamOptions options) {
    return operations.streamBytes(options);
  }

  @Override
  public Mono<StreamInfo> sendFile(java.nio.file.Path file, StreamOptions options) {
    return operations.sendFile(file, options);
  }

  @Override
  public Mono<ChatMessage> sendChatMessage(String message, java.util.List<String> destinationIdentities) {
    return operations.sendChatMessage(message, destinationIdentities);
  }

  @Override
  public Mono<ChatMessage> editChatMessage(ChatMessage original, String newText,
                                           java.util.List<String> destinationIdentities) {
    return operations.editChatMessage(original, newText, destinationIdentities);
  }

  @Override
  public Mono<Void> publishTranscription(String participantIdentity, String trackSid,
                                         java.util.List<TranscriptionSegment> segments) {
    return operations.publishTranscription(participantIdentity, trackSid, segments);
  }

  @Override
  public Mono<Void> publishSipDtmf(int code, String digit, java.util.List<String> destinationIdentities) {
    return operations.publishSipDtmf(code, digit, destinationIdentities);
  }

  @Override
  public Mono<Void> setTrackSubscriptionPermissions(boolean allParticipantsAllowed,
                                                    Map<String, TrackPermission> permissions) {
    return operations.setTrackSubscriptionPermissions(allParticipantsAllowed, permissions);
  }

  // ---- tracks: see LocalTracks ------------------------------------------------------------------

  /** The published tracks and their publication handles; the room updates and disposes them. */
  public LocalTracks tracks() {
    return tracks;
  }

  @Override
  public Mono<TrackPublication> publishTrack(io.roomflux.reactor.media.LocalTrack track,
                                             io.roomflux.reactor.media.TrackPublishOptions options) {
    return tracks.publish(track, options);
  }

  @Override
  public <T> reactor.core.publisher.Flux<T> withPublishedTrack(io.roomflux.reactor.media.LocalTrack track,
      io.roomflux.reactor.media.TrackPublishOptions options,
      Function<TrackPublication, ? extends org.reactivestreams.Publisher<T>> body) {
    Objects.requireNonNull(track, "track");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(body, "body");
    Function<TrackPublication, Mono<Void>> release = publication -> tracks.unpublish(publication.sid())
        .onErrorResume(e -> Mono.empty()).then(track.closeLater());
    return reactor.core.publisher.Flux.usingWhen(
        tracks.publish(track, options).onErrorResume(e -> track.closeLater().then(Mono.error(e))),
        body, release, (publication, error) -> release.apply(publication), release);
  }

  @Override
  public Mono<Void> unpublishTrack(String trackSid) {
    return tracks.unpublish(trackSid);
  }

  @Override
  public Mono<Void> setMuted(String trackSid, boolean muted) {
    return tracks.setMuted(trackSid, muted);
  }

  // ---- data tracks ----------------------------------------------------------------------------

  @Override
  public Mono<io.roomflux.reactor.data.LocalDataTrack> publishDataTrack(String name,
      io.roomflux.reactor.data.DataTrackOptions options) {
    return dataTracks.publish(name, options);
  }

  @Override
  public Mono<Void> defineSchema(io.roomflux.reactor.data.DataTrackSchemaId id, String definition) {
    return dataTracks.defineSchema(id, definition);
  }

  @Override
  public Mono<String> schema(String participantIdentity, io.roomflux.reactor.data.DataTrackSchemaId id) {
    return dataTracks.schema(participantIdentity, id);
  }
}
