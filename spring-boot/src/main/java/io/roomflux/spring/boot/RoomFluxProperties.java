package io.roomflux.spring.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * RoomFlux's configuration, bound from {@code roomflux.*}. The three connection properties fall
 * back to the environment variables LiveKit's own tools read ({@code LIVEKIT_URL},
 * {@code LIVEKIT_API_KEY}, {@code LIVEKIT_API_SECRET}) when they are not set; missing or bad values
 * fail start-up with a message that names the property. Mutable, as Spring binds it; read it only
 * after binding. Not thread-safe while being bound.
 */
@ConfigurationProperties(prefix = "roomflux")
public class RoomFluxProperties {
  /** The livekit-server URL, ws(s):// or http(s)://. Falls back to LIVEKIT_URL. */
  private String url = "";

  /** The API key of the server. Falls back to LIVEKIT_API_KEY. */
  private String apiKey = "";

  /** The API secret of the server; never logged or shown. Falls back to LIVEKIT_API_SECRET. */
  private String apiSecret = "";

  /** How long the context waits at shutdown for the rooms of the LiveKit bean to be released. */
  private Duration shutdownTimeout = Duration.ofSeconds(30);

  private final Room room = new Room();
  private final Token token = new Token();
  private final Server server = new Server();
  private final Webhook webhook = new Webhook();
  private final Agent agent = new Agent();
  private final Health health = new Health();

  /** Defaults everywhere; Spring binds the configured values. */
  public RoomFluxProperties() {
  }

  /**
   * The livekit-server URL.
   *
   * @return the URL, empty when unset
   */
  public String getUrl() {
    return url;
  }

  /**
   * Sets the livekit-server URL.
   *
   * @param url the URL
   */
  public void setUrl(String url) {
    this.url = url;
  }

  /**
   * The API key.
   *
   * @return the key, empty when unset
   */
  public String getApiKey() {
    return apiKey;
  }

  /**
   * Sets the API key.
   *
   * @param apiKey the key
   */
  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  /**
   * The API secret.
   *
   * @return the secret, empty when unset
   */
  public String getApiSecret() {
    return apiSecret;
  }

  /**
   * Sets the API secret.
   *
   * @param apiSecret the secret
   */
  public void setApiSecret(String apiSecret) {
    this.apiSecret = apiSecret;
  }

