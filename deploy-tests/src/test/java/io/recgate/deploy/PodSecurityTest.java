package io.recgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class PodSecurityTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyContainerHasRequestsLimitsAndALockedDownNonRootSecurityContext(String overlay) {
        Map<String, PodTemplateSpec> templates = Pods.templates(overlay);
        assertTrue(templates.size() >= 2, overlay + ": " + templates.keySet());
        for (Map.Entry<String, PodTemplateSpec> e : templates.entrySet()) {
            PodSecurityContext pod = e.getValue().getSpec().getSecurityContext();
            List<Container> containers = new ArrayList<>(e.getValue().getSpec().getContainers());
            containers.addAll(e.getValue().getSpec().getInitContainers());
            for (Container c : containers) {
                String where = overlay + " " + e.getKey() + " container " + c.getName();
                var res = c.getResources();
                assertNotNull(res, where + ": no resources");
                for (String r : List.of("cpu", "memory")) {
                    assertNotNull(res.getRequests().get(r), where + ": no " + r + " request");
                    assertNotNull(res.getLimits().get(r), where + ": no " + r + " limit");
                }
                // A memory limit above the request makes the pod burstable and an OOM-kill target
                // under node pressure; a JVM sizes its heap from the limit, so keep them equal.
                if (e.getKey().startsWith("Deployment/") || e.getKey().startsWith("CronJob/")) {
                    assertEquals(res.getRequests().get("memory"), res.getLimits().get("memory"), where + ": memory request != limit");
                }
                SecurityContext sc = c.getSecurityContext();
                assertNotNull(sc, where + ": no securityContext");
                Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : pod == null ? null : pod.getRunAsNonRoot();
                assertEquals(Boolean.TRUE, nonRoot, where + ": runAsNonRoot");
                Long uid = sc.getRunAsUser() != null ? sc.getRunAsUser() : pod == null ? null : pod.getRunAsUser();
                assertNotNull(uid, where + ": no runAsUser (a numeric non-root uid lets the kubelet verify runAsNonRoot)");
                assertNotEquals(0L, uid, where + ": runs as uid 0");
                assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), where + ": allowPrivilegeEscalation");
                assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), where + ": readOnlyRootFilesystem");
                assertNotNull(sc.getCapabilities(), where + ": capabilities");
                assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), where + ": capabilities.drop");
                assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty(), where + ": adds capabilities");
                assertFalse(Boolean.TRUE.equals(sc.getPrivileged()), where + ": privileged");
            }
        }
    }
}
