package org.nzip.transform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Tuning tool (not a test): writes the model bytes the text transform makes of a whole file, with the
 * shipped English dictionary, as one block — the stream the context models see, for
 * {@code org.nzip.mix.AblationExperiment} and for running a peer on the same bytes.
 *
 * <pre>
 * java -cp target/classes:target/test-classes org.nzip.transform.TransformFile IN OUT
 * </pre>
 */
public final class TransformFile {

    private TransformFile() {}

    public static void main(String[] a) throws Exception {
        if (a.length != 2) {
            System.err.println("usage: TransformFile IN OUT");
            System.exit(2);
        }
        byte[] data = Files.readAllBytes(Path.of(a[0]));
        TransformEncoder encoder = new TransformEncoder(TransformMode.TEXT, TextDictionary.ENGLISH);
        int n = encoder.apply(data, data.length);
        if (n < 0) {
            System.err.println(a[0] + ": the transform does not apply");
            System.exit(1);
        }
        Files.write(Path.of(a[1]), Arrays.copyOf(encoder.output(), n));
        System.out.println(a[0] + ": " + data.length + " -> " + n + " bytes");
    }
}
