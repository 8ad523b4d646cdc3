package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Asserts that a test gives back every native handle it took: after it, the live handles by
 * kind are what they were before, and no handle was reclaimed by the cleaner as a leak or
 * unknown to the core when dropped.
 */
final class NativeHandlesBalanced implements BeforeEachCallback, AfterEachCallback {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NativeHandlesBalanced.class);

  private record Baseline(Map<String, Long> live, long leaked, long dropFailures) {
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    var handles = TestMedia.LK.diagnostics();
    context.getStore(NS).put("baseline", new Baseline(handles.liveHandlesByKind(), handles.leakedHandles(),
        handles.dropFailures()));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Baseline before = context.getStore(NS).get("baseline", Baseline.class);
    var handles = TestMedia.LK.diagnostics();
    assertThat(handles.liveHandlesByKind()).as("live handles by kind after the test").isEqualTo(before.live());
    assertThat(handles.leakedHandles()).as("handles reclaimed as leaks").isEqualTo(before.leaked());
    assertThat(handles.dropFailures()).as("drops the core did not recognise").isEqualTo(before.dropFailures());
  }
}
