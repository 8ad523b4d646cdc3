package io.roomflux.server.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.AnyProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.util.JsonFormat;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins our LiveKit server-protocol {@code .proto} files to the protocol livekit-server v1.13.5
 * speaks.
 *
 * <p>The reference is the set of descriptors embedded in the PyPI wheel {@code livekit-protocol}
 * pinned in server/pom.xml (its generated modules carry serialized {@code FileDescriptorProto}s;
 * tools/fetch_protocol_wheel.py extracts them at build time). That wheel version was chosen
 * because its descriptors equal, field for field, livekit/protocol at 28e604c046c6, the commit
 * livekit-server v1.13.5 pins. Ours is what protoc compiled into this module. Every test collects
 * all differences of its kind, so a protocol upgrade shows the whole list at once.
 */
class ServerProtocolCompatibilityTest {

  static final String UPSTREAM_RESOURCE = "io/roomflux/server/livekit-protocol.desc";
  static final String WIRE_PACKAGE = "livekit";
  static final String JAVA_PACKAGE = "io.roomflux.server.proto";

  static Map<String, FileDescriptorProto> upstreamFiles;
  static Map<String, FileDescriptor> ourFiles;
  static Map<String, FileDescriptor> upstreamBuilt;

  @BeforeAll
  static void loadBothSides() throws Exception {
    FileDescriptorSet set;
    try (InputStream in =
        ServerProtocolCompatibilityTest.class.getClassLoader().getResourceAsStream(UPSTREAM_RESOURCE)) {
      assertThat(in).as("class-path resource %s (from the pinned livekit-protocol wheel)", UPSTREAM_RESOURCE).isNotNull();
      set = FileDescriptorSet.parseFrom(in);
    }
    upstreamFiles = new TreeMap<>();
    for (FileDescriptorProto file : set.getFileList()) {
      upstreamFiles.put(file.getName(), file);
    }
    ourFiles = new TreeMap<>();
    Deque<FileDescriptor> todo = new ArrayDeque<>(List.of(
        LivekitRoomProto.getDescriptor(), LivekitAgentDispatchProto.getDescriptor(),
        LivekitAgentProto.getDescriptor(), LivekitWebhookProto.getDescriptor(),
        LivekitEgressProto.getDescriptor(), LivekitIngressProto.getDescriptor(),
        LivekitSipProto.getDescriptor()));
    while (!todo.isEmpty()) {
      FileDescriptor file = todo.pop();
      if (!file.getPackage().equals(WIRE_PACKAGE)) {
        continue; // well-known types
      }
      if (ourFiles.putIfAbsent(file.getName(), file) == null) {
        todo.addAll(file.getDependencies());
      }
    }
    upstreamBuilt = new TreeMap<>();
  }

  @Test
  void ourFilesAreUpstreamFilesOfPackageLivekitWithOurJavaOptions() {
    List<String> differences = new ArrayList<>();
    assertThat(ourFiles.keySet()).contains("livekit_models.proto", "livekit_room.proto", "livekit_sip.proto");
    for (FileDescriptor ours : ourFiles.values()) {
      FileDescriptorProto file = ours.toProto();
      FileDescriptorProto up = upstreamFiles.get(file.getName());
      if (up == null) {
        differences.add(file.getName() + ": no such file upstream");
        continue;
      }
      if (!up.getPackage().equals(file.getPackage())) {
        differences.add(file.getName() + ": package '" + file.getPackage() + "', upstream '" + up.getPackage() + "'");
      }
      if (!up.getSyntax().equals(file.getSyntax())) {
        differences.add(file.getName() + ": syntax '" + file.getSyntax() + "', upstream '" + up.getSyntax() + "'");
      }
      Set<String> upDeps = new TreeSet<>(up.getDependencyList());
      upDeps.removeIf(d -> d.startsWith("logger/")); // logging options only, dropped on purpose
      if (!upDeps.equals(new TreeSet<>(file.getDependencyList()))) {
        differences.add(file.getName() + ": imports " + file.getDependencyList() + ", upstream " + upDeps);
      }
      if (!JAVA_PACKAGE.equals(file.getOptions().getJavaPackage()) || !file.getOptions().getJavaMultipleFiles()) {
        differences.add(file.getName() + ": java_package/java_multiple_files not ours");
      }
    }
    assertNoDifferences("file-level differences", differences);
  }

