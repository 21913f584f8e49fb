package io.recgate.gateway.bundle;

import io.recgate.core.serving.ServableBundle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.recgate.core.bundle.BundleRoot;
import io.recgate.core.bundle.BundleVersion;
import io.recgate.gateway.events.KnownItems;
import io.recgate.gateway.health.Readiness;
import io.recgate.gateway.http.LogSafe;
import io.recgate.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the live bundle in one {@link AtomicReference} and replaces it: a new version is opened
 * (checksums verified), loaded into a {@link ServableBundle} and warmed on the {@code recgate-io} worker
 * pool, then swapped in atomically. A request reads {@link #live()} once and keeps that reference,
 * so in-flight requests finish on the version they started with. A version that fails verification
 * or loading is refused and logged; the old one keeps serving.
 *
 * <p>Sources of a swap: {@link #start()} (the root's {@code current}), the poller (every
 * {@code bundles.pollInterval} it reads {@code current} and loads it when the pointer <em>changed</em>
 * since the last poll), and {@link #activate} (admin: swap or roll back). Activation is local to this
 * process and does not rewrite {@code current}: a pinned rollback lasts until the publisher moves
 * {@code current} again or the gateway restarts. Loads run one at a time, in request order.
 *
 * <p>Metrics: {@code recgate_bundle_version} (the live version's number),
 * {@code recgate_bundle_swaps_total{outcome=ok|refused}}. Thread-safe.
 */
public final class BundleManager {

    private static final Logger LOG = LoggerFactory.getLogger(BundleManager.class);

    private final Vertx vertx;
    private final WorkerExecutor io;
    private final BundleRoot root;
    private final Readiness readiness;
    private final Duration pollInterval;
    private final int warmupQueries;
    private final AtomicReference<ServableBundle> live = new AtomicReference<>();
    private final Counter swapped;
    private final Counter refused;
    private final Object loadLock = new Object();
    private Future<?> loadTail = Future.succeededFuture();
    private volatile String lastSeenCurrent;
    private volatile long timerId = -1;

    /**
     * @param io            the worker pool that loads bundles (the gateway's {@code recgate-io})
     * @param root          the bundle root to serve and watch
     * @param pollInterval  how often {@code current} is read
     * @param warmupQueries searches run on a new version before it goes live
     */
    public BundleManager(Vertx vertx, WorkerExecutor io, BundleRoot root, Readiness readiness, GatewayMetrics metrics,
                         Duration pollInterval, int warmupQueries) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.io = Objects.requireNonNull(io, "io");
        this.root = Objects.requireNonNull(root, "root");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        if (warmupQueries < 0) {
            throw new IllegalArgumentException("warmupQueries " + warmupQueries + " must be >= 0");
        }
        this.warmupQueries = warmupQueries;
        Gauge.builder("recgate.bundle.version", live, ref -> versionNumber(ref.get()))
                .strongReference(true)
                .description("number of the live bundle version (v000007 -> 7), 0 before the first load")
                .register(metrics.registry());
        swapped = Counter.builder("recgate.bundle.swaps").tag("outcome", "ok")
                .description("bundle versions loaded and swapped in, or refused").register(metrics.registry());
        refused = Counter.builder("recgate.bundle.swaps").tag("outcome", "refused")
                .description("bundle versions loaded and swapped in, or refused").register(metrics.registry());
    }

    /**
     * Loads the root's current version (when there is one) and starts polling. Succeeds even when no
     * version is current or it fails to load (the gateway stays not ready and the poller keeps
     * trying when {@code current} changes); the result is the live bundle, or null.
     */
    public Future<ServableBundle> start() {
        timerId = vertx.setPeriodic(pollInterval.toMillis(), id -> poll());
        return poll().map(v -> live.get());
    }

    /** Stops polling; loads in progress finish. Idempotent. */
    public void stop() {
        long id = timerId;
        timerId = -1;
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
    }

    /** The live bundle, or null before the first load. Read it once per request. */
    public ServableBundle live() {
        return live.get();
    }

    /** Items of the live bundle (all items accepted before the first load). Cheap; for the events route. */
    public KnownItems knownItems() {
        return id -> {
            ServableBundle b = live.get();
            return b == null || b.items().contains(id);
        };
    }

    /**
     * Verifies, loads, warms and swaps in {@code version} (also when it is live already: a re-check).
     *
     * @return the new live bundle; fails with {@link IllegalArgumentException} for a string that is
     *     not a version name, {@link NoSuchElementException} for a version not in the root, and
     *     {@link io.recgate.core.bundle.BundleException} or {@link java.io.UncheckedIOException}
     *     when it fails verification or loading (the old bundle keeps serving)
     */
    public Future<ServableBundle> activate(String version) {
        synchronized (loadLock) {
            Future<ServableBundle> loaded = loadTail.transform(x -> io.executeBlocking(() -> load(version), false))
                    .onSuccess(this::swap)
                    .onFailure(e -> {
                        refused.increment();
                        // version comes from the admin route's path: escaped, and so is the
                        // message that may quote it.
                        LOG.warn("bundle {} refused, still serving {}: {}", LogSafe.escape(version),
                                describe(live.get()), LogSafe.escape(e));
                    });
            loadTail = loaded;
            return loaded;
        }
    }

    /**
     * {@code {"root":..,"live":"v..","current":"v.."|null,"versions":[{"version","live","current",
     * "createdAt","itemCount","userCount","dims","problem"?}]}}; blocking (reads manifests), so the
     * future completes from the worker pool.
     */
    public Future<JsonObject> describeVersions() {
        return io.executeBlocking(() -> {
            ServableBundle b = live.get();
            String liveVersion = b == null ? null : b.version();
            JsonArray versions = new JsonArray();
            Optional<String> current = Optional.empty();
            for (BundleVersion v : root.versions()) {
                JsonObject json = new JsonObject().put("version", v.name())
                        .put("live", v.name().equals(liveVersion)).put("current", v.current());
                if (v.current()) {
                    current = Optional.of(v.name());
                }
                if (v.manifest() != null) {
                    json.put("createdAt", v.manifest().createdAt().toString())
                            .put("itemCount", v.manifest().itemCount())
                            .put("userCount", v.manifest().userCount())
                            .put("dims", v.manifest().dims());
                }
                if (v.problem() != null) {
                    json.put("problem", v.problem());
                }
                versions.add(json);
            }
            return new JsonObject().put("live", liveVersion).put("current", current.orElse(null))
                    .put("versions", versions);
        }, false);
    }

    private Future<Void> poll() {
        return io.executeBlocking(root::currentVersion, false).compose(current -> {
            if (current.isEmpty() || current.get().equals(lastSeenCurrent)) {
                return Future.<Void>succeededFuture();
            }
            lastSeenCurrent = current.get();
            ServableBundle b = live.get();
            if (b != null && b.version().equals(current.get())) {
                return Future.<Void>succeededFuture();
            }
            LOG.info("bundle root {} names {} as current; loading it", root.dir(), LogSafe.escape(current.get()));
            return activate(current.get()).<Void>mapEmpty().otherwiseEmpty();
        }, e -> {
            LOG.warn("cannot read the current bundle version of {}: {}", root.dir(), e.toString());
            return Future.succeededFuture();
        });
    }

    private ServableBundle load(String version) {
        if (!Files.isDirectory(root.versionDir(version))) {
            throw new NoSuchElementException("no bundle version " + version + " in " + root.dir()
                    + "; known: " + root.versions().stream().map(BundleVersion::name).toList());
        }
        long start = System.nanoTime();
        ServableBundle bundle = ServableBundle.load(root.open(version));
        long loaded = System.nanoTime();
        bundle.warm(warmupQueries);
        LOG.info("bundle {} loaded in {} ms and warmed with {} queries in {} ms ({} items x {} dims, reranker {})",
                version, (loaded - start) / 1_000_000, warmupQueries, (System.nanoTime() - loaded) / 1_000_000,
                bundle.items().size(), bundle.dims(), bundle.reranker().cliName());
        return bundle;
    }

    private void swap(ServableBundle next) {
        ServableBundle previous = live.getAndSet(next);
        swapped.increment();
        readiness.condition(Readiness.BUNDLE).up("bundle " + next.version());
        LOG.info("bundle {} is live (was {})", next.version(), describe(previous));
    }

    private static String describe(ServableBundle b) {
        return b == null ? "none" : b.version();
    }

    private static double versionNumber(ServableBundle b) {
        if (b == null) {
            return 0;
        }
        String digits = b.version().substring(1);
        return Long.parseLong(digits);
    }
}
