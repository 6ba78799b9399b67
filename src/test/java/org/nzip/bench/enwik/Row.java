package org.nzip.bench.enwik;

/**
 * One line of the results table: a tool with its options on one input, measured once.
 *
 * @param tool            display name ("nzip", "gzip", "xz-java", ...)
 * @param options         the options as a user would type them
 * @param kind            "nzip", "library" (in process) or "binary" (subprocess)
 * @param inputBytes      size of the input
 * @param compressedBytes size of the compressed output, or -1 when the compression failed
 * @param compressSeconds wall-clock seconds to compress
 * @param decompressSeconds wall-clock seconds to decompress
 * @param compressPeak    peak memory while compressing, bytes (-1 unknown)
 * @param decompressPeak  peak memory while decompressing, bytes (-1 unknown)
 * @param memoryKind      "RSS" (whole process) or "heap" (Java heap above the baseline)
 * @param roundTrip       true when decompression gave back the input, byte for byte
 * @param error           why the row failed, or null
 */
record Row(
        String tool,
        String options,
        String kind,
        long inputBytes,
        long compressedBytes,
        double compressSeconds,
        double decompressSeconds,
        long compressPeak,
        long decompressPeak,
        String memoryKind,
        boolean roundTrip,
        String error) {

    boolean ok() {
        return roundTrip && error == null;
    }

    String label() {
        return tool + " " + options;
    }

    double bpb() {
        return compressedBytes < 0 || inputBytes == 0 ? Double.NaN : 8.0 * compressedBytes / inputBytes;
    }

    double ratio() {
        return compressedBytes <= 0 ? Double.NaN : (double) inputBytes / compressedBytes;
    }

    /** Speed in kB/s (1 kB = 1000 bytes) of uncompressed data. */
    static double kBps(long bytes, double seconds) {
        return seconds > 0 ? bytes / seconds / 1000.0 : Double.NaN;
    }

    double compressKBps() {
        return kBps(inputBytes, compressSeconds);
    }

    double decompressKBps() {
        return kBps(inputBytes, decompressSeconds);
    }

    String status() {
        return ok() ? "ok" : "FAILED: " + (error != null ? error : "output differs from the input");
    }
}
