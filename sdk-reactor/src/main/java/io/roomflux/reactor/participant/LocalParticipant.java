// Longer than 400 lines: the local participant's whole API (identity, data, streams, RPC, tracks,
// data tracks), each method with its javadoc; the implementation is split into facets.
package io.roomflux.reactor.participant;

import io.roomflux.reactor.ResourceClosedException;
import io.roomflux.reactor.data.ByteStreamWriter;
import io.roomflux.reactor.data.ChatMessage;
import io.roomflux.reactor.data.DataKind;
import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.data.DataStreamException;
import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.NoSuchTrackException;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.data.PayloadTooLargeException;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.rpc.RpcException;
import io.roomflux.reactor.rpc.RpcInvocation;
import io.roomflux.reactor.rpc.RpcRegistration;
import io.roomflux.reactor.data.StreamInfo;
import io.roomflux.reactor.data.StreamOptions;
import io.roomflux.reactor.data.TextStreamWriter;
import io.roomflux.reactor.data.TranscriptionSegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The local participant of a {@link Room}. Every operation is a cold {@code Mono} that sends one
 * request on subscription and completes when the core reports its outcome; it fails with
 * {@link RoomClosedException} once the room is disconnecting.
 */
public interface LocalParticipant {
  /**
   * A snapshot of the local participant.
   *
   * @return the snapshot
   */
  Participant info();

  /**
   * The identity from the token.
   *
   * @return the identity
   */
  default String identity() {
    return info().identity();
  }

  /**
   * The sids of the local participant's published tracks now. Updated on the core's dispatcher
   * thread before {@link RoomEvent.LocalTrackPublished}, {@link RoomEvent.LocalTrackUnpublished}
   * and {@link RoomEvent.LocalTrackRepublished} are emitted.
   *
   * @return an immutable snapshot
   */
  java.util.Set<String> publishedTrackSids();

  /**
   * Sends a data packet. Its limit is on the whole packet as the core encodes it: the payload,
   * the topic, the destination identities and the sender's identity and sid, plus about 20 bytes
   * of framing, must fit the data channel's 64 000-byte maximum message size; so the largest
   * payload is somewhat under 64 000 bytes and depends on the options
   * ({@link #maxDataPayloadBytes(DataOptions)} says how much). A packet over it fails with
   * {@link PayloadTooLargeException} and nothing is sent; send larger data as a byte stream.
   * The payload is copied when the returned {@code Mono} is subscribed to.
   *
   * <p>Order: the core sends packets in the order their requests reached it, and a request is
   * sent when the returned {@code Mono} is subscribed to. So sends subscribed one after the other
   * (on one thread, or ordered by any happens-before edge) go out in subscription order, and
   * reliable ones arrive in that order, without waiting for one to complete before subscribing to
   * the next ({@code Flux.concat} is not needed; {@code flatMap} over a sequential source keeps
   * the order). Sends subscribed concurrently from several threads go out in some order; lossy
   * packets may be lost or reordered. The completion comes when the core handed the packet to the
   * data channel, which it does only while the channel's buffered amount is at most the
   * threshold ({@link #setDataChannelBufferedAmountLowThreshold}).
   *
   * @param payload the bytes
   * @param options kind, topic and destinations
   * @return completes when the core sent it
   */
  Mono<Void> publishData(byte[] payload, DataOptions options);

  /**
   * Sends every payload of {@code payloads} as a data packet, in order, keeping up to
   * {@link #DEFAULT_DATA_IN_FLIGHT} packets with the core at once instead of waiting for each one
   * in turn; as {@link #publishData(Publisher, DataOptions, int)}.
   *
   * @param payloads the payloads; each is copied when it is sent
   * @param options kind, topic and destinations, the same for every packet
   * @return the number of packets sent, once the core has handed the last one to the data channel
   */
  Mono<Long> publishData(Publisher<byte[]> payloads, DataOptions options);

