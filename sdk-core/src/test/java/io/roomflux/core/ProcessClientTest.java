package io.roomflux.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The once-per-process rule, held for a stand-in client: no native core. */
class ProcessClientTest {
  private final List<FfiClientOptions> starts = new ArrayList<>();

  private final class Client {
    private boolean closed;
  }

  private final ProcessClient<Client> holder = new ProcessClient<>(options -> {
    starts.add(options);
    return new Client();
  }, client -> client.closed, client -> client.closed = true);

  @Test
  void theFirstOpenStartsTheClientWithItsOptionsAndLaterOpensShareIt() {
    FfiClientOptions first = new FfiClientOptions(false, Duration.ZERO, Duration.ofSeconds(1));

    Client opened = holder.open(first);
    Client again = holder.open(FfiClientOptions.defaults());

    assertThat(again).isSameAs(opened);
    assertThat(starts).containsExactly(first);
  }

  @Test
  void aClosedClientIsNeverStartedAgain() {
    holder.open(FfiClientOptions.defaults()).closed = true;

    assertThatThrownBy(() -> holder.open(FfiClientOptions.defaults()))
        .isInstanceOf(FfiClosedException.class)
        .hasMessageContaining("cannot be started again");
    assertThat(starts).hasSize(1);
  }
}
