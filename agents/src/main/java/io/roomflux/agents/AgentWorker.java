package io.roomflux.agents;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.roomflux.Telemetry;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.server.proto.AvailabilityRequest;
import io.roomflux.server.proto.AvailabilityResponse;
import io.roomflux.server.proto.Job;
import io.roomflux.server.proto.JobAssignment;
import io.roomflux.server.proto.JobStatus;
import io.roomflux.server.proto.JobType;
import io.roomflux.server.proto.ParticipantPermission;
import io.roomflux.server.proto.RegisterWorkerRequest;
import io.roomflux.server.proto.ServerMessage;
import io.roomflux.server.proto.UpdateJobStatus;
import io.roomflux.server.proto.UpdateWorkerStatus;
import io.roomflux.server.proto.WorkerMessage;
import io.roomflux.server.proto.WorkerStatus;
import io.roomflux.token.AccessToken;
import io.roomflux.token.VideoGrant;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.util.retry.Retry;

/**
 * A LiveKit agent worker: registers with livekit-server's agent dispatch over the {@code /agent}
 * WebSocket (reactor-netty, protobuf binary frames, a JWT with the agent grant) and runs the jobs
 * the server hands it, each in its room joined with RoomFlux.
 *
 * <p>What it does, in the protocol's terms: it sends {@code RegisterWorkerRequest} (agent name,
 * namespace, job type, permissions) as its first message and fails the attempt if the answer does
 * not come within the registration timeout (10 s, the server's own window); it reports
 * {@code UpdateWorkerStatus} (status, load, job count) every 2.5 s and whenever its job count
 * changes, {@code WS_FULL} once the {@link LoadFunction load} reaches the threshold (0.7 by default,
 * as LiveKit's own workers) or while draining; it answers each {@code AvailabilityRequest} through
 * the request function within the request timeout (declining on its error or timeout, at
 * {@code maxJobs}, and while draining); on {@code JobAssignment} it joins the job's room with the
 * token the server minted and runs the job function inside {@link Flux#usingWhen}, so the room is
 * disconnected when the job's publisher completes ({@code JS_SUCCESS}), fails ({@code JS_FAILED}
 * with the error), or is cancelled by {@code JobTermination} or by the room ending under it. The
 * server's WebSocket pings are answered by reactor-netty. When the connection is lost the worker
 * reconnects after min(2·n, 10) s (n consecutive failures) and registers again.
 *
 * <p>Threads: nothing blocks. The request and job functions are called on reactor-netty's event
 * loop or the core's callback thread and must not block either; jobs run concurrently. Release:
 * {@link #run()} holds the connection while subscribed; cancelling it, {@link #close()} or
 * {@link #drain(Duration)} end it, and every job still running is then cancelled and its room
 * released. A worker runs once: {@code run()} can be subscribed once. Thread-safe.
 */
public final class AgentWorker {
  private static final Logger LOG = LoggerFactory.getLogger(AgentWorker.class);
  private static final int MAX_FRAME = 4 << 20;

  private final String url;
  private final String apiKey;
  private final String apiSecret;
  private final String agentName;
  private final Optional<String> namespace;
  private final JobType jobType;
  private final ParticipantPermission permissions;
  private final int maxJobs;
  private final double fullThreshold;
  private final LoadFunction loadFunction;
  private final Function<JobRequest, ? extends Publisher<JobDecision>> onRequest;
  private final Function<AgentJob, ? extends Publisher<?>> onJob;
  private final LiveKit liveKit;
  private final boolean ownsLiveKit;
  private final RoomOptions roomOptions;
  private final Duration statusInterval;
  private final Duration registerTimeout;
  private final Duration requestTimeout;
  private final Duration assignmentTimeout;
  private final HttpClient http;
  private final Telemetry telemetry;

  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicReference<@Nullable Session> session = new AtomicReference<>();
  private final Map<String, RunningJob> jobs = new ConcurrentHashMap<>();
  private final Map<String, Disposable> awaitingAssignment = new ConcurrentHashMap<>();
  private final AtomicInteger slots = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final Sinks.Empty<Void> stop = Sinks.empty();
  private final Sinks.Empty<Void> stopped = Sinks.empty();
  private final Sinks.Many<JobEnd> ends = Sinks.many().multicast().directBestEffort();
  private final Sinks.Many<String> registered = Sinks.many().replay().latest();
  private volatile boolean draining;
  private volatile @Nullable String workerId;