  /**
   * Sends every payload of {@code payloads} as a data packet, in the publisher's order, with up to
   * {@code maxInFlight} packets handed to the core and not yet reported sent. The core hands a
   * packet to the data channel only while the channel's buffered amount is at most its
   * buffered-amount-low threshold ({@link #setDataChannelBufferedAmountLowThreshold}; 2 MiB by
   * default), and reports it sent then; so the buffered amount is what paces the publisher: it
   * is asked for more payloads (in batches) as packets are reported sent. Reliable packets arrive in this order
   * (and after reliable packets of earlier {@code publishData} calls made on the same thread).
   *
   * <p>The publisher is subscribed to, and asked for payloads, on the room's scheduler
   * ({@link LiveKitOptions#scheduler()}); at most {@code 3 * maxInFlight} payloads are held at
   * once (sent and not yet reported, and two batches waiting). The returned {@code Mono} signals on the room's scheduler. It fails with the first
   * failure: {@link PayloadTooLargeException} for a payload over
   * {@link #maxDataPayloadBytes(DataOptions)} (nothing of it is sent; the payloads before it
   * are), {@link RoomClosedException} when the room closes or is closed,
   * {@link OperationFailedException} if the core fails a packet, or the publisher's own error;
   * the publisher is cancelled then. Cancelling the subscription cancels the publisher and sends
   * nothing more; packets already handed to the core (at most {@code maxInFlight}) are still
   * sent. Nothing is held once it terminated or was cancelled: the packets with the core release
   * their room resources when the core reports them.
   *
   * @param payloads the payloads; each is copied when it is sent
   * @param options kind, topic and destinations, the same for every packet
   * @param maxInFlight how many packets may be with the core at once, at least 1
   * @return the number of packets sent, once the core has handed the last one to the data channel
   * @throws IllegalArgumentException if {@code maxInFlight} is below 1
   */
  Mono<Long> publishData(Publisher<byte[]> payloads, DataOptions options, int maxInFlight);

  /**
   * How many packets {@link #publishData(Publisher, DataOptions)} keeps with the core at once.
   */
  int DEFAULT_DATA_IN_FLIGHT = 32;

  /**
   * Sets the buffered-amount-low threshold of this participant's lossy or reliable data channel:
   * the core queues data packets of that kind while the channel holds more than this many bytes
   * not yet sent, and reports a {@code publishData} complete only when it handed the packet to
   * the channel. A lower threshold bounds the memory and latency of a fast sender, a higher one
   * lets more go out without waiting (the core's default is 2 MiB). The room emits
   * {@link RoomEvent.DataChannelLowThresholdChanged} and {@link Room#info()} shows the new value
   * ({@code lossyBufferedAmountLowThreshold} / {@code reliableBufferedAmountLowThreshold}).
   *
   * @param kind the channel
   * @param thresholdBytes the threshold in bytes, at least 0
   * @return completes on the room's scheduler once the core took the new threshold; fails with
   *     {@link RoomClosedException} once the room is disconnecting
   * @throws IllegalArgumentException if {@code thresholdBytes} is negative
   */
  Mono<Void> setDataChannelBufferedAmountLowThreshold(DataKind kind, long thresholdBytes);

  /**
   * The largest payload {@link #publishData(byte[], DataOptions)} accepts with these options from
   * this participant now (its identity and sid count): 64 000 bytes less the encoded packet's
   * other parts. Computed locally, on the calling thread; 0 if the options alone are too large.
   *
   * @param options kind, topic and destinations
   * @return the largest payload, in bytes
   */
  int maxDataPayloadBytes(DataOptions options);

  /**
   * Publishes a track for the duration of {@code body}, as {@code LiveKit.withRoom} does for a
   * room: the body gets the publication; when its publisher completes, fails or is cancelled,
   * the track is unpublished (a failure to unpublish, such as a room already closed, is ignored)
   * and then closed, and only then is the body's terminal signal passed on. If publishing fails,
   * the track is closed and the failure signalled. The track's source stays the caller's.
   *
   * @param track the track; owned by this call from subscription on
   * @param options how to publish
   * @param body what to do while it is published
   * @param <T> what the body emits
   * @return the body's signals
   */
  <T> reactor.core.publisher.Flux<T> withPublishedTrack(io.roomflux.reactor.media.LocalTrack track,
      io.roomflux.reactor.media.TrackPublishOptions options,
      java.util.function.Function<TrackPublication, ? extends org.reactivestreams.Publisher<T>> body);

