package io.recgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
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
        PodFailurePolicyRule failFast = job.getPodFailurePolicy().getRules().get(0);
        assertEquals("FailJob", failFast.getAction());
        assertEquals("In", failFast.getOnExitCodes().getOperator());
        assertEquals(List.of(2, 3), failFast.getOnExitCodes().getValues(), "exit codes 2 (bad input) and 3 (quality gate)");
        assertEquals(container(overlay).getName(), failFast.getOnExitCodes().getContainerName());
    }

    /**
     * Runs the CronJob's command line for real: the rendered rebuild.conf, with every path on the
     * shared claim mapped to one temp directory (as the claim would be), on a small generated data
     * set; then checks that the bundle lands where the gateway Deployment reads bundles.dir.
     */
    @Test
    void theCronJobsCommandLineRebuildsAndPublishesWhereTheGatewayReads(@TempDir Path claim) throws Exception {
        String overlay = "dev";
        PodTemplateSpec t = template(overlay);
        Container c = container(overlay);
        List<String> args = c.getArgs();
        assertEquals(INDEX_BUILDER, args.get(0));
        assertEquals(List.of("rebuild", "--config"), args.subList(1, 3));
        String configPath = args.get(3);
        String conf = configMapFile(overlay, t, c, configPath);

        // Map every absolute path of the options file that is on the shared claim into the temp dir.
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
        String mapped = conf.replace(mount + "/", claim.toString() + "/");
        Path configFile = Files.writeString(claim.resolve("rebuild.conf"), mapped);

        Path data = Path.of(options.get("data").replace(mount + "/", claim + "/"));
        assertEquals(0, Main.run("generate", "--out", data.getParent().toString(), "--users", "600", "--items", "300",
                "--interactions", "30000", "--seed", "7"), "generate");

        List<String> run = new ArrayList<>(args.subList(1, args.size()));
        run.set(2, configFile.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), run.toArray(String[]::new));
        assertEquals(0, code, "rebuild " + run + " with\n" + mapped + "\nstdout: " + out + "\nstderr: " + err);

        String bundles = options.get("bundles");
        assertTrue(Files.exists(Path.of(bundles.replace(mount + "/", claim + "/")).resolve("current")), "no current pointer");
        Deployment gateway = Manifests.one(overlay, Deployment.class, GatewayDeploymentTest.GATEWAY);
        String gatewayReads = Pods.location(gateway.getSpec().getTemplate(), GatewayDeploymentTest.container(overlay),
                GatewayDeploymentTest.config(overlay).bundlesDir().orElseThrow().toString());
        assertEquals(gatewayReads, Pods.location(t, c, bundles), "the job publishes where the gateway reads");
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