  private final AtomicLong registrations = new AtomicLong();
  private final AtomicLong availabilityRequests = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong declined = new AtomicLong();
  private final AtomicLong assigned = new AtomicLong();
  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong roomEnded = new AtomicLong();
  private final AtomicLong terminated = new AtomicLong();

  private AgentWorker(Builder b) {
    this.url = b.url;
    this.apiKey = b.apiKey;
    this.apiSecret = b.apiSecret;
    this.agentName = b.agentName;
    this.namespace = b.namespace;
    this.jobType = b.jobType;
    this.permissions = b.permissions;
    this.maxJobs = b.maxJobs;
    this.fullThreshold = b.fullThreshold;
    this.loadFunction = b.loadFunction;
    this.onRequest = b.onRequest;
    this.onJob = Objects.requireNonNull(b.onJob, "onJob must be set");
    this.ownsLiveKit = b.liveKit == null;
    this.liveKit = b.liveKit != null ? b.liveKit : LiveKit.create(LiveKitOptions.builder().telemetry(b.telemetry).build());
    this.telemetry = Telemetry.guarded(b.telemetry);
    this.roomOptions = b.roomOptions;
    this.statusInterval = b.statusInterval;
    this.registerTimeout = b.registerTimeout;
    this.requestTimeout = b.requestTimeout;
    this.assignmentTimeout = b.assignmentTimeout;
    this.http = HttpClient.create();
  }

  /**
   * Starts building a worker for a server.
   *
   * @param url the server, {@code ws(s)://} or {@code http(s)://host[:port]}; the worker connects to
   *     its {@code /agent} path and joins job rooms here unless the assignment names another URL
   * @param apiKey the server's API key
   * @param apiSecret the server's API secret
   * @return a builder
   */
  public static Builder builder(String url, String apiKey, String apiSecret) {
    return new Builder(url, apiKey, apiSecret);
  }

  /**
   * Connects, registers and serves jobs until cancelled, {@link #close() closed} or
   * {@link #drain(Duration) drained}; reconnects with backoff when the server goes away. Cold,
   * and may be subscribed once.
   *
   * @return completes when the worker was closed and its jobs ended; fails with
   *     {@link WorkerRegistrationException} if the server refuses the worker's credentials, or
   *     {@link IllegalStateException} if subscribed twice
   */
  public Mono<Void> run() {
    return Mono.defer(() -> {
      if (!started.compareAndSet(false, true)) {
        return Mono.error(new IllegalStateException("an AgentWorker runs once"));
      }
      Mono<Void> loop = Mono.defer(this::connectOnce)
          .then(Mono.<Void>error(new AgentWorkerException("livekit-server closed the agent connection")))
          .retryWhen(Retry.from(signals -> signals.concatMap(signal -> {
            Throwable error = signal.failure();
            if (error instanceof WorkerRegistrationException refused && refused.getCause() instanceof WebSocketClientHandshakeException) {
              return Mono.error(refused);
            }
            int n = failures.incrementAndGet();
            Duration delay = Duration.ofSeconds(Math.min(2L * n, 10L));
            LOG.info("agent worker {}: connection lost ({}); reconnecting in {}", agentName, error.toString(), delay);
            return Mono.delay(delay);
          })));
      return loop.takeUntilOther(stop.asMono())
          .then(Mono.defer(this::endAllJobs))
          .then(Mono.defer(() -> ownsLiveKit ? liveKit.closeRooms() : Mono.empty()))
          .doFinally(signal -> {
            session.set(null);
            workerId = null;
            stopped.tryEmitEmpty();
          });
    });
  }

  /**
   * Starts {@link #run()} in the background.
   *
   * @return disposing it stops the worker as {@link #close()} does
   */
  public Disposable start() {
    return run().subscribe(null, error -> LOG.error("agent worker {} stopped", agentName, error));
  }

  /**
   * Drains the worker: reports {@code WS_FULL} and declines new jobs at once, waits for running
   * jobs to end for at most {@code timeout}, cancels those still running then, and closes.
   *
   * @param timeout how long running jobs may take
   * @return completes when the worker is closed
   */
  public Mono<Void> drain(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return Mono.defer(() -> {
      draining = true;
      sendStatus();
      return Flux.merge(ends.asFlux(), Mono.just(Boolean.TRUE))
          .filter(any -> jobs.isEmpty())
          .next()
          .timeout(timeout, Mono.empty())
          .then(close());
    });
  }