  /**
   * Sets the local participant's metadata.
   *
   * @param metadata the metadata
   * @return completes when the server accepted it
   */
  Mono<Void> setMetadata(String metadata);

  /**
   * Sets the local participant's display name.
   *
   * @param name the name
   * @return completes when the server accepted it
   */
  Mono<Void> setName(String name);

  /**
   * Sets attributes of the local participant (an empty value removes one).
   *
   * @param attributes the attributes to set; a key must not be empty ({@link IllegalArgumentException}
   *     at once, nothing sent)
   * @return completes when the server accepted them
   */
  Mono<Void> setAttributes(Map<String, String> attributes);

  /**
   * Calls a method that another participant of the room registered, and waits for its answer.
   *
   * <p>Cold: each subscription sends one request. The answer arrives on the scheduler of
   * {@link LiveKitOptions}. Fails with {@link RpcException}: the code, message and data the remote
   * handler signalled, or a built-in code such as {@link RpcException#UNSUPPORTED_METHOD} (no
   * handler for the method), {@link RpcException#RESPONSE_TIMEOUT} (no answer within
   * {@code responseTimeout}), {@link RpcException#CONNECTION_TIMEOUT} (the recipient never
   * acknowledged, e.g. it is not in the room) or {@link RpcException#REQUEST_PAYLOAD_TOO_LARGE}
   * (payload over {@value RpcException#MAX_PAYLOAD_BYTES} UTF-8 bytes; then nothing is sent).
   * Fails with {@link RoomClosedException} once the room is disconnecting, or if it closes before
   * the answer. Cancelling does not withdraw a request already sent. Every error's message names
   * the method and the destination, e.g. {@code RPC "greet" to "bob" failed: 1501 Connection
   * timeout (is "bob" in the room?)}.
   *
   * @param destinationIdentity the identity of the participant to call
   * @param method the method name
   * @param payload the request payload (often JSON)
   * @param responseTimeout how long to wait for the answer; positive
   * @return the handler's answer
   * @throws IllegalArgumentException if {@code responseTimeout} is not positive
   */
  Mono<String> performRpc(String destinationIdentity, String method, String payload, Duration responseTimeout);

  /**
   * Calls a method of another participant, as {@link #performRpc(String, String, String, Duration)},
   * with the round-trip allowance set: how long to wait for the recipient to acknowledge the
   * request (the core's default is 7 s). A call to an identity that is not in the room fails with
   * {@link RpcException#CONNECTION_TIMEOUT} once it has passed, so a smaller value fails such calls
   * sooner; it must be below {@code responseTimeout}.
   *
   * @param destinationIdentity the identity of the participant to call
   * @param method the method name
   * @param payload the request payload (often JSON)
   * @param responseTimeout how long to wait for the answer; positive
   * @param maxRoundTripLatency how long to wait for the acknowledgement; positive, below
   *     {@code responseTimeout}
   * @return the handler's answer
   * @throws IllegalArgumentException if a duration is not positive, or the allowance is not below
   *     the response timeout
   */
  Mono<String> performRpc(String destinationIdentity, String method, String payload, Duration responseTimeout,
                          Duration maxRoundTripLatency);

  /**
   * Calls a method of another participant with the default response timeout of 10 seconds; see
   * {@link #performRpc(String, String, String, Duration)}.
   *
   * @param destinationIdentity the identity of the participant to call
   * @param method the method name
   * @param payload the request payload (often JSON)
   * @return the handler's answer
   */
  default Mono<String> performRpc(String destinationIdentity, String method, String payload) {
    return performRpc(destinationIdentity, method, payload, Duration.ofSeconds(10));
  }

