package io.recgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.recgate.gateway.config.ConfigLoader;
import io.recgate.gateway.config.GatewayConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class StoreConfigTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    /** The configuration keys that are secrets (docs/CONFIGURATION.md). */
    static final Set<String> SECRET_KEYS = Set.of("http.adminToken", "store.postgresUrl", "store.redisUrl");

    /** Variables the image's entry point reads, not the gateway's configuration. */
    static final Set<String> LAUNCHER_VARIABLES = Set.of("RECGATE_JAVA_OPTS");

    static Set<String> envNames(Set<String> keys) {
        return keys.stream().map(ConfigLoader::envName).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theGatewaySecretHoldsExactlyTheSecretConfigurationKeys(String overlay) {
        Container c = GatewayDeploymentTest.container(overlay);
        List<String> secrets = c.getEnvFrom().stream().map(EnvFromSource::getSecretRef)
                .filter(java.util.Objects::nonNull).map(r -> r.getName()).toList();
        assertEquals(List.of("recgate-secrets"), secrets);
        Secret s = Manifests.one(overlay, Secret.class, "recgate-secrets");
        assertEquals(envNames(SECRET_KEYS), new TreeSet<>(Pods.secretData(s).keySet()));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyGatewayVariableNamesAConfigurationKeyAndNoSecretIsInAConfigMap(String overlay) {
        Container c = GatewayDeploymentTest.container(overlay);
        Set<String> known = envNames(ConfigLoader.keys().keySet());
        assertTrue(known.containsAll(envNames(SECRET_KEYS)), "secret keys are configuration keys");
        for (String name : Pods.environment(overlay, c).keySet()) {
            assertTrue(known.contains(name) || LAUNCHER_VARIABLES.contains(name),
                    overlay + ": " + name + " is not read by the gateway (keys: " + known + ")");
        }
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                Map<String, String> data = Manifests.one(overlay, ConfigMap.class, from.getConfigMapRef().getName()).getData();
                for (String secret : envNames(SECRET_KEYS)) {
                    assertTrue(!data.containsKey(secret), overlay + ": " + secret + " is in ConfigMap " + from.getConfigMapRef().getName());
                }
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theGatewayAcceptsTheRenderedConfigurationAndUsesBothStores(String overlay) {
        GatewayConfig config = ConfigLoader.load(Optional.empty(), Pods.environment(overlay, GatewayDeploymentTest.container(overlay)), Map.of());
        assertTrue(config.store().postgresUrl().isPresent(), overlay + ": no PostgreSQL URL");
        assertTrue(config.store().redisUrl().isPresent(), overlay + ": no Redis URL");
        assertTrue(config.http().adminToken().isPresent(), overlay + ": no admin token");
    }
}
