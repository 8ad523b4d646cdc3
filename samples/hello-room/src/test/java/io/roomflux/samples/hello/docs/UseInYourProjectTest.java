package io.roomflux.samples.hello.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.testkit.DocSnippets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The README's "Use RoomFlux in your project" cannot rot: its pom is the one of
 * samples/user-project (which scripts/check-user-project.sh builds against the installed
 * artifacts), the BOM manages every artifact this build publishes at the build's version, and
 * the README names every artifact of the BOM.
 */
class UseInYourProjectTest {
  /** Modules of the build that are not published: tests, benchmarks and samples only. */
  private static final Set<String> NOT_PUBLISHED = Set.of("roomflux-server-it", "roomflux-benchmarks");

  @Test
  void theReadmesPomIsTheUserProjectsPom() throws IOException {
    String pom = Files.readString(DocSnippets.repoFile("samples/user-project/pom.xml"), StandardCharsets.UTF_8);

    assertThat(readme()).contains("```xml\n" + pom + "```\n");
  }

  @Test
  void theBomManagesEveryPublishedArtifactAtTheBuildsVersion() throws Exception {
    Element root = pom(DocSnippets.repoFile("pom.xml"));
    Element bom = pom(DocSnippets.repoFile("bom/pom.xml"));
    Map<String, String> managed = managed(bom);

    assertThat(child(bom, "version")).isEqualTo(child(root, "version"));
    assertThat(child(bom, "parent")).as("the BOM has no parent: it must not bring the build's own versions").isEmpty();
    assertThat(managed.values()).as("versions of the BOM's entries").containsOnly("${roomflux.version}");
    assertThat(managed.keySet()).containsAll(published(DocSnippets.repoFile("")));
  }

  @Test
  void theReadmeNamesEveryArtifactOfTheBomAndTheBomItself() throws Exception {
    String readme = readme();
    String section = readme.substring(readme.indexOf("## Use RoomFlux in your project"));
    section = section.substring(0, section.indexOf("\n## ", 1));

    List<String> artifacts = new ArrayList<>(managed(pom(DocSnippets.repoFile("bom/pom.xml"))).keySet());
    artifacts.add("roomflux-bom");
    for (String artifact : artifacts) {
      assertThat(section).as("the README's table row of " + artifact).contains("| `" + artifact + "` |");
    }
  }

  private static String readme() throws IOException {
    return Files.readString(DocSnippets.repoFile("README.md"), StandardCharsets.UTF_8);
  }

  /** The artifact ids of the modules below {@code dir} (recursively) that are published. */
  private static List<String> published(Path dir) throws Exception {
    List<String> found = new ArrayList<>();
    Element pom = pom(dir.resolve("pom.xml"));
    for (Element module : elements(pom, "modules", "module")) {
      Path moduleDir = dir.resolve(module.getTextContent().strip());
      Element modulePom = pom(moduleDir.resolve("pom.xml"));
      String artifact = child(modulePom, "artifactId").orElseThrow();
      if (child(modulePom, "packaging").orElse("jar").equals("pom")) {
        // An aggregator (samples/): its modules are examples, not artifacts; the BOM is one.
        continue;
      }
      if (!NOT_PUBLISHED.contains(artifact)) {
        found.add(artifact);
      }
    }
    return found;
  }

  /** artifactId to version of the BOM's dependencyManagement. */
  private static Map<String, String> managed(Element bom) {
    Map<String, String> managed = new LinkedHashMap<>();
    for (Element dependency : elements(bom, "dependencyManagement", "dependencies", "dependency")) {
      managed.put(child(dependency, "artifactId").orElseThrow(), child(dependency, "version").orElseThrow());
    }
    return managed;
  }

  private static Element pom(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
  }

  /** The elements at the end of a path of child names. */
  private static List<Element> elements(Element from, String... path) {
    List<Element> level = List.of(from);
    for (String name : path) {
      List<Element> next = new ArrayList<>();
      for (Element e : level) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
          if (n instanceof Element child && child.getTagName().equals(name)) {
            next.add(child);
          }
        }
      }
      level = next;
    }
    return level;
  }

  private static Optional<String> child(Element parent, String name) {
    return elements(parent, name).stream().findFirst().map(e -> e.getTextContent().strip());
  }
}
