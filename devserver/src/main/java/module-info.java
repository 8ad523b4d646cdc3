/**
 * A real livekit-server in dev mode ({@link io.roomflux.devserver.LiveKitDevServer}) and a Redis
 * for several of them ({@link io.roomflux.devserver.RedisServer}), run as child processes of the
 * JVM, plus a {@code main} helper for programs that need a server of their own
 * ({@link io.roomflux.devserver.DevServerMain}). Depends on no test framework.
 */
module io.roomflux.devserver {
  requires transitive io.roomflux.token;
  requires java.net.http;
  requires org.slf4j;
  requires tools.jackson.databind;
  requires tools.jackson.dataformat.yaml;
  requires static org.jspecify;

  exports io.roomflux.devserver;
}
