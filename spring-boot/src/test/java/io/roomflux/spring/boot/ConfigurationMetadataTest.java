package io.roomflux.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
  }
}
