package io.roomflux.reactor.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.google.protobuf.Message;
import io.roomflux.RoomFluxException;
import io.roomflux.core.FfiClient;
import io.roomflux.proto.FfiRequest;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.reactor.LiveKit;
import io.roomflux.token.AccessToken;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/api.md} the one page of RoomFlux's public API, and keeps the native core and
 * its protocol out of that API.
 *
 * <p>The API is every public (or protected nested) type in a package that module
 * {@code io.roomflux.reactor}, {@code io.roomflux.common} or {@code io.roomflux.token} exports to
 * everyone, read from the compiled module descriptors and class files of the build.
 */
class ApiSurfaceTest {

  /** One class of each module whose exported packages make up the API. */
  private static final List<Class<?>> API_MODULES =
      List.of(LiveKit.class, RoomFluxException.class, AccessToken.class);

  /** Packages no public signature may mention: the core binding, its protocol, protobuf, internals. */
  private static final List<String> HIDDEN_PACKAGES =
      List.of("io.roomflux.core", "io.roomflux.proto", "com.google.protobuf");

  private static final Pattern PACKAGE_HEADING =
      Pattern.compile("^#{2,6}\\s+`?([a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+)`?\\s*$");
  private static final Pattern LIST_ITEM = Pattern.compile("^\\s*[-*]\\s+(.*)$");
  private static final Pattern TYPE_NAME = Pattern.compile("`([A-Z][A-Za-z0-9_]*(?:\\.[A-Z][A-Za-z0-9_]*)*)`");

  @Test
  void apiPageListsEveryPublicTypeOfTheExportedPackagesAndNothingElse() throws IOException {
    Set<String> api = new TreeSet<>();
    for (Class<?> type : publicApiTypes()) {
      api.add(type.getPackageName() + " " + docName(type));
    }
    Set<String> listed = listedTypes(apiPage());

    Set<String> unlisted = new TreeSet<>(api);
    unlisted.removeAll(listed);
    Set<String> stale = new TreeSet<>(listed);
    stale.removeAll(api);

    assertSoftly(softly -> {
      softly.assertThat(unlisted)
          .as("public types that docs/api.md does not list (package, type); add a line for each")
          .isEmpty();
      softly.assertThat(stale)
          .as("types docs/api.md lists that are not public types of an exported package (package, type)")
          .isEmpty();
    });
  }