  /**
   * Closes the worker: cancels its jobs (their rooms are disconnected and released) and the
   * connection. Idempotent.
   *
   * @return completes when the worker has stopped (at once if it never ran)
   */
  public Mono<Void> close() {
    return Mono.defer(() -> {
      stop.tryEmitEmpty();
      if (!started.get()) {
        return ownsLiveKit ? liveKit.closeRooms() : Mono.empty();
      }
      return stopped.asMono();
    });
  }

  /**
   * How jobs end, as they end. Hot, with no replay: subscribe before the jobs you watch.
   * Signals arrive on the thread that ended the job.
   *
   * @return the job ends
   */
  public Flux<JobEnd> jobEnds() {
    return ends.asFlux();
  }

  /**
   * The worker ids of the worker's registrations: the current one at once if registered, then
   * each new one after a reconnect. Signals arrive on reactor-netty's event loop.
   *
   * @return the worker ids
   */
  public Flux<String> registrations() {
    return registered.asFlux();
  }

  /**
   * A snapshot of the worker's counters.
   *
   * @return the counters
   */
  public WorkerStats stats() {
    return new WorkerStats(Optional.ofNullable(workerId), registrations.get(), availabilityRequests.get(),
        accepted.get(), declined.get(), assigned.get(), jobs.size(), succeeded.get(), failed.get(),
        roomEnded.get(), terminated.get(), liveKit.diagnostics().liveHandles());
  }

  /**
   * The RoomFlux entry point the worker joins rooms with (its own unless the builder was given one).
   *
   * @return the entry point
   */
  public LiveKit liveKit() {
    return liveKit;
  }

  // ---- connection -----------------------------------------------------------------------------

