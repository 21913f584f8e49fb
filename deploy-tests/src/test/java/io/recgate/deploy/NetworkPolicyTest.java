package io.recgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class NetworkPolicyTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    static NetworkPolicy policyFor(String overlay, Map<String, String> podLabels) {
        List<NetworkPolicy> matching = Manifests.all(overlay, NetworkPolicy.class).stream()
                .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress"))
                .filter(p -> p.getSpec().getPodSelector().getMatchLabels() != null
                        && !p.getSpec().getPodSelector().getMatchLabels().isEmpty()
                        && podLabels.entrySet().containsAll(p.getSpec().getPodSelector().getMatchLabels().entrySet()))
                .toList();
        assertEquals(1, matching.size(), "ingress policies selecting " + podLabels);
        return matching.get(0);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void ingressIsDeniedByDefault(String overlay) {
        NetworkPolicy deny = Manifests.one(overlay, NetworkPolicy.class, "default-deny-ingress");
        assertTrue(deny.getSpec().getPodSelector().getMatchLabels() == null || deny.getSpec().getPodSelector().getMatchLabels().isEmpty());
        assertTrue(deny.getSpec().getIngress() == null || deny.getSpec().getIngress().isEmpty());
    }

    @Test
    void inDevOnlyGatewayPodsReachRedisAndPostgres() {
        Map<String, String> gatewayLabels = GatewayDeploymentTest.deployment("dev").getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> rebuildLabels = RebuildJobTest.template("dev").getMetadata().getLabels();
        for (String store : List.of("redis", "postgres")) {
            StatefulSet s = Manifests.one("dev", StatefulSet.class, store);
            NetworkPolicy p = policyFor("dev", s.getSpec().getTemplate().getMetadata().getLabels());
            assertEquals(1, p.getSpec().getIngress().size(), store);
            List<NetworkPolicyPeer> from = p.getSpec().getIngress().get(0).getFrom();
            assertEquals(1, from.size(), store);
            NetworkPolicyPeer peer = from.get(0);
            assertEquals(null, peer.getNamespaceSelector(), store + ": a namespace selector widens the peer");
            assertEquals(null, peer.getIpBlock(), store);
            Map<String, String> selector = peer.getPodSelector().getMatchLabels();
            assertNotNull(selector, store);
            assertTrue(gatewayLabels.entrySet().containsAll(selector.entrySet()), store + ": gateway pods are not selected");
            assertTrue(!rebuildLabels.entrySet().containsAll(selector.entrySet()), store + ": rebuild pods are selected too");
            int port = s.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getContainerPort();
            assertEquals(port, p.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal(), store + " port");
        }
    }

    @Test
    void inProdOnlyGatewayPodsMayConnectToTheStorePorts() {
        NetworkPolicy deny = Manifests.one("prod", NetworkPolicy.class, "default-deny-egress");
        assertTrue(deny.getSpec().getPolicyTypes().contains("Egress"));
        deny.getSpec().getEgress().forEach(rule -> rule.getPorts().forEach(port ->
                assertEquals(53, port.getPort().getIntVal(), "default egress allows only DNS")));
        NetworkPolicy stores = Manifests.one("prod", NetworkPolicy.class, "recgate-gateway-egress-stores");
        Map<String, String> gatewayLabels = GatewayDeploymentTest.deployment("prod").getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(gatewayLabels.entrySet().containsAll(stores.getSpec().getPodSelector().getMatchLabels().entrySet()));
        List<Integer> ports = stores.getSpec().getEgress().get(0).getPorts().stream().map(p -> p.getPort().getIntVal()).toList();
        assertEquals(List.of(5432, 6379), ports);
    }
}
