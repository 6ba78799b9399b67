package org.nzip;

/**
 * Receives progress reports from a compressing or decompressing stream, on the thread that drives
 * the stream, every few thousand symbols and at the end of each block.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * Called with the running totals; must return quickly, as it runs on the coding thread.
     *
     * @param uncompressedBytes uncompressed bytes coded so far
     * @param compressedBytes   compressed bytes produced (compressing) or consumed (decompressing) so far
     */
    void progress(long uncompressedBytes, long compressedBytes);
}
