package io.recgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.recgate.indexbuilder.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class RebuildJobTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    static final String REBUILD = "recgate-rebuild";
    /** The image's entry point word that selects the index builder (docker/entrypoint.sh). */
    static final String INDEX_BUILDER = "index-builder";
    static final String EXPORT = "export-events";
    static final String ON_DEMAND_JOB = "k8s/jobs/rebuild-now.yaml";

    static CronJob cronJob(String overlay) {
        return Manifests.one(overlay, CronJob.class, REBUILD);
    }

    static PodTemplateSpec template(String overlay) {
        return cronJob(overlay).getSpec().getJobTemplate().getSpec().getTemplate();
    }

    static Container container(String overlay) {
        return template(overlay).getSpec().getContainers().get(0);
    }

    /** The file content a container sees at an absolute path mounted from a ConfigMap. */
    static String configMapFile(String overlay, PodTemplateSpec t, Container c, String path) {
        VolumeMount m = Pods.mountOf(c, path).orElseThrow(() -> new AssertionError(path + " is on no volume"));
        Volume v = Pods.volume(t, m);
        assertNotNull(v.getConfigMap(), path + " is not on a ConfigMap volume");
        String rel = path.substring(m.getMountPath().length() + 1);
        String key = rel;
        if (v.getConfigMap().getItems() != null && !v.getConfigMap().getItems().isEmpty()) {
            key = v.getConfigMap().getItems().stream().filter(i -> i.getPath().equals(rel)).map(KeyToPath::getKey)
                    .findFirst().orElseThrow(() -> new AssertionError(path + ": no item of ConfigMap " + v.getConfigMap().getName()));
        }
        String content = Manifests.one(overlay, ConfigMap.class, v.getConfigMap().getName()).getData().get(key);
        assertNotNull(content, path + ": ConfigMap " + v.getConfigMap().getName() + " has no key " + key);
        return content;
    }

    /** The init container that exports the gateway's events before the rebuild. */
    static Container exportContainer(PodTemplateSpec t) {
        List<Container> init = t.getSpec().getInitContainers();
        assertEquals(1, init.size(), "one init container: the export");
        assertEquals(EXPORT, init.get(0).getName());
        return init.get(0);
    }

    /** The on-demand Job (k8s/jobs/rebuild-now.yaml), which no kustomization applies. */
    static Job onDemandJob() {
        List<HasMetadata> objects = Manifests.file(ON_DEMAND_JOB);
        assertEquals(1, objects.size(), ON_DEMAND_JOB);
        return assertInstanceOf(Job.class, objects.get(0), ON_DEMAND_JOB);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void rebuildsRunNightlyOneAtATimeAndBadInputOrAFailedGateFailsTheJobWithoutRetry(String overlay) {
        CronJob cj = cronJob(overlay);
        assertEquals("Forbid", cj.getSpec().getConcurrencyPolicy());
        String[] schedule = cj.getSpec().getSchedule().split(" ");
        assertEquals(5, schedule.length);
        assertTrue(schedule[0].matches("\\d+") && schedule[1].matches("\\d+") && schedule[2].equals("*")
                && schedule[3].equals("*") && schedule[4].equals("*"), "once a day: " + cj.getSpec().getSchedule());
        JobSpec job = cj.getSpec().getJobTemplate().getSpec();
        assertEquals("Never", job.getTemplate().getSpec().getRestartPolicy(), "podFailurePolicy needs restartPolicy Never");
        Map<String, List<Integer>> failFast = new TreeMap<>();
        for (PodFailurePolicyRule rule : job.getPodFailurePolicy().getRules()) {
            if (rule.getAction().equals("FailJob") && rule.getOnExitCodes() != null) {
                assertEquals("In", rule.getOnExitCodes().getOperator());
                failFast.put(rule.getOnExitCodes().getContainerName(), rule.getOnExitCodes().getValues());
            }
        }
        // Exit 2 (bad input), 3 (quality gate) and 4 (published in retrieval order) never improve on a
        // retry; 1 (unreachable
        // PostgreSQL, a lost node) may, so it is left to backoffLimit.
        assertEquals(Map.of(container(overlay).getName(), List.of(2, 3, 4), exportContainer(template(overlay)).getName(), List.of(2)),
                failFast);
    }

    /**
     * Runs the rebuild pod's two steps for real, as the kubelet would: the export init container's
     * command line, with its environment (the PostgreSQL URL from the Secret, here pointing at a real
     * PostgreSQL whose event table the gateway's own store created and filled), writes the
     * interactions onto the shared claim (mapped to one temp directory); then the rebuild container's
     * command line with the rendered rebuild.conf reads them and publishes where the gateway
     * Deployment reads bundles.dir.
     */
    @Test
    void theRebuildPodExportsTheGatewaysEventsThenRebuildsAndPublishesWhereTheGatewayReads(@TempDir Path claim) throws Exception {
        String overlay = "dev";
        PodTemplateSpec t = template(overlay);
        Container export = exportContainer(t);
        Container c = container(overlay);
        List<String> args = c.getArgs();
        assertEquals(INDEX_BUILDER, args.get(0));
        assertEquals(List.of("rebuild", "--config"), args.subList(1, 3));
        String conf = configMapFile(overlay, t, c, args.get(3));

        VolumeMount shared = c.getVolumeMounts().stream()
                .filter(m -> Pods.volume(t, m).getPersistentVolumeClaim() != null).findFirst()
                .orElseThrow(() -> new AssertionError("the rebuild job mounts no claim"));
        assertTrue(shared.getReadOnly() == null || !shared.getReadOnly(), "the rebuild job must write the claim");
        Map<String, String> options = new TreeMap<>();
        for (String line : conf.lines().map(String::strip).toList()) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                options.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip());
            }
        }
        String mount = shared.getMountPath();
        Path configFile = Files.writeString(claim.resolve("rebuild.conf"), conf.replace(mount + "/", claim + "/"));

        // The export writes exactly the file the rebuild reads, on the same claim.
        List<String> exportArgs = export.getArgs();
        assertEquals(List.of(INDEX_BUILDER, "export-events"), exportArgs.subList(0, 2));
        String exportOut = exportArgs.get(exportArgs.indexOf("--out") + 1);
        assertEquals(Pods.location(t, c, options.get("data")), Pods.location(t, export, exportOut),
                "export-events writes where rebuild reads");

        // Data: a synthetic catalogue where rebuild.conf reads it, and its interactions as events in
        // the gateway's table, written by the gateway's own store (its schema migration included).
        Path generated = claim.resolve("generated");
        assertEquals(0, Main.run("generate", "--out", generated.toString(), "--users", "600", "--items", "300",
                "--interactions", "30000", "--seed", "7"), "generate");
        Path items = Path.of(options.get("item-features").replace(mount + "/", claim + "/"));
        Files.createDirectories(items.getParent());
        Files.copy(generated.resolve("items.csv"), items);
        try (EventTable pg = EventTable.start()) {
            int stored = pg.storeAsGatewayEvents(generated.resolve("interactions.csv"));
            assertEquals(30_000, stored);

            // The init container: its environment as the kubelet builds it, the Secret's URL
            // replaced by the test server's (what the Service name would resolve to).
            String variable = exportArgs.get(exportArgs.indexOf("--postgres-env") + 1);
            EnvVar fromSecret = export.getEnv().stream().filter(v -> v.getName().equals(variable)).findFirst()
                    .orElseThrow(() -> new AssertionError("export-events reads " + variable + ", which its env does not set"));
            assertEquals("recgate-secrets", fromSecret.getValueFrom().getSecretKeyRef().getName());
            assertEquals(StoreConfigTest.envNames(java.util.Set.of("store.postgresUrl")).iterator().next(),
                    fromSecret.getValueFrom().getSecretKeyRef().getKey(), "the gateway's PostgreSQL URL");
            List<String> runExport = new ArrayList<>(exportArgs.subList(1, exportArgs.size()));
            runExport.replaceAll(a -> a.startsWith(mount + "/") ? claim + a.substring(mount.length()) : a);
            Run exported = run(Map.of(variable, pg.url()), runExport);
            assertEquals(0, exported.code(), "export-events " + runExport + "\nstdout: " + exported.out() + "\nstderr: " + exported.err());
            assertTrue(exported.out().startsWith("exported 30,000 events"), exported.out());
        }

        List<String> rebuild = new ArrayList<>(args.subList(1, args.size()));
        rebuild.set(2, configFile.toString());
        Run rebuilt = run(Map.of(), rebuild);
        // 0, or 4: published in retrieval order because the served-quality gate refused the ranking
        // FM on this small data set (the Job then fails without retry so that someone looks).
        assertTrue(rebuilt.code() == 0 || rebuilt.code() == 4, "rebuild " + rebuild + " exited " + rebuilt.code()
                + " with\n" + Files.readString(configFile) + "\nstdout: " + rebuilt.out() + "\nstderr: " + rebuilt.err());
        assertTrue(rebuilt.out().startsWith("published v"), rebuilt.out());

        String bundles = options.get("bundles");
        assertTrue(Files.exists(Path.of(bundles.replace(mount + "/", claim + "/")).resolve("current")), "no current pointer");
        Deployment gateway = Manifests.one(overlay, Deployment.class, GatewayDeploymentTest.GATEWAY);
        String gatewayReads = Pods.location(gateway.getSpec().getTemplate(), GatewayDeploymentTest.container(overlay),
                GatewayDeploymentTest.config(overlay).bundlesDir().orElseThrow().toString());
        assertEquals(gatewayReads, Pods.location(t, c, bundles), "the job publishes where the gateway reads");
    }

    record Run(int code, String out, String err) {
    }

    static Run run(Map<String, String> env, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), env, args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theOnDemandJobRunsExactlyTheCronJobsPodAndIsNotAppliedWithTheOverlays() throws Exception {
        Job job = onDemandJob();
        assertEquals(null, job.getMetadata().getName(), "generateName, so every `kubectl create -f` is a new run");
        assertEquals("recgate-rebuild-now-", job.getMetadata().getGenerateName());
        assertEquals("recgate", job.getMetadata().getNamespace());
        // Same command lines, image, volumes, security, resources and failure handling as the
        // nightly job that the prod overlay deploys.
        JobSpec nightly = cronJob("prod").getSpec().getJobTemplate().getSpec();
        assertEquals(nightly.getTemplate().getSpec(), job.getSpec().getTemplate().getSpec(),
                ON_DEMAND_JOB + "'s pod differs from the prod CronJob's");
        assertEquals(nightly.getPodFailurePolicy(), job.getSpec().getPodFailurePolicy());
        assertEquals(nightly.getBackoffLimit(), job.getSpec().getBackoffLimit());
        assertEquals(nightly.getActiveDeadlineSeconds(), job.getSpec().getActiveDeadlineSeconds());
        assertNotNull(job.getSpec().getTtlSecondsAfterFinished(), "finished runs are cleaned up");
        Map<String, String> labels = job.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(labels.entrySet().containsAll(template("prod").getMetadata().getLabels().entrySet()),
                "the network policies select the rebuild pods by these labels");
        // Not rendered by the overlays: `kubectl apply -k` must never start a rebuild.
        for (String overlay : OVERLAYS) {
            assertTrue(Manifests.all(overlay, Job.class).isEmpty(), overlay + " renders a Job");
        }
    }

    @Test
    void theOnDemandJobsCommandLinesParseAsIndexBuilderCommands(@TempDir Path dir) throws Exception {
        PodTemplateSpec template = onDemandJob().getSpec().getTemplate();
        PodSpec pod = template.getSpec();
        List<Container> steps = new ArrayList<>(pod.getInitContainers());
        steps.addAll(pod.getContainers());
        assertEquals(List.of(EXPORT, "rebuild"), steps.stream().map(Container::getName).toList());
        for (Container step : steps) {
            List<String> args = step.getArgs();
            assertEquals(INDEX_BUILDER, args.get(0), step.getName());
            // --help after the arguments: picocli parses and type-checks them all (an unknown or
            // malformed option fails with exit 2) and then prints help instead of running.
            List<String> parse = new ArrayList<>(args.subList(1, args.size()));
            int config = parse.indexOf("--config");
            if (config >= 0) {
                // The options file as the pod sees it (the prod ConfigMap), so its options are parsed too.
                String content = configMapFile("prod", template, step, parse.get(config + 1));
                parse.set(config + 1, Files.writeString(dir.resolve("rebuild.conf"), content).toString());
            }
            parse.add("--help");
            Run r = run(Map.of(), parse);
            assertEquals(0, r.code(), step.getName() + " " + args + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: recgate " + args.get(1)), r.out());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theOptionsFileNamesOnlyPathsOnTheJobsVolumes(String overlay) {
        PodTemplateSpec t = template(overlay);
        Container c = container(overlay);
        String conf = configMapFile(overlay, t, c, c.getArgs().get(3));
        for (String line : conf.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            String value = line.substring(line.indexOf('=') + 1).strip();
            if (value.startsWith("/")) {
                assertTrue(Pods.location(t, c, value).startsWith("pvc:"), overlay + ": " + line + " is not on the shared claim");
            }
        }
    }
}