  @Test
  void everyUpstreamMessageAndEnumOfOurFilesExistsInOursAndOursHasNoOthers() {
    List<String> differences = new ArrayList<>();
    Map<String, DescriptorProto> up = new TreeMap<>();
    Map<String, DescriptorProto> our = new TreeMap<>();
    Map<String, EnumDescriptorProto> upEnums = new TreeMap<>();
    Map<String, EnumDescriptorProto> ourEnums = new TreeMap<>();
    indexBoth(up, our, upEnums, ourEnums);
    for (String name : union(up.keySet(), our.keySet())) {
      if (!our.containsKey(name)) {
        differences.add("message " + name + " missing in ours");
      } else if (!up.containsKey(name)) {
        differences.add("extra message " + name);
      }
    }
    for (String name : union(upEnums.keySet(), ourEnums.keySet())) {
      if (!ourEnums.containsKey(name)) {
        differences.add("enum " + name + " missing in ours");
      } else if (!upEnums.containsKey(name)) {
        differences.add("extra enum " + name);
      }
    }
    assertThat(up).as("upstream messages").containsKeys("livekit.WebhookEvent", "livekit.CreateRoomRequest", "livekit.AgentDispatch");
    assertNoDifferences("message/enum set differences", differences);
  }

  @Test
  void everyFieldHasTheUpstreamNumberNameLabelTypeOneofAndPresence() {
    List<String> differences = new ArrayList<>();
    Map<String, DescriptorProto> up = new TreeMap<>();
    Map<String, DescriptorProto> our = new TreeMap<>();
    indexBoth(up, our, new TreeMap<>(), new TreeMap<>());
    int compared = 0;
    for (Map.Entry<String, DescriptorProto> entry : up.entrySet()) {
      DescriptorProto ours = our.get(entry.getKey());
      if (ours == null) {
        continue; // reported by the set test
      }
      if (entry.getValue().getOptions().getMapEntry() != ours.getOptions().getMapEntry()) {
        differences.add(entry.getKey() + ": map_entry differs");
      }
      Map<Integer, String> u = fields(entry.getValue());
      Map<Integer, String> o = fields(ours);
      for (Integer number : union(u.keySet(), o.keySet())) {
        compared++;
        if (!String.valueOf(u.get(number)).equals(String.valueOf(o.get(number)))) {
          differences.add(entry.getKey() + " field " + number + ": upstream " + u.get(number) + ", ours " + o.get(number));
        }
      }
    }
    assertThat(compared).as("fields compared").isGreaterThan(500);
    assertNoDifferences("field differences", differences);
  }

  @Test
  void everyEnumHasTheUpstreamNumberToNameMapping() {
    List<String> differences = new ArrayList<>();
    Map<String, EnumDescriptorProto> up = new TreeMap<>();
    Map<String, EnumDescriptorProto> our = new TreeMap<>();
    indexBoth(new TreeMap<>(), new TreeMap<>(), up, our);
    for (Map.Entry<String, EnumDescriptorProto> entry : up.entrySet()) {
      EnumDescriptorProto ours = our.get(entry.getKey());
      if (ours != null && !values(entry.getValue()).equals(values(ours))) {
        differences.add(entry.getKey() + ": upstream " + values(entry.getValue()) + ", ours " + values(ours));
      }
    }
    assertNoDifferences("enum differences", differences);
  }

  @Test
  void everyServiceHasTheUpstreamMethodsWithTheSameRequestAndResponseTypes() {
    // The Twirp route is /twirp/livekit.<Service>/<Method>: names and types must agree exactly.
    List<String> differences = new ArrayList<>();
    Map<String, String> up = new TreeMap<>();
    Map<String, String> our = new TreeMap<>();
    for (FileDescriptor ours : ourFiles.values()) {
      services(ours.toProto(), our);
      FileDescriptorProto upstream = upstreamFiles.get(ours.getName());
      if (upstream != null) {
        services(upstream, up);
      }
    }
    for (String name : union(up.keySet(), our.keySet())) {
      if (!String.valueOf(up.get(name)).equals(String.valueOf(our.get(name)))) {
        differences.add(name + ": upstream " + up.get(name) + ", ours " + our.get(name));
      }
    }
    assertThat(up).as("upstream methods").containsKeys("livekit.RoomService/UpdateParticipant", "livekit.SIP/CreateSIPParticipant");
    assertNoDifferences("service differences", differences);
  }

  @Test
  void createRoomRequestWrittenByOursIsReadByTheUpstreamDescriptor() throws Exception {
    CreateRoomRequest request = CreateRoomRequest.newBuilder()
        .setName("lobby").setEmptyTimeout(30).putTags("team", "blue")
        .addAgents(RoomAgentDispatch.newBuilder().setAgentName("support").setMetadata("{}"))
        .build();

    DynamicMessage upstream = DynamicMessage.parseFrom(upstreamType("livekit_room.proto", "CreateRoomRequest"), request.toByteArray());

    assertThat(JsonFormat.printer().print(upstream)).as("upstream's JSON of our bytes")
        .isEqualTo(JsonFormat.printer().print(request));
    assertThat(upstream.getUnknownFields().asMap()).as("fields unknown to upstream").isEmpty();
  }

