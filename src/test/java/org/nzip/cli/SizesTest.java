package org.nzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing {@code --memlimit} sizes as xz does, and the sizes nzip suggests in its messages. */
class SizesTest {

    @Test
    void everySuffixIsABinaryMultipleInAnyCase() {
        assertEquals(0, Sizes.parse("0"));
        assertEquals(1_000_000, Sizes.parse("1000000"));
        for (String k : new String[] {"K", "k", "KB", "kb", "Kb", "KiB", "kib", "KIB"}) {
            assertEquals(3L << 10, Sizes.parse("3" + k), k);
        }
        for (String m : new String[] {"M", "m", "MB", "mB", "MiB", "mib", "MIB"}) {
            assertEquals(64L << 20, Sizes.parse("64" + m), m);
        }
        for (String g : new String[] {"G", "g", "GB", "gb", "GiB", "gib", "GIB"}) {
            assertEquals(5L << 30, Sizes.parse("5" + g), g);
        }
        assertEquals(8L << 30, Sizes.parse("8192MiB"));
        assertEquals(7L, Sizes.parse("007"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "M", "MiB", "-1", "+5", "1.5GiB", "1,000", "1 MiB", " 1MiB", "1MiB ", "1T", "1TiB",
            "1Mi", "1iB", "1MBB", "1KM", "0x10", "ten", "1e6", "١٢٣"})
    void malformedSizesAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse(text));
        assertTrue(e.getMessage().contains("is not a size"), e.getMessage());
    }

    @Test
    void overflowIsRefusedNotWrapped() {
        assertEquals(Long.MAX_VALUE, Sizes.parse("9223372036854775807"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("9223372036854775808"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("99999999999999999999999"));
        assertEquals(8_589_934_591L << 30, Sizes.parse("8589934591G"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse("8589934592G"));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("9007199254740992KiB"));
    }

    @Test
    void memoryLimitIsAtLeastOneMebibyteAndZeroOrMaxMeanTheDefault() {
        assertEquals(-1, Sizes.parseMemoryLimit("0"));
        assertEquals(-1, Sizes.parseMemoryLimit("0MiB"));
        assertEquals(-1, Sizes.parseMemoryLimit("max"));
        assertEquals(-1, Sizes.parseMemoryLimit("MAX"));
        assertEquals(1L << 20, Sizes.parseMemoryLimit("1MiB"));
        assertEquals(1L << 20, Sizes.parseMemoryLimit("1024K"));
        assertEquals(1L << 20, Sizes.parseMemoryLimit("1048576"));
        assertEquals(64L << 20, Sizes.parseMemoryLimit("64MiB"));
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> Sizes.parseMemoryLimit("1048575"));
        assertTrue(small.getMessage().contains("at least 1MiB"), small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseMemoryLimit("1023KiB"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseMemoryLimit("1"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Sizes.parseMemoryLimit("lots"));
        assertTrue(bad.getMessage().startsWith("invalid memory limit: 'lots' is not a size"), bad.getMessage());
    }

    @Test
    void messagesRoundNeedsUpAndLimitsDown() {
        assertEquals("24 MiB", Sizes.mib((23L << 20) + 1, true));
        assertEquals("23 MiB", Sizes.mib((23L << 20) + 1, false));
        assertEquals("1,024 MiB", Sizes.mib(1L << 30, true));
        assertEquals("0 MiB", Sizes.mib(0, true));
        assertEquals("24MiB", Sizes.memlimitArgument((23L << 20) + 1));
        assertEquals(24L << 20, Sizes.parseMemoryLimit(Sizes.memlimitArgument((23L << 20) + 1)));
    }

    @Test
    void suggestedHeapLeavesEnoughAfterTheLibrarysMargin() {
        for (long need : new long[] {1, 1L << 20, 24L << 20, 200L << 20, 240L << 20, 500L << 20, 806L << 20,
                3L << 30, 20L << 30}) {
            long heap = Sizes.heapFor(need);
            long available = heap - Math.max(16L << 20, heap / 16); // NzipOptions.availableMemory() for this -Xmx
            assertTrue(available >= need + need / 16, need + " -> " + heap);
            assertTrue(heap <= 2 * need + (128L << 20), "not wildly more: " + need + " -> " + heap);
        }
        assertEquals("-Xmx64m", Sizes.heapOption(24L << 20));
        assertEquals("-Xmx896m", Sizes.heapOption(700L << 20));
        assertEquals("-Xmx2g", Sizes.heapOption(1600L << 20));
        assertEquals("-Xmx1280m", Sizes.heapOption(1000L << 20));
        assertEquals("2g", Sizes.heapArgument(2L << 30));
        assertEquals("1536m", Sizes.heapArgument(1536L << 20));
    }
}
