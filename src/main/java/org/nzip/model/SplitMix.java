package org.nzip.model;

/**
 * The SplitMix64 generator, written out so that weight initialisation never depends on a JDK class
 * whose algorithm could change between versions.
 */
final class SplitMix {
    private long state;

    SplitMix(long seed) {
        state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [−a, a), exactly representable steps of 2^-24. */
    float symmetric(float a) {
        float u = (nextLong() >>> 40) * 0x1.0p-24f; // [0, 1)
        return (2f * u - 1f) * a;
    }
}
