package io.roomflux.samples.agent;

import io.roomflux.agents.AgentWorker;
import io.roomflux.devserver.DevServerMain;
import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioStreamOptions;
import io.roomflux.reactor.participant.TrackSource;
import io.roomflux.server.ServerApi;
import io.roomflux.server.proto.CreateAgentDispatchRequest;
import io.roomflux.server.proto.CreateRoomRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An agent worker and a visitor: the worker ({@link AgentWorker}, agent name {@value #AGENT_NAME})
 * runs {@link GreeterAgent} for each job; a job is dispatched to room {@value #ROOM} through the
 * server API's agent dispatch; {@code visitor} joins that room, is greeted by data message,
 * sends a packet on topic {@code "say"}, and hears the agent's 440 Hz tone.
 *
 * <p>{@link #main} starts a dev-mode livekit-server of its own, checks the greeting and the tone,
 * and exits 0, or 1 with the reason on standard error. Run it with
 * {@code scripts/run-sample.sh agent}.
 */
public final class AgentSample {
  /** The agent name the worker registers and the dispatch names. */
  public static final String AGENT_NAME = "greeter";
  /** The room the job is dispatched to. */
  public static final String ROOM = "front-desk";
  /** 100 ms windows (10 frames) with the tone that the visitor waits for: half a second. */
  public static final int TONE_WINDOWS = 5;

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private AgentSample() {}

  /**
   * 100 ms of received audio.
   *
   * @param sampleRate the frames' sample rate
   * @param ratio the Goertzel power ratio at {@link GreeterAgent#FREQUENCY} (about 1 for the tone)
   */
  public record Window(int sampleRate, double ratio) {}

  /**
   * What the visitor got.
   *
   * @param greeting the greeting's text
   * @param agent the identity of the participant who greeted
   * @param tone the first {@link #TONE_WINDOWS} windows in which the tone was dominant (ratio above 0.5)
   */
  public record Visit(String greeting, String agent, List<Window> tone) {}

  /**
   * The worker of the sample. Not started; {@link AgentWorker#start()} or {@link AgentWorker#run()}
   * it, and close it.
   *
   * @param lk the entry point the worker joins rooms with, owned by the caller
   * @param url the server's WebSocket URL
   * @param apiKey the server's API key
   * @param apiSecret its secret
   * @return the worker
   */
  public static AgentWorker worker(LiveKit lk, String url, String apiKey, String apiSecret) {
    GreeterAgent agent = new GreeterAgent(lk.media());
    return AgentWorker.builder(url, apiKey, apiSecret)
        .agentName(AGENT_NAME)
        .liveKit(lk)
        .onJob(agent::run)
        .build();
  }

  /**
   * Creates {@code room} and dispatches the agent to it. Cold.
   *
   * @param api the server API
   * @param room the room
   * @return the dispatch's id
   */
  public static Mono<String> dispatch(ServerApi api, String room) {
    return api.roomService().createRoom(CreateRoomRequest.newBuilder().setName(room).setEmptyTimeout(60).build())
        .then(api.agentDispatch().createDispatch(
            CreateAgentDispatchRequest.newBuilder().setAgentName(AGENT_NAME).setRoom(room).build()))
        .map(dispatch -> dispatch.getId());
  }

  /**
   * The visitor's story: joins {@code room}, waits for the greeting, answers on topic
   * {@code "say"} to the participant who greeted, and listens to that participant's microphone
   * until the tone was dominant in {@link #TONE_WINDOWS} windows of 100 ms. Cold; the room is
   * left before the visit is emitted, also on error or cancel.
   *
   * @param lk the entry point
   * @param url the server's WebSocket URL
   * @param tokens mints a join token for an identity and a room
   * @param room the room the agent was dispatched to
   * @param out told each step; called on Reactor threads, so it must be quick
   * @return the visit
   */
  public static Mono<Visit> visit(LiveKit lk, String url, BiFunction<String, String, String> tokens, String room,
                                  Consumer<String> out) {
    return lk.withRoom(url, tokens.apply("visitor", room), RoomOptions.defaults(), visitor -> {
      out.accept("visitor joined room " + visitor.name());
      // The room holds its events until the first subscriber, and this one keeps them for both
      // questions below: the greeting cannot be missed.
      Flux<RoomEvent> events = visitor.events().replay().autoConnect(0);
      Mono<String> greeting = events.ofType(RoomEvent.DataReceived.class)
          .map(RoomEvent.DataReceived::packet)
          .filter(p -> p.topic().filter(GreeterAgent.GREETING_TOPIC::equals).isPresent())
          .next()
          .map(GreeterAgent::text);
      // The agent's identity is "agent-<job id>" (the worker's default). The greeting can arrive
      // before the visitor's room lists the agent, and then without a sender: wait for both.
      Mono<String> agentJoined = Flux.merge(
              events.ofType(RoomEvent.ParticipantConnected.class).map(e -> e.participant().identity()),
              Flux.defer(() -> Flux.fromIterable(visitor.remoteParticipants().keySet())))
          .filter(identity -> identity.startsWith("agent-"))
          .next();
      return Mono.zip(greeting, agentJoined).flatMap(both -> {
        String text = both.getT1();
        String agent = both.getT2();
        out.accept("visitor got \"" + text + "\" from " + agent);
        Mono<List<Window>> tone = visitor.audioFramesFrom(agent, TrackSource.MICROPHONE, AudioStreamOptions.defaults())
            .buffer(10)
            .map(AgentSample::window)
            .filter(w -> w.ratio() > 0.5)
            .take(TONE_WINDOWS)
            .collectList();
        Mono<Void> say = visitor.localParticipant().publishData("play".getBytes(StandardCharsets.UTF_8),
                DataOptions.reliable().withTopic(GreeterAgent.SAY_TOPIC).to(agent))
            .doOnSuccess(done -> out.accept("visitor said something on topic \"say\""));
        // Listen first, then ask.
        return Mono.zip(tone, say.then(Mono.just(true)))
            .map(heard -> new Visit(text, agent, heard.getT1()))
            .doOnNext(v -> out.accept(describe(v)));
      }).flux();
    }).next();
  }

  private static Window window(List<AudioFrame> frames) {
    short[] all = new short[frames.stream().mapToInt(f -> f.samples().remaining()).sum()];
    int at = 0;
    for (AudioFrame f : frames) {
      int n = f.samples().remaining();
      f.samples().duplicate().get(all, at, n);
      at += n;
    }
    int rate = frames.getFirst().sampleRate();
    return new Window(rate, Tones.powerRatio(all, frames.getFirst().numChannels(), rate, GreeterAgent.FREQUENCY));
  }

  static String describe(Visit v) {
    return String.format("visitor heard the tone: %d windows of 100 ms at %s Hz, Goertzel ratios at %.0f Hz %s",
        v.tone().size(), v.tone().stream().map(w -> Integer.toString(w.sampleRate())).distinct().toList(),
        GreeterAgent.FREQUENCY, v.tone().stream().map(w -> String.format("%.3f", w.ratio())).toList());
  }

  /**
   * Runs the worker and the visit against a dev-mode livekit-server started for them, and exits.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    DevServerMain.runAndExit("agent", AgentSample::tell);
  }

  private static void tell(LiveKitDevServer server) {
    String url = server.url().toString();
    try (LiveKit agentSide = LiveKit.create(); LiveKit visitorSide = LiveKit.create();
         ServerApi api = ServerApi.builder(server.httpUrl().toString(), server.apiKey(), server.apiSecret()).build()) {
      AgentWorker worker = worker(agentSide, url, server.apiKey(), server.apiSecret());
      try {
        worker.start();
        String workerId = worker.registrations().next().block(TIMEOUT);
        System.out.println("worker registered as " + workerId + " (agent name " + AGENT_NAME + ")");
        System.out.println("dispatched " + dispatch(api, ROOM).block(TIMEOUT) + " to room " + ROOM);
        Visit visit = visit(visitorSide, url, server::token, ROOM, System.out::println).blockOptional(TIMEOUT)
            .orElseThrow(() -> new IllegalStateException("the visit ended without an outcome"));
        if (!visit.greeting().equals("hello, visitor")) {
          throw new IllegalStateException("unexpected greeting: " + visit.greeting());
        }
        if (visit.tone().size() < TONE_WINDOWS) {
          throw new IllegalStateException("the visitor did not hear the tone: " + visit.tone());
        }
      } finally {
        worker.close().block(TIMEOUT);
      }
      System.out.println("worker closed; native handles still live: agent " + agentSide.diagnostics().liveHandles()
          + ", visitor " + visitorSide.diagnostics().liveHandles());
    }
  }
}
