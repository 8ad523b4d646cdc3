package io.roomflux.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.testkit.DocSnippets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * spring-boot-configuration-processor wrote the metadata of every {@code roomflux.*} property, with
 * the description from its javadoc and its default, so IDEs complete and explain them.
 */
class ConfigurationMetadataTest {

  @Test
  void everyPropertyHasItsJavadocAsDescriptionAndItsDefault() throws Exception {
    Path file = Path.of(System.getProperty("roomflux.buildDir", "target"), "classes", "META-INF", "spring-configuration-metadata.json");
    JsonNode metadata = new ObjectMapper().readTree(Files.readString(file));
    Map<String, JsonNode> properties = new HashMap<>();
    metadata.get("properties").forEach(property -> properties.put(property.get("name").asString(), property));

    assertThat(properties).containsOnlyKeys("roomflux.url", "roomflux.api-key", "roomflux.api-secret",
        "roomflux.shutdown-timeout", "roomflux.room.auto-subscribe", "roomflux.room.connect-timeout",
        "roomflux.room.operation-timeout", "roomflux.token.ttl", "roomflux.server.timeout",
        "roomflux.webhook.enabled", "roomflux.webhook.path", "roomflux.agent.enabled", "roomflux.agent.name",
        "roomflux.agent.max-jobs", "roomflux.agent.load-threshold", "roomflux.agent.drain-timeout",
        "roomflux.health.timeout");
    properties.forEach((name, property) -> assertThat(property.path("description").asString()).as(name).isNotBlank());
    assertThat(properties.get("roomflux.api-secret").get("description").asString()).contains("LIVEKIT_API_SECRET");
    assertThat(properties.get("roomflux.webhook.path").get("defaultValue").asString()).isEqualTo("/livekit/webhook");
    assertThat(properties.get("roomflux.agent.max-jobs").get("defaultValue").asInt()).isEqualTo(10);
    assertThat(properties.get("roomflux.token.ttl").get("defaultValue").asString()).isEqualTo("6h");

    // The README's Spring Boot section names only properties that exist.
    String readme = Files.readString(DocSnippets.repoFile("README.md"));
    String section = readme.substring(readme.indexOf("## Spring Boot"), readme.indexOf("\n## ", readme.indexOf("## Spring Boot") + 1));
    Matcher named = Pattern.compile("roomflux\\.[a-z.*-]+").matcher(section);
    int count = 0;
    while (named.find()) {
      String name = named.group().replaceAll("[.*]+$", "");
      assertThat(properties.keySet()).as(name).anyMatch(property -> property.equals(name) || property.startsWith(name + "."));
      count++;
    }
    assertThat(count).isGreaterThanOrEqualTo(8);
  }
}
