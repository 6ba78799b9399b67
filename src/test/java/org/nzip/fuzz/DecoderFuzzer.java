package org.nzip.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.nzip.CorruptInputException;
import org.nzip.MemoryLimitException;
import org.nzip.Nzip;
import org.nzip.NzipException;
import org.nzip.NzipFormatException;
import org.nzip.NzipInputStream;
import org.nzip.NzipOptions;
import org.nzip.UnsupportedFormatException;
import org.nzip.codec.BlockCoder;
import org.nzip.codec.ModelConfig;
import org.nzip.format.Container;
import org.nzip.format.FormatException;
import org.nzip.format.SegmentIndex;

/**
 * The decoder fuzzer: mutates {@link Seeds} with a {@link Mutator} and checks each input against an
 * oracle. Decoding an input with {@link Nzip#decompress} and with an {@link NzipInputStream} read in
 * odd chunks must return an output the mutant allows (a seed's original bytes, when the mutation
 * changed nothing that matters) or throw an {@link NzipException} of the right subclass; anything else
 * is a finding:
 * <ul>
 *   <li>any other exception or error, or a bare {@code NzipException} (the stream's wrapper of an
 *       internal error), or an {@link NzipFormatException} for input that starts with the magic bytes
 *       (or another type for input that does not), a negative or out-of-file corruption offset;</li>
 *   <li>wrong bytes: a successful decode to bytes the mutant does not allow, or a reader that returns
 *       bytes other than whole blocks matching the raw CRCs their headers declare before it fails;</li>
 *   <li>a reader that does not stay failed, or {@code decompress} and the reader disagreeing (bytes
 *       after the reader's stream: zero padding must be skipped, anything else decoded as a further
 *       stream or refused);</li>
 *   <li>a decompression bomb: more output (or progress) than the mapped blocks declare, or more bytes
 *       allocated by the decoding thread than twice what the header's model declares
 *       ({@link BlockCoder#memoryUsage} at the header's block size) per segment the mapped blocks
 *       start, plus the output and a few MiB;</li>
 *   <li>{@link Nzip#inspect} throwing anything but an {@code NzipException} subclass;</li>
 *   <li>for input that ends with a segment index: {@link NzipInputStream#openAt} from the middle of
 *       the data returning anything but the tail of an allowed output, or failing other than as above.</li>
 * </ul>
 *
 * <p><b>Work bound.</b> An input may cost the work of decoding what it declares, which a mutated
 * header can make large (a bigger model, a bigger block). An input whose declared memory or work
 * (multiply-adds per byte times the declared bytes) exceeds a {@link Budget} (a few times its seed's)
 * is decoded only by a reader whose memory limit is just under the declared need: it must refuse
 * with {@link MemoryLimitException} (or another {@code NzipException}) before allocating the model.
 * Every other input is small, so it costs at most a few times its seed.
 *
 * <p>{@link #main}: the long run, see {@code bench/fuzz/run}.
 */
public final class DecoderFuzzer {

