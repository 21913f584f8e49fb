package io.recgate.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The kustomize overlays under {@code k8s/overlays}, rendered and parsed into typed fabric8
 * Kubernetes objects.
 *
 * <p>Rendering runs {@code kubectl kustomize}; the result must equal the committed
 * {@code k8s/rendered/OVERLAY.yaml} (regenerate it with {@code scripts/k8s-render.sh}), so the
 * committed copy never goes stale. Where kubectl is not installed the committed copy is used and
 * a line says so: the typed checks still run. Thread-safe; renders each overlay once per JVM.
 */
final class Manifests {

    /** Every kind the overlays may contain, with its typed model class. An unlisted kind fails. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("batch/v1/CronJob", CronJob.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class));

    static final List<String> OVERLAYS = List.of("dev", "prod");

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {
    }

    /** The repository root: the nearest parent of the working directory holding {@code k8s/base}. */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("k8s/base"))) {
                return p;
            }
        }
        throw new IllegalStateException("no k8s/base above " + dir);
    }

    /** The committed rendering of an overlay. */
    static Path committed(String overlay) {
        return repoRoot().resolve("k8s/rendered/" + overlay + ".yaml");
    }

    /** The overlay's YAML: rendered by kubectl when installed, else the committed copy. */
    static String yaml(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Manifests::renderOrCommitted);
    }

    /** The kubectl binary, or null when it is not installed. */
    static Path kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Runs {@code kubectl kustomize k8s/overlays/OVERLAY} and returns its output. */
    static String render(Path kubectl, String overlay) {
        Path dir = repoRoot().resolve("k8s/overlays/" + overlay);
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            Process p = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectError(err.toFile())
                    .start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 60 s");
            }
            String errors = Files.readString(err);
            Files.delete(err);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " exited " + p.exitValue() + ": " + errors);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + kubectl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted rendering " + dir, e);
        }
    }

    private static String renderOrCommitted(String overlay) {
        Path kubectl = kubectl();
        if (kubectl != null) {
            return render(kubectl, overlay);
        }
        System.out.println("deploy-tests: kubectl is not installed, so " + overlay
                + " is checked from the committed " + committed(overlay) + " (its freshness is not checked)");
        try {
            return Files.readString(committed(overlay));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + committed(overlay) + ": " + e.getMessage(), e);
        }
    }

    /** The overlay's objects as raw trees, in rendering order. */
    static List<JsonNode> trees(String overlay) {
        return treesOf(yaml(overlay));
    }

    private static List<JsonNode> treesOf(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    /**
     * The overlay's objects as typed model objects. A kind outside {@link #KINDS}, a field the
     * model does not know (anywhere in the object) or a malformed value fails with the object's
     * kind, name and the field's path.
     */
    static List<HasMetadata> objects(String overlay) {
        return parse(overlay, trees(overlay));
    }

    /**
     * The objects of a manifest file outside the overlays (e.g. {@code k8s/jobs/rebuild-now.yaml},
     * which no kustomization applies), checked like {@link #objects}.
     */
    static List<HasMetadata> file(String relativePath) {
        Path file = repoRoot().resolve(relativePath);
        try {
            return parse(relativePath, treesOf(Files.readString(file)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<HasMetadata> parse(String overlay, List<JsonNode> trees) {
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode tree : trees) {
            String kind = tree.path("apiVersion").asString() + "/" + tree.path("kind").asString();
            JsonNode meta = tree.path("metadata");
            String name = kind + " " + (meta.has("name") ? meta.path("name").asString() : meta.path("generateName").asString() + "*");
            Class<? extends HasMetadata> type = KINDS.get(kind);
            if (type == null) {
                throw new AssertionError(overlay + ": " + name + " is a kind the deploy tests do not know; add it to Manifests.KINDS");
            }
            HasMetadata object;
            try {
                object = YAML.treeToValue(tree, type);
            } catch (RuntimeException e) {
                throw new AssertionError(overlay + ": " + name + " does not parse as " + type.getSimpleName() + ": " + e.getMessage(), e);
            }
            List<String> unknown = UnknownFields.find(object);
            if (!unknown.isEmpty()) {
                throw new AssertionError(overlay + ": " + name + " has fields the Kubernetes model does not know: " + unknown);
            }
            objects.add(object);
        }
        return objects;
    }

    /** The one object of a type and name; fails when absent. */
    static <T extends HasMetadata> T one(String overlay, Class<T> type, String name) {
        return objects(overlay).stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " " + name));
    }

    /** Every object of a type. */
    static <T extends HasMetadata> List<T> all(String overlay, Class<T> type) {
        return objects(overlay).stream().filter(type::isInstance).map(type::cast).toList();
    }
}
