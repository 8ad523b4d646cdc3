package io.roomflux.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins our hand-written {@code .proto} files to the protocol of the pinned livekit-ffi core.
 *
 * <p>The upstream side is the {@code FileDescriptorSet} that the natives module extracts from the
 * pinned {@code livekit} wheel (its embedded {@code *_pb2.py} descriptors); our side is what protoc
 * compiled into the generated Java, reached from {@link FfiProto#getDescriptor()}. Each structural
 * test collects every difference of its kind and reports them all in one message, so a core
 * upgrade shows the complete list of edits to make. The same rules, for quick local runs while
 * editing, are in {@code proto/tools/compare_protocol.py}.
 */
class ProtocolCompatibilityTest {

    static final String UPSTREAM_RESOURCE = "io/roomflux/natives/livekit-ffi-protocol.desc";
    static final String WIRE_PACKAGE = "livekit.proto";
    static final String JAVA_PACKAGE = "io.roomflux.proto";

    /** Upstream file descriptors by file name, as the wheel carries them. */
    static Map<String, FileDescriptorProto> upstreamFiles;
    /** Upstream descriptors built into live descriptors, for DynamicMessage. */
    static Map<String, FileDescriptor> upstreamDescriptors;
    /** Our compiled descriptors by file name: ffi.proto and everything it imports, transitively. */
    static Map<String, FileDescriptor> ourDescriptors;

    static Map<String, Declared<DescriptorProto>> upstreamMessages;
    static Map<String, Declared<EnumDescriptorProto>> upstreamEnums;
    static Map<String, Declared<DescriptorProto>> ourMessages;
    static Map<String, Declared<EnumDescriptorProto>> ourEnums;

    /** A message or enum type with the file that declares it. */
    record Declared<T>(T type, String file) {}

    @BeforeAll
    static void loadBothSides() throws Exception {
        FileDescriptorSet set;
        try (InputStream in = ProtocolCompatibilityTest.class.getClassLoader().getResourceAsStream(UPSTREAM_RESOURCE)) {
            assertThat(in)
                    .as("class-path resource %s (written by the natives module from the pinned wheel)", UPSTREAM_RESOURCE)
                    .isNotNull();
            set = FileDescriptorSet.parseFrom(in);
        }
        upstreamFiles = new TreeMap<>();
        for (FileDescriptorProto file : set.getFileList()) {
            upstreamFiles.put(file.getName(), file);
        }
        upstreamDescriptors = buildAll(upstreamFiles);

        ourDescriptors = new TreeMap<>();
        Deque<FileDescriptor> todo = new ArrayDeque<>(List.of(FfiProto.getDescriptor()));
        while (!todo.isEmpty()) {
            FileDescriptor file = todo.pop();
            if (ourDescriptors.putIfAbsent(file.getName(), file) == null) {
                todo.addAll(file.getDependencies());
            }
        }

        upstreamMessages = new TreeMap<>();
        upstreamEnums = new TreeMap<>();
        for (FileDescriptorProto file : upstreamFiles.values()) {
            index(file, upstreamMessages, upstreamEnums);
        }
        ourMessages = new TreeMap<>();
        ourEnums = new TreeMap<>();
        for (FileDescriptor file : ourDescriptors.values()) {
            index(file.toProto(), ourMessages, ourEnums);
        }
    }

    // ---------------------------------------------------------------- structure

    @Test
    void ourFilesAreTheUpstreamFilesAllProto2InWirePackageLivekitProtoWithOurJavaPackage() {
        List<String> differences = new ArrayList<>();
        assertThat(upstreamFiles).as("upstream descriptor set").isNotEmpty();
        for (String name : union(upstreamFiles.keySet(), ourDescriptors.keySet())) {
            if (!ourDescriptors.containsKey(name)) {
                differences.add(name + ": upstream file has no counterpart reachable from ffi.proto");
            } else if (!upstreamFiles.containsKey(name)) {
                differences.add(name + ": extra file, not in upstream");
            }
        }
        for (FileDescriptorProto file : upstreamFiles.values()) {
            if (!isProto2(file)) {
                differences.add(file.getName() + ": upstream syntax is " + syntaxOf(file) + ", expected proto2");
            }
            if (!WIRE_PACKAGE.equals(file.getPackage())) {
                differences.add(file.getName() + ": upstream package is '" + file.getPackage() + "', expected " + WIRE_PACKAGE);
            }
        }
        for (FileDescriptor descriptor : ourDescriptors.values()) {
            FileDescriptorProto file = descriptor.toProto();
            String name = file.getName();
            if (!isProto2(file)) {
                differences.add(name + ": syntax is " + syntaxOf(file) + ", expected proto2");
            }
            if (!WIRE_PACKAGE.equals(file.getPackage())) {
                differences.add(name + ": package is '" + file.getPackage() + "', expected " + WIRE_PACKAGE
                        + " (the wire and JSON type names depend on it)");
            }
            if (!JAVA_PACKAGE.equals(file.getOptions().getJavaPackage())) {
                differences.add(name + ": java_package is '" + file.getOptions().getJavaPackage() + "', expected " + JAVA_PACKAGE);
            }
            if (!file.getOptions().getJavaMultipleFiles()) {
                differences.add(name + ": java_multiple_files is not set");
            }
            String outer = outerClassNameFor(name);
            if (!outer.equals(file.getOptions().getJavaOuterClassname())) {
                differences.add(name + ": java_outer_classname is '" + file.getOptions().getJavaOuterClassname()
                        + "', expected " + outer);
            }
        }
        assertNoDifferences("file-level differences from the upstream protocol", differences);
    }

    @Test
    void everyUpstreamMessageAndEnumExistsInOursByFullNameAndOursHasNoOthers() {
        List<String> differences = new ArrayList<>();
        for (String name : union(upstreamMessages.keySet(), ourMessages.keySet())) {
            if (!ourMessages.containsKey(name)) {
                differences.add(upstreamMessages.get(name).file() + ": message " + name + " missing");
            } else if (!upstreamMessages.containsKey(name)) {
                differences.add(ourMessages.get(name).file() + ": extra message " + name + " (not upstream)");
            }
        }
        for (String name : union(upstreamEnums.keySet(), ourEnums.keySet())) {
            if (!ourEnums.containsKey(name)) {
                differences.add(upstreamEnums.get(name).file() + ": enum " + name + " missing");
            } else if (!upstreamEnums.containsKey(name)) {
                differences.add(ourEnums.get(name).file() + ": extra enum " + name + " (not upstream)");
            }
        }
        assertThat(upstreamMessages).as("upstream messages").containsKey(WIRE_PACKAGE + ".FfiRequest");
        assertNoDifferences("message/enum set differs from the upstream protocol", differences);
    }

    @Test
    void everyMessageHasTheUpstreamFieldNumbersWithSameNameLabelTypeOneofDefaultAndOptions() {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Declared<DescriptorProto>> entry : upstreamMessages.entrySet()) {
            Declared<DescriptorProto> ours = ourMessages.get(entry.getKey());
            if (ours == null) {
                continue; // reported by the message/enum set test
            }
            String where = entry.getValue().file() + ": " + entry.getKey();
            DescriptorProto up = entry.getValue().type();
            DescriptorProto our = ours.type();
            boolean upMapEntry = up.getOptions().getMapEntry();
            boolean ourMapEntry = our.getOptions().getMapEntry();
            if (upMapEntry != ourMapEntry) {
                differences.add(where + ": map_entry upstream " + upMapEntry + ", ours " + ourMapEntry);
            }
            Map<Integer, FieldSignature> upFields = fields(up);
            Map<Integer, FieldSignature> ourFields = fields(our);
            for (Integer number : union(upFields.keySet(), ourFields.keySet())) {
                FieldSignature u = upFields.get(number);
                FieldSignature o = ourFields.get(number);
                if (u == null) {
                    differences.add(where + " field " + number + ": extra in ours (" + o + ")");
                } else if (o == null) {
                    differences.add(where + " field " + number + ": missing in ours (upstream " + u + ")");
                } else if (!u.equals(o)) {
                    differences.add(where + " field " + number + ": " + u.describeDifference(o));
                }
            }
        }
        assertNoDifferences("field differences from the upstream protocol", differences);
    }

    @Test
    void everyEnumHasTheUpstreamNumberToNameMapping() {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Declared<EnumDescriptorProto>> entry : upstreamEnums.entrySet()) {
            Declared<EnumDescriptorProto> ours = ourEnums.get(entry.getKey());
            if (ours == null) {
                continue; // reported by the message/enum set test
            }
            String where = entry.getValue().file() + ": enum " + entry.getKey();
            Map<Integer, Set<String>> up = values(entry.getValue().type());
            Map<Integer, Set<String>> our = values(ours.type());
            for (Integer number : union(up.keySet(), our.keySet())) {
                if (!Objects.equals(up.get(number), our.get(number))) {
                    differences.add(where + " value " + number + ": upstream " + names(up.get(number))
                            + ", ours " + names(our.get(number)));
                }
            }
        }
        assertNoDifferences("enum differences from the upstream protocol", differences);
    }

    // ---------------------------------------------------------------- wire round trips

    @Test
    void connectRequestWrittenByOursIsReadByTheUpstreamDescriptor() throws InvalidProtocolBufferException {
        FfiRequest request = FfiRequest.newBuilder()
                .setConnect(ConnectRequest.newBuilder()
                        .setUrl("wss://example.invalid")
                        .setToken("a.b.c")
                        .setOptions(RoomOptions.newBuilder().setAutoSubscribe(true).setDynacast(false))
                        .setRequestAsyncId(42))
                .build();

        DynamicMessage upstream = DynamicMessage.parseFrom(upstreamType("FfiRequest"), request.toByteArray());

        DynamicMessage connect = (DynamicMessage) upstream.getField(field(upstream.getDescriptorForType(), "connect"));
        Descriptor connectType = connect.getDescriptorForType();
        assertThat(connectType.getFullName()).as("upstream type of FfiRequest.connect").isEqualTo(WIRE_PACKAGE + ".ConnectRequest");
        assertThat(connect.getField(field(connectType, "url"))).as("ConnectRequest.url read upstream").isEqualTo("wss://example.invalid");
        assertThat(connect.getField(field(connectType, "token"))).as("ConnectRequest.token read upstream").isEqualTo("a.b.c");
        assertThat(connect.getField(field(connectType, "request_async_id"))).as("ConnectRequest.request_async_id read upstream").isEqualTo(42L);
        DynamicMessage options = (DynamicMessage) connect.getField(field(connectType, "options"));
        assertThat(options.getField(field(options.getDescriptorForType(), "auto_subscribe"))).as("RoomOptions.auto_subscribe read upstream").isEqualTo(true);
        assertThat(options.hasField(field(options.getDescriptorForType(), "dynacast"))).as("RoomOptions.dynacast present upstream").isTrue();
        assertThat(upstream.getUnknownFields().asMap()).as("fields of FfiRequest unknown to upstream").isEmpty();
        assertThat(connect.getUnknownFields().asMap()).as("fields of ConnectRequest unknown to upstream").isEmpty();
    }

    @Test
    void connectCallbackErrorWrittenByTheUpstreamDescriptorIsReadByOurs() throws InvalidProtocolBufferException {
        Descriptor eventType = upstreamType("FfiEvent");
        Descriptor callbackType = upstreamType("ConnectCallback");
        DynamicMessage callback = DynamicMessage.newBuilder(callbackType)
                .setField(field(callbackType, "async_id"), 7L)
                .setField(field(callbackType, "error"), "could not connect: 401")
                .build();
        DynamicMessage event = DynamicMessage.newBuilder(eventType)
                .setField(field(eventType, "connect"), callback)
                .build();

        FfiEvent ours = FfiEvent.parseFrom(event.toByteArray());

        assertThat(ours.getMessageCase()).as("FfiEvent case read by ours").isEqualTo(FfiEvent.MessageCase.CONNECT);
        assertThat(ours.getConnect().getAsyncId()).as("ConnectCallback.async_id read by ours").isEqualTo(7L);
        assertThat(ours.getConnect().getMessageCase()).as("ConnectCallback case read by ours").isEqualTo(ConnectCallback.MessageCase.ERROR);
        assertThat(ours.getConnect().getError()).as("ConnectCallback.error read by ours").isEqualTo("could not connect: 401");
        assertThat(ours.getUnknownFields().asMap()).as("fields of FfiEvent unknown to ours").isEmpty();
        assertThat(ours.getConnect().getUnknownFields().asMap()).as("fields of ConnectCallback unknown to ours").isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    /** What has to agree between upstream and ours for one field number. */
    record FieldSignature(String name, String label, String type, String typeName, String oneof,
                          String defaultValue, Boolean packed) {

        String describeDifference(FieldSignature ours) {
            List<String> parts = new ArrayList<>();
            diff(parts, "name", name, ours.name);
            diff(parts, "label", label, ours.label);
            diff(parts, "type", type, ours.type);
            diff(parts, "type_name", typeName, ours.typeName);
            diff(parts, "oneof", oneof, ours.oneof);
            diff(parts, "default", defaultValue, ours.defaultValue);
            diff(parts, "packed", packed, ours.packed);
            return name + ": " + String.join("; ", parts);
        }

        private static void diff(List<String> parts, String what, Object upstream, Object ours) {
            if (!Objects.equals(upstream, ours)) {
                parts.add(what + " upstream " + show(upstream) + ", ours " + show(ours));
            }
        }

        private static String show(Object value) {
            return value == null ? "(none)" : value instanceof String s ? "'" + s + "'" : value.toString();
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder().append(label).append(' ')
                    .append(typeName.isEmpty() ? type : typeName).append(' ').append(name);
            if (oneof != null) {
                s.append(" in oneof ").append(oneof);
            }
            if (defaultValue != null) {
                s.append(" [default = ").append(defaultValue).append(']');
            }
            if (packed != null) {
                s.append(" [packed = ").append(packed).append(']');
            }
            return s.toString();
        }
    }

    static Map<Integer, FieldSignature> fields(DescriptorProto message) {
        Map<Integer, FieldSignature> fields = new TreeMap<>();
        for (FieldDescriptorProto f : message.getFieldList()) {
            String oneof = null;
            // Synthetic oneofs (proto3 `optional`) are an encoding detail, not a real oneof.
            if (f.hasOneofIndex() && !f.getProto3Optional()) {
                oneof = message.getOneofDecl(f.getOneofIndex()).getName();
            }
            fields.put(f.getNumber(), new FieldSignature(
                    f.getName(),
                    f.getLabel().name().substring("LABEL_".length()).toLowerCase(Locale.ROOT),
                    f.getType().name().substring("TYPE_".length()).toLowerCase(Locale.ROOT),
                    f.getTypeName(),
                    oneof,
                    f.hasDefaultValue() ? f.getDefaultValue() : null,
                    f.getOptions().hasPacked() ? f.getOptions().getPacked() : null));
        }
        return fields;
    }

    static Map<Integer, Set<String>> values(EnumDescriptorProto e) {
        Map<Integer, Set<String>> values = new TreeMap<>();
        for (EnumValueDescriptorProto v : e.getValueList()) {
            values.computeIfAbsent(v.getNumber(), n -> new TreeSet<>()).add(v.getName());
        }
        return values;
    }

    static String names(Set<String> names) {
        return names == null ? "(none)" : String.join("/", names);
    }

    static void index(FileDescriptorProto file, Map<String, Declared<DescriptorProto>> messages,
                      Map<String, Declared<EnumDescriptorProto>> enums) {
        String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
        for (EnumDescriptorProto e : file.getEnumTypeList()) {
            enums.put(prefix + e.getName(), new Declared<>(e, file.getName()));
        }
        for (DescriptorProto m : file.getMessageTypeList()) {
            indexMessage(m, prefix, file.getName(), messages, enums);
        }
    }

    static void indexMessage(DescriptorProto message, String prefix, String file,
                             Map<String, Declared<DescriptorProto>> messages,
                             Map<String, Declared<EnumDescriptorProto>> enums) {
        String full = prefix + message.getName();
        messages.put(full, new Declared<>(message, file));
        for (EnumDescriptorProto e : message.getEnumTypeList()) {
            enums.put(full + "." + e.getName(), new Declared<>(e, file));
        }
        for (DescriptorProto nested : message.getNestedTypeList()) {
            indexMessage(nested, full + ".", file, messages, enums);
        }
    }

    /** Builds live descriptors from the upstream protos, dependencies first. */
    static Map<String, FileDescriptor> buildAll(Map<String, FileDescriptorProto> protos) throws DescriptorValidationException {
        Map<String, FileDescriptor> built = new LinkedHashMap<>();
        for (String name : protos.keySet()) {
            build(name, protos, built, new ArrayDeque<>());
        }
        return built;
    }

    private static FileDescriptor build(String name, Map<String, FileDescriptorProto> protos,
                                        Map<String, FileDescriptor> built, Deque<String> path)
            throws DescriptorValidationException {
        FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto proto = protos.get(name);
        if (proto == null) {
            throw new IllegalStateException("upstream descriptor set lacks " + name + ", imported via " + path);
        }
        if (path.contains(name)) {
            throw new IllegalStateException("import cycle in upstream descriptor set: " + path + " -> " + name);
        }
        path.push(name);
        List<FileDescriptor> deps = new ArrayList<>();
        for (String dep : proto.getDependencyList()) {
            deps.add(build(dep, protos, built, path));
        }
        path.pop();
        FileDescriptor file = FileDescriptor.buildFrom(proto, deps.toArray(FileDescriptor[]::new));
        built.put(name, file);
        return file;
    }

    static Descriptor upstreamType(String simpleName) {
        for (FileDescriptor file : upstreamDescriptors.values()) {
            Descriptor type = file.findMessageTypeByName(simpleName);
            if (type != null) {
                return type;
            }
        }
        throw new AssertionError("upstream protocol has no message " + WIRE_PACKAGE + "." + simpleName);
    }

    static FieldDescriptor field(Descriptor type, String name) {
        FieldDescriptor field = type.findFieldByName(name);
        assertThat(field).as("field %s.%s", type.getFullName(), name).isNotNull();
        return field;
    }

    static boolean isProto2(FileDescriptorProto file) {
        // protoc leaves `syntax` empty for proto2 files.
        return (file.getSyntax().isEmpty() || file.getSyntax().equals("proto2")) && !file.hasEdition();
    }

    static String syntaxOf(FileDescriptorProto file) {
        return file.hasEdition() ? "edition " + file.getEdition() : "'" + file.getSyntax() + "'";
    }

    /** {@code track_publication.proto} -> {@code TrackPublicationProto}. */
    static String outerClassNameFor(String fileName) {
        StringBuilder s = new StringBuilder();
        for (String part : fileName.replaceFirst("\\.proto$", "").split("_")) {
            if (!part.isEmpty()) {
                s.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return s.append("Proto").toString();
    }

    static <T extends Comparable<T>> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    static void assertNoDifferences(String title, List<String> differences) {
        Supplier<String> message = () -> differences.size() + " " + title + " (livekit-ffi core pinned in natives/pom.xml, "
                + UPSTREAM_RESOURCE + "):\n  " + String.join("\n  ", differences);
        assertThat(differences).withFailMessage(message).isEmpty();
    }
}
