package io.recgate.indexbuilder.cli;

import io.recgate.core.bundle.Bundle;
import io.recgate.core.bundle.BundleFiles;
import io.recgate.core.bundle.BundleManifest;
import io.recgate.core.bundle.BundleRoot;
import io.recgate.core.ann.AnnIndex;
import io.recgate.core.ann.AnnIndexFiles;
import io.recgate.core.ann.ItemVectors;
import io.recgate.core.bundle.FactorModelFiles;
import io.recgate.core.model.FactorModel;
import io.recgate.core.fm.FmModel;
import io.recgate.core.serving.ServableBundle;
import io.recgate.core.ids.IdMap;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code recgate verify BUNDLE}: every checksum, then internal consistency (shapes against the
 * manifest's counts and dims, id maps without duplicates). Exit 0 or a one-line reason.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a published bundle or model set: checksums, shapes, id maps and indexes.",
                "Checks every file's SHA-256 and size, shapes against counts and dims, the id maps, and that a "
                        + "bundle loads as the gateway loads it. BUNDLE is a version directory, or a bundles root (then "
                        + "its current version is verified)."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "BUNDLE", description = "A bundle version directory or a bundles root.")
    Path bundlePath;

    @Override
    public Integer call() {
        Bundle bundle = open(bundlePath);
        checkIds(bundle, BundleFiles.USER_IDS, bundle.manifest().userCount());
        checkIds(bundle, BundleFiles.ITEM_IDS, bundle.manifest().itemCount());
        checkIndex(bundle, BundleFiles.HNSW_INDEX);
        checkIndex(bundle, BundleFiles.SIMILAR_INDEX);
        checkFm(bundle);
        boolean servable = bundle.hasFile(BundleFiles.HNSW_INDEX);
        String reranker = servable ? " servable as the gateway loads it, reranker " + servable(bundle).reranker() + ";"
                : "";
        BundleManifest manifest = bundle.manifest();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("ok: %s %s (%s):%s %d files verified, %d users, %d items, %d dims, metric %s%n",
                servable ? "bundle" : "model set", bundle.version(), bundle.dir(), reranker, manifest.files().size(),
                manifest.userCount(), manifest.itemCount(), manifest.dims(), manifest.metadata().metric());
        return ExitCodes.OK;
    }

    /** The gateway's own load and checks ({@link ServableBundle#load}): ids, shapes, params, rerankers. */
    private static ServableBundle servable(Bundle bundle) {
        try {
            return ServableBundle.load(bundle);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bundle " + bundle.dir() + " cannot be served: " + e.getMessage(), e);
        }
    }

    static Bundle open(Path path) {
        if (Files.isRegularFile(path.resolve(BundleFiles.MANIFEST))) {
            return Bundle.open(path);
        }
        if (Files.isRegularFile(path.resolve(BundleRoot.CURRENT))) {
            return BundleRoot.at(path).openCurrent();
        }
        return Bundle.open(path); // reports what is missing
    }

    /**
     * The index loads (a native file: magic, checksum, structure and the item vectors' CRC; an
     * hnswlib file: through the deserialization allowlist) and covers every item.
     */
    private static void checkIndex(Bundle bundle, String file) {
        if (!bundle.hasFile(file)) {
            return;
        }
        FactorModel factors = FactorModelFiles.read(bundle);
        float[] items = file.equals(BundleFiles.HNSW_INDEX) ? factors.itemFactors()
                : ItemVectors.normalizedRows(factors.itemFactors(), factors.dims());
        AnnIndex index;
        try {
            index = AnnIndexFiles.read(bundle.path(file), items, factors.dims(), false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("bundle " + bundle.dir() + ": " + file + " does not load: " + e.getMessage(), e);
        }
        BundleManifest m = bundle.manifest();
        int expectedDims = file.equals(BundleFiles.HNSW_INDEX) ? m.dims() : index.dims();
        if (index.size() != m.itemCount() || index.dims() != expectedDims) {
            throw new IllegalArgumentException("bundle " + bundle.dir() + ": " + file + " holds " + index.size()
                    + " items of " + index.dims() + " dims, manifest says " + m.itemCount() + " items of " + m.dims());
        }
    }

    /** The FM model loads and names the same users and items as the bundle. */
    private static void checkFm(Bundle bundle) {
        if (!bundle.hasFile(BundleFiles.FM_MODEL)) {
            return;
        }
        FmModel fm = bundle.read(BundleFiles.FM_MODEL, FmModel::read);
        BundleManifest m = bundle.manifest();
        if (fm.space().users().size() != m.userCount() || fm.space().items().size() != m.itemCount()) {
            throw new IllegalArgumentException("bundle " + bundle.dir() + ": " + BundleFiles.FM_MODEL + " knows "
                    + fm.space().users().size() + " users and " + fm.space().items().size() + " items, manifest says "
                    + m.userCount() + " and " + m.itemCount());
        }
    }

    private static void checkIds(Bundle bundle, String file, int expected) {
        if (!bundle.hasFile(file)) {
            return;
        }
        try {
            IdMap ids = IdMap.of(bundle.readLines(file));
            if (ids.size() != expected) {
                throw new IllegalArgumentException("bundle " + bundle.dir() + ": " + file + " has " + ids.size()
                        + " ids, manifest says " + expected);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bundle " + bundle.dir() + ": " + file + ": " + e.getMessage(), e);
        }
    }
}