  /**
   * Accepts calls of a method from other participants of the room.
   *
   * <p>The registration is synchronous: when this returns, the core delivers calls of the
   * method. Each call is passed to {@code handler} on the scheduler of {@link LiveKitOptions}
   * (never on the core's dispatcher thread), and the value of its {@code Mono} is sent back as the
   * answer (an empty {@code Mono} answers {@code ""}). Its error is sent to the caller: an
   * {@link RpcException} as is, anything else as {@link RpcException#APPLICATION_ERROR} with the
   * exception's message. A handler still running after the invocation's
   * {@link RpcInvocation#responseTimeout()} is cancelled and answered with
   * {@link RpcException#RESPONSE_TIMEOUT}; an answer over {@value RpcException#MAX_PAYLOAD_BYTES}
   * UTF-8 bytes is replaced by {@link RpcException#RESPONSE_PAYLOAD_TOO_LARGE}. Every call gets
   * exactly one answer. Calls of methods that are not registered are answered with
   * {@link RpcException#UNSUPPORTED_METHOD}.
   *
   * <p>Dispose the registration to stop accepting calls. Disconnecting the room releases every
   * registration: handlers still running are cancelled and their callers answered with
   * {@link RpcException#RECIPIENT_DISCONNECTED} before the room leaves.
   *
   * @param method the method name, not registered already
   * @param handler computes the answer to one call
   * @return the registration
   * @throws IllegalStateException if the method is registered already
   * @throws RoomClosedException if the room is disconnecting or closed
   * @throws io.roomflux.reactor.OperationFailedException if the core refused the registration
   */
  RpcRegistration registerRpcMethod(String method, Function<RpcInvocation, Mono<String>> handler);

  /**
   * Adds an interceptor around the handler of every incoming RPC call of this room, whatever its
   * method, inside the interceptors added before (the first added runs first). Calls that
   * arrive after this returns go through it; disposing the returned {@code Disposable} removes it
   * for later calls. Interceptors end with the room. Thread-safe; sends nothing to the core.
   *
   * @param interceptor the interceptor
   * @return disposing it removes the interceptor
   */
  reactor.core.Disposable addRpcInterceptor(io.roomflux.reactor.rpc.RpcInterceptor interceptor);

  // ---- data streams --------------------------------------------------------------------------

  /**
   * Sends a whole text as a text stream; receivers get it from {@link Room#textStreams(String)}.
   * The core splits it into chunks (about 15 kB each) itself.
   *
   * @param text the text, of any length
   * @param options topic, destinations and attributes (no mime type, name or size: see
   *     {@link StreamOptions})
   * @return the header of the stream that was sent, once all of it was sent; fails with
   *     {@link DataStreamException} if the core could not send it, {@link IllegalArgumentException}
   *     for byte-only options, {@link RoomClosedException} once the room is disconnecting
   */
  Mono<StreamInfo> sendText(String text, StreamOptions options);

  /**
   * Opens a text stream to write in pieces, e.g. tokens as a language model produces them.
   *
   * @param options topic, destinations and attributes
   * @return the writer, once the stream's header was sent; close it when done (the room's
   *     disposal releases it otherwise). Fails as {@link #sendText} does.
   */
  Mono<TextStreamWriter> streamText(StreamOptions options);

  /**
   * Sends bytes as a byte stream; receivers get it from {@link Room#byteStreams(String)}. The
   * array is copied when the {@code Mono} is subscribed.
   *
   * @param bytes the content, of any length
   * @param options topic, destinations, attributes, mime type and name
   * @return the header of the stream that was sent, once all of it was sent; fails with
   *     {@link DataStreamException} or {@link RoomClosedException}
   */
  default Mono<StreamInfo> sendBytes(byte[] bytes, StreamOptions options) {
    return sendBytes(ByteBuffer.wrap(bytes), options);
  }

  /**
   * Sends the remaining bytes of a buffer as a byte stream (position and limit are not changed;
   * the bytes are copied when the {@code Mono} is subscribed).
   *
   * @param bytes the content
   * @param options topic, destinations, attributes, mime type and name
   * @return the header of the stream that was sent; fails as {@link #sendBytes(byte[], StreamOptions)}
   */
  Mono<StreamInfo> sendBytes(ByteBuffer bytes, StreamOptions options);

  /**
   * Opens a byte stream to write in pieces.
   *
   * @param options topic, destinations, attributes, mime type, name and announced total size
   * @return the writer, once the stream's header was sent; close it when done
   */
  Mono<ByteStreamWriter> streamBytes(StreamOptions options);

