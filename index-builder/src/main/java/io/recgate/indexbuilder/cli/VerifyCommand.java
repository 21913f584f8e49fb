package io.recgate.indexbuilder.cli;

import io.recgate.core.bundle.Bundle;
import io.recgate.core.bundle.BundleFiles;
import io.recgate.core.bundle.BundleManifest;
import io.recgate.core.bundle.BundleRoot;
import io.recgate.core.ids.IdMap;
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
        description = {"Verify a published bundle: every file's SHA-256 and size, shapes against counts and dims, id maps.",
                "BUNDLE is a version directory, or a bundles root (then its current version is verified)."})
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
        BundleManifest manifest = bundle.manifest();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("ok: bundle %s (%s): %d files verified, %d users, %d items, %d dims, metric %s%n",
                bundle.version(), bundle.dir(), manifest.files().size(), manifest.userCount(), manifest.itemCount(),
                manifest.dims(), manifest.metadata().metric());
        return ExitCodes.OK;
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
