package org.nzip.model;

/** The range checks of the networks' hyper-parameter records, with the messages they give. */
final class ConfigChecks {

    private ConfigChecks() {}

    /** {@code v} in [lo, hi]. */
    static void inRange(String name, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "]: " + v);
        }
    }

    /** {@code v} in (0, max]; rejects NaN. */
    static void positive(String name, float v, float max) {
        if (!(v > 0f && v <= max)) {
            throw new IllegalArgumentException(name + " must be in (0, " + max + "]: " + v);
        }
    }

    /** Adam's β2 in (0, 1); rejects NaN. */
    static void beta2(float beta2) {
        if (!(beta2 > 0f && beta2 < 1f)) {
            throw new IllegalArgumentException("beta2 must be in (0, 1): " + beta2);
        }
    }
}