  private Mono<Void> connectOnce() {
    String token = AccessToken.builder().apiKey(apiKey).apiSecret(apiSecret)
        .videoGrant(VideoGrant.builder().agent(true).build()).ttl(Duration.ofHours(1)).build().toJwt();
    return http.headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token))
        .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME).build())
        .uri(agentUri(url))
        .handle((in, out) -> new Session().run(in, out))
        .then()
        .onErrorMap(WebSocketClientHandshakeException.class,
            e -> new WorkerRegistrationException("livekit-server refused the agent worker: " + e.getMessage(), e));
  }

  static String agentUri(String url) {
    String base = url.replaceFirst("^http", "ws");
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/agent";
  }

  /** One WebSocket connection: its outbound queue and its registration. */
  private final class Session {
    private final Sinks.Many<WorkerMessage> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Empty<Void> registered = Sinks.empty();

    Mono<Void> run(WebsocketInbound in, WebsocketOutbound out) {
      session.set(this);
      RegisterWorkerRequest.Builder register = RegisterWorkerRequest.newBuilder()
          .setType(jobType).setAgentName(agentName).setVersion("roomflux-agents")
          .setAllowedPermissions(permissions);
      namespace.ifPresent(register::setNamespace);
      send(WorkerMessage.newBuilder().setRegister(register).build());

      Mono<Void> reading = in.aggregateFrames(MAX_FRAME).receiveFrames()
          .doOnNext(this::receive)
          .then();
      Mono<Void> writing = out.sendObject(outbound.asFlux()
          .map(message -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message.toByteArray())))).then();
      Mono<Void> status = registered.asMono()
          .timeout(registerTimeout, Mono.error(() -> new WorkerRegistrationException(
              "livekit-server did not answer the registration within " + registerTimeout)))
          .thenMany(Flux.interval(statusInterval))
          .doOnNext(tick -> sendStatus())
          .then();
      return Mono.firstWithSignal(reading, Mono.when(writing, status))
          .doFinally(signal -> session.compareAndSet(this, null));
    }

    void send(WorkerMessage message) {
      synchronized (outbound) {
        outbound.tryEmitNext(message);
      }
    }

    private void receive(WebSocketFrame frame) {
      if (!(frame instanceof BinaryWebSocketFrame)) {
        return;
      }
      ServerMessage message;
      try {
        message = ServerMessage.parseFrom(ByteBufUtil.getBytes(frame.content()));
      } catch (InvalidProtocolBufferException e) {
        LOG.warn("agent worker {}: unreadable server message", agentName, e);
        return;
      }
      switch (message.getMessageCase()) {
        case REGISTER -> {
          workerId = message.getRegister().getWorkerId();
          registrations.incrementAndGet();
          failures.set(0);
          registered.tryEmitEmpty();
          AgentWorker.this.registered.tryEmitNext(message.getRegister().getWorkerId());
          LOG.info("agent worker {} registered as {}", agentName, workerId);
          sendStatus();
        }
        case AVAILABILITY -> onAvailability(this, message.getAvailability());
        case ASSIGNMENT -> onAssignment(message.getAssignment());
        case TERMINATION -> terminate(message.getTermination().getJobId());
        case PONG, MESSAGE_NOT_SET -> { }
      }
    }
  }

  private void send(WorkerMessage message) {
    Session current = session.get();
    if (current != null) {
      current.send(message);
    }
  }

  private void sendStatus() {
    int running = slots.get();
    double load = Math.clamp(loadFunction.load(running, maxJobs), 0.0, 1.0);
    WorkerStatus status = draining || load >= fullThreshold || running >= maxJobs ? WorkerStatus.WS_FULL : WorkerStatus.WS_AVAILABLE;
    send(WorkerMessage.newBuilder().setUpdateWorker(UpdateWorkerStatus.newBuilder()
        .setStatus(status).setLoad((float) load).setJobCount(jobs.size())).build());
  }

  // ---- jobs -----------------------------------------------------------------------------------

  private void onAvailability(Session from, AvailabilityRequest request) {
    availabilityRequests.incrementAndGet();
    Job job = request.getJob();
    boolean reserved = !draining && slots.getAndUpdate(n -> n < maxJobs ? n + 1 : n) < maxJobs;
    if (!reserved) {
      declined.incrementAndGet();
      from.send(answer(job, JobDecision.decline()));
      return;
    }
    Mono.defer(() -> Mono.from(onRequest.apply(new JobRequest(job, request.getResuming()))))
        .timeout(requestTimeout)
        .onErrorResume(error -> {
          LOG.warn("agent worker {}: the request function failed for job {}; declining", agentName, job.getId(), error);
          return Mono.just(JobDecision.decline());
        })
        .defaultIfEmpty(JobDecision.decline())
        .subscribe(decision -> {
          if (decision.accepted() && !draining) {
            accepted.incrementAndGet();
            awaitingAssignment.put(job.getId(), Mono.delay(assignmentTimeout).subscribe(t -> {
              if (awaitingAssignment.remove(job.getId()) != null) {
                slots.decrementAndGet();
                sendStatus();
              }
            }));
            from.send(answer(job, decision));
          } else {
            slots.decrementAndGet();
            declined.incrementAndGet();
            from.send(answer(job, JobDecision.decline()));
          }
        });
  }

  private static WorkerMessage answer(Job job, JobDecision decision) {
    AvailabilityResponse.Builder answer = AvailabilityResponse.newBuilder().setJobId(job.getId()).setAvailable(decision.accepted());
    if (decision.accepted()) {
      answer.setParticipantIdentity(decision.identity().orElse("agent-" + job.getId()))
          .setParticipantName(decision.name())
          .setParticipantMetadata(decision.metadata())
          .putAllParticipantAttributes(decision.attributes());
    }
    return WorkerMessage.newBuilder().setAvailability(answer).build();
  }

  private void onAssignment(JobAssignment assignment) {
    Job job = assignment.getJob();
    Disposable timer = awaitingAssignment.remove(job.getId());
    if (timer != null) {
      timer.dispose();
    } else {
      slots.incrementAndGet();
    }
    assigned.incrementAndGet();
    String roomUrl = assignment.hasUrl() && !assignment.getUrl().isEmpty() ? assignment.getUrl() : url;
    RunningJob running = new RunningJob(job);
    jobs.put(job.getId(), running);
    sendStatus();
    Flux<?> body = Flux.usingWhen(liveKit.connect(roomUrl, assignment.getToken(), roomOptions),
        room -> Flux.from(onJob.apply(new AgentJob(job, room)))
            .takeUntilOther(Flux.merge(running.terminate.asMono().thenReturn(Boolean.TRUE),
                room.onClose().then(Mono.fromCallable(() -> running.roomEnded = true)))),
        Room::disconnect, (room, error) -> room.disconnect(), Room::disconnect);
    running.subscription = body.then().subscribe(null, error -> finish(running, error), () -> finish(running, null));
  }

  private void terminate(String jobId) {
    RunningJob running = jobs.get(jobId);
    if (running != null) {
      running.terminated = true;
      running.terminate.tryEmitEmpty();
    }
  }

  private Mono<Void> endAllJobs() {
    awaitingAssignment.values().forEach(Disposable::dispose);
    awaitingAssignment.clear();
    if (jobs.isEmpty()) {
      return Mono.empty();
    }
    Mono<Void> allEnded = Flux.merge(ends.asFlux(), Mono.just(Boolean.TRUE)).filter(any -> jobs.isEmpty()).next().then();
    return allEnded.doOnSubscribe(s -> jobs.keySet().forEach(this::terminate))
        .timeout(Duration.ofSeconds(30), Mono.fromRunnable(() -> jobs.values().forEach(j -> j.subscription.dispose())));
  }

  private void finish(RunningJob running, @Nullable Throwable error) {
    String id = running.job.getId();
    if (!jobs.remove(id, running)) {
      return;
    }
    slots.decrementAndGet();
    JobEnd end;
    if (running.terminated) {
      terminated.incrementAndGet();
      end = new JobEnd(id, running.job.getRoom().getName(), JobEnd.Outcome.TERMINATED, Optional.empty());
    } else if (error != null) {
      failed.incrementAndGet();
      String message = error.getMessage() != null ? error.getClass().getSimpleName() + ": " + error.getMessage() : error.getClass().getName();
      send(WorkerMessage.newBuilder().setUpdateJob(UpdateJobStatus.newBuilder()
          .setJobId(id).setStatus(JobStatus.JS_FAILED).setError(message)).build());
      end = new JobEnd(id, running.job.getRoom().getName(), JobEnd.Outcome.FAILED, Optional.of(new JobFailedException(message, error)));
    } else {
      (running.roomEnded ? roomEnded : succeeded).incrementAndGet();
      send(WorkerMessage.newBuilder().setUpdateJob(UpdateJobStatus.newBuilder()
          .setJobId(id).setStatus(JobStatus.JS_SUCCESS)).build());
      end = new JobEnd(id, running.job.getRoom().getName(),
          running.roomEnded ? JobEnd.Outcome.ROOM_ENDED : JobEnd.Outcome.SUCCEEDED, Optional.empty());
    }
    sendStatus();
    telemetry.agentJobEnded(end.outcome().name());
    synchronized (ends) {
      ends.tryEmitNext(end);
    }
  }

  /** A job between its assignment and its end. */
  private static final class RunningJob {
    final Job job;
    final Sinks.Empty<Void> terminate = Sinks.empty();
    volatile boolean terminated;
    volatile boolean roomEnded;
    volatile Disposable subscription = () -> { };

    RunningJob(Job job) {
      this.job = job;
    }
  }

  /**
   * Builds an {@link AgentWorker}. Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final String url;
    private final String apiKey;
    private final String apiSecret;
    private String agentName = "";
    private Optional<String> namespace = Optional.empty();
    private JobType jobType = JobType.JT_ROOM;
    private ParticipantPermission permissions = ParticipantPermission.newBuilder()
        .setCanPublish(true).setCanSubscribe(true).setCanPublishData(true).setCanUpdateMetadata(true).build();
    private int maxJobs = 10;
    private double fullThreshold = 0.7;
    private LoadFunction loadFunction = LoadFunction.JOBS;
    private Function<JobRequest, ? extends Publisher<JobDecision>> onRequest = request -> Mono.just(JobDecision.accept());
    private @Nullable Function<AgentJob, ? extends Publisher<?>> onJob;
    private @Nullable LiveKit liveKit;
    private Telemetry telemetry = Telemetry.none();
    private RoomOptions roomOptions = RoomOptions.defaults();
    private Duration statusInterval = Duration.ofMillis(2500);
    private Duration registerTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofMillis(7500);
    private Duration assignmentTimeout = Duration.ofSeconds(15);

    private Builder(String url, String apiKey, String apiSecret) {
      this.url = Objects.requireNonNull(url, "url");
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      this.apiSecret = Objects.requireNonNull(apiSecret, "apiSecret");
    }

    /**
     * The agent name: empty (the default) for automatic dispatch to every new room, a name for
     * explicit dispatches only.
     *
     * @param name the name
     * @return this builder
     */
    public Builder agentName(String name) {
      this.agentName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * The namespace the worker registers in.
     *
     * @param value the namespace
     * @return this builder
     */
    public Builder namespace(String value) {
      this.namespace = Optional.of(value);
      return this;
    }

    /**
     * The job type ({@code JT_ROOM} by default).
     *
     * @param type the type
     * @return this builder
     */
    public Builder jobType(JobType type) {
      this.jobType = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * The permissions of the agent participants (publish, subscribe, data and metadata by default).
     *
     * @param value the permissions
     * @return this builder
     */
    public Builder permissions(ParticipantPermission value) {
      this.permissions = Objects.requireNonNull(value, "permissions");
      return this;
    }

    /**
     * The most jobs the worker runs at once (10 by default); offers beyond it are declined.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxJobs(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxJobs must be at least 1");
      }
      this.maxJobs = value;
      return this;
    }

    /**
     * The load at which the worker reports {@code WS_FULL} (0.7 by default).
     *
     * @param value in 0..1
     * @return this builder
     */
    public Builder fullThreshold(double value) {
      if (value < 0 || value > 1) {
        throw new IllegalArgumentException("fullThreshold must be in 0..1");
      }
      this.fullThreshold = value;
      return this;
    }

    /**
     * How the worker computes its load ({@link LoadFunction#JOBS} by default).
     *
     * @param value the function
     * @return this builder
     */
    public Builder load(LoadFunction value) {
      this.loadFunction = Objects.requireNonNull(value, "load");
      return this;
    }

    /**
     * Answers the server's job offers (accept all by default). The first decision the publisher
     * emits counts; no decision within the request timeout, an error or an empty publisher decline.
     *
     * @param function the request function, called on reactor-netty's event loop
     * @return this builder
     */
    public Builder onRequest(Function<JobRequest, ? extends Publisher<JobDecision>> function) {
      this.onRequest = Objects.requireNonNull(function, "onRequest");
      return this;
    }

    /**
     * The job function (required): what the agent does in the job's room. Its publisher is
     * subscribed once the room is joined; the job succeeds when it completes, fails when it fails,
     * and is cancelled when the server terminates the job or the room ends.
     *
     * @param function the job function, called on the core's callback thread
     * @return this builder
     */
    public Builder onJob(Function<AgentJob, ? extends Publisher<?>> function) {
      this.onJob = Objects.requireNonNull(function, "onJob");
      return this;
    }

    /**
     * The RoomFlux entry point to join rooms with; by default the worker creates its own and
     * releases its rooms when it stops.
     *
     * @param value the entry point, released by its owner
     * @return this builder
     */
    public Builder liveKit(LiveKit value) {
      this.liveKit = Objects.requireNonNull(value, "liveKit");
      return this;
    }

    /**
     * Where the worker reports how each job ends ({@code agentJobEnded} with the name of its
     * {@link JobEnd.Outcome}). When the worker creates its own {@link LiveKit} (no
     * {@link #liveKit(LiveKit)} given), that entry point reports to the same telemetry; a given
     * one keeps its own. {@link Telemetry#none()} by default; what it throws is caught and ignored.
     *
     * @param value the telemetry
     * @return this builder
     */
    public Builder telemetry(Telemetry value) {
      this.telemetry = Objects.requireNonNull(value, "telemetry");
      return this;
    }

    /**
     * How job rooms are joined ({@link RoomOptions#defaults()} by default).
     *
     * @param value the options
     * @return this builder
     */
    public Builder roomOptions(RoomOptions value) {
      this.roomOptions = Objects.requireNonNull(value, "roomOptions");
      return this;
    }

    /**
     * How often the worker reports its status (2.5 s by default).
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder statusInterval(Duration value) {
      this.statusInterval = positive(value, "statusInterval");
      return this;
    }

    /**
     * How long the request function may take (7.5 s by default, within the server's 10 s).
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration value) {
      this.requestTimeout = positive(value, "requestTimeout");
      return this;
    }

    /**
     * Builds the worker.
     *
     * @return the worker, not started
     * @throws NullPointerException if no job function was set
     */
    public AgentWorker build() {
      return new AgentWorker(this);
    }

    private static Duration positive(Duration value, String what) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return value;
    }
  }
}
