package io.recgate.kernels;

import java.lang.management.ManagementFactory;

/**
 * Whether the JIT emits real FMA instructions. Without them {@code FloatVector.fma} falls back to
 * a slow exact software path, and SIMD would be slower than scalar code.
 */
final class HardwareFma {

    private HardwareFma() {
    }

    static boolean available() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean == null || Boolean.parseBoolean(bean.getVMOption("UseFMA").getValue());
        } catch (IllegalArgumentException | LinkageError e) {
            // Not HotSpot, or a trimmed runtime without jdk.management: assume a modern CPU.
            return true;
        }
    }
}
