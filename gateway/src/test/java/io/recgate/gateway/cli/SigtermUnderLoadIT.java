package io.recgate.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.recgate.gateway.recommend.TestBundles;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real gateway process under load, as Kubernetes sends it: the packaged jar started
 * through the image's {@code docker/entrypoint.sh} (which {@code exec}s the JVM, so the signal
 * reaches it directly), serving a small bundle, with {@value #CLIENTS} concurrent keep-alive
 * clients ({@value #WRITERS} posting events, the rest asking for recommendations), then
 * {@link Process#destroy()} (SIGTERM on Linux).
 *
 * <p>What "no failed in-flight request" means: a request the server <em>accepted</em> (read and
 * began to handle) completes with a whole response. A request is visibly accepted once any response
 * byte arrives; for event writes the server's own record says it exactly (an event is in
 * {@code events.log} only if the gateway handled its request), so: every stored event was answered
 * 200 and every 200 was stored. Allowed without acceptance: a refused connection (the listener is
 * closed) and a keep-alive connection closed before a single response byte. The latter is the
 * HTTP/1.1 idle-close race (RFC 9112 section 9.3.1; a client retries such a request): the drain
 * closes connections with no request in progress at once, and a request written a few milliseconds
 * before the drain reaches the event loop may still be unread in the socket. In a pod the preStop
 * sleep takes the endpoint out of rotation before SIGTERM, so no new request arrives then. Anything
 * else fails the test: a response cut short, a status other than 200 or 503 with Retry-After, a
 * request that hangs past the read timeout, a request written before SIGTERM answered anything but
 * 200. The clients use raw sockets so that the moment each request was written and its first
 * response byte are known exactly (an HTTP client library retries on a closed connection and would
 * hide both).
 *
 * <p>Also checked: {@code /health/ready} (polled on fresh connections, like a kubelet probe) answers
 * 200 before SIGTERM and, after it, stops answering 200 for good before the process exits; the log
 * shows the drain ("draining:", logged once the readiness condition {@code shutdown} is down); the
 * process exits with 143 (128 + SIGTERM: the JVM's status after its shutdown hooks ran to the end)
 * within the pod's termination grace period less its preStop sleep, without an "unclean shutdown".
 */
class SigtermUnderLoadIT {

    private static final int CLIENTS = 32;
    /** Of the clients, these post events (each with a unique userId) instead of asking for recommendations. */
    private static final int WRITERS = 8;
    /** k8s/base: terminationGracePeriodSeconds 45 less the preStop sleep of 10 s. */
    private static final Duration GRACE_AFTER_SIGTERM = Duration.ofSeconds(35);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    /** Bounds the whole load: no client sends after this, whatever happens. */
    private static final Duration LOAD_LIMIT = Duration.ofSeconds(90);
    private static final int MAX_REQUESTS_PER_CLIENT = 200_000;

    @TempDir
    Path dir;

    private Process gateway;

    @AfterEach
    void killGateway() throws InterruptedException {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroyForcibly();
            gateway.waitFor(10, TimeUnit.SECONDS);
        }
    }

    enum Outcome {
        /** A complete 200 response. */
        OK,
        /** A complete 503 response with Retry-After. */
        REFUSED_503,
        /** connect() refused: the listener is closed. */
        CONNECTION_REFUSED,
        /** The connection closed (EOF, reset, or the write failed) before any response byte. */
        CLOSED_BEFORE_RESPONSE,
        /** Any other status, or a 503 without Retry-After. */
        BAD_STATUS,
        /** Some response bytes, then the connection ended. */
        CUT_SHORT,
        /** No complete response within the read timeout. */
        TIMED_OUT
    }

    /**
     * One request: when it was completely written and when the first response byte came (nanoTime;
     * MAX when never); {@code writer} is the unique userId of an event write, null for a read.
     */
    record Attempt(Outcome outcome, long written, long firstByte, int status, String writer, String detail) {
    }

    record Probe(long at, int status) {
    }

    @Test
    void sigtermUnderLoadFinishesEveryAcceptedRequestTurnsUnreadyAndExitsWithinTheGracePeriod() throws Exception {
        Path bundles = dir.resolve("bundles");
        TestBundles.publish(bundles, true, true, 5);
        int port = freePort();
        Path log = dir.resolve("gateway.log");
        gateway = startGateway(port, bundles, log);
        awaitReady(port, log);

        ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();
        long loadDeadline = System.nanoTime() + LOAD_LIMIT.toNanos();
        CountDownLatch done = new CountDownLatch(CLIENTS);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            threads.add(Thread.ofPlatform().name("load-" + c).start(() -> {
                try {
                    runClient(port, client, client < WRITERS, attempts, loadDeadline);
                } finally {
                    done.countDown();
                }
            }));
        }
        Thread prober = Thread.ofPlatform().name("ready-probe").start(() -> probeReadiness(port, probes, loadDeadline));

        // Steady load first: a few thousand requests answered, so the SIGTERM lands mid-stream.
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (attempts.stream().filter(a -> a.outcome() == Outcome.OK).count() < 2_000 && System.nanoTime() < warmUntil) {
            Thread.sleep(50);
        }
        long okBefore = attempts.stream().filter(a -> a.outcome() == Outcome.OK).count();
        assertTrue(okBefore >= 2_000, "only " + okBefore + " requests answered before SIGTERM: " + summary(attempts)
                + "\n" + tail(log));

        long t0 = System.nanoTime();
        gateway.destroy(); // SIGTERM
        boolean exited = gateway.waitFor(GRACE_AFTER_SIGTERM.toMillis(), TimeUnit.MILLISECONDS);
        long exitedAt = System.nanoTime();
        assertTrue(exited, "still running " + GRACE_AFTER_SIGTERM + " after SIGTERM:\n" + tail(log));
        assertTrue(done.await(READ_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS), "load clients did not stop");
        prober.join(TimeUnit.SECONDS.toMillis(10));
        for (Thread t : threads) {
            t.join();
        }

        String output = Files.readString(log);
        assertEquals(143, gateway.exitValue(), "exit status after SIGTERM (128 + 15 once the hooks ran):\n" + tail(log));
        assertTrue(output.contains("draining:"), "no drain in the log:\n" + tail(log));
        assertTrue(!output.contains("unclean shutdown"), "unclean shutdown:\n" + tail(log));

        List<Attempt> all = List.copyOf(attempts);
        // Nothing the server began to answer was cut, nothing hung, no status but 200 or a clean 503.
        List<Attempt> broken = all.stream().filter(a -> switch (a.outcome()) {
            case OK, REFUSED_503, CONNECTION_REFUSED, CLOSED_BEFORE_RESPONSE -> false;
            case BAD_STATUS, CUT_SHORT, TIMED_OUT -> true;
        }).toList();
        assertEquals(List.of(), broken.stream().limit(20).toList(), broken.size() + " broken request(s); all: " + summary(all));
        List<Attempt> refusedBefore = all.stream()
                .filter(a -> a.written() < t0 && a.outcome() != Outcome.OK && a.outcome() != Outcome.CLOSED_BEFORE_RESPONSE).toList();
        assertEquals(List.of(), refusedBefore.stream().limit(20).toList(), "requests written before SIGTERM that got no 200");

        // The server's own record of what it accepted: every event it stored was answered 200, and
        // every event answered 200 was stored. An event closed unread (0 bytes) must not be stored.
        Set<String> stored = storedWriters(dir.resolve("events").resolve("events.log"));
        List<Attempt> writes = all.stream().filter(a -> a.writer() != null).toList();
        List<Attempt> acceptedButFailed = writes.stream()
                .filter(a -> stored.contains(a.writer()) && a.outcome() != Outcome.OK).toList();
        assertEquals(List.of(), acceptedButFailed, "events the gateway stored but did not answer 200");
        List<Attempt> lost = writes.stream().filter(a -> a.outcome() == Outcome.OK && !stored.contains(a.writer())).toList();
        assertEquals(List.of(), lost.stream().limit(20).toList(), lost.size() + " event(s) answered 200 but not stored");
        assertTrue(stored.size() >= writes.stream().filter(a -> a.outcome() == Outcome.OK).count());

        List<Attempt> inFlightAtSigterm = all.stream()
                .filter(a -> a.written() < t0 && a.firstByte() > t0 && a.firstByte() != Long.MAX_VALUE).toList();
        assertTrue(!inFlightAtSigterm.isEmpty(), "no request was in flight when SIGTERM was sent: " + summary(all));
        assertTrue(all.stream().anyMatch(a -> a.written() >= t0 && a.outcome() == Outcome.CONNECTION_REFUSED),
                "new connections were still accepted after SIGTERM: " + summary(all));

        // Readiness, as a kubelet sees it: 200 before SIGTERM, then not 200 (503 or refused) for
        // good, and that before the process was gone.
        List<Probe> seen = List.copyOf(probes);
        assertTrue(seen.stream().anyMatch(p -> p.at() < t0 && p.status() == 200), "no ready probe before SIGTERM");
        assertTrue(seen.stream().filter(p -> p.at() < t0).allMatch(p -> p.status() == 200),
                "not ready before SIGTERM: " + seen.stream().filter(p -> p.at() < t0 && p.status() != 200).toList());
        long lastReady = seen.stream().filter(p -> p.status() == 200).mapToLong(Probe::at).max().orElseThrow();
        assertTrue(seen.stream().anyMatch(p -> p.at() > lastReady && p.at() < exitedAt),
                "no probe saw the gateway unready before it exited");
        int lastStatus = seen.stream().filter(p -> p.at() > t0).reduce((a, b) -> b).map(Probe::status).orElse(-1);
        assertTrue(lastStatus != 200, "ready again after SIGTERM");

        long unreadBefore = all.stream().filter(a -> a.written() < t0 && a.outcome() == Outcome.CLOSED_BEFORE_RESPONSE).count();
        System.out.printf(Locale.ROOT, "SigtermUnderLoadIT: %d requests (%d event writes, %d stored), %d written before"
                        + " SIGTERM (%d in flight at SIGTERM, %d closed unread by the drain), outcomes %s;"
                        + " exit %d %.2f s after SIGTERM; %s%n",
                all.size(), writes.size(), stored.size(), all.stream().filter(a -> a.written() < t0).count(),
                inFlightAtSigterm.size(), unreadBefore, summary(all), gateway.exitValue(), (exitedAt - t0) / 1e9,
                output.lines().filter(l -> l.contains("draining:")).findFirst().orElse("").strip());
    }

    /** The writer tags ({@code userId}s) of the events in the embedded log. */
    private static Set<String> storedWriters(Path eventLog) throws IOException {
        Set<String> out = new HashSet<>();
        Pattern user = Pattern.compile("\"userId\":\"(w[0-9]+-[0-9]+)\"");
        for (String line : Files.readAllLines(eventLog)) {
            Matcher m = user.matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** Keep-alive client: one request at a time, reconnecting after a close, until refused after SIGTERM. */
    private static void runClient(int port, int client, boolean writer, ConcurrentLinkedQueue<Attempt> attempts, long deadline) {
        Socket socket = null;
        try {
            for (int n = 0; n < MAX_REQUESTS_PER_CLIENT && System.nanoTime() < deadline; n++) {
                if (socket == null) {
                    socket = new Socket();
                    try {
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
                        socket.setTcpNoDelay(true);
                    } catch (ConnectException e) {
                        attempts.add(new Attempt(Outcome.CONNECTION_REFUSED, System.nanoTime(), Long.MAX_VALUE, 0, null, e.getMessage()));
                        return; // the listener is gone: the server is shutting down
                    }
                }
                Exchange x;
                if (writer) {
                    String tag = "w" + client + "-" + n;
                    String event = "{\"userId\":\"" + tag + "\",\"itemId\":\"i" + (n % TestBundles.ITEMS) + "\",\"type\":\"view\"}";
                    x = exchange(socket, port, "POST", "/v1/events", event, tag);
                } else {
                    String user = "u" + ((client * 7 + n) % TestBundles.USERS);
                    x = exchange(socket, port, "GET", "/v1/users/" + user + "/recommendations?k=10", null, null);
                }
                attempts.add(x.attempt());
                if (x.close()) {
                    closeQuietly(socket);
                    socket = null;
                }
            }
        } catch (IOException e) {
            attempts.add(new Attempt(Outcome.CLOSED_BEFORE_RESPONSE, Long.MAX_VALUE, Long.MAX_VALUE, 0, null, "connect: " + e));
        } finally {
            closeQuietly(socket);
        }
    }

    record Exchange(Attempt attempt, boolean close) {
    }

    /** One request on a keep-alive connection; classifies what happened. Never throws. */
    static Exchange exchange(Socket socket, int port, String method, String path, String json, String writer) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: application/json\r\n"
                + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n") + "\r\n";
        byte[] request = new byte[head.length() + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, request, 0, head.length());
        System.arraycopy(body, 0, request, head.length(), body.length);
        long written;
        try {
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            written = System.nanoTime();
        } catch (IOException e) {
            return new Exchange(new Attempt(Outcome.CLOSED_BEFORE_RESPONSE, Long.MAX_VALUE, Long.MAX_VALUE, 0, writer, "write: " + e), true);
        }
        CountingInput in;
        try {
            in = new CountingInput(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            return new Exchange(new Attempt(Outcome.CLOSED_BEFORE_RESPONSE, written, Long.MAX_VALUE, 0, writer, e.toString()), true);
        }
        try {
            String statusLine = in.line();
            String[] parts = statusLine.split(" ", 3);
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line = in.line(); !line.isEmpty(); line = in.line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
            String text = new String(readBody(in, headers), StandardCharsets.UTF_8);
            boolean close = "close".equalsIgnoreCase(headers.get("Connection"));
            Outcome outcome;
            if (status == 200 && (method.equals("POST") || text.contains("\"items\""))) {
                outcome = Outcome.OK;
            } else if (status == 503 && headers.containsKey("Retry-After")) {
                outcome = Outcome.REFUSED_503;
            } else {
                outcome = Outcome.BAD_STATUS;
            }
            return new Exchange(new Attempt(outcome, written, in.firstByte, status, writer, outcome == Outcome.OK ? "" : text), close);
        } catch (SocketTimeoutException e) {
            return new Exchange(new Attempt(Outcome.TIMED_OUT, written, in.firstByte, 0, writer, e.toString()), true);
        } catch (IOException | RuntimeException e) {
            Outcome outcome = in.count == 0 ? Outcome.CLOSED_BEFORE_RESPONSE : Outcome.CUT_SHORT;
            return new Exchange(new Attempt(outcome, written, in.firstByte, 0, writer, in.count + " bytes, then " + e), true);
        }
    }

    private static byte[] readBody(CountingInput in, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
            for (int size = Integer.parseInt(in.line().split(";")[0].strip(), 16); size > 0;
                    size = Integer.parseInt(in.line().split(";")[0].strip(), 16)) {
                body.write(in.bytes(size));
                in.line();
            }
            // Trailers (none expected) up to the empty line, to keep the connection in step.
            String trailer = in.line();
            while (!trailer.isEmpty()) {
                trailer = in.line();
            }
        } else {
            body.write(in.bytes(Integer.parseInt(headers.getOrDefault("Content-Length", "0"))));
        }
        return body.toByteArray();
    }

    /** Reads lines and counted bytes, remembering when the first byte came. */
    static final class CountingInput {
        private final InputStream in;
        long count;
        long firstByte = Long.MAX_VALUE;

        CountingInput(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after " + count + " bytes");
            }
            if (count++ == 0) {
                firstByte = System.nanoTime();
            }
            return b;
        }

        String line() throws IOException {
            StringBuilder s = new StringBuilder();
            for (int b = read(); b != '\n'; b = read()) {
                if (b != '\r') {
                    s.append((char) b);
                }
            }
            return s.toString();
        }

        byte[] bytes(int n) throws IOException {
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = (byte) read();
            }
            return out;
        }
    }

    /** GET /health/ready on a fresh connection every 20 ms, as a kubelet would (status 0: refused or closed). */
    private static void probeReadiness(int port, ConcurrentLinkedQueue<Probe> probes, long deadline) {
        int refusedInARow = 0;
        while (System.nanoTime() < deadline && refusedInARow < 20) {
            int status;
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                s.setSoTimeout(5_000);
                status = exchange(s, port, "GET", "/health/ready", null, null).attempt().status();
            } catch (IOException e) {
                status = 0;
            }
            probes.add(new Probe(System.nanoTime(), status));
            refusedInARow = status == 0 ? refusedInARow + 1 : 0;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Process startGateway(int port, Path bundles, Path log) throws IOException {
        Path root = repositoryRoot();
        Path home = imageLayout(root);
        ProcessBuilder builder = new ProcessBuilder("sh", root.resolve("docker/entrypoint.sh").toString(), "gateway", "serve")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("RECGATE_HOME", home.toString());
        env.put("TMPDIR", Files.createDirectories(dir.resolve("tmp")).toString());
        env.put("RECGATE_JAVA_OPTS", "-Xmx384m");
        env.put("RECGATE_HTTP_HOST", "127.0.0.1");
        env.put("RECGATE_HTTP_PORT", Integer.toString(port));
        // A shared, busy machine must not turn slow answers into 503s before the signal.
        env.put("RECGATE_HTTP_REQUEST_TIMEOUT", "10s");
        env.put("RECGATE_BUNDLES_DIR", bundles.toString());
        env.put("RECGATE_STORE_DATA_DIR", dir.resolve("events").toString());
        return builder.start();
    }

    /**
     * The image's {@code /opt/recgate} layout (docker/entrypoint.sh): {@code runtime/} (this JDK),
     * {@code gateway/app.jar} and {@code gateway/lib/}, as links to the packaged module.
     */
    private Path imageLayout(Path root) throws IOException {
        Path target = root.resolve("gateway/target");
        Path jar;
        try (Stream<Path> files = Files.list(target)) {
            jar = files.filter(p -> p.getFileName().toString().matches("gateway-[0-9].*\\.jar")
                            && !p.getFileName().toString().endsWith("-sources.jar")
                            && !p.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no packaged gateway jar in " + target));
        }
        Path home = dir.resolve("opt-recgate");
        Files.createDirectories(home.resolve("gateway"));
        Files.createSymbolicLink(home.resolve("runtime"), Path.of(System.getProperty("java.home")));
        Files.createSymbolicLink(home.resolve("gateway/app.jar"), jar);
        Files.createSymbolicLink(home.resolve("gateway/lib"), target.resolve("lib"));
        return home;
    }

    private void awaitReady(int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            if (!gateway.isAlive()) {
                fail("the gateway exited with " + gateway.exitValue() + " before it was ready:\n" + tail(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                s.setSoTimeout(5_000);
                if (exchange(s, port, "GET", "/health/ready", null, null).attempt().status() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // retried below
            }
            if (System.nanoTime() > deadline) {
                fail("/health/ready did not answer 200 within 2 minutes:\n" + tail(log));
            }
            Thread.sleep(200);
        }
    }

    private static String summary(java.util.Collection<Attempt> attempts) {
        return attempts.stream().collect(Collectors.groupingBy(Attempt::outcome, TreeMap::new, Collectors.counting())).toString();
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a socket the server already dropped
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docker/entrypoint.sh")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no docker/entrypoint.sh above " + Path.of("").toAbsolutePath());
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
