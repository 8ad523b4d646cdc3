package io.roomflux.reactor.internal.wire;

import io.roomflux.proto.ByteStreamInfo;
import io.roomflux.proto.StreamByteOptions;
import io.roomflux.proto.StreamTextOptions;
import io.roomflux.proto.TextStreamInfo;
import io.roomflux.reactor.data.ChatMessage;
import io.roomflux.reactor.data.DataTrackInfo;
import io.roomflux.reactor.data.StreamInfo;
import io.roomflux.reactor.data.StreamOptions;
import io.roomflux.reactor.data.TranscriptionSegment;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Chat messages, transcriptions, streams and data tracks, to and from the core's protocol. */
public final class DataWire {
  private DataWire() {
  }

  /**
   * A chat message.
   *
   * @param m the core's message
   * @return the message
   */
  public static ChatMessage chatMessage(io.roomflux.proto.ChatMessage m) {
    return new ChatMessage(m.getId(), Instant.ofEpochMilli(m.getTimestamp()), m.getMessage(),
        m.hasEditTimestamp() ? Optional.of(Instant.ofEpochMilli(m.getEditTimestamp())) : Optional.empty(),
        m.getDeleted(), m.getGenerated());
  }

  /**
   * A chat message for a request.
   *
   * @param m the message
   * @return the core's message
   */
  public static io.roomflux.proto.ChatMessage toProto(ChatMessage m) {
    io.roomflux.proto.ChatMessage.Builder b = io.roomflux.proto.ChatMessage.newBuilder()
        .setId(m.id()).setTimestamp(m.timestamp().toEpochMilli()).setMessage(m.message())
        .setDeleted(m.deleted()).setGenerated(m.generated());
    m.editTimestamp().ifPresent(t -> b.setEditTimestamp(t.toEpochMilli()));
    return b.build();
  }

  /**
   * A transcription segment.
   *
   * @param s the core's segment
   * @return the segment
   */
  public static TranscriptionSegment transcriptionSegment(io.roomflux.proto.TranscriptionSegment s) {
    return new TranscriptionSegment(s.getId(), s.getText(), unsignedMillis(s.getStartTime()),
        unsignedMillis(s.getEndTime()), s.getFinal(), s.getLanguage());
  }

  /** A uint64 of milliseconds; one past {@link Long#MAX_VALUE} (read as negative) saturates there. */
  private static Duration unsignedMillis(long millis) {
    return Duration.ofMillis(millis < 0 ? Long.MAX_VALUE : millis);
  }

  /**
   * A transcription segment for a request.
   *
   * @param s the segment
   * @return the core's segment
   */
  public static io.roomflux.proto.TranscriptionSegment toProto(TranscriptionSegment s) {
    return io.roomflux.proto.TranscriptionSegment.newBuilder().setId(s.id()).setText(s.text())
        .setStartTime(s.start().toMillis()).setEndTime(s.end().toMillis()).setFinal(s.isFinal())
        .setLanguage(s.language()).build();
  }

  /**
   * A remote data track's description.
   *
   * @param info the core's info
   * @return the description
   */
  public static DataTrackInfo dataTrackInfo(io.roomflux.proto.DataTrackInfo info) {
    return DataTrackWire.info(info);
  }

  /**
   * The header of an incoming text stream.
   *
   * @param info the core's header
   * @param senderIdentity who sends it
   * @return the header
   */
  public static StreamInfo streamInfo(TextStreamInfo info, String senderIdentity) {
    return new StreamInfo(info.getStreamId(), info.getTopic(), info.getMimeType(),
        info.hasTotalLength() ? Optional.of(info.getTotalLength()) : Optional.empty(),
        info.getAttributesMap(), Instant.ofEpochMilli(info.getTimestamp()), senderIdentity, Optional.empty());
  }

  /**
   * The header of an incoming byte stream.
   *
   * @param info the core's header
   * @param senderIdentity who sends it
   * @return the header
   */
  public static StreamInfo streamInfo(ByteStreamInfo info, String senderIdentity) {
    return new StreamInfo(info.getStreamId(), info.getTopic(), info.getMimeType(),
        info.hasTotalLength() ? Optional.of(info.getTotalLength()) : Optional.empty(),
        info.getAttributesMap(), Instant.ofEpochMilli(info.getTimestamp()), senderIdentity,
        info.getName().isEmpty() ? Optional.empty() : Optional.of(info.getName()));
  }

  /**
   * Text stream options for a request; text streams take no mime type, name or total size.
   *
   * @param options the options
   * @param operation the method, for the error message
   * @return the core's options
   * @throws IllegalArgumentException if a byte-stream-only option is set
   */
  public static StreamTextOptions textOptions(StreamOptions options, String operation) {
    if (options.mimeType().isPresent() || options.name().isPresent() || options.totalSize().isPresent()) {
      throw new IllegalArgumentException(operation + ": text streams take no mime type, name or total size");
    }
    StreamTextOptions.Builder b = StreamTextOptions.newBuilder().setTopic(options.topic())
        .putAllAttributes(options.attributes()).addAllDestinationIdentities(options.destinationIdentities());
    options.compress().ifPresent(b::setCompress);
    return b.build();
  }

  /**
   * Byte stream options for a request.
   *
   * @param options the options
   * @return the core's options
   */
  public static StreamByteOptions byteOptions(StreamOptions options) {
    StreamByteOptions.Builder b = StreamByteOptions.newBuilder().setTopic(options.topic())
        .putAllAttributes(options.attributes()).addAllDestinationIdentities(options.destinationIdentities());
    options.mimeType().ifPresent(b::setMimeType);
    options.name().ifPresent(b::setName);
    options.totalSize().ifPresent(b::setTotalLength);
    options.compress().ifPresent(b::setCompress);
    return b.build();
  }
}