  @Test
  void webhookEventJsonWrittenWithTheUpstreamDescriptorIsParsedByOurs() throws Exception {
    Descriptor type = upstreamType("livekit_webhook.proto", "WebhookEvent");
    String json = "{\"event\":\"track_published\",\"room\":{\"sid\":\"RM_1\",\"name\":\"lobby\"},"
        + "\"participant\":{\"identity\":\"alice\",\"state\":\"ACTIVE\",\"kind\":\"STANDARD\"},"
        + "\"track\":{\"sid\":\"TR_1\",\"type\":\"AUDIO\",\"source\":\"MICROPHONE\",\"muted\":true},"
        + "\"id\":\"EV_1\",\"createdAt\":\"1700000000\",\"numDropped\":2}";
    DynamicMessage.Builder upstream = DynamicMessage.newBuilder(type);
    JsonFormat.parser().merge(json, upstream);

    WebhookEvent ours = WebhookEvent.parseFrom(upstream.build().toByteArray());

    assertThat(ours.getEvent()).isEqualTo("track_published");
    assertThat(ours.getParticipant().getState()).isEqualTo(ParticipantInfo.State.ACTIVE);
    assertThat(ours.getTrack().getSource()).isEqualTo(TrackSource.MICROPHONE);
    assertThat(ours.getTrack().getMuted()).isTrue();
    assertThat(ours.getCreatedAt()).isEqualTo(1_700_000_000L);
    assertThat(ours.getNumDropped()).isEqualTo(2);
    assertThat(ours.getUnknownFields().asMap()).as("fields unknown to ours").isEmpty();
  }

  @Test
  void egressIngressAndSipRequestsRoundTripThroughTheUpstreamDescriptorsInBinaryAndJson() throws Exception {
    List<com.google.protobuf.Message> messages = List.of(
        RoomCompositeEgressRequest.newBuilder().setRoomName("lobby").setLayout("grid").setAudioOnly(true)
            .addFileOutputs(EncodedFileOutput.newBuilder().setFileType(EncodedFileType.MP4).setFilepath("out/{room_name}.mp4")
                .setS3(S3Upload.newBuilder().setBucket("b").setRegion("r")))
            .build(),
        CreateIngressRequest.newBuilder().setInputType(IngressInput.WHIP_INPUT).setName("cam").setRoomName("lobby")
            .setParticipantIdentity("cam-1").setEnableTranscoding(false).build(),
        CreateSIPParticipantRequest.newBuilder().setSipTrunkId("ST_1").setSipCallTo("+15550100").setRoomName("lobby")
            .setParticipantIdentity("caller").putParticipantAttributes("k", "v").setWaitUntilAnswered(true).build(),
        CreateSIPDispatchRuleRequest.newBuilder().setRule(SIPDispatchRule.newBuilder()
            .setDispatchRuleIndividual(SIPDispatchRuleIndividual.newBuilder().setRoomPrefix("call-"))).build());
    for (com.google.protobuf.Message ours : messages) {
      String file = ours.getDescriptorForType().getFile().getName();
      Descriptor type = upstreamType(file, ours.getDescriptorForType().getName());

      DynamicMessage upstream = DynamicMessage.parseFrom(type, ours.toByteArray());
      com.google.protobuf.Message back = ours.getParserForType().parseFrom(upstream.toByteArray());
      DynamicMessage.Builder fromOurJson = DynamicMessage.newBuilder(type);
      JsonFormat.parser().merge(JsonFormat.printer().print(ours), fromOurJson);

      assertThat(upstream.getUnknownFields().asMap()).as("%s: fields unknown upstream", type.getFullName()).isEmpty();
      assertThat(back).as("%s: binary round trip", type.getFullName()).isEqualTo(ours);
      assertThat(fromOurJson.build().toByteArray()).as("%s: our JSON read upstream", type.getFullName()).isEqualTo(ours.toByteArray());
    }
  }

  // ---------------------------------------------------------------- helpers

  static void indexBoth(Map<String, DescriptorProto> up, Map<String, DescriptorProto> our,
                        Map<String, EnumDescriptorProto> upEnums, Map<String, EnumDescriptorProto> ourEnums) {
    for (FileDescriptor ours : ourFiles.values()) {
      index(ours.toProto(), our, ourEnums);
      FileDescriptorProto upstream = upstreamFiles.get(ours.getName());
      if (upstream != null) {
        index(upstream, up, upEnums);
      }
    }
  }

