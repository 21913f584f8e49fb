package io.recgate.core.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes and parses {@code manifest.json}, with error messages that name the bad field. */
final class ManifestCodec {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestCodec() {
    }

    static byte[] toJson(BundleManifest manifest) {
        ObjectNode root = JSON.createObjectNode();
        BundleMetadata meta = manifest.metadata();
        root.put("formatVersion", manifest.formatVersion());
        root.put("bundleVersion", manifest.bundleVersion());
        root.put("createdAt", manifest.createdAt().toString());
        root.put("dims", meta.dims());
        root.put("metric", meta.metric());
        root.put("userCount", meta.userCount());
        root.put("itemCount", meta.itemCount());
        ObjectNode params = root.putObject("params");
        for (Map.Entry<String, Object> e : meta.params().entrySet()) {
            params.set(e.getKey(), JSON.valueToTree(e.getValue()));
        }
        ObjectNode metrics = root.putObject("metrics");
        meta.metrics().forEach(metrics::put);
        ObjectNode files = root.putObject("files");
        for (FileEntry f : manifest.files().values()) {
            ObjectNode node = files.putObject(f.name());
            node.put("kind", f.kind().label());
            node.put("bytes", f.bytes());
            node.put("sha256", f.sha256());
            if (f.rows() >= 0) {
                node.put("rows", f.rows());
            }
            if (f.cols() >= 0) {
                node.put("cols", f.cols());
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a manifest; the format version is checked before anything else so that a newer format
     * is reported as such, not as a missing field.
     */
    static BundleManifest parse(Path bundle, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BundleException(bundle, BundleFiles.MANIFEST + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new BundleException(bundle, BundleFiles.MANIFEST + " is not a JSON object");
        }
        int format = intField(bundle, root, "formatVersion");
        if (format != BundleManifest.FORMAT_VERSION) {
            throw new BundleException(bundle, BundleFiles.MANIFEST + " has format version " + format
                    + ", this reader supports only " + BundleManifest.FORMAT_VERSION);
        }
        String version = textField(bundle, root, "bundleVersion");
        Instant createdAt;
        try {
            createdAt = Instant.parse(textField(bundle, root, "createdAt"));
        } catch (DateTimeParseException e) {
            throw new BundleException(bundle, BundleFiles.MANIFEST + " field createdAt '"
                    + root.get("createdAt").asText() + "' is not an ISO-8601 instant");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = objectField(bundle, root, "params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            params.put(e.getKey(), scalar(bundle, "params." + e.getKey(), e.getValue()));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = objectField(bundle, root, "metrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                throw new BundleException(bundle, BundleFiles.MANIFEST + " field metrics." + e.getKey()
                        + " is not a number");
            }
            metrics.put(e.getKey(), e.getValue().doubleValue());
        }
        BundleMetadata metadata;
        try {
            metadata = new BundleMetadata(intField(bundle, root, "dims"), textField(bundle, root, "metric"),
                    intField(bundle, root, "userCount"), intField(bundle, root, "itemCount"), params, metrics);
        } catch (IllegalArgumentException e) {
            throw new BundleException(bundle, BundleFiles.MANIFEST + ": " + e.getMessage());
        }
        Map<String, FileEntry> files = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = objectField(bundle, root, "files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            files.put(e.getKey(), fileEntry(bundle, e.getKey(), e.getValue()));
        }
        return new BundleManifest(format, version, createdAt, metadata, files);
    }

    private static FileEntry fileEntry(Path bundle, String name, JsonNode node) {
        String where = "files." + name;
        String problem = BundleFiles.nameProblem(name);
        if (problem != null) {
            throw new BundleException(bundle, BundleFiles.MANIFEST + " lists " + problem);
        }
        if (!node.isObject()) {
            throw new BundleException(bundle, BundleFiles.MANIFEST + " field " + where + " is not an object");
        }
        String label = textField(bundle, node, where, "kind");
        FileKind kind = FileKind.fromLabel(label);
        if (kind == null) {
            throw new BundleException(bundle, BundleFiles.MANIFEST + " field " + where + ".kind '" + label
                    + "' is not one of f32, i32, text, jsonl, bytes");
        }
        long bytes = longField(bundle, node, where, "bytes");
        String sha = textField(bundle, node, where, "sha256");
        long rows = node.has("rows") ? longField(bundle, node, where, "rows") : -1;
        int cols = node.has("cols") ? Math.toIntExact(longField(bundle, node, where, "cols")) : -1;
        try {
            return new FileEntry(name, kind, bytes, sha, rows, cols);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new BundleException(bundle, BundleFiles.MANIFEST + " entry " + e.getMessage());
        }
    }

    private static Object scalar(Path bundle, String where, JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        throw new BundleException(bundle, BundleFiles.MANIFEST + " field " + where
                + " must be a string, number or boolean");
    }

    private static JsonNode objectField(Path bundle, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isObject()) {
            throw new BundleException(bundle, BundleFiles.MANIFEST + (node == null ? " is missing field " + field
                    : " field " + field + " is not an object"));
        }
        return node;
    }

    private static String textField(Path bundle, JsonNode root, String field) {
        return textField(bundle, root, null, field);
    }

    private static String textField(Path bundle, JsonNode node, String parent, String field) {
        JsonNode value = node.get(field);
        String where = parent == null ? field : parent + "." + field;
        if (value == null || !value.isTextual()) {
            throw new BundleException(bundle, BundleFiles.MANIFEST + (value == null ? " is missing field " + where
                    : " field " + where + " is not a string"));
        }
        return value.asText();
    }

    private static int intField(Path bundle, JsonNode root, String field) {
        long value = longField(bundle, root, null, field);
        if (value != (int) value) {
            throw new BundleException(bundle, BundleFiles.MANIFEST + " field " + field + " = " + value
                    + " is out of int range");
        }
        return (int) value;
    }

    private static long longField(Path bundle, JsonNode node, String parent, String field) {
        JsonNode value = node.get(field);
        String where = parent == null ? field : parent + "." + field;
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new BundleException(bundle, BundleFiles.MANIFEST + (value == null ? " is missing field " + where
                    : " field " + where + " is not an integer"));
        }
        return value.asLong();
    }
}
