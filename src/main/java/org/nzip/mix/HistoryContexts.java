package org.nzip.mix;

import java.util.Arrays;

/**
 * Hashed contexts that keep only a {@link BitHistory} per node, PAQ's indirect modelling: a byte per
 * node where {@link HashedContexts} keeps an int counter and a byte, so the same memory holds five
 * times the contexts. That suits contexts seen rarely (high orders, word pairs), whose few bits a
 * history describes as well as a counter. Each context has a state map (an adaptive probability per
 * state, learning what a history means in this context); its stretched probability is the input.
 *
 * <p>A table is a row of 64-byte lines, each holding four 16-byte slots: a check byte and the 15
 * nodes of a nibble's binary tree. At each nibble a context's hash picks a line and a check; the slot
 * with that check is the context's, else the slot whose first node has seen the fewest bits is cleared
 * and given to it.
 *
 * <p>Optionally each slot of a byte's first nibble also has a byte history (an int in a parallel
 * array): the last two bytes seen in the context and the run of the last, PAQ's run/byte-history
 * input. It tells which byte followed the context last time, which the nodes' bit histories know
 * only bit by bit; it pays on structured text (enwik6 −0.4 %) and costs a second cache line per
 * context and byte, so only the heaviest model sets keep it.
 *
 * <p>Optionally one more input sums the contexts whose history has seen one bit value only (a
 * sixteenth of their stretches): where several contexts were always followed by the same bit, that
 * says more than each alone. paq8px gives each context such an input; one for all pays as well on
 * records and code (obj2 −0.3 %) without the many inputs that slow the mixer's learning on small
 * texts (bench/mix/2026-12-03-engine.md).
 *
 * <p>Each context's table has its own size, {@code 2^scale} times the configured one: contexts with
 * few distinct values (a byte, bytes at a distance, the nesting) fill a small table, the high orders
 * and word combinations want more room than the rest.
 */
final class HistoryContexts {

    /** Bytes of a slot: the check, then the nibble tree's nodes 1–15. */
    static final int SLOT = 16;
    /** Bytes of a line: the slots one context may use. */
    static final int LINE = 64;
    /** A table is this many bytes short of a power of two (the array's header; see {@link HashedContexts#ARRAY_HEADER_INTS}). */
    static final int ARRAY_HEADER_BYTES = 16;
    /** The deterministic input is the sum of the deterministic contexts' stretches shifted right by this. */
    static final int DETERMINISTIC_SHIFT = 4;
    /** Counters of a context's run map: run lengths 0–31 × bit-position group × uncertainty × predicted bit, then the second byte's 4. */
    private static final int RUN_MAP = 1 << 10;
    /** Counter limit of the run maps. */
    private static final int RUN_MAP_LIMIT = Counter.COUNT_MASK;
    /** Counter limit of the state maps. */
    static final int STATE_MAP_LIMIT = Counter.COUNT_MASK;
    /** A slot's priority when it might be replaced: the bits its first node has seen. */
    private static final int[] PRIORITY = new int[256];

    static {
        for (int s = 0; s < BitHistory.STATES; s++) {
            PRIORITY[s] = BitHistory.zeros(s) + BitHistory.ones(s);
        }
    }

    private final ContextDef[] contexts;
    private final int[] scales;
    private final int maxTableBits;
    private final byte[][] tables;
    private final int[] lineShifts; // a context's line is the top bits of its hash: h >>> lineShifts[k]
    private final boolean deterministicInput;
    private final int[] hashes;
    private final int[] lines;
    private final int[] checks;
    private final int[] slots;
    private final int[] nodes;
    private final int[] stateMaps; // context k's map: [k * 256 + state]
    private final int[] mapSlots;
    // Byte histories, if kept: per first-nibble slot, the last two bytes seen in the context and the run of the last.
    private final boolean byteHistories;
    private final int[][] byteHist;
    private final int[] firstSlot;
    private final int[] runMaps; // context k's: [k * RUN_MAP + ...], see predictRuns
    private final int[] runAt;

    /**
     * @param contexts     the contexts, in the order of their mixer inputs
     * @param scales       each context's table size: log2 of its multiple of the configured size
     * @param maxTableBits log2 of the configured largest table, in bytes
     * @param byteHistories whether each context also keeps a byte history (a second input each)
     * @param deterministicInput whether the contexts' deterministic histories are summed in one more input
     */
    HistoryContexts(ContextDef[] contexts, int[] scales, int maxTableBits, boolean byteHistories, boolean deterministicInput) {
        if (scales.length != contexts.length) {
            throw new IllegalArgumentException("one scale per context");
        }
        this.contexts = contexts.clone();
        this.scales = scales.clone();
        this.maxTableBits = maxTableBits;
        this.deterministicInput = deterministicInput;
        int n = contexts.length;
        tables = new byte[n][];
        lineShifts = new int[n];
        hashes = new int[n];
        lines = new int[n];
        checks = new int[n];
        slots = new int[n];
        nodes = new int[n];
        stateMaps = new int[n * 256];
        Arrays.fill(stateMaps, Counter.FRESH);
        mapSlots = new int[n];
        this.byteHistories = byteHistories;
        byteHist = new int[n][];
        firstSlot = new int[n];
        runMaps = new int[byteHistories ? n * RUN_MAP : 0];
        Arrays.fill(runMaps, Counter.FRESH);
        runAt = new int[n];
    }

