package io.roomflux.core;

import io.roomflux.proto.ConnectCallback;
import io.roomflux.proto.ConnectRequest;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.ReadyForRoomEventRequest;
import io.roomflux.proto.RoomOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Test helpers that drive the core directly, below the reactive API. */
final class RawRooms {
  private RawRooms() {
  }

  static FfiRequest connect(String url, String token, Duration timeout, long asyncId) {
    return FfiRequest.newBuilder().setConnect(ConnectRequest.newBuilder().setUrl(url).setToken(token)
        .setOptions(RoomOptions.newBuilder().setAutoSubscribe(true).setJoinRetries(0)
            .setConnectTimeoutMs(timeout.toMillis()))
        .setRequestAsyncId(asyncId)).build();
  }

  static ConnectCallback.Result join(FfiClient ffi, String url, String token) throws Exception {
    AsyncCall call = ffi.call(id -> connect(url, token, Duration.ofSeconds(20), id));
    ConnectCallback callback = call.callback().get(30, TimeUnit.SECONDS).getConnect();
    if (callback.hasError()) {
      throw new IllegalStateException("connect failed: " + callback.getError());
    }
    return callback.getResult();
  }

  static void ready(FfiClient ffi, long roomHandle) {
    ffi.request(FfiRequest.newBuilder()
        .setReadyForRoomEvent(ReadyForRoomEventRequest.newBuilder().setRoomHandle(roomHandle)).build());
  }

  /**
   * A loopback TCP listener that accepts connections and never answers, so a connect to it stays
   * pending until its own timeout.
   */
  static final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    SilentServer() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread.ofPlatform().daemon(true).name("silent-server").start(() -> {
        try {
          while (!socket.isClosed()) {
            held.add(socket.accept());
          }
        } catch (IOException e) {
          if (!socket.isClosed()) {
            throw new UncheckedIOException(e);
          }
        }
      });
    }

    String url() {
      return "ws://127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
