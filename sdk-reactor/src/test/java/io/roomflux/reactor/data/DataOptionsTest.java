package io.roomflux.reactor.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DataOptions} is an immutable value built, copied and checked through its builder. */
class DataOptionsTest {
  @Test
  void reliableToEveryoneWithoutATopicIsTheDefault() {
    DataOptions reliable = DataOptions.reliable();

    assertThat(reliable.kind()).isEqualTo(DataKind.RELIABLE);
    assertThat(reliable.topic()).isEmpty();
    assertThat(reliable.destinationIdentities()).isEmpty();
    assertThat(DataOptions.builder().build()).isEqualTo(reliable).hasSameHashCodeAs(reliable);
    assertThat(DataOptions.lossy()).isEqualTo(DataOptions.builder().kind(DataKind.LOSSY).build())
        .isNotEqualTo(reliable);
  }

  @Test
  void withTopicAndToChangeOneSettingAndLeaveTheOriginalAlone() {
    DataOptions original = DataOptions.lossy();

    DataOptions changed = original.withTopic("chat").to("alice", "bob");

    assertThat(changed.kind()).isEqualTo(DataKind.LOSSY);
    assertThat(changed.topic()).contains("chat");
    assertThat(changed.destinationIdentities()).containsExactly("alice", "bob");
    assertThat(original).isEqualTo(DataOptions.lossy());
    assertThat(changed.to().destinationIdentities()).isEmpty();
  }

  @Test
  void everySettingSurvivesToBuilder() {
    DataOptions options = DataOptions.builder().kind(DataKind.LOSSY).topic("t")
        .destinationIdentities(List.of("carol")).build();

    assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    assertThat(options.toBuilder().kind(DataKind.RELIABLE).build())
        .isEqualTo(DataOptions.reliable().withTopic("t").to("carol"));
    assertThat(options.toString()).isEqualTo("DataOptions[kind=LOSSY, topic=Optional[t], destinationIdentities=[carol]]");
  }

  @Test
  void destinationsAreCopiedAndNullsRefused() {
    List<String> destinations = new ArrayList<>(List.of("alice"));
    DataOptions options = DataOptions.builder().destinationIdentities(destinations).build();
    destinations.add("bob");

    assertThat(options.destinationIdentities()).containsExactly("alice");
    assertThatThrownBy(() -> options.destinationIdentities().add("bob"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> DataOptions.builder().kind(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("kind");
  }
}