    /** Bytes of a table when the first block has {@code firstBlock} bytes: 64 per byte, a power of two from 2^18 (or 2^maxTableBits if smaller) to 2^maxTableBits. */
    static int tableBits(int maxTableBits, int firstBlock) {
        int bits = Math.min(18, maxTableBits);
        while (bits < maxTableBits && (1L << bits) < 64L * firstBlock) {
            bits++;
        }
        return bits;
    }

    /**
     * Bytes held by contexts of table scales {@code scales} when the configured largest table has
     * 2^maxTableBits bytes and the first block {@code firstBlock} (state maps, byte histories and
     * scratch included).
     */
    static long bytes(int[] scales, int maxTableBits, int firstBlock, boolean byteHistories) {
        long all = 0;
        for (int scale : scales) {
            int tableBits = tableBits(maxTableBits + scale, firstBlock);
            long history = byteHistories ? (1L << tableBits) / SLOT * 4 + 4L * RUN_MAP : 0;
            all += (1L << tableBits) + history + 4L * (256 + 9);
        }
        return all;
    }

    /** Mixer inputs: one per context, two with byte histories, and the deterministic one. */
    int inputs() {
        return inputs(contexts.length, byteHistories, deterministicInput);
    }

    static int inputs(int contexts, boolean byteHistories, boolean deterministicInput) {
        return contexts * (byteHistories ? 2 : 1) + (deterministicInput ? 1 : 0);
    }

    /** Allocates the tables for a first block of {@code firstBlock} bytes; later calls keep them. */
    void allocate(int firstBlock) {
        if (contexts.length == 0 || tables[0] != null) {
            return;
        }
        for (int k = 0; k < tables.length; k++) {
            int bits = tableBits(maxTableBits + scales[k], firstBlock);
            tables[k] = new byte[(1 << bits) - ARRAY_HEADER_BYTES];
            if (byteHistories) {
                byteHist[k] = new int[tables[k].length / SLOT + 1];
            }
            lineShifts[k] = 32 - (bits - 6);
        }
    }

    /** Sets the contexts of the next byte of stream {@code s}. */
    void setContexts(History history, int s) {
        for (int k = 0; k < contexts.length; k++) {
            hashes[k] = contexts[k].hash(history, s);
        }
    }

    /**
     * At the start of each nibble: finds or claims each context's slot. {@code c0} is 1 followed by
     * the bits of the byte so far, {@code bitIndex} 0 or 4.
     */
    void findSlots(int c0, int bitIndex) {
        int nibbleSalt = HashedContexts.nibbleSalt(c0, bitIndex); // as the counters' tables
        // First every line is touched, with no branch between the loads, so that the cache misses of
        // all contexts overlap; then the lines are searched.
        int touched = 0;
        for (int k = 0; k < tables.length; k++) {
            int h = ContextDef.finish(hashes[k] + nibbleSalt);
            byte[] t = tables[k];
            int line = (h >>> lineShifts[k]) << 6;
            if (line + LINE > t.length) { // the last line, cut short
                line -= LINE;
            }
            lines[k] = line;
            checks[k] = h & 0xFF;
            touched += t[line];
        }
        touch = touched;
        for (int k = 0; k < tables.length; k++) {
            slots[k] = find(tables[k], lines[k], checks[k]);
        }
        if (byteHistories && bitIndex == 0) {
            for (int k = 0; k < tables.length; k++) {
                int at = slots[k];
                firstSlot[k] = at / SLOT;
                if (tables[k][at + 1] == 0) {
                    byteHist[k][at / SLOT] = 0;
                }
            }
        }
    }

    /** At the end of a byte {@code x}: the byte histories (if kept) learn it. */
    void endByte(int x) {
        if (!byteHistories) {
            return;
        }
        for (int k = 0; k < tables.length; k++) {
            int[] bh = byteHist[k];
            int i = firstSlot[k];
            int e = bh[i];
            int filled = e >>> 24;
            if (filled >= 1 && (e & 0xFF) == x) {
                int run = Math.min(255, (e >>> 16 & 0xFF) + 1);
                bh[i] = (e & 0xFF00FFFF) | run << 16;
            } else {
                bh[i] = Math.min(2, filled + 1) << 24 | 1 << 16 | (e & 0xFF) << 8 | x;
            }
        }
    }

