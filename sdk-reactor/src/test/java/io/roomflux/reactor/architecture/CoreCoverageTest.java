package io.roomflux.reactor.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.roomflux.proto.FfiRequest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every request kind of the pinned core is either sent by RoomFlux (its builder setter appears in
 * the production code of sdk-core or sdk-reactor) or listed in {@code docs/core-coverage.md} with
 * the reason it is not: a new core version with new requests, or a request that stops being used,
 * cannot go unnoticed.
 */
class CoreCoverageTest {
  private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| (.+?) \\|\\s*$", Pattern.MULTILINE);

  @Test
  void everyRequestOfTheCoreIsUsedOrListedWithItsReason() throws IOException {
    String code = productionCode();
    Map<String, String> listed = listed();
    List<String> missing = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    int used = 0;
    for (FieldDescriptor field : FfiRequest.getDescriptor().getOneofs().getFirst().getFields()) {
      boolean sent = code.contains("." + setter(field) + "(");
      if (sent) {
        used++;
        if (listed.containsKey(field.getName())) {
          stale.add(field.getName());
        }
      } else if (!listed.containsKey(field.getName()) || listed.get(field.getName()).isBlank()) {
        missing.add(field.getName());
      }
    }
    assertThat(missing).as("requests neither sent nor listed with a reason in docs/core-coverage.md").isEmpty();
    assertThat(stale).as("requests listed as unused in docs/core-coverage.md that are sent").isEmpty();
    assertThat(used + listed.size())
        .as("every listed request is a request of the core")
        .isEqualTo(FfiRequest.getDescriptor().getOneofs().getFirst().getFields().size());
  }

  /** The generated builder's setter of a oneof field (protobuf's own camel case, e.g. {@code setE2Ee}). */
  private static String setter(FieldDescriptor field) {
    String wanted = "set" + field.getName().replace("_", "");
    return Stream.of(FfiRequest.Builder.class.getMethods())
        .map(Method::getName)
        .filter(name -> name.equalsIgnoreCase(wanted))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no setter for " + field.getName()));
  }

  private static Map<String, String> listed() throws IOException {
    String doc = Files.readString(Repository.root().resolve("docs/core-coverage.md"));
    Map<String, String> rows = new TreeMap<>();
    Matcher m = ROW.matcher(doc);
    while (m.find()) {
      rows.put(m.group(1), m.group(2).strip());
    }
    return rows;
  }

  private static String productionCode() throws IOException {
    StringBuilder all = new StringBuilder();
    for (String module : List.of("sdk-core", "sdk-reactor")) {
      try (Stream<Path> files = Files.walk(Repository.root().resolve(module).resolve("src/main/java"))) {
        for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          all.append(Files.readString(file));
        }
      }
    }
    return all.toString();
  }
}
