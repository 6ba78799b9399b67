package org.nzip.cli;

import java.util.Locale;

/**
 * Sizes on the command line: parsing {@code --memlimit SIZE} the way xz does, and writing byte
 * counts and heap sizes in messages.
 */
final class Sizes {

    static final long KIB = 1L << 10;
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;

    private Sizes() {}

    /**
     * Parses a memory limit: bytes with an optional binary suffix (see {@link #parse}), at least
     * 1 MiB; {@code 0} and {@code max} mean the default and give {@code -1}, as
     * {@link org.nzip.NzipOptions#memoryLimit(long)} takes it.
     *
     * @throws IllegalArgumentException with a one-line message for the user
     */
    static long parseMemoryLimit(String text) {
        if (text.equalsIgnoreCase("max")) {
            return -1;
        }
        long bytes;
        try {
            bytes = parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid memory limit: " + e.getMessage());
        }
        if (bytes == 0) {
            return -1;
        }
        if (bytes < MIB) {
            throw new IllegalArgumentException("memory limit '" + text + "' is too small: it must be at least 1MiB"
                    + " (or 0 or max for what the Java heap allows)");
        }
        return bytes;
    }

    /**
     * Parses a whole number of bytes with an optional suffix, case-insensitive: {@code K}, {@code KB},
     * {@code KiB} (2^10), {@code M}, {@code MB}, {@code MiB} (2^20), {@code G}, {@code GB},
     * {@code GiB} (2^30). As in xz, the decimal-looking {@code KB}, {@code MB} and {@code GB} are
     * binary multiples too.
     *
     * @throws IllegalArgumentException if it is malformed or does not fit in a {@code long}
     */
    static long parse(String text) {
        int digits = 0;
        while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
            digits++;
        }
        long unit = switch (text.substring(digits).toLowerCase(Locale.ROOT)) {
            case "" -> 1;
            case "k", "kb", "kib" -> KIB;
            case "m", "mb", "mib" -> MIB;
            case "g", "gb", "gib" -> GIB;
            default -> -1;
        };
        if (digits == 0 || unit < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a size (expected a whole number of bytes,"
                    + " optionally followed by KiB, MiB or GiB)");
        }
        try {
            return Math.multiplyExact(Long.parseLong(text.substring(0, digits)), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    /** {@code bytes} in whole MiB, rounded up (for what something needs) or down (for a limit). */
    static String mib(long bytes, boolean roundUp) {
        long n = roundUp ? Math.ceilDiv(bytes, MIB) : bytes / MIB;
        return String.format(Locale.ROOT, "%,d MiB", n);
    }

    /** A {@code --memlimit} value that admits {@code bytes}: whole MiB, rounded up, e.g. {@code 24MiB}. */
    static String memlimitArgument(long bytes) {
        return Math.ceilDiv(bytes, MIB) + "MiB";
    }

    /**
     * The {@code -Xmx} value to suggest for a stream that needs {@code bytes}: enough that
     * {@link org.nzip.NzipOptions#availableMemory()} (the heap less max(16 MiB, 1/16 of it)) covers
     * it with room to spare for the collector, rounded up to 64 MiB below 1 GiB, to 256 MiB below
     * 4 GiB, else to 1 GiB; written as the JVM takes it, e.g. {@code -Xmx64m} or {@code -Xmx2g}.
     */
    static String heapOption(long bytes) {
        return "-Xmx" + heapArgument(heapFor(bytes));
    }

    /** The heap size {@link #heapOption} suggests, in bytes. */
    static long heapFor(long bytes) {
        long heap = Math.max(bytes + 16 * MIB, Math.ceilDiv(bytes, 15) * 16);
        heap += heap / 8; // headroom: what else lives on the heap, the collector's reserves
        long unit = heap < GIB ? 64 * MIB : heap < 4 * GIB ? 256 * MIB : GIB;
        return Math.ceilDiv(heap, unit) * unit;
    }

    /** A heap size as {@code -Xmx} takes it: whole GiB as {@code Ng}, else whole MiB as {@code Nm}. */
    static String heapArgument(long bytes) {
        return bytes % GIB == 0 ? bytes / GIB + "g" : Math.ceilDiv(bytes, MIB) + "m";
    }
}