  @Test
  void noPublicSignatureOfTheApiMentionsTheCoreTheProtocolProtobufOrAnInternalPackage() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : publicApiTypes()) {
      leaks.addAll(leaksOf(type));
    }
    assertThat(leaks)
        .as("public or protected members of API types whose signature names a hidden type")
        .isEmpty();
  }

  @Test
  void theSignatureCheckNamesEachMemberThatMentionsAHiddenType() {
    assertThat(leaksOf(Leaky.class)).containsExactlyInAnyOrder(
        Leaky.class.getName() + " (implements) mentions io.roomflux.proto.FfiRequest",
        Leaky.class.getName() + ".core mentions io.roomflux.reactor.internal.core.Core",
        Leaky.class.getName() + ".client(String) (returns) mentions io.roomflux.core.FfiClient",
        Leaky.class.getName() + ".<init>(Message[]) (parameter) mentions com.google.protobuf.Message");
  }

  /** What a signature check must catch: hidden types in a type argument, a field, a return, an array. */
  @SuppressWarnings("unused")
  public abstract static class Leaky implements Supplier<List<? extends FfiRequest>> {
    public @Nullable Core core;
    private @Nullable FfiClient notApi;

    protected Leaky(Message[] messages) {
    }

    public abstract Optional<FfiClient> client(String name);

    public abstract String fine(int value);
  }

  /** Every public or protected member of {@code type} whose signature names a hidden type, with that type. */
  static List<String> leaksOf(Class<?> type) {
    List<String> leaks = new ArrayList<>();
    String owner = type.getName();
    check(owner + " (extends)", type.getGenericSuperclass(), leaks);
    for (Type face : type.getGenericInterfaces()) {
      check(owner + " (implements)", face, leaks);
    }
    for (TypeVariable<?> variable : type.getTypeParameters()) {
      check(owner + " (type parameter " + variable.getName() + ")", variable, leaks);
    }
    for (Field field : type.getDeclaredFields()) {
      if (visible(field)) {
        check(owner + "." + field.getName(), field.getGenericType(), leaks);
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (visible(constructor)) {
        checkExecutable(owner + ".<init>" + parameters(constructor), constructor, leaks);
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (visible(method) && !method.isBridge()) {
        String name = owner + "." + method.getName() + parameters(method);
        check(name + " (returns)", method.getGenericReturnType(), leaks);
        checkExecutable(name, method, leaks);
      }
    }
    return leaks;
  }

  /** Every public type, and every public or protected nested type of one, in an exported package. */
  static List<Class<?>> publicApiTypes() {
    List<Class<?>> types = new ArrayList<>();
    for (Class<?> anchor : API_MODULES) {
      CompiledModule module = CompiledModule.of(anchor);
      for (String pkg : module.exportedPackages()) {
        for (String name : module.classNamesIn(pkg)) {
          Class<?> type = CompiledModule.load(name);
          if (accessible(type)) {
            types.add(type);
          }
        }
      }
    }
    assertThat(types).as("public types found in the exported packages").isNotEmpty();
    return types;
  }

  private static boolean accessible(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    int modifiers = type.getModifiers();
    Class<?> outer = type.getDeclaringClass();
    if (outer == null) {
      return Modifier.isPublic(modifiers);
    }
    return (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) && accessible(outer);
  }

  /** The name the page uses: the binary name without the package, nested types joined by dots. */
  private static String docName(Class<?> type) {
    return type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
  }

  private static boolean visible(Member member) {
    int modifiers = member.getModifiers();
    return !member.isSynthetic() && (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers));
  }

  private static void checkExecutable(String name, Executable executable, List<String> leaks) {
    for (Type parameter : executable.getGenericParameterTypes()) {
      check(name + " (parameter)", parameter, leaks);
    }
    for (Type thrown : executable.getGenericExceptionTypes()) {
      check(name + " (throws)", thrown, leaks);
    }
    for (TypeVariable<?> variable : executable.getTypeParameters()) {
      check(name + " (type parameter " + variable.getName() + ")", variable, leaks);
    }
  }

  private static String parameters(Executable executable) {
    return Arrays.stream(executable.getParameterTypes())
        .map(Class::getSimpleName)
        .collect(Collectors.joining(", ", "(", ")"));
  }

  private static void check(String where, Type type, List<String> leaks) {
    Set<String> hidden = new TreeSet<>();
    collectHidden(type, hidden, new HashSet<>());
    for (String name : hidden) {
      leaks.add(where + " mentions " + name);
    }
  }

  private static void collectHidden(Type type, Set<String> hidden, Set<Type> seen) {
    if (type == null || !seen.add(type)) {
      return;
    }
    switch (type) {
      case Class<?> c when c.isArray() -> collectHidden(c.getComponentType(), hidden, seen);
      case Class<?> c -> {
        if (hidden(c.getPackageName())) {
          hidden.add(c.getName());
        }
      }
      case ParameterizedType p -> {
        collectHidden(p.getRawType(), hidden, seen);
        collectHidden(p.getOwnerType(), hidden, seen);
        for (Type argument : p.getActualTypeArguments()) {
          collectHidden(argument, hidden, seen);
        }
      }
      case WildcardType w -> {
        for (Type bound : w.getUpperBounds()) {
          collectHidden(bound, hidden, seen);
        }
        for (Type bound : w.getLowerBounds()) {
          collectHidden(bound, hidden, seen);
        }
      }
      case TypeVariable<?> v -> {
        for (Type bound : v.getBounds()) {
          collectHidden(bound, hidden, seen);
        }
      }
      case GenericArrayType a -> collectHidden(a.getGenericComponentType(), hidden, seen);
      default -> throw new AssertionError("unknown kind of type: " + type);
    }
  }

  private static boolean hidden(String packageName) {
    for (String prefix : HIDDEN_PACKAGES) {
      if (packageName.equals(prefix) || packageName.startsWith(prefix + ".")) {
        return true;
      }
    }
    return packageName.contains(".internal.") || packageName.endsWith(".internal");
  }

  /**
   * The types the page lists, as "package Type": in a section whose heading is a package name,
   * every back-quoted type name before the first " — " of a list item (so one item may list
   * several nested types compactly).
   */
  static Set<String> listedTypes(List<String> lines) {
    Set<String> listed = new TreeSet<>();
    String pkg = null;
    for (String line : lines) {
      Matcher heading = PACKAGE_HEADING.matcher(line);
      if (heading.matches()) {
        pkg = heading.group(1);
        continue;
      }
      if (line.startsWith("#")) {
        pkg = null;
        continue;
      }
      Matcher item = LIST_ITEM.matcher(line);
      if (pkg == null || !item.matches()) {
        continue;
      }
      String text = item.group(1);
      int dash = text.indexOf(" — ");
      Matcher names = TYPE_NAME.matcher(dash < 0 ? text : text.substring(0, dash));
      while (names.find()) {
        listed.add(pkg + " " + names.group(1));
      }
    }
    return listed;
  }

  /** The lines of docs/api.md in this checkout. */
  static List<String> apiPage() throws IOException {
    return Files.readAllLines(Repository.root().resolve("docs").resolve("api.md"));
  }
}
