package io.roomflux.reactor.internal.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.ConnectException;
import io.roomflux.reactor.InvalidTokenException;
import io.roomflux.reactor.ServerUnreachableException;
import org.junit.jupiter.api.Test;

/** How a failed connect's text from the core becomes the API's connect errors. */
class ConnectErrorsTest {
  @Test
  void anHttp401Or403FromTheServerIsAnInvalidToken() {
    assertThat(ConnectErrors.classify("engine: signal failure: ws failure: HTTP error: 401 Unauthorized"))
        .isInstanceOf(InvalidTokenException.class).hasMessageContaining("HTTP 401");
    assertThat(ConnectErrors.classify("signal failure: http status code 403 Forbidden"))
        .isInstanceOf(InvalidTokenException.class).hasMessageContaining("HTTP 403");
  }

  @Test
  void anHttp404SaysToCheckTheUrlsPath() {
    assertThat(ConnectErrors.classify("engine: signal failure: ws failure: HTTP error: 404 Not Found"))
        .isInstanceOf(ServerUnreachableException.class).hasMessageContaining("check the URL's path");
  }

  @Test
  void transportFailuresAreAnUnreachableServer() {
    assertThat(ConnectErrors.classify(
        "engine: signal failure: transport connection error: IO error: Connection refused (os error 111)"))
        .isInstanceOf(ServerUnreachableException.class);
    assertThat(ConnectErrors.classify("failed to lookup address information: dns error"))
        .isInstanceOf(ServerUnreachableException.class);
  }

  @Test
  void anythingElseIsAPlainConnectExceptionWithTheCoresWords() {
    ConnectException e = ConnectErrors.classify("engine: join failure: something new");
    assertThat(e).isExactlyInstanceOf(ConnectException.class).hasMessageContaining("something new");
  }

  @Test
  void urlsAreCheckedBeforeAnythingIsSent() {
    assertThat(ConnectErrors.checkUrl("ws://127.0.0.1:7880")).isEmpty();
    assertThat(ConnectErrors.checkUrl("https://example.test")).isEmpty();
    assertThat(ConnectErrors.checkUrl("ftp://127.0.0.1")).hasValueSatisfying(m -> assertThat(m).contains("ws://"));
    assertThat(ConnectErrors.checkUrl("ws:///no-host")).hasValueSatisfying(m -> assertThat(m).contains("no host"));
    assertThat(ConnectErrors.checkUrl("ws://bad host")).hasValueSatisfying(m -> assertThat(m).contains("malformed"));
  }
}
