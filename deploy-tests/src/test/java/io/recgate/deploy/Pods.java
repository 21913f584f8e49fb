package io.recgate.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Helpers over the pod templates of rendered workloads. Stateless. */
final class Pods {

    private Pods() {
    }

    /** Every workload's pod template, keyed by "Kind/name". */
    static Map<String, PodTemplateSpec> templates(String overlay) {
        Map<String, PodTemplateSpec> out = new LinkedHashMap<>();
        for (HasMetadata o : Manifests.objects(overlay)) {
            String key = o.getKind() + "/" + o.getMetadata().getName();
            if (o instanceof Deployment d) {
                out.put(key, d.getSpec().getTemplate());
            } else if (o instanceof StatefulSet s) {
                out.put(key, s.getSpec().getTemplate());
            } else if (o instanceof CronJob c) {
                out.put(key, c.getSpec().getJobTemplate().getSpec().getTemplate());
            }
        }
        return out;
    }

    /**
     * The environment a container sees from its envFrom ConfigMaps and Secrets plus its literal
     * env values, as Kubernetes resolves it (later sources win, env over envFrom).
     */
    static Map<String, String> environment(String overlay, Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                env.putAll(Manifests.one(overlay, ConfigMap.class, from.getConfigMapRef().getName()).getData());
            }
            if (from.getSecretRef() != null) {
                env.putAll(secretData(Manifests.one(overlay, Secret.class, from.getSecretRef().getName())));
            }
        }
        for (EnvVar v : c.getEnv()) {
            if (v.getValue() != null) {
                env.put(v.getName(), v.getValue());
            }
        }
        return env;
    }

    /** A Secret's values, from stringData and (base64) data. */
    static Map<String, String> secretData(Secret s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (s.getData() != null) {
            s.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (s.getStringData() != null) {
            out.putAll(s.getStringData());
        }
        return out;
    }

    /** The volume mount whose path is the longest prefix of an absolute path, if any. */
    static Optional<VolumeMount> mountOf(Container c, String path) {
        return c.getVolumeMounts().stream()
                .filter(m -> path.equals(m.getMountPath()) || path.startsWith(m.getMountPath() + "/"))
                .max((a, b) -> Integer.compare(a.getMountPath().length(), b.getMountPath().length()));
    }

    /** The pod volume of a mount; fails when the template has none of that name. */
    static Volume volume(PodTemplateSpec t, VolumeMount m) {
        return t.getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(m.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("mount " + m.getMountPath() + " names no volume " + m.getName()));
    }

    /**
     * Where an absolute container path lives: "pvc:CLAIM/relative/path" for a claim, so that two
     * pods' views of one shared volume compare equal; fails for a path on no volume.
     */
    static String location(PodTemplateSpec t, Container c, String path) {
        VolumeMount m = mountOf(c, path).orElseThrow(() -> new AssertionError(c.getName() + ": " + path + " is on no volume"));
        Volume v = volume(t, m);
        String rel = path.substring(m.getMountPath().length());
        String sub = m.getSubPath() == null || m.getSubPath().isEmpty() ? "" : "/" + m.getSubPath();
        if (v.getPersistentVolumeClaim() != null) {
            return "pvc:" + v.getPersistentVolumeClaim().getClaimName() + sub + rel;
        }
        return "volume:" + v.getName() + sub + rel;
    }
}