  /**
   * How long shutdown waits for the rooms to be released.
   *
   * @return the timeout
   */
  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  /**
   * Sets how long shutdown waits for the rooms to be released.
   *
   * @param shutdownTimeout the timeout
   */
  public void setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }

  /**
   * Defaults for the rooms the application joins.
   *
   * @return the room defaults
   */
  public Room getRoom() {
    return room;
  }

  /**
   * Token defaults.
   *
   * @return the token defaults
   */
  public Token getToken() {
    return token;
  }

  /**
   * The server API client.
   *
   * @return its settings
   */
  public Server getServer() {
    return server;
  }

  /**
   * The webhook route.
   *
   * @return its settings
   */
  public Webhook getWebhook() {
    return webhook;
  }

  /**
   * The agent worker.
   *
   * @return its settings
   */
  public Agent getAgent() {
    return agent;
  }

  /**
   * The health indicator.
   *
   * @return its settings
   */
  public Health getHealth() {
    return health;
  }

  /** Defaults for the rooms the application joins ({@code RoomOptions} bean). */
  public static class Room {
    /** Whether remote tracks are subscribed to automatically. */
    private boolean autoSubscribe = true;

    /** How long a connect may take before it fails. */
    private Duration connectTimeout = Duration.ofSeconds(30);

    /** How long an operation on a room (publish, RPC, ...) may wait for the core's answer. */
    private Duration operationTimeout = Duration.ofSeconds(30);

    /** Defaults; Spring binds the configured values. */
    public Room() {
    }

    /**
     * Whether remote tracks are subscribed to automatically.
     *
     * @return the flag
     */
    public boolean isAutoSubscribe() {
      return autoSubscribe;
    }

    /**
     * Sets whether remote tracks are subscribed to automatically.
     *
     * @param autoSubscribe the flag
     */
    public void setAutoSubscribe(boolean autoSubscribe) {
      this.autoSubscribe = autoSubscribe;
    }

    /**
     * How long a connect may take.
     *
     * @return the timeout
     */
    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    /**
     * Sets how long a connect may take.
     *
     * @param connectTimeout the timeout
     */
    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    /**
     * How long a room operation may wait.
     *
     * @return the timeout
     */
    public Duration getOperationTimeout() {
      return operationTimeout;
    }

    /**
     * Sets how long a room operation may wait.
     *
     * @param operationTimeout the timeout
     */
    public void setOperationTimeout(Duration operationTimeout) {
      this.operationTimeout = operationTimeout;
    }
  }

  /** Tokens minted by the {@code TokenIssuer} bean. */
  public static class Token {
    /** How long a minted token is valid. */
    private Duration ttl = Duration.ofHours(6);

    /** Defaults; Spring binds the configured values. */
    public Token() {
    }

    /**
     * How long a minted token is valid.
     *
     * @return the time to live
     */
    public Duration getTtl() {
      return ttl;
    }

    /**
     * Sets how long a minted token is valid.
     *
     * @param ttl the time to live
     */
    public void setTtl(Duration ttl) {
      this.ttl = ttl;
    }
  }

  /** The server API client ({@code ServerApi} bean). */
  public static class Server {
    /** How long one server API call may take, retries included. */
    private Duration timeout = Duration.ofSeconds(10);

    /** Defaults; Spring binds the configured values. */
    public Server() {
    }

    /**
     * How long one server API call may take.
     *
     * @return the timeout
     */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets how long one server API call may take.
     *
     * @param timeout the timeout
     */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** The WebFlux route that receives livekit-server's webhooks. */
  public static class Webhook {
    /** Whether the webhook route is registered (in a reactive web application). */
    private boolean enabled = true;

    /** The path livekit-server posts its webhooks to. */
    private String path = "/livekit/webhook";

    /** Defaults; Spring binds the configured values. */
    public Webhook() {
    }

    /**
     * Whether the route is registered.
     *
     * @return the flag
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the route is registered.
     *
     * @param enabled the flag
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The route's path.
     *
     * @return the path
     */
    public String getPath() {
      return path;
    }

    /**
     * Sets the route's path.
     *
     * @param path the path, starting with a slash
     */
    public void setPath(String path) {
      this.path = path;
    }
  }

  /** The agent worker run for an {@code AgentJobHandler} bean. */
  public static class Agent {
    /** Whether an agent worker is run when the application has an AgentJobHandler bean. */
    private boolean enabled = true;

    /** The agent name: empty for automatic dispatch to every new room, a name for explicit dispatch only. */
    private String name = "";

    /** The most jobs the worker runs at once. */
    private int maxJobs = 10;

    /** The load (0..1) at which the worker reports itself full. */
    private double loadThreshold = 0.7;

    /** How long running jobs may take to end when the application stops before they are cancelled. */
    private Duration drainTimeout = Duration.ofSeconds(30);

    /** Defaults; Spring binds the configured values. */
    public Agent() {
    }

    /**
     * Whether a worker is run.
     *
     * @return the flag
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether a worker is run.
     *
     * @param enabled the flag
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The agent name.
     *
     * @return the name, empty for automatic dispatch
     */
    public String getName() {
      return name;
    }

    /**
     * Sets the agent name.
     *
     * @param name the name
     */
    public void setName(String name) {
      this.name = name;
    }

    /**
     * The most jobs at once.
     *
     * @return the limit
     */
    public int getMaxJobs() {
      return maxJobs;
    }

    /**
     * Sets the most jobs at once.
     *
     * @param maxJobs at least 1
     */
    public void setMaxJobs(int maxJobs) {
      this.maxJobs = maxJobs;
    }

    /**
     * The load at which the worker is full.
     *
     * @return the threshold
     */
    public double getLoadThreshold() {
      return loadThreshold;
    }

    /**
     * Sets the load at which the worker is full.
     *
     * @param loadThreshold in 0..1
     */
    public void setLoadThreshold(double loadThreshold) {
      this.loadThreshold = loadThreshold;
    }

    /**
     * How long jobs may take to end at shutdown.
     *
     * @return the timeout
     */
    public Duration getDrainTimeout() {
      return drainTimeout;
    }

    /**
     * Sets how long jobs may take to end at shutdown.
     *
     * @param drainTimeout the timeout
     */
    public void setDrainTimeout(Duration drainTimeout) {
      this.drainTimeout = drainTimeout;
    }
  }

  /** The health indicator. */
  public static class Health {
    /** How long the health check's ListRooms call may take before the server counts as unreachable. */
    private Duration timeout = Duration.ofSeconds(2);

    /** Defaults; Spring binds the configured values. */
    public Health() {
    }

    /**
     * How long the health check's server call may take.
     *
     * @return the timeout
     */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets how long the health check's server call may take.
     *
     * @param timeout the timeout
     */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }
}
