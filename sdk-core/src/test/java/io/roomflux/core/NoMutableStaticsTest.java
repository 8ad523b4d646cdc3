package io.roomflux.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Production code of sdk-core keeps no mutable state in static fields: every static field is
 * final and holds a value that cannot change, except the one holder written down here with the
 * reason it must be static.
 */
class NoMutableStaticsTest {
  // Allowed on purpose, each for a reason that holds for the whole process.
  private static final Set<String> ALLOWED = Set.of(
      // livekit-ffi initializes once per process: one holder of the process's client is inherent.
      "io.roomflux.core.ProcessClient.PROCESS",
      // A service thread that drops leaked handles; it holds no state of ours.
      "io.roomflux.core.OwnedHandle.CLEANER");
  private static final Set<String> IMMUTABLE_TYPES = Set.of(
      "java.lang.String", "org.slf4j.Logger", "java.lang.foreign.Linker",
      "java.lang.foreign.FunctionDescriptor");

  @Test
  void everyStaticFieldOfProductionCodeIsFinalAndHoldsAnImmutableValue() throws Exception {
    List<String> offenders = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    for (Class<?> type : productionClasses()) {
      for (Field field : type.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) || field.isSynthetic() || field.isEnumConstant()) {
          continue;
        }
        String name = type.getName() + "." + field.getName();
        checked.add(name);
        if (ALLOWED.contains(name)) {
          continue;
        }
        if (!Modifier.isFinal(field.getModifiers()) || !holdsImmutable(field)) {
          offenders.add(name + " (" + field.getType().getName() + ")");
        }
      }
    }
    assertThat(checked).as("the scan saw the core's classes").contains(
        "io.roomflux.core.ProcessClient.PROCESS", "io.roomflux.core.Transport.REQUEST_KINDS");
    assertThat(offenders).as("mutable static fields").isEmpty();
  }

  private static boolean holdsImmutable(Field field) throws IllegalAccessException {
    Class<?> type = field.getType();
    if (type.isPrimitive() || type.isEnum() || IMMUTABLE_TYPES.contains(type.getName())) {
      return true;
    }
    if (Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
      field.setAccessible(true);
      return unmodifiable(field.get(null));
    }
    return false;
  }

  // Adding nothing changes nothing, yet unmodifiable maps and collections refuse it.
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean unmodifiable(Object value) {
    try {
      if (value instanceof Map map) {
        map.putAll(Map.of());
      } else {
        ((Collection) value).addAll(List.of());
      }
      return false;
    } catch (UnsupportedOperationException expected) {
      return true;
    }
  }

  private static List<Class<?>> productionClasses() throws URISyntaxException, IOException {
    Path root = Path.of(FfiClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".class"))
          .map(f -> root.relativize(f).toString())
          .filter(f -> !f.endsWith("module-info.class") && !f.endsWith("package-info.class"))
          .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
          .map(NoMutableStaticsTest::load)
          .toList();
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, true, NoMutableStaticsTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
