package org.nzip.bench.enwik;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds enwik8: a verified copy in the cache, else a download of enwik8.zip (checked against the
 * published SHA-256 and cached), else the enwik8 prefix in the shared corpus folder.
 */
final class Enwik8 {

    static final String URL = "http://mattmahoney.net/dc/enwik8.zip";
    static final String SHA256 = "2b49720ec4d78c3c9fabaee6e4179a5e997302b3a70029f30f2d582218c024a8";
    static final long SIZE = 100_000_000L;
    static final String FALLBACK_DIR = "corpus/enwik8";
    static final String FALLBACK_NAME = "enwik8-prefix-4154399";

    /** The file to benchmark and a sentence saying where it came from. */
    record Found(Path file, String source) {}

    /** Thrown when neither the download nor the fallback is available; the message is for the user. */
    static final class NotAvailableException extends Exception {
        private static final long serialVersionUID = 1L;

        NotAvailableException(String message) {
            super(message);
        }
    }

    private Enwik8() {}

    static Found find(Path cacheDir, Path shared, boolean offline, Consumer<String> say) throws NotAvailableException {
        Path cached = cacheDir.resolve("enwik8");
        if (Files.isRegularFile(cached)) {
            try {
                if (Files.size(cached) == SIZE && SHA256.equals(Hashes.sha256(cached))) {
                    say.accept("enwik8: using the cached copy " + cached + " (SHA-256 verified)");
                    return new Found(cached, "enwik8 (100,000,000 bytes), cached copy, SHA-256 verified");
                }
                say.accept("enwik8: the cached copy " + cached + " has the wrong SHA-256; ignoring it");
            } catch (IOException e) {
                say.accept("enwik8: cannot read the cached copy " + cached + ": " + e.getMessage());
            }
        }
        String why;
        if (offline) {
            why = "--offline given";
        } else {
            say.accept("enwik8: downloading " + URL + " (10 s connect timeout) ...");
            try {
                download(cacheDir, cached, say);
                return new Found(cached, "enwik8 (100,000,000 bytes), downloaded from " + URL + ", SHA-256 verified");
            } catch (IOException e) {
                why = "download failed: " + describe(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                why = "download interrupted";
            }
        }
        Path fallback = shared.resolve(FALLBACK_DIR).resolve(FALLBACK_NAME);
        if (Files.isRegularFile(fallback)) {
            String check = checkAgainstSums(shared.resolve("corpus/SHA256SUMS"), fallback);
            say.accept("enwik8: not available (" + why + "); falling back to " + fallback + " " + check);
            return new Found(fallback, "NOT the full enwik8: enwik8 was not available (" + why + "), so its first "
                    + String.format("%,d", sizeOr(fallback)) + " bytes from the shared corpus were used ("
                    + FALLBACK_DIR + "/" + FALLBACK_NAME + "; " + check.replaceAll("^\\(|\\)$", "") + ")");
        }
        throw new NotAvailableException("enwik8 is not available: " + why + ", no cached copy in " + cacheDir
                + ", and no fallback " + fallback + ".\n"
                + "  Connect to the network, put a verified enwik8 into " + cacheDir + "/, point --shared at a folder"
                + " holding " + FALLBACK_DIR + "/" + FALLBACK_NAME + ", or benchmark other files with --input FILE.");
    }

    private static long sizeOr(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    /** "SHA-256 matches SHA256SUMS", or why it could not be checked. */
    static String checkAgainstSums(Path sums, Path file) {
        try {
            if (!Files.isRegularFile(sums)) {
                return "(not checked: no " + sums.getFileName() + ")";
            }
            String name = file.getFileName().toString();
            List<String> lines = Files.readAllLines(sums);
            for (String line : lines) {
                String[] parts = line.trim().split("\\s+\\*?", 2);
                if (parts.length == 2 && (parts[1].equals(name) || parts[1].endsWith("/" + name))) {
                    return parts[0].equalsIgnoreCase(Hashes.sha256(file))
                            ? "(SHA-256 matches corpus/SHA256SUMS)"
                            : "(WARNING: SHA-256 differs from corpus/SHA256SUMS)";
                }
            }
            return "(not checked: not listed in " + sums.getFileName() + ")";
        } catch (IOException e) {
            return "(not checked: " + e.getMessage() + ")";
        }
    }

    private static void download(Path cacheDir, Path target, Consumer<String> say) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(URL)).timeout(Duration.ofMinutes(30)).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("HTTP " + response.statusCode());
        }
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, "enwik8", ".part");
        try {
            boolean found = false;
            try (ZipInputStream zip = new ZipInputStream(response.body())) {
                ZipEntry e;
                while ((e = zip.getNextEntry()) != null) {
                    if (e.getName().equals("enwik8")) {
                        try (OutputStream out = Files.newOutputStream(tmp)) {
                            zip.transferTo(out);
                        }
                        found = true;
                        break;
                    }
                }
            }
            if (!found) {
                throw new IOException("enwik8.zip holds no entry 'enwik8'");
            }
            String sha = Hashes.sha256(tmp);
            if (!SHA256.equals(sha)) {
                throw new IOException("downloaded enwik8 has SHA-256 " + sha + ", expected " + SHA256);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            say.accept("enwik8: downloaded, SHA-256 verified, cached as " + target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank() && !t.getMessage().startsWith("java.")) {
                sb.append(": ").append(t.getMessage());
                break;
            }
        }
        if (sb.indexOf(":") < 0 && e instanceof java.net.ConnectException) {
            sb.append(" (no route to mattmahoney.net: offline?)");
        }
        return sb.toString();
    }
}
