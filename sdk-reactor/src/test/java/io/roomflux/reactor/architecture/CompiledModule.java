package io.roomflux.reactor.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * One of RoomFlux's built modules as the test JVM sees it: the directory ({@code target/classes})
 * or jar that a class of it was loaded from, its compiled module descriptor, and the names of the
 * classes in it. Reads the build output only; loads no class.
 */
record CompiledModule(Path location, ModuleDescriptor descriptor, List<String> classNames) {

  /** The module that {@code anchor} (a class known to live in it) was loaded from. */
  static CompiledModule of(Class<?> anchor) {
    Path location = locationOf(anchor);
    try {
      if (Files.isDirectory(location)) {
        Path info = location.resolve("module-info.class");
        if (!Files.isRegularFile(info)) {
          throw new AssertionError(location + " (holding " + anchor.getName() + ") has no module-info.class");
        }
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(info)) {
          descriptor = ModuleDescriptor.read(in);
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(location)) {
          files.filter(f -> f.toString().endsWith(".class"))
              .map(f -> location.relativize(f).toString().replace(location.getFileSystem().getSeparator(), "/"))
              .forEach(entry -> className(entry).ifPresent(names::add));
        }
        return new CompiledModule(location, descriptor, List.copyOf(names));
      }
      try (JarFile jar = new JarFile(location.toFile())) {
        JarEntry info = jar.getJarEntry("module-info.class");
        if (info == null) {
          throw new AssertionError(location + " (holding " + anchor.getName() + ") has no module-info.class");
        }
        ModuleDescriptor descriptor;
        try (InputStream in = jar.getInputStream(info)) {
          descriptor = ModuleDescriptor.read(in);
        }
        List<String> names = new ArrayList<>();
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
          className(entries.nextElement().getName()).ifPresent(names::add);
        }
        return new CompiledModule(location, descriptor, List.copyOf(names));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The class path entry (directory or jar) that {@code type} was loaded from. */
  static Path locationOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null) {
      throw new AssertionError(type.getName() + " has no code source");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The packages this module exports to every module (qualified exports left out). */
  Set<String> exportedPackages() {
    Set<String> packages = new TreeSet<>();
    for (ModuleDescriptor.Exports export : descriptor.exports()) {
      if (!export.isQualified()) {
        packages.add(export.source());
      }
    }
    return packages;
  }

  /** The names of this module's classes in exactly {@code packageName} (no sub-packages). */
  List<String> classNamesIn(String packageName) {
    return classNames.stream()
        .filter(name -> name.lastIndexOf('.') == packageName.length() && name.startsWith(packageName + "."))
        .sorted()
        .toList();
  }

  /** Loads (without initializing) one of this module's classes through the test class loader. */
  static Class<?> load(String className) {
    try {
      return Class.forName(className, false, CompiledModule.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError("cannot load " + className, e);
    }
  }

  private static Optional<String> className(String entry) {
    if (!entry.endsWith(".class") || entry.startsWith("META-INF/")) {
      return Optional.empty();
    }
    String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    if (name.endsWith("module-info") || name.endsWith("package-info")) {
      return Optional.empty();
    }
    return Optional.of(name);
  }
}
