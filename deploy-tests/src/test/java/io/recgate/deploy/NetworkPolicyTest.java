package io.recgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The rendered NetworkPolicies, evaluated the way a CNI enforces them (for the subset of the API the
 * manifests use: matchLabels selectors, numeric ports, same-namespace pods; anything else fails the
 * evaluation rather than being guessed): which workloads can open a connection to which store.
 */
class NetworkPolicyTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    static final String NAMESPACE = "recgate";
    /** A pod of the namespace that is none of Recgate's workloads (a debug shell, another app). */
    static final Map<String, String> OTHER_POD = Map.of("app.kubernetes.io/name", "debug-shell");

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("the evaluator does not support matchExpressions: " + selector);
        }
        Map<String, String> match = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return labels.entrySet().containsAll(match.entrySet());
    }

    static boolean portMatches(List<NetworkPolicyPort> ports, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : ports) {
            IntOrString value = p.getPort();
            if (value == null || (value.getIntVal() != null && value.getIntVal() == port)) {
                return true;
            }
            if (value.getStrVal() != null) {
                throw new AssertionError("the evaluator does not resolve named policy ports: " + value.getStrVal());
            }
        }
        return false;
    }

    /** Whether a peer admits a pod of this namespace with these labels. IP blocks count as admitting it. */
    static boolean peerAdmits(NetworkPolicyPeer peer, Map<String, String> podLabels) {
        if (peer.getIpBlock() != null) {
            return true;
        }
        if (peer.getNamespaceSelector() != null
                && !selects(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", NAMESPACE))) {
            return false;
        }
        return selects(peer.getPodSelector(), podLabels);
    }

    /** Whether a pod of the namespace may connect to pods labelled {@code target} on {@code port}. */
    static boolean ingressAllowed(String overlay, Map<String, String> target, Map<String, String> source, int port) {
        List<NetworkPolicy> isolating = Manifests.all(overlay, NetworkPolicy.class).stream()
                .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress"))
                .filter(p -> selects(p.getSpec().getPodSelector(), target)).toList();
        if (isolating.isEmpty()) {
            return true;
        }
        return isolating.stream().flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(rule -> portMatches(rule.getPorts(), port)
                        && (rule.getFrom() == null || rule.getFrom().isEmpty()
                        || rule.getFrom().stream().anyMatch(peer -> peerAdmits(peer, source))));
    }

    /** Whether pods labelled {@code source} may open connections to port {@code port} outside the namespace. */
    static boolean egressAllowed(String overlay, Map<String, String> source, int port) {
        List<NetworkPolicy> isolating = Manifests.all(overlay, NetworkPolicy.class).stream()
                .filter(p -> p.getSpec().getPolicyTypes().contains("Egress"))
                .filter(p -> selects(p.getSpec().getPodSelector(), source)).toList();
        if (isolating.isEmpty()) {
            return true;
        }
        return isolating.stream().flatMap(p -> p.getSpec().getEgress().stream())
                .anyMatch(rule -> portMatches(rule.getPorts(), port)
                        && (rule.getTo() == null || rule.getTo().isEmpty()
                        || rule.getTo().stream().anyMatch(peer -> peer.getIpBlock() != null)));
    }

    /** The pod labels of every workload of an overlay, the on-demand rebuild Job and a foreign pod. */
    static Map<String, Map<String, String>> pods(String overlay) {
        Map<String, Map<String, String>> pods = new LinkedHashMap<>();
        Pods.templates(overlay).forEach((name, t) -> pods.put(name, t.getMetadata().getLabels()));
        pods.put("Job/" + RebuildJobTest.onDemandJob().getMetadata().getGenerateName() + "*",
                RebuildJobTest.onDemandJob().getSpec().getTemplate().getMetadata().getLabels());
        pods.put("another pod", OTHER_POD);
        return pods;
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void ingressIsDeniedByDefault(String overlay) {
        NetworkPolicy deny = Manifests.one(overlay, NetworkPolicy.class, "default-deny-ingress");
        assertTrue(deny.getSpec().getPodSelector().getMatchLabels() == null || deny.getSpec().getPodSelector().getMatchLabels().isEmpty());
        assertTrue(deny.getSpec().getIngress() == null || deny.getSpec().getIngress().isEmpty());
        assertFalse(ingressAllowed(overlay, OTHER_POD, OTHER_POD, 8080), "pods are reachable without a rule");
    }

    @Test
    void inDevOnlyTheGatewayReachesRedisAndOnlyTheGatewayAndTheRebuildJobReachPostgres() {
        Map<String, Set<String>> expected = Map.of(
                "redis", Set.of("Deployment/" + GatewayDeploymentTest.GATEWAY),
                "postgres", Set.of("Deployment/" + GatewayDeploymentTest.GATEWAY, "CronJob/" + RebuildJobTest.REBUILD,
                        "Job/recgate-rebuild-now-*"));
        for (Map.Entry<String, Set<String>> store : expected.entrySet()) {
            StatefulSet s = Manifests.one("dev", StatefulSet.class, store.getKey());
            Map<String, String> storeLabels = s.getSpec().getTemplate().getMetadata().getLabels();
            int port = s.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getContainerPort();
            Set<String> reach = new TreeSet<>();
            pods("dev").forEach((name, labels) -> {
                if (!labels.equals(storeLabels) && ingressAllowed("dev", storeLabels, labels, port)) {
                    reach.add(name);
                }
            });
            assertEquals(new TreeSet<>(store.getValue()), reach, "workloads that reach " + store.getKey() + ":" + port);
            for (NetworkPolicy p : Manifests.all("dev", NetworkPolicy.class)) {
                if (p.getSpec().getIngress() != null && selects(p.getSpec().getPodSelector(), storeLabels)) {
                    p.getSpec().getIngress().forEach(rule -> rule.getFrom().forEach(peer -> {
                        assertEquals(null, peer.getIpBlock(), p.getMetadata().getName() + ": an IP block admits any pod");
                        assertEquals(null, peer.getNamespaceSelector(), p.getMetadata().getName() + ": other namespaces admitted");
                    }));
                }
            }
        }
    }

    @Test
    void inProdOnlyTheGatewayMayConnectToRedisAndOnlyTheGatewayAndTheRebuildJobToPostgres() {
        NetworkPolicy deny = Manifests.one("prod", NetworkPolicy.class, "default-deny-egress");
        assertTrue(deny.getSpec().getPolicyTypes().contains("Egress"));
        deny.getSpec().getEgress().forEach(rule -> rule.getPorts().forEach(port ->
                assertEquals(53, port.getPort().getIntVal(), "default egress allows only DNS")));
        Map<Integer, Set<String>> expected = Map.of(
                6379, Set.of("Deployment/" + GatewayDeploymentTest.GATEWAY),
                5432, Set.of("Deployment/" + GatewayDeploymentTest.GATEWAY, "CronJob/" + RebuildJobTest.REBUILD,
                        "Job/recgate-rebuild-now-*"));
        for (Map.Entry<Integer, Set<String>> store : expected.entrySet()) {
            Set<String> reach = new TreeSet<>();
            pods("prod").forEach((name, labels) -> {
                if (egressAllowed("prod", labels, store.getKey())) {
                    reach.add(name);
                }
            });
            assertEquals(new TreeSet<>(store.getValue()), reach, "workloads that may connect to port " + store.getKey());
        }
        assertTrue(egressAllowed("prod", OTHER_POD, 53), "DNS");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theGatewayPortIsOpenOnlyToTheNamespaceAndTheIngressController(String overlay) {
        Map<String, String> gateway = GatewayDeploymentTest.deployment(overlay).getSpec().getTemplate().getMetadata().getLabels();
        int port = GatewayDeploymentTest.config(overlay).http().port();
        assertTrue(ingressAllowed(overlay, gateway, OTHER_POD, port), "in-cluster clients reach the gateway");
        for (NetworkPolicy p : Manifests.all(overlay, NetworkPolicy.class)) {
            if (p.getSpec().getIngress() == null || !selects(p.getSpec().getPodSelector(), gateway)) {
                continue;
            }
            p.getSpec().getIngress().forEach(rule -> {
                assertFalse(rule.getFrom() == null || rule.getFrom().isEmpty(), p.getMetadata().getName() + ": open to every source");
                rule.getFrom().forEach(peer -> {
                    assertEquals(null, peer.getIpBlock(), p.getMetadata().getName() + ": an IP block bypasses the Ingress");
                    LabelSelector ns = peer.getNamespaceSelector();
                    if (ns != null) {
                        // Another namespace only by name, and only the ingress controller's: outside
                        // traffic must come through the Ingress, which forwards only public paths.
                        assertEquals(Map.of("kubernetes.io/metadata.name", "ingress-nginx"), ns.getMatchLabels(),
                                p.getMetadata().getName() + ": admits namespaces " + ns);
                    }
                });
            });
        }
    }
}
