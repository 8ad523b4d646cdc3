package io.roomflux.reactor.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proves, with javac and the built modules, what an application module sees: {@code requires
 * io.roomflux.reactor} gives it the API, and neither the native core binding nor the core's
 * generated protocol.
 *
 * <p>The module path is the built artifacts themselves, found from where the test JVM loaded one
 * class of each. Under {@code mvn verify} the modules before {@code sdk-reactor} are packaged jars
 * (so {@code roomflux-proto} carries its {@code Automatic-Module-Name}) and {@code sdk-reactor} is
 * its {@code target/classes} with {@code module-info.class}, an exploded module; so it runs with the
 * unit tests (phase {@code test}) of {@code mvn verify} or {@code mvn -pl sdk-reactor -am verify}.
 *
 * <p>The protocol stays out of reach only if {@code io.roomflux.proto} is an explicit module (a
 * {@code module-info} exporting {@code io.roomflux.proto} only to RoomFlux's modules): as an
 * automatic module ({@code Automatic-Module-Name}) it exports everything, and every module that
 * reads an automatic module, as an application does through {@code reactor.core}, reads it.
 */
class ModuleBoundaryTest {

  /** Module name and one class of every module an application needs on its module path. */
  private static final Map<String, String> MODULES = modules();

  private static String modulePath;

  private static Map<String, String> modules() {
    Map<String, String> modules = new LinkedHashMap<>();
    modules.put("io.roomflux.reactor", "io.roomflux.reactor.LiveKit");
    modules.put("io.roomflux.core", "io.roomflux.core.FfiClient");
    modules.put("io.roomflux.proto", "io.roomflux.proto.FfiRequest");
    modules.put("io.roomflux.common", "io.roomflux.RoomFluxException");
    modules.put("reactor.core", "reactor.core.publisher.Flux");
    modules.put("org.reactivestreams", "org.reactivestreams.Publisher");
    modules.put("com.google.protobuf", "com.google.protobuf.Message");
    modules.put("org.slf4j", "org.slf4j.Logger");
    modules.put("org.jspecify", "org.jspecify.annotations.NullMarked");
    return modules;
  }

  @BeforeAll
  static void findTheBuiltModules() {
    List<String> entries = new ArrayList<>();
    for (Map.Entry<String, String> module : MODULES.entrySet()) {
      Path location = CompiledModule.locationOf(CompiledModule.load(module.getValue()));
      Set<String> names = ModuleFinder.of(location).findAll().stream()
          .map(reference -> reference.descriptor().name())
          .collect(Collectors.toSet());
      assertThat(names)
          .as("the module found at %s, which holds %s (an unpackaged target/classes of a module without "
              + "module-info is no module: run through mvn verify, which packages it)", location, module.getValue())
          .containsExactly(module.getKey());
      entries.add(location.toString());
    }
    modulePath = String.join(java.io.File.pathSeparator, entries);
  }

  @Test
  void anApplicationModuleThatRequiresTheApiCompilesAgainstIt(@TempDir Path dir) throws IOException {
    Compilation result = compile(dir, "requires io.roomflux.reactor;", """
        import io.roomflux.reactor.LiveKit;
        import io.roomflux.reactor.Room;
        import reactor.core.publisher.Mono;
        """, "Class<?> entry = LiveKit.class; Class<?> room = Room.class; Mono<String> m = Mono.just(\"ok\");");

    assertThat(result.errors()).as("errors compiling an application against the API").isEmpty();
    assertThat(result.succeeded()).isTrue();
  }

  @ParameterizedTest(name = "{0} is not visible to an application that requires io.roomflux.reactor")
  // Not protobuf itself: reactor-core is an automatic module that io.roomflux.reactor requires
  // transitively, and a module that reads one automatic module reads them all
  // (java.lang.module.Configuration), so an application reads com.google.protobuf (an automatic
  // module) whatever RoomFlux declares. A module that is explicit, such as io.roomflux.core, is
  // unreachable; io.roomflux.proto is too once it is an explicit module rather than an automatic one.
  @CsvSource({
      "io.roomflux.core, io.roomflux.core, io.roomflux.core.FfiClient",
      "io.roomflux.proto, io.roomflux.proto, io.roomflux.proto.FfiRequest",
  })
  void theCoreAndTheProtocolAreNotReadableThroughTheApi(String pkg, String module, String type, @TempDir Path dir)
      throws IOException {
    Compilation result = compile(dir, "requires io.roomflux.reactor;",
        "import " + type + ";\n", "Class<?> hidden = " + simpleName(type) + ".class;");

    assertThat(result.succeeded()).as("compiling an application that uses %s", type).isFalse();
    assertThat(result.errors())
        .as("javac's errors")
        .anySatisfy(error -> assertThat(error)
            // "package <pkg> is not visible (... declared in module <module>, but module user.app does not read it)"
            .contains("compiler.err.package.not.visible: " + pkg + ",")
            .contains("compiler.misc.not.def.access.does.not.read: user.app, " + pkg + ", " + module + ")"));
  }

  @Test
  void theCoreIsExportedOnlyToTheApiModuleEvenToAnApplicationThatRequiresIt(@TempDir Path dir)
      throws IOException {
    Compilation result = compile(dir, "requires io.roomflux.reactor; requires io.roomflux.core;",
        "import io.roomflux.core.FfiClient;\n", "Class<?> hidden = FfiClient.class;");

    assertThat(result.succeeded()).as("compiling an application that requires the core itself").isFalse();
    assertThat(result.errors())
        .as("javac's errors")
        .anySatisfy(error -> assertThat(error)
            // "package io.roomflux.core is not visible (... which does not export it to module user.app)"
            .contains("compiler.err.package.not.visible: io.roomflux.core,")
            .contains("compiler.misc.not.def.access.not.exported.to.module: io.roomflux.core, io.roomflux.core, user.app"));
  }

  private record Compilation(boolean succeeded, List<String> errors) {
  }

  /** Compiles module {@code user.app} with one class whose body holds {@code statement}. */
  private static Compilation compile(Path dir, String requires, String imports, String statement)
      throws IOException {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path pkg = Files.createDirectories(src.resolve("user").resolve("app"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path emptyClassPath = Files.createDirectories(dir.resolve("empty"));
    Path moduleInfo = Files.writeString(src.resolve("module-info.java"),
        "module user.app { " + requires + " }\n", StandardCharsets.UTF_8);
    Path main = Files.writeString(pkg.resolve("Main.java"), """
        package user.app;

        %s
        public final class Main {
          private Main() {
          }

          public static void main(String[] args) {
            %s
          }
        }
        """.formatted(imports, statement), StandardCharsets.UTF_8);

    // javac in this JVM through java.util.spi.ToolProvider (java.base): the test sources are
    // compiled inside module io.roomflux.reactor, which does not read java.compiler.
    ToolProvider javac = ToolProvider.findFirst("javac")
        .orElseThrow(() -> new AssertionError("no javac in this JVM (the tests run on a JDK)"));
    StringWriter output = new StringWriter();
    int status;
    try (PrintWriter out = new PrintWriter(output)) {
      // An empty class path: javac in this JVM would take java.class.path, which holds every
      // module's classes again (in the unnamed module).
      status = javac.run(out, out, "--module-path", modulePath, "--class-path", emptyClassPath.toString(),
          "-d", classes.toString(), "-proc:none",
          "-Xlint:none", "-XDrawDiagnostics", moduleInfo.toString(), main.toString());
    }
    // -XDrawDiagnostics: one line per diagnostic, "file:line:column: compiler.err.<key>: args",
    // the same in every locale.
    List<String> errors = output.toString().lines().filter(line -> line.contains(" compiler.err.")).toList();
    return new Compilation(status == 0, errors);
  }

  private static String simpleName(String type) {
    return type.substring(type.lastIndexOf('.') + 1);
  }
}
