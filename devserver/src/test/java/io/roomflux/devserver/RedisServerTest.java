package io.roomflux.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class RedisServerTest {

  private static String ping(int port) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      return new String(in.readNBytes(7), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void answersOnLoopbackUntilClosed() throws Exception {
    RedisServer redis = RedisServer.start();
    int port = redis.port();
    assertThat(redis.address()).isEqualTo("127.0.0.1:" + port);
    assertThat(ping(port)).isEqualTo("+PONG\r\n");
    assertThat(redis.logFile()).isRegularFile();

    redis.close();
    redis.close();

    assertThatThrownBy(() -> ping(port)).isInstanceOf(ConnectException.class);
  }
}
