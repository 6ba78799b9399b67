package org.nzip.format;

import java.util.Arrays;

/**
 * Everything the decoder needs to rebuild the exact model: a model kind and its integer parameters,
 * in the order that kind defines. Floating-point hyper-parameters are stored as their raw IEEE-754 bits.
 *
 * @param kind   model kind code (see {@code docs/FORMAT.md})
 * @param preset preset code the spec came from, for display only (0 = custom)
 * @param params model parameters
 */
public record ModelSpec(int kind, int preset, int[] params) {

    /** Largest parameter count a header may hold. */
    public static final int MAX_PARAMS = 64;

    public ModelSpec {
        if (kind < 0 || kind > 255 || preset < 0 || preset > 255) {
            throw new IllegalArgumentException("kind and preset must fit a byte");
        }
        if (params.length > MAX_PARAMS) {
            throw new IllegalArgumentException("too many parameters: " + params.length);
        }
        params = params.clone();
    }

    @Override
    public int[] params() {
        return params.clone();
    }

    /** Parameter {@code i}. */
    public int param(int i) {
        return params[i];
    }

    /** Number of parameters. */
    public int paramCount() {
        return params.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec m && m.kind == kind && m.preset == preset && Arrays.equals(m.params, params);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind + preset) + Arrays.hashCode(params);
    }

    @Override
    public String toString() {
        return "ModelSpec[kind=" + kind + ", preset=" + preset + ", params=" + Arrays.toString(params) + "]";
    }
}