  /**
   * Sends a local file as a byte stream: the core reads the file itself. The name defaults to
   * the file's name. The protocol reports no progress while a file is sent: the {@code Mono}
   * completes once the whole file was sent (receivers see how much arrived as chunks come in,
   * against {@link StreamInfo#totalSize()}).
   *
   * @param file a readable file
   * @param options topic, destinations, attributes, mime type and name
   * @return the header of the stream that was sent; fails with {@link DataStreamException} if
   *     the file cannot be read or sent, {@link RoomClosedException} once the room is disconnecting
   */
  Mono<StreamInfo> sendFile(Path file, StreamOptions options);

  // ---- chat, transcriptions, DTMF, permissions ------------------------------------------------

  /**
   * Sends a chat message as a LiveKit chat packet; receivers see
   * {@link RoomEvent.ChatMessageReceived}.
   *
   * @param message the text
   * @param destinationIdentities who receives it; empty sends to everyone
   * @return the message as sent, with its id and timestamp (keep it to edit it); fails with
   *     {@link OperationFailedException} if the core could not send it, {@link RoomClosedException}
   *     once the room is disconnecting
   */
  Mono<ChatMessage> sendChatMessage(String message, List<String> destinationIdentities);

  /**
   * Replaces the text of a chat message sent earlier.
   *
   * @param original the message as {@link #sendChatMessage} returned it
   * @param newText the new text
   * @param destinationIdentities who receives the edit; empty sends to everyone
   * @return the edited message (same id, with an edit timestamp); fails as {@link #sendChatMessage}
   */
  Mono<ChatMessage> editChatMessage(ChatMessage original, String newText, List<String> destinationIdentities);

  /**
   * Publishes transcription segments of a participant's track (for example an agent
   * transcribing a speaker).
   *
   * @param participantIdentity whose speech was transcribed
   * @param trackSid the transcribed track
   * @param segments the segments
   * @return completes when the core sent them; fails with {@link OperationFailedException} or
   *     {@link RoomClosedException}
   */
  Mono<Void> publishTranscription(String participantIdentity, String trackSid, List<TranscriptionSegment> segments);

  /**
   * Sends a SIP DTMF tone (as a SIP participant would).
   *
   * @param code the DTMF event code (0-9 for the digits, 10 for *, 11 for #, 12-15 for A-D)
   * @param digit the digit the code stands for, e.g. {@code "5"} or {@code "#"}
   * @param destinationIdentities who receives it; empty sends to everyone
   * @return completes when the core sent it; fails with {@link OperationFailedException} or
   *     {@link RoomClosedException}
   * @throws IllegalArgumentException if {@code code} is negative
   */
  Mono<Void> publishSipDtmf(int code, String digit, List<String> destinationIdentities);

  /**
   * Decides who may subscribe to the local participant's tracks. The request is synchronous:
   * the {@code Mono} completes once the core accepted it (the server applies it shortly after).
   *
   * @param allParticipantsAllowed true: everyone may subscribe to everything, and
   *     {@code permissions} is ignored
   * @param permissions by participant identity, what each may subscribe to; participants not
   *     listed may subscribe to nothing
   * @return completes on the room's scheduler; fails with {@link RoomClosedException} once the
   *     room is disconnecting, {@link io.roomflux.reactor.OperationFailedException} if the core refused it
   */
  Mono<Void> setTrackSubscriptionPermissions(boolean allParticipantsAllowed, Map<String, TrackPermission> permissions);

  // ---- tracks ----------------------------------------------------------------------------------

  /**
   * Publishes a local audio or video track in the room. Cold: each subscription sends one
   * request; the track is leased until the core's outcome, so closing it meanwhile is safe.
   * The room keeps the publication's native handle until the track is unpublished or the room
   * is left. {@link RoomEvent.LocalTrackPublished} follows the result.
   *
   * @param track the track, not closed
   * @param options source, codec, encodings, simulcast, DTX, RED, stream
   * @return the publication with the sid the server assigned, on the room's scheduler; fails
   *     with {@link io.roomflux.reactor.ResourceClosedException} if the track is closed,
   *     {@link OperationFailedException} if the core could not publish it (e.g. no permission)
   *     and at once, sending nothing, if the track is already published or being published in
   *     this room, {@link RoomClosedException} once the room is disconnecting
   */
  Mono<TrackPublication> publishTrack(io.roomflux.reactor.media.LocalTrack track,
                                      io.roomflux.reactor.media.TrackPublishOptions options);

