package io.roomflux.samples.hello.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.testkit.DocSnippets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No dead links: every relative link of README.md and docs/*.md names a file of the repository,
 * and an {@code #anchor} into a Markdown file names one of its headings (GitHub's slugs).
 */
class DocsLinksTest {
  // [text](target) or [text](target "title"), also for images; the text may span lines.
  private static final Pattern INLINE = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  // [label]: target
  private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$", Pattern.MULTILINE);
  private static final Pattern FENCE = Pattern.compile("^(```|~~~).*?^\\1[^\\n]*$", Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?s:.+?)\\1");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$", Pattern.MULTILINE);

  @Test
  void everyRelativeLinkOfTheReadmeAndTheDocsPointsAtAFileAndHeadingThatExist() throws IOException {
    Path root = DocSnippets.repoFile("").normalize();
    List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    Map<Path, Set<String>> anchors = new HashMap<>();
    List<String> dead = new ArrayList<>();
    int checked = 0;

    for (Path page : pages) {
      for (String link : links(Files.readString(page, StandardCharsets.UTF_8))) {
        if (link.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
          continue; // http:, https:, mailto: ...: not a file of the repository
        }
        checked++;
        int hash = link.indexOf('#');
        String path = hash < 0 ? link : link.substring(0, hash);
        String anchor = hash < 0 ? "" : link.substring(hash + 1);
        Path target = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
        String where = root.relativize(page) + ": " + link;
        if (!target.startsWith(root) || !Files.exists(target)) {
          dead.add(where + " (no such file)");
        } else if (!anchor.isEmpty() && target.toString().endsWith(".md")
            && !anchors.computeIfAbsent(target, DocsLinksTest::headingSlugs).contains(anchor)) {
          dead.add(where + " (no such heading)");
        }
      }
    }

    assertThat(checked).as("relative links found").isPositive();
    assertThat(dead).as("dead links").isEmpty();
  }

  @Test
  void headingSlugsFollowGitHubsRules() {
    assertThat(slugs("# The native core\n## `Room.events()` and *state*\n## Why a connect failed?\n"
        + "## Data, RPC & streams\n## Data, RPC & streams\n"))
        .containsExactlyInAnyOrder("the-native-core", "roomevents-and-state", "why-a-connect-failed",
            "data-rpc--streams", "data-rpc--streams-1");
  }

  private static List<String> links(String markdown) {
    String text = CODE_SPAN.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
    List<String> links = new ArrayList<>();
    for (Pattern pattern : List.of(INLINE, REFERENCE)) {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        links.add(m.group(1));
      }
    }
    return links;
  }

  private static Set<String> headingSlugs(Path file) {
    try {
      return slugs(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  /** GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
  static Set<String> slugs(String markdown) {
    Set<String> slugs = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    Matcher m = HEADING.matcher(FENCE.matcher(markdown).replaceAll(""));
    while (m.find()) {
      String base = m.group(1).toLowerCase(Locale.ROOT)
          .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
          .replace(' ', '-');
      int n = seen.merge(base, 1, Integer::sum) - 1;
      slugs.add(n == 0 ? base : base + "-" + n);
    }
    return slugs;
  }
}
