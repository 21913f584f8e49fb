package io.recgate.gateway.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs {@code ./recgate demo} as a real child process, the way a user does, on a small synthetic
 * data set. Runs in the integration-test phase, after this module and index-builder are packaged;
 * {@code RECGATE_NO_BUILD=1} makes the launcher use those jars instead of starting a second Maven
 * build inside this one.
 */
class DemoLauncherIT {

    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private Process demo;

    @AfterEach
    void stopDemo() throws InterruptedException {
        if (demo == null) {
            return;
        }
        // The launcher's trap turns SIGTERM into a clean gateway shutdown; the descendants are
        // signalled too so nothing outlives the test even if the trap never runs.
        List<ProcessHandle> tree = demo.descendants().toList();
        demo.destroy();
        tree.forEach(ProcessHandle::destroy);
        if (!demo.waitFor(30, TimeUnit.SECONDS)) {
            demo.destroyForcibly();
        }
        for (ProcessHandle child : tree) {
            child.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
            child.destroyForcibly();
        }
    }

    @Test
    void demoPublishesABundleAndServesRecommendationsFromIt() throws Exception {
        Path root = repositoryRoot();
        int port = freePort();
        Path log = dir.resolve("demo.log");
        Path work = dir.resolve("demo");
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("recgate").toString(), "demo",
                "--port", Integer.toString(port), "--users", "2000", "--items", "1000",
                "--interactions", "50000", "--dir", work.toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("RECGATE_NO_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        demo = builder.start();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        int status = -1;
        while (status != 200) {
            if (!demo.isAlive()) {
                fail("./recgate demo exited with " + demo.exitValue() + " before /health/live answered:\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                fail("/health/live did not answer 200 within " + STARTUP_LIMIT + ":\n" + tail(log));
            }
            try {
                status = http.send(live, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException notYetListening) {
                demo.waitFor(250, TimeUnit.MILLISECONDS);
            }
        }

        assertEquals(200, status);
        Path current = work.resolve("bundles").resolve("current");
        assertTrue(Files.isRegularFile(current), "no bundles/current after the demo started:\n" + tail(log));
        String version = Files.readString(current, StandardCharsets.UTF_8).strip();
        assertTrue(Files.isRegularFile(work.resolve("bundles").resolve(version).resolve("manifest.json")),
                "current names " + version + " but it has no manifest");

        // The demo prints its URLs once the bundle is loaded, so by then it serves recommendations.
        awaitLine(log, "serving on");
        assertTrue(Files.readString(log).contains("/v1/users/"), "the demo did not print the URLs:\n" + tail(log));
        String user = Files.readAllLines(work.resolve("bundles").resolve(version).resolve("user_ids.txt")).getFirst();
        HttpResponse<String> ready = http.send(get(port, "/health/ready"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        HttpResponse<String> recommendations = http.send(get(port, "/v1/users/" + user + "/recommendations?k=5"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, recommendations.statusCode(), recommendations.body());
        assertTrue(recommendations.body().contains("\"bundleVersion\":\"" + version + "\""), recommendations.body());
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build();
    }

    private void awaitLine(Path log, String text) throws IOException, InterruptedException {
        awaitLine(log, text, Duration.ofMinutes(1));
    }

    private void awaitLine(Path log, String text, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.readString(log).contains(text)) {
            if (!demo.isAlive() || System.nanoTime() > deadline) {
                fail("the demo never printed '" + text + "':\n" + tail(log));
            }
            demo.waitFor(200, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void secondRunServesTheSameBundleWithoutTrainingAndRetrainTrainsAgain() throws Exception {
        Path work = dir.resolve("demo");
        List<String> small = List.of("--users", "1000", "--items", "500", "--interactions", "20000",
                "--dir", work.toString());
        Path bundles = work.resolve("bundles");

        String first = serveOnce(small, dir.resolve("first.log"));
        assertTrue(Files.isRegularFile(work.resolve("demo-inputs.txt")), "no demo-inputs.txt after the first run");

        Path secondLog = dir.resolve("second.log");
        String second = serveOnce(small, secondLog);
        assertEquals(first, second, "the second run did not serve the first run's bundle");
        assertTrue(Files.readString(secondLog).contains("skipped, bundle " + first), tail(secondLog));
        assertTrue(Files.notExists(bundles.resolve("v000002")), "the second run published again:\n" + tail(secondLog));

        Path thirdLog = dir.resolve("third.log");
        List<String> retrain = new ArrayList<>(small);
        retrain.add("--retrain");
        String third = serveOnce(retrain, thirdLog);
        assertNotEquals(first, third, "--retrain served " + third + " again:\n" + tail(thirdLog));
    }

    /**
     * Runs the demo with {@code args} until it prints its URLs, checks that it serves
     * recommendations, stops it and returns the bundle version it served.
     */
    private String serveOnce(List<String> args, Path log) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("bash", repositoryRoot().resolve("recgate").toString(),
                "demo", "--port", Integer.toString(port)));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repositoryRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("RECGATE_NO_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        demo = builder.start();
        awaitLine(log, "serving on", STARTUP_LIMIT);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> ready = http.send(get(port, "/health/ready"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        Path work = Path.of(args.get(args.indexOf("--dir") + 1));
        String version = Files.readString(work.resolve("bundles").resolve("current"), StandardCharsets.UTF_8).strip();
        String user = Files.readAllLines(work.resolve("bundles").resolve(version).resolve("user_ids.txt")).getFirst();
        HttpResponse<String> recommendations = http.send(get(port, "/v1/users/" + user + "/recommendations?k=5"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, recommendations.statusCode(), recommendations.body());
        assertTrue(recommendations.body().contains("\"bundleVersion\":\"" + version + "\""), recommendations.body());
        stopDemo();
        demo = null;
        return version;
    }

    @Test
    void refusesABusyPortBeforeAnyWork() throws Exception {
        Path root = repositoryRoot();
        try (ServerSocket taken = bindAnyPort()) {
            Path log = dir.resolve("busy.log");
            ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("recgate").toString(), "demo",
                    "--port", Integer.toString(taken.getLocalPort()), "--dir", dir.resolve("demo").toString())
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("RECGATE_NO_BUILD", "1");
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            demo = builder.start();
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "the demo kept running on a busy port:\n" + tail(log));
            assertEquals(2, demo.exitValue(), tail(log));
            assertTrue(Files.readString(log).contains("port " + taken.getLocalPort() + " is already in use"), tail(log));
            assertTrue(Files.notExists(dir.resolve("demo").resolve("bundles")), "work was done before the port check");
        }
    }

    private static ServerSocket bindAnyPort() {
        try {
            return new ServerSocket(0);
        } catch (IOException e) {
            System.out.println("DemoLauncherIT skipped: cannot bind a local port: " + e.getMessage());
            Assumptions.abort("cannot bind a local port: " + e.getMessage());
            throw new AssertionError(e);
        }
    }

    /** A port that was free a moment ago, or the test is skipped when nothing can be bound here. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = bindAnyPort()) {
            return socket.getLocalPort();
        }
    }

    /** The directory holding the launcher, found upwards from the module directory Maven runs in. */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("recgate")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no ./recgate launcher above " + Path.of("").toAbsolutePath());
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