  static void index(FileDescriptorProto file, Map<String, DescriptorProto> messages, Map<String, EnumDescriptorProto> enums) {
    for (EnumDescriptorProto e : file.getEnumTypeList()) {
      enums.put(file.getPackage() + "." + e.getName(), e);
    }
    for (DescriptorProto m : file.getMessageTypeList()) {
      indexMessage(m, file.getPackage() + ".", messages, enums);
    }
  }

  static void indexMessage(DescriptorProto m, String prefix, Map<String, DescriptorProto> messages,
                           Map<String, EnumDescriptorProto> enums) {
    String full = prefix + m.getName();
    messages.put(full, m);
    for (EnumDescriptorProto e : m.getEnumTypeList()) {
      enums.put(full + "." + e.getName(), e);
    }
    for (DescriptorProto nested : m.getNestedTypeList()) {
      indexMessage(nested, full + ".", messages, enums);
    }
  }

  static Map<Integer, String> fields(DescriptorProto m) {
    Map<Integer, String> fields = new TreeMap<>();
    for (FieldDescriptorProto f : m.getFieldList()) {
      String oneof = f.hasOneofIndex() && !f.getProto3Optional() ? m.getOneofDecl(f.getOneofIndex()).getName() : "-";
      fields.put(f.getNumber(), String.join(" ",
          f.getLabel().name().substring(6).toLowerCase(Locale.ROOT),
          f.getType().name().substring(5).toLowerCase(Locale.ROOT),
          f.getTypeName().isEmpty() ? "-" : f.getTypeName(),
          f.getName(),
          "json=" + f.getJsonName(),
          "oneof=" + oneof,
          "optional=" + f.getProto3Optional(),
          "packed=" + (f.getOptions().hasPacked() ? f.getOptions().getPacked() : "-")));
    }
    return fields;
  }

  static Map<Integer, String> values(EnumDescriptorProto e) {
    Map<Integer, String> values = new TreeMap<>();
    e.getValueList().forEach(v -> values.merge(v.getNumber(), v.getName(), (a, b) -> a + "/" + b));
    return values;
  }

  static void services(FileDescriptorProto file, Map<String, String> into) {
    for (ServiceDescriptorProto s : file.getServiceList()) {
      for (MethodDescriptorProto m : s.getMethodList()) {
        into.put(file.getPackage() + "." + s.getName() + "/" + m.getName(),
            m.getInputType() + " -> " + m.getOutputType()
                + (m.getClientStreaming() || m.getServerStreaming() ? " (streaming)" : ""));
      }
    }
  }

  /** Builds the upstream file (and its imports) into live descriptors, for DynamicMessage. */
  static Descriptor upstreamType(String file, String message) throws DescriptorValidationException {
    Descriptor type = build(file).findMessageTypeByName(message);
    assertThat(type).as("upstream %s in %s", message, file).isNotNull();
    return type;
  }

  static FileDescriptor build(String name) throws DescriptorValidationException {
    FileDescriptor done = upstreamBuilt.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptor wellKnown = switch (name) {
      case "google/protobuf/timestamp.proto" -> TimestampProto.getDescriptor();
      case "google/protobuf/duration.proto" -> DurationProto.getDescriptor();
      case "google/protobuf/empty.proto" -> EmptyProto.getDescriptor();
      case "google/protobuf/any.proto" -> AnyProto.getDescriptor();
      case "google/protobuf/descriptor.proto" -> DescriptorProtos.getDescriptor();
      default -> null;
    };
    if (wellKnown != null) {
      return wellKnown;
    }
    FileDescriptorProto proto = upstreamFiles.get(name);
    assertThat(proto).as("upstream file %s", name).isNotNull();
    List<FileDescriptor> deps = new ArrayList<>();
    for (String dep : proto.getDependencyList()) {
      deps.add(build(dep));
    }
    FileDescriptor built = FileDescriptor.buildFrom(proto, deps.toArray(FileDescriptor[]::new));
    upstreamBuilt.put(name, built);
    return built;
  }

  static <T extends Comparable<T>> Set<T> union(Set<T> a, Set<T> b) {
    Set<T> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  static void assertNoDifferences(String title, List<String> differences) {
    assertThat(differences)
        .withFailMessage(() -> differences.size() + " " + title + " from the pinned livekit-protocol wheel ("
            + UPSTREAM_RESOURCE + "):\n  " + String.join("\n  ", differences))
        .isEmpty();
  }
}
