package io.recgate.indexbuilder.als;

import io.recgate.kernels.VectorKernels;
import java.lang.System.Logger.Level;

/**
 * Picks the {@link LaneKernels} once, by the same rules as {@link VectorKernels}: SIMD when the
 * {@code jdk.incubator.vector} module is in the boot layer and {@code -Drecgate.kernels.simd=false}
 * is not set, scalar otherwise; one log line (logger {@code io.recgate.indexbuilder.als}) says
 * which. Both give bit-identical results, so the choice affects speed only.
 */
final class AlsKernels {

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final LaneKernels IMPL = select();

    private AlsKernels() {
    }

    static LaneKernels lanes() {
        return IMPL;
    }

    private static LaneKernels select() {
        String why;
        if ("false".equalsIgnoreCase(System.getProperty(VectorKernels.SIMD_PROPERTY, "true").trim())) {
            why = "disabled by -D" + VectorKernels.SIMD_PROPERTY + "=false";
        } else if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            why = "module " + VECTOR_MODULE + " is not present";
        } else {
            try {
                LaneKernels simd = LaneKernelsSimd.INSTANCE;
                log("ALS lane kernels: " + simd.name());
                return simd;
            } catch (LinkageError e) {
                why = VECTOR_MODULE + " could not be linked: " + e;
            }
        }
        log("ALS lane kernels: scalar, because " + why);
        return LaneKernelsScalar.INSTANCE;
    }

    private static void log(String message) {
        System.getLogger("io.recgate.indexbuilder.als").log(Level.INFO, message);
    }
}