    /** Allocation slack: class loading, exceptions, the reader's buffers. */
    static final long SLACK = 8L << 20;
    /** Chunk lengths the reader is read with, in turn (a 1 means a single-byte {@code read()}). */
    private static final int[] CHUNKS = {1, 7, 4099, 13, 1, 333, 64, 1024, 2};

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** How much an input may declare and still be decoded in full. */
    public record Budget(long memory, double work) {
        /** A few times what the seed itself needs. */
        public static Budget of(Seeds.Seed seed) {
            try {
                Container.Header h = Container.readHeader(new ByteArrayInputStream(seed.file()));
                ModelConfig m = ModelConfig.read(h.kind(), h.params(), h.paramsOffset());
                long need = BlockCoder.memoryUsage(m, h.blockSize());
                double work = (double) m.workPerByte() * Math.max(seed.original().length, h.blockSize());
                return new Budget(4 * need + (32L << 20), 4 * work + 64e6);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What happened to one input: {@code result} is "ok" or the exception's simple name; {@code problem} null unless it is a finding. */
    public record Outcome(String result, boolean refused, String problem, Throwable error) {
        boolean finding() {
            return problem != null;
        }
    }

    /**
     * Whether a decode that succeeded accepted coded bytes other than the encoder's: the input has the
     * seed's header fields that shape the model (kind, block size, parameters) and a coded block whose
     * payload differs from the seed's block at the same index. A canonical range coder has exactly one
     * coded form per block, so this is a finding.
     */
    static boolean nonCanonical(byte[] data, Seeds.Seed seed) {
        ContainerMap map = ContainerMap.of(data);
        ContainerMap ref = seed.map();
        if (map.header == null || map.header.blockSize() != ref.header.blockSize() || data[ContainerMap.KIND_AT] != seed.file()[ContainerMap.KIND_AT]
                || !Arrays.equals(data, map.header.paramsAt(), map.header.crcAt(), seed.file(), ref.header.paramsAt(), ref.header.crcAt())) {
            return false;
        }
        for (int i = 0; i < Math.min(map.blocks.size(), ref.blocks.size()); i++) {
            ContainerMap.Block b = map.blocks.get(i);
            ContainerMap.Block r = ref.blocks.get(i);
            if (!b.stored() && !r.stored() && b.end() <= data.length && !Arrays.equals(data, b.payloadAt(), (int) b.end(),
                    seed.file(), r.payloadAt(), (int) r.end())) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.Set<Mutator.Kind> PARTNERED =
            java.util.EnumSet.of(Mutator.Kind.SPLICE, Mutator.Kind.BLOCKS, Mutator.Kind.INSERT, Mutator.Kind.HAVOC);

    /** Accepting a second coded form of a block is a finding: the range coder is canonical. */
    static final boolean CANONICAL = true;

    /** A finding with what made it. */
    public record Finding(String kind, String detail, String problem, Throwable error, byte[] data) {
        /** Exception class and the first frame in org.nzip: what groups findings of one cause. */
        public String signature() {
            String p = problem.replaceAll("[0-9]+", "#");
            if (error == null) {
                return p.length() > 80 ? p.substring(0, 80) : p;
            }
            Throwable t = error;
            while (t.getCause() != null && t instanceof NzipException) {
                t = t.getCause();
            }
            String frame = "";
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getClassName().startsWith("org.nzip") && !e.getClassName().startsWith("org.nzip.fuzz")) {
                    frame = " at " + e.getClassName() + "." + e.getMethodName() + ":" + e.getLineNumber();
                    break;
                }
            }
            return t.getClass().getSimpleName() + frame;
        }

        /** Writes {@code NAME.nz} and {@code NAME.txt} (what made it and the stack trace) into {@code dir}; returns the .nz path. */
        public Path save(Path dir) throws IOException {
            Files.createDirectories(dir);
            String name = "finding-" + HexFormat.of().toHexDigits(Mutator.crc(data, 0, data.length));
            StringWriter w = new StringWriter();
            w.append("kind: ").append(kind).append('\n').append("mutation: ").append(detail).append('\n')
                    .append("problem: ").append(problem).append('\n').append("signature: ").append(signature()).append('\n');
            if (error != null) {
                error.printStackTrace(new PrintWriter(w));
            }
            Files.writeString(dir.resolve(name + ".txt"), w.toString(), StandardCharsets.UTF_8);
            Path nz = dir.resolve(name + ".nz");
            Files.write(nz, data);
            return nz;
        }
    }

    /** Counts per mutation kind. */
    public static final class Stats {
        final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

        void add(String kind, String what) {
            counts.computeIfAbsent(kind + "\t" + what, k -> new AtomicLong()).incrementAndGet();
        }

        long get(String kind, String what) {
            AtomicLong a = counts.get(kind + "\t" + what);
            return a == null ? 0 : a.get();
        }

        /** A table: one row per kind; inputs, ok, refused (over budget), each result, findings. */
        public String table() {
            Map<String, Map<String, Long>> rows = new TreeMap<>();
            java.util.Set<String> columns = new java.util.TreeSet<>();
            counts.forEach((k, v) -> {
                String[] kv = k.split("\t");
                rows.computeIfAbsent(kv[0], x -> new TreeMap<>()).put(kv[1], v.get());
                columns.add(kv[1]);
            });
            List<String> cols = new ArrayList<>(List.of("inputs", "ok", "refused", "findings"));
            for (String c : columns) {
                if (!cols.contains(c)) {
                    cols.add(c);
                }
            }
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-13s", "kind"));
            for (String c : cols) {
                sb.append(String.format(Locale.ROOT, " %14s", c.length() > 14 ? c.substring(0, 14) : c));
            }
            sb.append('\n');
            rows.forEach((kind, row) -> {
                sb.append(String.format(Locale.ROOT, "%-13s", kind));
                for (String c : cols) {
                    sb.append(String.format(Locale.ROOT, " %14d", row.getOrDefault(c, 0L)));
                }
                sb.append('\n');
            });
            return sb.toString();
        }
    }

    private DecoderFuzzer() {}

    // ---- the oracle ----

    /**
     * Checks one input. {@code acceptable}: the outputs a successful decode may return (empty: none,
     * the input must fail); {@code budget}: null to decode whatever it declares.
     */
    public static Outcome check(byte[] data, List<byte[]> acceptable, Budget budget) {
        return check(data, acceptable, budget, true);
    }

    /**
     * As {@link #check(byte[], List, Budget)}; {@code decompressAll} false skips {@link Nzip#decompress}
     * for an input the reader failed on (it then runs the same decoder over the same bytes again, so
     * the long run may sample it to save time), but never for one the reader decoded.
     */
    public static Outcome check(byte[] data, List<byte[]> acceptable, Budget budget, boolean decompressAll) {
        ContainerMap map = ContainerMap.of(data);
        long declared = map.declaredRaw();

        // Nzip.inspect: reads the structure only.
        try {
            Nzip.inspect(new ByteArrayInputStream(data));
        } catch (Throwable t) {
            String p = family("inspect", t, data);
            if (p != null) {
                return new Outcome("inspect", false, p, t);
            }
        }

        // The model the header declares, and whether the input is within the budget.
        ModelConfig model = null;
        Container.Header header = null;
        try {
            header = Container.readHeader(new ByteArrayInputStream(data));
            model = ModelConfig.read(header.kind(), header.params(), header.paramsOffset());
        } catch (FormatException e) {
            // the decoder must refuse it too
        } catch (IOException | RuntimeException e) {
            return new Outcome("header", false, "reading the header threw " + e, e);
        }
        long limit = -1;
        if (model != null && budget != null && !map.blocks.isEmpty()) {
            int first = (int) Math.max(1, Math.min(map.blocks.get(0).rawLength(), header.blockSize()));
            long need = BlockCoder.memoryUsage(model, first);
            double work = (double) model.workPerByte() * declared;
            if ((need > budget.memory() || work > budget.work()) && need - 1 >= 1 << 20) {
                limit = need - 1;
            }
        }

        // The reader, in odd chunks, on one thread so that every allocation is counted.
        Read s = read(data, limit, declared);
        String p = s.error != null ? family("reader", s.error, data) : null;
        if (p != null) {
            return new Outcome("reader", limit > 0, p, s.error);
        }
        if (s.problem != null) {
            return new Outcome("reader", limit > 0, s.problem, s.error);
        }
        if (s.maxProgress > declared) {
            return new Outcome("reader", limit > 0, "progress reported " + s.maxProgress + " bytes; the blocks declare " + declared, null);
        }
        long allowed = SLACK + 4L * s.output.length + 2L * data.length;
        if (model != null && limit < 0) { // each segment builds its model afresh
            allowed += 2 * BlockCoder.memoryUsage(model, header.blockSize()) * segments(map);
        }
        if (s.allocated > allowed) {
            return new Outcome("reader", limit > 0, "allocated " + s.allocated + " bytes, more than the "
                    + allowed + " the stream declares" + (limit > 0 ? " (refused for its memory limit)" : ""), s.error);
        }
        if (s.error == null) {
            if (!contains(acceptable, s.output) && !explicit(map)) {
                return new Outcome("reader", limit > 0, "decoded " + s.output.length + " bytes that are not the original", null);
            }
            if (!map.complete() || map.end.length() != s.output.length || declared != s.output.length) {
                return new Outcome("reader", limit > 0, "decoded, but the file's map disagrees: " + map.stop, null);
            }
        } else {
            String d = checkDelivered(map, s.output);
            if (d != null) {
                return new Outcome("reader", limit > 0, d, s.error);
            }
        }
        if (limit > 0) {
            return new Outcome(s.error == null ? "ok" : s.error.getClass().getSimpleName(), true, null, s.error);
        }

        // Nzip.decompress must agree with the reader.
        if (s.error != null && !decompressAll) {
            return new Outcome(s.error.getClass().getSimpleName(), false, null, s.error);
        }
        byte[] out = null;
        Throwable error = null;
        try {
            out = Nzip.decompress(data);
        } catch (Throwable t) {
            error = t;
        }
        if (error != null && (p = family("decompress", error, data)) != null) {
            return new Outcome("decompress", false, p, error);
        }
        if (s.error == null) {
            if (s.rest == 0 && (error != null || !Arrays.equals(out, s.output))) {
                return new Outcome("decompress", false, "the reader decoded the stream but decompress "
                        + (error != null ? "threw " + error : "returned other bytes"), error);
            }
            if (s.rest > 0) {
                // decompress reads concatenations: zero padding is skipped, anything else must be
                // another stream (its data follows the reader's) or is refused as corrupt.
                boolean padding = true;
                for (int i = data.length - s.rest; i < data.length; i++) {
                    padding &= data[i] == 0;
                }
                if (padding && (error != null || !Arrays.equals(out, s.output))) {
                    return new Outcome("decompress", false, "zero padding not skipped: "
                            + (error != null ? "threw " + error : "returned other bytes"), error);
                }
                if (!padding && error == null && (out.length < s.output.length
                        || !Arrays.equals(out, 0, s.output.length, s.output, 0, s.output.length))) {
                    return new Outcome("decompress", false, "a concatenation does not start with the first stream's data", null);
                }
                if (!padding && error != null && !(error instanceof CorruptInputException
                        || error instanceof org.nzip.UnsupportedFormatException || error instanceof org.nzip.MemoryLimitException)) {
                    return new Outcome("decompress", false, "trailing bytes refused as " + error, error);
                }
            }
        } else if (error == null || error.getClass() != s.error.getClass()) {
            return new Outcome("decompress", false, "the reader threw " + s.error + " but decompress "
                    + (error == null ? "returned " + out.length + " bytes" : "threw " + error), error);
        }
        String o = openAt(data, acceptable);
        if (o != null) {
            return new Outcome("openAt", false, o, null);
        }
        return new Outcome(error == null ? "ok" : error.getClass().getSimpleName(), false, null, error);
    }

    /**
     * For an input that ends with a segment index: {@link SegmentIndex#readFromEnd} refuses it with a
     * {@link FormatException} or returns an index, and {@link NzipInputStream#openAt} from the middle
     * of the data it declares then either fails with an {@code NzipException} of the right family or
     * returns exactly the tail of an allowed output. Null if so, else what is wrong. (Bytes handed out
     * before a failure are not checked here: a rewritten index with a valid CRC places them where it
     * says, docs/FORMAT.md, "Segment index".)
     */
    static String openAt(byte[] data, List<byte[]> acceptable) {
        if (data.length < 4 || !Arrays.equals(data, data.length - 4, data.length, SegmentIndex.MAGIC, 0, 4)) {
            return null;
        }
        MemoryChannel ch = new MemoryChannel(data);
        SegmentIndex index;
        try {
            index = SegmentIndex.readFromEnd(ch, data.length);
        } catch (FormatException e) {
            return null; // refused
        } catch (Throwable t) {
            return "readFromEnd threw " + t;
        }
        long offset = index.rawLength() / 2;
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (NzipInputStream in = NzipInputStream.openAt(ch, offset, new NzipOptions().threads(1))) {
            in.transferTo(got);
        } catch (Throwable t) {
            return family("openAt", t, data);
        }
        byte[] tail = got.toByteArray();
        for (byte[] a : acceptable) {
            if (a.length == index.rawLength() && Arrays.equals(tail, 0, tail.length, a, (int) offset, a.length)) {
                return null;
            }
        }
        return explicit(ContainerMap.of(data)) ? null
                : "openAt from " + offset + " decoded " + tail.length + " bytes that are not the tail of an allowed output";
    }

    /** What the reader did. {@code rest}: input bytes it left unread after a successful decode. */
    private record Read(byte[] output, Throwable error, String problem, long allocated, long maxProgress, int rest) {}

    private static Read read(byte[] data, long limit, long declared) {
        long[] maxProgress = {0};
        NzipOptions options = new NzipOptions().threads(1).progressListener((u, c) -> maxProgress[0] = Math.max(maxProgress[0], u));
        if (limit > 0) {
            options.memoryLimit(limit);
        }
        ByteArrayInputStream source = new ByteArrayInputStream(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4099];
        Throwable error = null;
        String problem = null;
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try (NzipInputStream in = new NzipInputStream(source, options)) {
            try {
                for (int k = data.length; ; k++) {
                    int want = CHUNKS[k % CHUNKS.length];
                    int n;
                    if (want == 1) {
                        int b = in.read();
                        n = b < 0 ? -1 : 1;
                        buf[0] = (byte) b;
                    } else {
                        n = in.read(buf, 0, want);
                    }
                    if (n < 0) {
                        break;
                    }
                    out.write(buf, 0, n);
                    if (out.size() > declared) {
                        problem = "the reader returned more bytes than the blocks declare (" + declared + ")";
                        break;
                    }
                }
            } catch (Throwable t) {
                error = t;
                try { // a failed reader stays failed
                    in.read();
                    problem = "the reader returned data after failing with " + t;
                } catch (Throwable again) {
                    if (again.getClass() != t.getClass()) {
                        problem = "the reader failed with " + t + ", then with " + again;
                    }
                }
            }
        } catch (Throwable t) {
            if (error == null) {
                error = t;
            }
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        return new Read(out.toByteArray(), error, problem, allocated, maxProgress[0], source.available());
    }

    /** The segments the mapped blocks start (1 for a stream without segments, or without blocks). */
    static long segments(ContainerMap map) {
        if (map.header == null || !map.header.segmented() || map.blocks.isEmpty()) {
            return 1;
        }
        return (map.blocks.size() + map.header.segmentBlocks() - 1) / map.header.segmentBlocks();
    }

    /** Null if {@code t} is of the right family for {@code data}, else what is wrong. */
    static String family(String who, Throwable t, byte[] data) {
        boolean magic = data.length > 0;
        for (int i = 0; i < Math.min(4, data.length); i++) {
            magic &= data[i] == Container.MAGIC[i];
        }
        if (!(t instanceof NzipException)) {
            return who + " threw " + t.getClass().getName() + " (not an NzipException): " + t.getMessage();
        }
        if (!(t instanceof CorruptInputException || t instanceof UnsupportedFormatException
                || t instanceof NzipFormatException || t instanceof MemoryLimitException)) {
            return who + " threw a bare NzipException (an internal error): " + t.getMessage()
                    + (t.getCause() != null ? " caused by " + t.getCause() : "");
        }
        if (t.getMessage() == null || t.getMessage().isBlank()) {
            return who + " threw " + t.getClass().getSimpleName() + " without a message";
        }
        if (magic == t instanceof NzipFormatException) {
            return who + " threw " + t.getClass().getSimpleName() + " for input that "
                    + (magic ? "starts with" : "does not start with") + " the magic bytes: " + t.getMessage();
        }
        if (t instanceof CorruptInputException c && (c.offset() < 0 || c.offset() > data.length)) {
            return who + " reported corruption at offset " + c.offset() + " of a " + data.length + "-byte input";
        }
        return null;
    }

    /** Null if {@code delivered} is whole blocks, each matching the raw CRC its header declares. */
    static String checkDelivered(ContainerMap map, byte[] delivered) {
        int at = 0;
        for (ContainerMap.Block b : map.blocks) {
            if (at == delivered.length) {
                return null;
            }
            if (at + b.rawLength() > delivered.length) {
                break;
            }
            int crc = Mutator.crcOf(map.data, b.rawCrcAt());
            if (Mutator.crc(delivered, at, (int) b.rawLength()) != crc) {
                return "the reader returned bytes of block " + b.index() + " that do not match its raw CRC";
            }
            at += (int) b.rawLength();
        }
        return at == delivered.length ? null
                : "the reader returned " + delivered.length + " bytes before failing, not whole blocks of the file";
    }

    /**
     * Whether the stream states its content outright: no coded block before its end record (an empty
     * stream, or stored blocks only, each checked by its raw CRC, all by the end record). Such a stream
     * is valid whatever made it; a splice or an insert can make one (six zero bytes after a header are
     * an empty stream), so its content is a legitimate output.
     */
    static boolean explicit(ContainerMap map) {
        if (!map.complete()) {
            return false;
        }
        for (ContainerMap.Block b : map.blocks) {
            if (!b.stored()) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(List<byte[]> list, byte[] x) {
        for (byte[] a : list) {
            if (Arrays.equals(a, x)) {
                return true;
            }
        }
        return false;
    }

    // ---- runs ----

    /**
     * Weights of the seed models in a run (per mille): mostly the cheap ones. A decoded input costs
     * about 4 ms with {@code cm}'s seeds, 8 ms with {@code fast}'s, 14 ms with the tiny model's, 0.1 s
     * with {@code default}'s and 0.5 s with {@code max}'s (one thread, two decodes per input).
     */
    public static final Map<String, Integer> SHARES = shares("cm=700,fast=160,tiny=125,default=12,max=3");

    static Map<String, Integer> shares(String spec) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.split("=");
            m.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
        }
        return m;
    }

    /** What a run did. */
    public record Report(long inputs, Stats stats, List<Finding> findings, Map<String, Long> perModel, double seconds) {}

    /** Hears about a run as it goes; called from the worker threads. */
    public interface Listener {
        /** The run starts; {@code stats} fills as it goes. */
        default void begin(Stats stats) {}

        /** Worker {@code worker} starts input {@code index}. */
        default void started(int worker, long index, Mutator.Mutant mutant) {}

        /** {@code done} inputs are checked. */
        default void finished(long done) {}

        default void finding(Finding finding) {}
    }

    /**
     * Runs {@code count} inputs from {@code seed} on {@code threads} worker threads. Input {@code i} is
     * made by its own random generator, so any one can be remade and the inputs do not depend on the
     * thread count.
     */
    public static Report run(long count, long seed, Map<String, Integer> shares, int threads, Listener listener) {
        return run(count, seed, shares, threads, 100, listener);
    }

    /**
     * As {@link #run(long, long, Map, int, Listener)}; {@code decompressPercent}: the share of the inputs
     * the reader fails on that {@link Nzip#decompress} decodes again (chosen by input index).
     */
    public static Report run(long count, long seed, Map<String, Integer> shares, int threads, int decompressPercent,
                             Listener listener) {
        Map<String, List<Seeds.Seed>> seeds = new LinkedHashMap<>();
        Map<String, Budget> budgets = new LinkedHashMap<>();
        List<String> pool = new ArrayList<>(); // one entry per unit of weight
        for (Map.Entry<String, Integer> e : shares.entrySet()) {
            if (e.getValue() > 0) {
                List<Seeds.Seed> list = Seeds.of(e.getKey());
                seeds.put(e.getKey(), list);
                for (Seeds.Seed s : list) {
                    budgets.put(s.name(), Budget.of(s));
                }
                for (int i = 0; i < e.getValue(); i++) {
                    pool.add(e.getKey());
                }
            }
        }
        List<Seeds.Seed> all = seeds.values().stream().flatMap(List::stream).toList();
        Stats stats = new Stats();
        listener.begin(stats);
        List<Finding> findings = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> perModel = new ConcurrentHashMap<>();
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int worker = w;
            workers.add(Thread.ofPlatform().name("fuzz-" + w).start(() -> {
                for (long i = worker; i < count; i += threads) {
                    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
                    String model = pool.get(r.nextInt(pool.size()));
                    List<Seeds.Seed> list = seeds.get(model);
                    Seeds.Seed a = list.get(r.nextInt(list.size()));
                    Seeds.Seed b = r.nextInt(4) == 0 ? all.get(r.nextInt(all.size())) : list.get(r.nextInt(list.size()));
                    Mutator.Mutant m = new Mutator(r).mutate(a, b);
                    listener.started(worker, i, m);
                    Outcome o;
                    try {
                        o = check(m.data(), m.acceptable(), budgets.get(a.name()), Math.floorMod(i * 37, 100) < decompressPercent);
                        // Only mutations of the seed alone: a splice, graft or insert can make another valid stream.
                        if (o.result().equals("ok") && !o.refused() && !PARTNERED.contains(m.kind()) && nonCanonical(m.data(), a)) {
                            o = CANONICAL ? new Outcome("ok", false, "a second coded form of a block decoded (the coder is not canonical)", null)
                                    : new Outcome("noncanonical", false, null, null);
                        }
                    } catch (Throwable t) { // the harness's own failure: a finding too, to look at
                        o = new Outcome("harness", false, "the oracle threw " + t, t);
                    }
                    String kind = m.kind().name();
                    perModel.merge(model, 1L, Long::sum);
                    stats.add(kind, "inputs");
                    stats.add(kind, o.result());
                    if (o.refused()) {
                        stats.add(kind, "refused");
                    }
                    if (o.finding()) {
                        stats.add(kind, "findings");
                        Finding f = new Finding(kind, "input " + i + " of seed " + seed + ", " + m.detail(), o.problem(), o.error(), m.data());
                        findings.add(f);
                        listener.finding(f);
                    }
                    listener.finished(done.incrementAndGet());
                }
            }));
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return new Report(count, stats, List.copyOf(findings), new TreeMap<>(perModel), (System.nanoTime() - start) / 1e9);
    }

    /** Replays a saved input: it must fail with an NzipException subclass, or decode to {@code expected} if given. */
    public static Outcome replay(byte[] data, byte[] expected) {
        return check(data, expected == null ? List.of() : List.of(expected), null);
    }

    /**
     * {@code --replay FILE...}: checks saved inputs (a finding, or one the watchdog reported) as
     * {@code DecoderFuzzTest} replays them, printing the outcome and the time each took. Exit code 1
     * if any is still a finding.
     */
    private static void replayFiles(String[] files) throws IOException {
        boolean ok = true;
        for (String f : files) {
            Path p = Path.of(f);
            Path expected = Path.of(f.replaceAll("\\.nz$", ".out"));
            byte[] out = Files.isRegularFile(expected) && !expected.equals(p) ? Files.readAllBytes(expected) : null;
            long t = System.nanoTime();
            Outcome o = replay(Files.readAllBytes(p), out);
            System.out.printf(Locale.ROOT, "%s: %s in %.0f ms%s%n", p, o.result(), (System.nanoTime() - t) / 1e6,
                    o.problem() == null ? "" : ": FINDING: " + o.problem());
            ok &= o.problem() == null;
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * The long run: {@code DecoderFuzzer [COUNT] [SEED] [--shares cm=700,fast=160,...] [--threads N]
     * [--out DIR] [--watchdog SECONDS]}. Prints progress, inputs per second, per-kind counts and the
     * findings, saving each finding (at most five per signature) into DIR (target/fuzz/findings). An
     * input that runs longer than the watchdog's limit is reported and saved (into DIR/../slow), never
     * stopped. Exit code 1 if there were findings.
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--replay")) {
            replayFiles(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        long count = 1_000_000;
        long seed = 1;
        int threads = 1;
        int decompress = 100;
        String shareSpec = null;
        Path out = Path.of("target/fuzz/findings");
        long watchdog = 120;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--shares" -> shareSpec = args[++i];
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--decompress" -> decompress = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--watchdog" -> watchdog = Long.parseLong(args[++i]);
                default -> positional.add(args[i]);
            }
        }
        if (!positional.isEmpty()) {
            count = Long.parseLong(positional.get(0).replace("_", ""));
        }
        if (positional.size() > 1) {
            seed = Long.parseLong(positional.get(1));
        }
        Map<String, Integer> shares = shareSpec == null ? SHARES : shares(shareSpec);
        long total = count;
        Path findingsDir = out;
        Path slowDir = out.toAbsolutePath().resolveSibling("slow");
        System.out.printf(Locale.ROOT, "fuzz: %,d inputs from seed %d on %d thread(s), seed model weights %s,"
                + " decompress also on %d%% of the inputs the reader fails on, findings to %s%n",
                count, seed, threads, shares, decompress, findingsDir);

        // The watchdog reports (never stops) an input that takes longer than the limit, and saves it.
        long[] startNanos = new long[threads];
        long[] index = new long[threads];
        byte[][] data = new byte[threads][];
        Arrays.fill(index, -1);
        long limitNanos = watchdog * 1_000_000_000L;
        Thread dog = Thread.ofPlatform().daemon().start(() -> {
            long[] reported = new long[startNanos.length];
            Arrays.fill(reported, -1);
            while (true) {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                }
                for (int w = 0; w < startNanos.length; w++) {
                    long s;
                    long i;
                    byte[] d;
                    synchronized (index) {
                        s = startNanos[w];
                        i = index[w];
                        d = data[w];
                    }
                    if (i >= 0 && i != reported[w] && System.nanoTime() - s > limitNanos) {
                        reported[w] = i;
                        String saved;
                        try {
                            Files.createDirectories(slowDir);
                            Path p = slowDir.resolve("slow-input-" + i + ".nz");
                            Files.write(p, d);
                            saved = "saved as " + p;
                        } catch (IOException e) {
                            saved = "not saved: " + e;
                        }
                        System.out.printf(Locale.ROOT, "fuzz: WATCHDOG: input %d has run for more than %d s (%s)%n",
                                i, limitNanos / 1_000_000_000L, saved);
                    }
                }
            }
        });
        Map<String, Integer> perSignature = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        AtomicLong lastPrint = new AtomicLong(t0);
        AtomicLong findingCount = new AtomicLong();
        AtomicLong lastTable = new AtomicLong(t0);
        Stats[] live = {null};
        Report report = run(total, seed, shares, threads, decompress, new Listener() {
            @Override
            public void begin(Stats stats) {
                live[0] = stats;
            }

            @Override
            public void started(int worker, long i, Mutator.Mutant mutant) {
                synchronized (index) {
                    startNanos[worker] = System.nanoTime();
                    index[worker] = i;
                    data[worker] = mutant.data();
                }
            }

            @Override
            public void finished(long done) {
                long now = System.nanoTime();
                long last = lastPrint.get();
                if ((now - last > 30_000_000_000L && lastPrint.compareAndSet(last, now)) || done == total) {
                    double s = (now - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "fuzz: %,d inputs, %.0f s, %.1f inputs/s, %d findings%n",
                            done, s, done / s, findingCount.get());
                    long lt = lastTable.get();
                    if (now - lt > 600_000_000_000L && lastTable.compareAndSet(lt, now) && live[0] != null) {
                        System.out.print(live[0].table()); // every 10 minutes, so a cut run still says what it did
                    }
                }
            }

            @Override
            public synchronized void finding(Finding f) {
                findingCount.incrementAndGet();
                int n = perSignature.merge(f.signature(), 1, Integer::sum);
                String where = "";
                if (n <= 5) {
                    try {
                        where = " -> " + f.save(findingsDir);
                    } catch (IOException e) {
                        where = " (not saved: " + e + ")";
                    }
                }
                System.out.printf(Locale.ROOT, "fuzz: FINDING [%s] %s: %s%s%n", f.kind(), f.detail(), f.problem(), where);
            }
        });
        dog.interrupt();
        System.out.printf(Locale.ROOT, "%nfuzz: %,d inputs in %.0f s (%.1f inputs/s), %d findings in %d signatures%n",
                report.inputs(), report.seconds(), report.inputs() / report.seconds(), report.findings().size(), perSignature.size());
        System.out.println("fuzz: inputs per seed model: " + report.perModel());
        System.out.println("fuzz: per mutation kind (ok: decoded to an allowed output; refused: over the work budget,"
                + " decoded under a memory limit just below its need; other columns: the exception thrown):");
        System.out.print(report.stats().table());
        perSignature.forEach((sig, n) -> System.out.printf(Locale.ROOT, "fuzz: %6d x %s%n", n, sig));
        if (!report.findings().isEmpty()) {
            System.out.println("fuzz: findings saved in " + findingsDir.toAbsolutePath()
                    + "; to keep one as a regression test (DecoderFuzzTest replays them), copy its .nz and .txt"
                    + " files into src/test/resources/fuzz/regressions/");
        }
        System.exit(report.findings().isEmpty() ? 0 : 1);
    }
}
