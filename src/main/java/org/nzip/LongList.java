package org.nzip;

import java.util.Arrays;

/** A growable list of longs: the segments' lengths for the index, as a writer or reader meets them. */
final class LongList {
    private long[] values = new long[8];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    long sum() {
        long s = 0;
        for (int i = 0; i < size; i++) {
            s += values[i];
        }
        return s;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