  /**
   * Unpublishes a track of the local participant: receivers' streams of it end. The local
   * track stays open (close it, or publish it again). {@link RoomEvent.LocalTrackUnpublished}
   * precedes the completion.
   *
   * @param trackSid the sid from the publication
   * @return completes when the core unpublished it; fails with {@link OperationFailedException}
   *     (e.g. an unknown sid) or {@link RoomClosedException}
   */
  Mono<Void> unpublishTrack(String trackSid);

  /**
   * Mutes or unmutes a track the local participant published through this room; see
   * {@link io.roomflux.reactor.media.LocalTrack#setMuted}. Receivers see
   * {@link RoomEvent.TrackMuted} / {@link RoomEvent.TrackUnmuted}.
   *
   * @param trackSid the sid from the publication
   * @param muted whether to mute
   * @return completes on the room's scheduler once the core applied it; fails with
   *     {@link NoSuchTrackException} for a sid this room did not publish,
   *     {@link io.roomflux.reactor.ResourceClosedException} if the track was closed,
   *     {@link RoomClosedException} once the room is disconnecting
   */
  Mono<Void> setMuted(String trackSid, boolean muted);

  // ---- data tracks -------------------------------------------------------------------------

  /**
   * Publishes a data track without a declared schema or frame encoding; see
   * {@link #publishDataTrack(String, io.roomflux.reactor.data.DataTrackOptions)}.
   *
   * @param name the track's name, unique among this participant's data tracks
   * @return the published track
   */
  default Mono<io.roomflux.reactor.data.LocalDataTrack> publishDataTrack(String name) {
    return publishDataTrack(name, io.roomflux.reactor.data.DataTrackOptions.defaults());
  }

  /**
   * Publishes a data track: a track of application frames that subscribers receive in order,
   * with low latency and no retransmission of what is late. Remote participants see
   * {@link RoomEvent.DataTrackPublished}. The track holds a native handle until
   * {@link io.roomflux.reactor.data.LocalDataTrack#unpublish()} or the room's close; a track
   * whose publication completes after the subscriber cancelled is unpublished at once.
   *
   * @param name the track's name, unique among this participant's data tracks
   * @param options the declared schema and frame encoding
   * @return the published track, on the room's scheduler; fails with
   *     {@link io.roomflux.reactor.data.DataTrackException} (its reason says why:
   *     {@code DUPLICATE_NAME}, {@code INVALID_NAME}, {@code NOT_ALLOWED}, ...),
   *     {@link RoomClosedException}, or {@link io.roomflux.reactor.OperationTimeoutException}
   */
  Mono<io.roomflux.reactor.data.LocalDataTrack> publishDataTrack(String name,
      io.roomflux.reactor.data.DataTrackOptions options);

  /**
   * Stores a schema definition under this participant, so that subscribers of its data tracks
   * can fetch it with {@link #schema}. A schema is defined once; the definition is stored as is
   * (neither parsed nor checked). The server must allow it ({@code enable_participant_data_blob}
   * in livekit-server's configuration; v1.13.5 refuses by default).
   *
   * @param id the schema's id, named by the tracks that use it
   * @param definition the definition
   * @return completes on the room's scheduler once the server stored it; fails with
   *     {@link io.roomflux.reactor.data.DataTrackException} ({@code SCHEMA}: refused, or defined
   *     already), {@link RoomClosedException} or {@link io.roomflux.reactor.OperationTimeoutException}
   */
  Mono<Void> defineSchema(io.roomflux.reactor.data.DataTrackSchemaId id, String definition);

  /**
   * Fetches a schema definition another participant stored with {@link #defineSchema}.
   *
   * @param participantIdentity the participant that defined it
   * @param id the schema's id, as a track's {@link io.roomflux.reactor.data.DataTrackInfo#schema()} names it
   * @return the definition, on the room's scheduler; fails with
   *     {@link io.roomflux.reactor.data.DataTrackException} ({@code SCHEMA}: not defined, or
   *     refused), {@link RoomClosedException} or {@link io.roomflux.reactor.OperationTimeoutException}
   */
  Mono<String> schema(String participantIdentity, io.roomflux.reactor.data.DataTrackSchemaId id);
}