    /**
     * The slot of line {@code line} with check {@code check}; if none has it, the slot whose first
     * node has seen the fewest bits (the first of equals), cleared and given the check.
     */
    static int find(byte[] t, int line, int check) {
        for (int at = line; at < line + LINE; at += SLOT) {
            if ((t[at] & 0xFF) == check) {
                return at;
            }
        }
        int victim = line;
        int least = PRIORITY[t[line + 1] & 0xFF];
        for (int at = line + SLOT; at < line + LINE; at += SLOT) {
            int p = PRIORITY[t[at + 1] & 0xFF];
            if (p < least) {
                least = p;
                victim = at;
            }
        }
        t[victim] = (byte) check;
        Arrays.fill(t, victim + 1, victim + SLOT, (byte) 0);
        return victim;
    }

    /** Sink of the loads in {@link #findSlots} (read by nobody). */
    @SuppressWarnings("unused")
    private int touch;

    /**
     * Writes each context's input for the bit at nibble-tree node {@code node} (1–15) to
     * {@code inputs[offset..]}, then (with byte histories) each context's byte-history input; {@code c0}
     * is 1 followed by the bits of the byte so far. Returns how many of the contexts have a history there.
     */
    int predict(int[] inputs, int offset, int node, int c0) {
        int seen = 0;
        int deterministic = 0; // the stretches of the histories that have seen one bit value only
        for (int k = 0; k < tables.length; k++) {
            int at = slots[k] + node;
            nodes[k] = at;
            int state = tables[k][at] & 0xFF;
            int map = k << 8 | state;
            mapSlots[k] = map;
            if (state == 0) {
                inputs[offset + k] = 0;
            } else {
                int in = Logistic.stretch(Counter.p(stateMaps[map]));
                inputs[offset + k] = in;
                seen++;
                if (BitHistory.zeros(state) == 0 || BitHistory.ones(state) == 0) {
                    deterministic += in;
                }
            }
        }
        if (byteHistories) {
            predictRuns(inputs, offset + tables.length, c0);
        }
        if (deterministicInput) {
            inputs[offset + tables.length * (byteHistories ? 2 : 1)] =
                    Math.max(-Logistic.STRETCH_LIMIT, Math.min(Logistic.STRETCH_LIMIT, deterministic >> DETERMINISTIC_SHIFT));
        }
        return seen;
    }

    /**
     * The byte-history inputs: where the partial byte agrees with the last byte seen in the context,
     * the adaptive probability of that byte's next bit for the run's length, the bit position and
     * whether the byte before it differed (then halved again: less sure); else, where it agrees with
     * the byte before, that byte's bit; else 0.
     */
    private void predictRuns(int[] inputs, int offset, int c0) {
        int bitIndex = 31 - Integer.numberOfLeadingZeros(c0);
        for (int k = 0; k < tables.length; k++) {
            int e = byteHist[k][firstSlot[k]];
            int filled = e >>> 24;
            int b1 = e & 0xFF;
            int b2 = e >>> 8 & 0xFF;
            int in = 0;
            runAt[k] = -1;
            if (filled >= 1 && ((b1 | 256) >> (8 - bitIndex)) == c0) {
                int bit = b1 >> (7 - bitIndex) & 1;
                int differs = filled >= 2 && b2 != b1 ? 1 : 0;
                int group = (0x33322210 >> (bitIndex << 2)) & 0xF; // bit 0, 1, 2–4, 5–7
                int run = Math.min(31, e >>> 16 & 0xFF);
                int at = k * RUN_MAP | run << 4 | group << 2 | differs << 1 | bit;
                runAt[k] = at;
                in = Logistic.stretch(Counter.p(runMaps[at])) >> (1 + differs);
            } else if (filled >= 2 && ((b2 | 256) >> (8 - bitIndex)) == c0) {
                int state = tables[k][nodes[k]] & 0xFF;
                int uncertain = BitHistory.zeros(state) > 0 && BitHistory.ones(state) > 0 ? 1 : 0;
                int bit = b2 >> (7 - bitIndex) & 1;
                int at = k * RUN_MAP | 512 | uncertain << 1 | bit;
                runAt[k] = at;
                in = Logistic.stretch(Counter.p(runMaps[at])) >> 2;
            }
            inputs[offset + k] = in;
        }
    }

    /** Updates the histories and state maps of the last {@link #predict} with the bit. */
    void update(int bit) {
        for (int k = 0; k < tables.length; k++) {
            byte[] t = tables[k];
            int at = nodes[k];
            int state = t[at] & 0xFF;
            if (state != 0) {
                stateMaps[mapSlots[k]] = Counter.update(stateMaps[mapSlots[k]], bit, STATE_MAP_LIMIT);
            }
            t[at] = (byte) BitHistory.next(state, bit);
        }
        if (byteHistories) {
            for (int k = 0; k < tables.length; k++) {
                if (runAt[k] >= 0) {
                    runMaps[runAt[k]] = Counter.update(runMaps[runAt[k]], bit, RUN_MAP_LIMIT);
                }
            }
        }
    }
}
