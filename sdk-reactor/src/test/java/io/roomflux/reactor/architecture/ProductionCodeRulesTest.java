package io.roomflux.reactor.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.RoomFluxException;
import io.roomflux.reactor.LiveKit;
import io.roomflux.token.AccessToken;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules for the production code of sdk-core, sdk-reactor, token and common that no compiler
 * checks: no mutable static state (so two {@code LiveKit}s, or two tests, never share a counter or
 * a hook), and no source file in sdk-reactor over 400 lines unless its first lines say why.
 */
class ProductionCodeRulesTest {

  /** One class of each module whose production classes the rules cover. */
  private static final List<String> MODULES = List.of(
      "io.roomflux.core.FfiClient", LiveKit.class.getName(), AccessToken.class.getName(),
      RoomFluxException.class.getName());

  /**
   * The static final fields allowed to hold mutable state, each with the reason. Keyed by
   * {@code class name + "." + field name}.
   */
  private static final Map<String, String> MUTABLE_STATIC_ALLOWED = Map.of(
      "io.roomflux.core.ProcessClient.PROCESS",
      "livekit-ffi is initialized once per process and keeps its callback for the process's life, "
          + "so the binding to it is process-wide: one holder for the one native core");

  private static final int MAX_SOURCE_LINES = 400;

  @Test
  void noProductionClassHasANonFinalStaticField() {
    List<String> offenders = new ArrayList<>();
    for (Field field : staticFields()) {
      if (!Modifier.isFinal(field.getModifiers())) {
        offenders.add(name(field) + " (" + field.getType().getTypeName() + ")");
      }
    }
    assertThat(offenders).as("non-final static fields in production classes").isEmpty();
  }

  @Test
  void noStaticFinalFieldHoldsMutableStateButTheAllowedOnes() {
    List<String> offenders = new ArrayList<>();
    Map<String, Field> allowedFound = new TreeMap<>();
    for (Field field : staticFields()) {
      if (!Modifier.isFinal(field.getModifiers())) {
        continue; // the rule above reports these
      }
      Optional<String> holder = mutableHolder(field);
      if (holder.isEmpty()) {
        continue;
      }
      if (MUTABLE_STATIC_ALLOWED.containsKey(name(field))) {
        allowedFound.put(name(field), field);
      } else {
        offenders.add(name(field) + " holds " + holder.get());
      }
    }
    assertThat(offenders)
        .as("static final fields holding mutable state (allowed only: %s)", MUTABLE_STATIC_ALLOWED.keySet())
        .isEmpty();
    assertThat(allowedFound.keySet())
        .as("allowed mutable statics that are no longer static final mutable holders (drop them from the list)")
        .containsExactlyInAnyOrderElementsOf(MUTABLE_STATIC_ALLOWED.keySet());
  }

  @Test
  void noSourceFileOfSdkReactorMainIsLongerThan400Lines() throws IOException {
    Path main = Repository.root().resolve("sdk-reactor").resolve("src").resolve("main");
    Map<String, Integer> offenders = new TreeMap<>();
    int files;
    try (Stream<Path> walk = Files.walk(main)) {
      List<Path> sources = walk.filter(Files::isRegularFile).toList();
      files = sources.size();
      for (Path source : sources) {
        List<String> text = Files.readAllLines(source);
        int lines = text.size();
        // Allowed with its reason written at its top (style: "no class over ~400 lines without a
        // reason written at its top").
        boolean reasoned = text.stream().limit(10).anyMatch(l -> l.startsWith("// Longer than 400 lines: "));
        if (lines > MAX_SOURCE_LINES && !reasoned) {
          offenders.put(Repository.root().relativize(source).toString(), lines);
        }
      }
    }
    assertThat(files).as("files under %s", main).isPositive();
    assertThat(offenders)
        .as("files in sdk-reactor/src/main over %d lines (file=lines)", MAX_SOURCE_LINES)
        .isEmpty();
  }

  /** Every static field that the source declares (compiler-generated ones left out) in the modules. */
  private static List<Field> staticFields() {
    List<Field> fields = new ArrayList<>();
    int classes = 0;
    for (String anchor : MODULES) {
      for (String name : CompiledModule.of(CompiledModule.load(anchor)).classNames()) {
        Class<?> type = CompiledModule.load(name);
        classes++;
        if (type.isSynthetic()) {
          continue;
        }
        for (Field field : type.getDeclaredFields()) {
          // Synthetic: $assertionsDisabled, an enum's $VALUES, switch maps, captured outer instances.
          if (Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
            fields.add(field);
          }
        }
      }
    }
    assertThat(classes).as("production classes scanned").isGreaterThan(100);
    return fields;
  }

  /**
   * What mutable state {@code field} holds, if any: an atomic, an adder or accumulator, a
   * {@code Runnable} (a hook), or a collection or map that can change. A field declared as an
   * interface such as {@code Map} is judged by its value (which initializes its class): an
   * unmodifiable JDK collection is fine.
   */
  private static Optional<String> mutableHolder(Field field) {
    Class<?> type = field.getType();
    if (type.getPackageName().equals("java.util.concurrent.atomic")) {
      return Optional.of("a " + type.getSimpleName());
    }
    if (Runnable.class.isAssignableFrom(type)) {
      return Optional.of("a " + type.getSimpleName() + " (a hook)");
    }
    if (type.getPackageName().startsWith("io.roomflux") && !type.isRecord() && !type.isEnum()) {
      // One of ours: mutable if any of its own instance fields can change or holds changing state.
      for (Field inner : type.getDeclaredFields()) {
        if (!Modifier.isStatic(inner.getModifiers()) && (!Modifier.isFinal(inner.getModifiers())
            || inner.getType().getPackageName().equals("java.util.concurrent.atomic"))) {
          return Optional.of("a " + type.getSimpleName() + " whose field " + inner.getName() + " can change");
        }
      }
    }
    if (!Collection.class.isAssignableFrom(type) && !Map.class.isAssignableFrom(type)) {
      return Optional.empty();
    }
    if (!type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
      return Optional.of("a mutable " + type.getSimpleName());
    }
    Object value;
    try {
      field.setAccessible(true);
      value = field.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new AssertionError("cannot read " + name(field) + " to see whether it can change", e);
    }
    if (value == null || unmodifiable(value.getClass())) {
      return Optional.empty();
    }
    return Optional.of("a mutable " + value.getClass().getName());
  }

  private static boolean unmodifiable(Class<?> type) {
    String name = type.getName();
    return name.startsWith("java.util.ImmutableCollections$")
        || name.startsWith("java.util.Collections$Unmodifiable")
        || name.startsWith("java.util.Collections$Empty")
        || name.startsWith("java.util.Collections$Singleton");
  }

  private static String name(Field field) {
    return field.getDeclaringClass().getName() + "." + field.getName();
  }
}
