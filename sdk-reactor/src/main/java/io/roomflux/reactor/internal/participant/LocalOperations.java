package io.roomflux.reactor.internal.participant;

import io.roomflux.reactor.internal.wire.ParticipantWire;
import io.roomflux.reactor.internal.wire.DataWire;
import io.roomflux.reactor.data.ByteStreamWriter;
import io.roomflux.reactor.data.ChatMessage;
import io.roomflux.reactor.data.DataStreamException;
import io.roomflux.reactor.internal.data.DefaultByteStreamWriter;
import io.roomflux.reactor.internal.room.DefaultRoom;
import io.roomflux.reactor.internal.data.DefaultTextStreamWriter;
import io.roomflux.reactor.data.StreamInfo;
import io.roomflux.reactor.data.StreamOptions;
import io.roomflux.reactor.data.TextStreamWriter;
import io.roomflux.reactor.participant.TrackPermission;
import io.roomflux.reactor.data.TranscriptionSegment;
import com.google.protobuf.ByteString;
import io.roomflux.core.HandleKind;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.ByteStreamOpenCallback;
import io.roomflux.proto.ByteStreamOpenRequest;
import io.roomflux.proto.EditChatMessageRequest;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.PublishSipDtmfRequest;
import io.roomflux.proto.PublishTranscriptionRequest;
import io.roomflux.proto.SendChatMessageRequest;
import io.roomflux.proto.SetTrackSubscriptionPermissionsRequest;
import io.roomflux.proto.StreamByteOptions;
import io.roomflux.proto.StreamSendBytesCallback;
import io.roomflux.proto.StreamSendBytesRequest;
import io.roomflux.proto.StreamSendFileCallback;
import io.roomflux.proto.StreamSendFileRequest;
import io.roomflux.proto.StreamSendTextCallback;
import io.roomflux.proto.StreamSendTextRequest;
import io.roomflux.proto.StreamTextOptions;
import io.roomflux.proto.TextStreamOpenCallback;
import io.roomflux.proto.TextStreamOpenRequest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The local participant's data stream, chat, transcription, DTMF and permission operations;
 * {@link DefaultLocalParticipant} delegates to it. Every asynchronous one goes through
 * {@link DefaultRoom#operate}.
 */
public final class LocalOperations {
  private final DefaultRoom room;
  private final OwnedHandle participant;
  private final Supplier<String> identity;

  public LocalOperations(DefaultRoom room, OwnedHandle participant, Supplier<String> identity) {
    this.room = room;
    this.participant = participant;
    this.identity = identity;
  }

  // ---- data streams -------------------------------------------------------------------------

  public Mono<StreamInfo> sendText(String text, StreamOptions options) {
    Objects.requireNonNull(text, "text");
    return Mono.defer(() -> {
      StreamTextOptions opts = DataWire.textOptions(options, "sendText");
      return room.operations().operate("sendText", participant, (p, asyncId) -> FfiRequest.newBuilder().setSendText(
          StreamSendTextRequest.newBuilder().setLocalParticipantHandle(p).setOptions(opts).setText(text)
              .setRequestAsyncId(asyncId)).build(), event -> {
                StreamSendTextCallback cb = event.getSendText();
                if (cb.hasError()) {
                  throw new DataStreamException("sendText failed: " + cb.getError().getDescription());
                }
                return DataWire.streamInfo(cb.getInfo(), identity.get());
              }, null);
    });
  }

  public Mono<TextStreamWriter> streamText(StreamOptions options) {
    return Mono.defer(() -> {
      StreamTextOptions opts = DataWire.textOptions(options, "streamText");
      return room.operations().<TextStreamWriter>operate("streamText", participant, (p, asyncId) -> FfiRequest.newBuilder()
          .setTextStreamOpen(TextStreamOpenRequest.newBuilder().setLocalParticipantHandle(p).setOptions(opts)
              .setRequestAsyncId(asyncId)).build(), event -> {
                TextStreamOpenCallback cb = event.getTextStreamOpen();
                if (cb.hasError()) {
                  throw new DataStreamException("streamText failed: " + cb.getError().getDescription());
                }
                // Owned at once, even if nobody waits for it any more: track() releases it then.
                DefaultTextStreamWriter writer = new DefaultTextStreamWriter(room.streams(),
                    room.ffi().handles().own(cb.getWriter().getHandle().getId(), HandleKind.TEXT_STREAM_WRITER),
                    DataWire.streamInfo(cb.getWriter().getInfo(), identity.get()));
                room.streams().track(writer);
                return writer;
              }, null)
          .doOnDiscard(DefaultTextStreamWriter.class, DefaultTextStreamWriter::discard);
    });
  }

  public Mono<StreamInfo> sendBytes(ByteBuffer bytes, StreamOptions options) {
    Objects.requireNonNull(bytes, "bytes");
    return Mono.defer(() -> {
      ByteString copy = ByteString.copyFrom(bytes.duplicate());
      StreamByteOptions opts = DataWire.byteOptions(options);
      return room.operations().operate("sendBytes", participant, (p, asyncId) -> FfiRequest.newBuilder().setSendBytes(
          StreamSendBytesRequest.newBuilder().setLocalParticipantHandle(p).setOptions(opts).setBytes(copy)
              .setRequestAsyncId(asyncId)).build(), event -> {
                StreamSendBytesCallback cb = event.getSendBytes();
                if (cb.hasError()) {
                  throw new DataStreamException("sendBytes failed: " + cb.getError().getDescription());
                }
                return DataWire.streamInfo(cb.getInfo(), identity.get());
              }, null);
    });
  }

  public Mono<ByteStreamWriter> streamBytes(StreamOptions options) {
    return Mono.defer(() -> {
      StreamByteOptions opts = DataWire.byteOptions(options);
      return room.operations().<ByteStreamWriter>operate("streamBytes", participant, (p, asyncId) -> FfiRequest.newBuilder()
          .setByteStreamOpen(ByteStreamOpenRequest.newBuilder().setLocalParticipantHandle(p).setOptions(opts)
              .setRequestAsyncId(asyncId)).build(), event -> {
                ByteStreamOpenCallback cb = event.getByteStreamOpen();
                if (cb.hasError()) {
                  throw new DataStreamException("streamBytes failed: " + cb.getError().getDescription());
                }
                DefaultByteStreamWriter writer = new DefaultByteStreamWriter(room.streams(),
                    room.ffi().handles().own(cb.getWriter().getHandle().getId(), HandleKind.BYTE_STREAM_WRITER),
                    DataWire.streamInfo(cb.getWriter().getInfo(), identity.get()));
                room.streams().track(writer);
                return writer;
              }, null)
          .doOnDiscard(DefaultByteStreamWriter.class, DefaultByteStreamWriter::discard);
    });
  }

  public Mono<StreamInfo> sendFile(Path file, StreamOptions options) {
    String path = Objects.requireNonNull(file, "file").toAbsolutePath().toString();
    return Mono.defer(() -> {
      StreamByteOptions opts = DataWire.byteOptions(options);
      return room.operations().operate("sendFile", participant, (p, asyncId) -> FfiRequest.newBuilder().setSendFile(
          StreamSendFileRequest.newBuilder().setLocalParticipantHandle(p).setOptions(opts).setFilePath(path)
              .setRequestAsyncId(asyncId)).build(), event -> {
                StreamSendFileCallback cb = event.getSendFile();
                if (cb.hasError()) {
                  throw new DataStreamException("sendFile of " + path + " failed: " + cb.getError().getDescription());
                }
                return DataWire.streamInfo(cb.getInfo(), identity.get());
              }, null);
    });
  }

  // ---- chat, transcription, DTMF ------------------------------------------------------------

  public Mono<ChatMessage> sendChatMessage(String message, List<String> destinationIdentities) {
    Objects.requireNonNull(message, "message");
    List<String> destinations = List.copyOf(destinationIdentities);
    return room.operations().operate("sendChatMessage", participant, (p, asyncId) -> FfiRequest.newBuilder()
        .setSendChatMessage(SendChatMessageRequest.newBuilder().setLocalParticipantHandle(p).setMessage(message)
            .addAllDestinationIdentities(destinations).setRequestAsyncId(asyncId)).build(),
        event -> DataWire.chatMessage(event.getChatMessage().getChatMessage()), null);
  }

  public Mono<ChatMessage> editChatMessage(ChatMessage original, String newText, List<String> destinationIdentities) {
    io.roomflux.proto.ChatMessage originalProto = DataWire.toProto(Objects.requireNonNull(original, "original"));
    Objects.requireNonNull(newText, "newText");
    List<String> destinations = List.copyOf(destinationIdentities);
    // The core answers an edit with the send_chat_message response and callback.
    return room.operations().operate("editChatMessage", participant, (p, asyncId) -> FfiRequest.newBuilder()
        .setEditChatMessage(EditChatMessageRequest.newBuilder().setLocalParticipantHandle(p).setEditText(newText)
            .setOriginalMessage(originalProto).addAllDestinationIdentities(destinations)
            .setRequestAsyncId(asyncId)).build(),
        event -> DataWire.chatMessage(event.getChatMessage().getChatMessage()), null);
  }

  public Mono<Void> publishTranscription(String participantIdentity, String trackSid, List<TranscriptionSegment> segments) {
    Objects.requireNonNull(participantIdentity, "participantIdentity");
    Objects.requireNonNull(trackSid, "trackSid");
    List<io.roomflux.proto.TranscriptionSegment> protos =
        segments.stream().map(DataWire::toProto).toList();
    return room.operations().<Void>operate("publishTranscription", participant, (p, asyncId) -> FfiRequest.newBuilder()
        .setPublishTranscription(PublishTranscriptionRequest.newBuilder().setLocalParticipantHandle(p)
            .setParticipantIdentity(participantIdentity).setTrackId(trackSid).addAllSegments(protos)
            .setRequestAsyncId(asyncId)).build(), event -> null, null);
  }

  public Mono<Void> publishSipDtmf(int code, String digit, List<String> destinationIdentities) {
    if (code < 0) {
      throw new IllegalArgumentException("a DTMF code is not negative");
    }
    Objects.requireNonNull(digit, "digit");
    List<String> destinations = List.copyOf(destinationIdentities);
    return room.operations().<Void>operate("publishSipDtmf", participant, (p, asyncId) -> FfiRequest.newBuilder()
        .setPublishSipDtmf(PublishSipDtmfRequest.newBuilder().setLocalParticipantHandle(p).setCode(code)
            .setDigit(digit).addAllDestinationIdentities(destinations).setRequestAsyncId(asyncId)).build(),
        event -> null, null);
  }

  // ---- permissions (a synchronous request) ---------------------------------------------------

  public Mono<Void> setTrackSubscriptionPermissions(boolean allParticipantsAllowed,
                                             Map<String, TrackPermission> permissions) {
    SetTrackSubscriptionPermissionsRequest.Builder req = SetTrackSubscriptionPermissionsRequest.newBuilder()
        .setAllParticipantsAllowed(allParticipantsAllowed);
    Map.copyOf(permissions).forEach((who, permission) -> req.addPermissions(ParticipantWire.toProto(who, permission)));
    return room.operations().requestSync("setTrackSubscriptionPermissions", participant, handle -> FfiRequest.newBuilder()
        .setSetTrackSubscriptionPermissions(req.clone().setLocalParticipantHandle(handle)).build(), response -> null);
  }
}
