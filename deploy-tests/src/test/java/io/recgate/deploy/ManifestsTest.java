package io.recgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class ManifestsTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void overlayRendersWithKubectlAndEqualsTheCommittedCopy(String overlay) throws Exception {
        Path kubectl = Manifests.kubectl();
        if (kubectl == null) {
            System.out.println("deploy-tests: kubectl is not installed: rendering of " + overlay + " not checked");
        }
        Assumptions.assumeTrue(kubectl != null, "kubectl is not installed");
        String rendered = Manifests.render(kubectl, overlay);
        assertEquals(Files.readString(Manifests.committed(overlay)), rendered,
                "k8s/rendered/" + overlay + ".yaml is stale: run scripts/k8s-render.sh");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyObjectParsesAsATypedKubernetesObjectWithNoUnknownFields(String overlay) {
        List<HasMetadata> objects = Manifests.objects(overlay);
        assertEquals(Manifests.trees(overlay).size(), objects.size());
        assertTrue(objects.size() >= 14, overlay + " rendered only " + objects.size() + " objects");
        for (HasMetadata o : objects) {
            assertEquals("Namespace".equals(o.getKind()) ? null : "recgate", o.getMetadata().getNamespace(),
                    o.getKind() + " " + o.getMetadata().getName());
        }
    }

    @Test
    void aMisspeltFieldDeepInsideAnObjectIsReportedWithItsPath() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: c
                          image: i
                          livenesProbe: {httpGet: {path: /health/live, port: 8080}}
                """;
        Deployment d = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                .readValue(yaml, Deployment.class);
        assertEquals(List.of("spec.template.spec.containers[0].livenesProbe"), UnknownFields.find(d));
    }

    @Test
    void aWronglyTypedValueFailsToParse() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec: {replicas: two}
                """;
        assertThrows(RuntimeException.class, () -> YAMLMapper.builder().build().readValue(yaml, Deployment.class));
    }

    /**
     * The image each overlay's {@code images:} sets for {@code recgate} is the one every Recgate
     * container runs: a second {@code images:} entry in the base renames the image first and makes
     * the overlay's entry match nothing (then both overlays silently deploy the base's tag).
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyRecgateContainerRunsTheImageItsOverlaySets(String overlay) throws Exception {
        JsonNode kustomization = YAMLMapper.builder().build()
                .readTree(Manifests.repoRoot().resolve("k8s/overlays/" + overlay + "/kustomization.yaml").toFile());
        String expected = null;
        for (JsonNode image : kustomization.path("images")) {
            if (image.path("name").asString().equals("recgate")) {
                expected = image.path("newName").asString() + ":" + image.path("newTag").asString();
            }
        }
        assertNotNull(expected, overlay + ": its kustomization sets no image for recgate");
        List<String> images = new ArrayList<>();
        for (var e : Pods.templates(overlay).entrySet()) {
            if (e.getKey().startsWith("StatefulSet/")) {
                continue; // the dev stores run their own images
            }
            e.getValue().getSpec().getInitContainers().forEach(c -> images.add(c.getImage()));
            e.getValue().getSpec().getContainers().forEach(c -> images.add(c.getImage()));
        }
        assertTrue(images.size() >= 3, overlay + ": " + images);
        for (String image : images) {
            assertEquals(expected, image, overlay + ": " + images);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noObjectIsNamedTwice(String overlay) {
        List<String> names = Manifests.objects(overlay).stream()
                .map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
        assertEquals(names.size(), names.stream().distinct().count(), names.toString());
        assertFalse(names.isEmpty());
    }
}
