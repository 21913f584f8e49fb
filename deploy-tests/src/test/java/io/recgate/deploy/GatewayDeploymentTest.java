package io.recgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.recgate.gateway.config.ConfigLoader;
import io.recgate.gateway.config.GatewayConfig;
import io.recgate.gateway.server.GatewayServer;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class GatewayDeploymentTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    static final String GATEWAY = "recgate-gateway";

    static Deployment deployment(String overlay) {
        return Manifests.one(overlay, Deployment.class, GATEWAY);
    }

    static Container container(String overlay) {
        List<Container> containers = deployment(overlay).getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    /** The configuration the gateway container would load from its environment. */
    static GatewayConfig config(String overlay) {
        return ConfigLoader.load(Optional.empty(), Pods.environment(overlay, container(overlay)), Map.of());
    }

    /** The paths of the gateway's OpenAPI document (the router serves exactly these). */
    static Set<String> openApiPaths() throws Exception {
        try (InputStream in = GatewayServer.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
            assertNotNull(in, "openapi.yaml is not on the gateway's classpath");
            JsonNode doc = YAMLMapper.builder().build().readTree(in);
            return new TreeSet<>(doc.path("paths").propertyNames());
        }
    }

    static int containerPort(Container c, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void probesAskTheGatewaysHealthRoutesOnThePortItListensOn(String overlay) throws Exception {
        Container c = container(overlay);
        Set<String> routes = openApiPaths();
        int listens = config(overlay).http().port();
        Map<String, Probe> probes = Map.of("startup", c.getStartupProbe(), "readiness", c.getReadinessProbe(),
                "liveness", c.getLivenessProbe());
        for (Map.Entry<String, Probe> e : probes.entrySet()) {
            Probe p = e.getValue();
            assertNotNull(p, overlay + ": no " + e.getKey() + " probe");
            assertTrue(routes.contains(p.getHttpGet().getPath()),
                    overlay + ": " + e.getKey() + " probe path " + p.getHttpGet().getPath() + " is not a gateway route " + routes);
            assertEquals(listens, containerPort(c, p.getHttpGet().getPort()), overlay + ": " + e.getKey() + " probe port");
        }
        assertEquals("/health/ready", c.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/health/live", c.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/health/ready", c.getStartupProbe().getHttpGet().getPath(), "startup ends when the bundle is live");
    }

    @Test
    void theProbePathsAnswerOnARunningGatewayLikeTheProbesExpect(@TempDir Path dir) throws Exception {
        Container c = container("dev");
        Map<String, String> env = new HashMap<>(Pods.environment("dev", c));
        env.keySet().removeIf(k -> k.startsWith("RECGATE_STORE_") || k.equals("RECGATE_BUNDLES_DIR"));
        env.put("RECGATE_HTTP_PORT", "0");
        env.put("RECGATE_HTTP_HOST", "127.0.0.1");
        env.put("RECGATE_STORE_DATA_DIR", dir.toString());
        GatewayConfig config = ConfigLoader.load(Optional.empty(), env, Map.of());
        Vertx vertx = Vertx.vertx();
        try {
            GatewayServer server = GatewayServer.builder(config).build(vertx);
            server.start().await(30, TimeUnit.SECONDS);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            int live = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + c.getLivenessProbe().getHttpGet().getPath())).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            int ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + c.getReadinessProbe().getHttpGet().getPath())).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            assertEquals(200, live, "liveness path");
            // No bundle is loaded: not ready (503), which the startup probe waits out; 404 would mean a wrong path.
            assertEquals(503, ready, "readiness path before a bundle is live");
            server.stop().await(30, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void startupProbeWaitsAtLeastTenMinutesForALargeBundle(String overlay) {
        Probe p = container(overlay).getStartupProbe();
        int seconds = p.getPeriodSeconds() * p.getFailureThreshold();
        assertTrue(seconds >= 600, overlay + ": startup probe gives up after " + seconds + " s");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void terminationGraceCoversThePreStopSleepAndARequestDeadline(String overlay) {
        Deployment d = deployment(overlay);
        Container c = container(overlay);
        List<String> preStop = c.getLifecycle().getPreStop().getExec().getCommand();
        assertEquals("sleep", preStop.get(0));
        long sleep = Long.parseLong(preStop.get(1));
        long deadline = config(overlay).http().requestTimeout().toSeconds();
        long grace = d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertTrue(grace >= sleep + deadline + 10,
                overlay + ": grace " + grace + " s < preStop " + sleep + " s + request deadline " + deadline + " s + 10 s to close");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void serviceHpaAndPdbSelectTheGatewayPods(String overlay) {
        Deployment d = deployment(overlay);
        Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
        Service svc = Manifests.one(overlay, Service.class, GATEWAY);
        assertTrue(podLabels.entrySet().containsAll(svc.getSpec().getSelector().entrySet()), "service selector");
        int port = containerPort(container(overlay), svc.getSpec().getPorts().get(0).getTargetPort());
        assertEquals(config(overlay).http().port(), port, "service targetPort");
        assertEquals("ClusterIP", svc.getSpec().getType());
        PodDisruptionBudget pdb = Manifests.one(overlay, PodDisruptionBudget.class, GATEWAY);
        assertTrue(podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()), "pdb selector");
        HorizontalPodAutoscaler hpa = Manifests.one(overlay, HorizontalPodAutoscaler.class, GATEWAY);
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals(GATEWAY, hpa.getSpec().getScaleTargetRef().getName());
        assertEquals("cpu", hpa.getSpec().getMetrics().get(0).getResource().getName());
        assertNotNull(container(overlay).getResources().getRequests().get("cpu"), "HPA on CPU needs a CPU request");
        assertTrue(hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas());
        assertEquals(2, d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().size(), "zone and node spread");
    }

    /** Whether an Ingress path rule forwards a request path (Kubernetes path matching). */
    static boolean forwards(HTTPIngressPath rule, String path) {
        String p = rule.getPath();
        return switch (rule.getPathType()) {
            case "Exact" -> path.equals(p);
            // Element-wise: /v1/ matches /v1 and /v1/x, not /v1x.
            case "Prefix" -> {
                String prefix = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
                yield prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
            }
            // Controller-defined (nginx: a regex or prefix): judged as a plain string prefix, the widest reading.
            default -> path.startsWith(p);
        };
    }

    /**
     * Every gateway route (its OpenAPI paths, plus concrete samples of the templated ones) that the
     * overlay's Ingresses forward to the gateway Service, by rule; other backends are not the gateway.
     */
    static Set<String> publicRoutes(String overlay) throws Exception {
        Set<String> routes = new TreeSet<>();
        for (String route : openApiPaths()) {
            routes.add(route);
            routes.add(route.replaceAll("\\{[^}]+}", "x"));
        }
        Set<String> forwarded = new TreeSet<>();
        for (Ingress ingress : Manifests.all(overlay, Ingress.class)) {
            assertEquals(null, ingress.getSpec().getDefaultBackend(), ingress.getMetadata().getName() + ": a default backend forwards every path");
            for (var rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    if (!GATEWAY.equals(path.getBackend().getService().getName())) {
                        continue;
                    }
                    routes.stream().filter(r -> forwards(path, r)).forEach(forwarded::add);
                }
            }
        }
        return forwarded;
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void ingressForwardsOnlyThePublicApiSoAdminAndMetricsStayInsideTheCluster(String overlay) throws Exception {
        Set<String> forwarded = publicRoutes(overlay);
        assertFalse(forwarded.isEmpty(), overlay + ": the Ingress forwards no gateway route");
        List<String> internal = forwarded.stream().filter(r -> r.startsWith("/admin") || r.startsWith("/metrics")).toList();
        assertEquals(List.of(), internal, overlay + ": the Ingress forwards internal routes (forwarded: " + forwarded + ")");
        // What may be published: the API, and the web page with its static files and the API
        // document it reads (DEPLOY.md says how to add those); health only for an outside checker.
        for (String route : forwarded) {
            assertTrue(route.startsWith("/v1/") || route.equals("/") || route.startsWith("/ui/")
                            || route.equals("/openapi.yaml") || route.startsWith("/health/"),
                    overlay + ": the Ingress forwards " + route + ", which is not a public route");
        }
        assertTrue(forwarded.contains("/v1/users/{userId}/recommendations"), forwarded.toString());
        assertTrue(forwarded.contains("/v1/events"), forwarded.toString());
        // The only other way in from outside would be the Service itself.
        for (Service svc : Manifests.all(overlay, Service.class)) {
            assertEquals("ClusterIP", svc.getSpec().getType() == null ? "ClusterIP" : svc.getSpec().getType(),
                    overlay + ": Service " + svc.getMetadata().getName() + " is reachable from outside the cluster");
        }
        assertTrue(config(overlay).http().adminToken().isPresent(), "admin routes need the token inside the cluster too");
    }

    private static HTTPIngressPath rule(String path, String type) {
        return new io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder().withPath(path).withPathType(type).build();
    }

    @Test
    void ingressPathMatchingFollowsKubernetesRules() {
        HTTPIngressPath v1 = rule("/v1/", "Prefix");
        assertTrue(forwards(v1, "/v1/events"));
        assertTrue(forwards(v1, "/v1"));
        assertFalse(forwards(v1, "/v1x"));
        assertFalse(forwards(v1, "/admin/bundles"));
        assertTrue(forwards(rule("/", "Prefix"), "/admin/bundles"), "a / prefix forwards everything");
        assertTrue(forwards(rule("/ad", "ImplementationSpecific"), "/admin"));
        assertFalse(forwards(rule("/metrics", "Exact"), "/metrics/x"));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void gatewayServesTheSharedBundleVolumeReadOnly(String overlay) {
        Deployment d = deployment(overlay);
        PodTemplateSpec t = d.getSpec().getTemplate();
        Container c = container(overlay);
        String bundles = config(overlay).bundlesDir().orElseThrow(() -> new AssertionError("no bundles.dir")).toString();
        VolumeMount m = Pods.mountOf(c, bundles).orElseThrow(() -> new AssertionError(bundles + " is on no volume"));
        assertEquals(Boolean.TRUE, m.getReadOnly(), "bundle mount");
        assertEquals(Boolean.TRUE, Pods.volume(t, m).getPersistentVolumeClaim().getReadOnly(), "bundle claim");
        assertTrue(Pods.location(t, c, bundles).startsWith("pvc:"), bundles + " is not on a claim");
    }
}
