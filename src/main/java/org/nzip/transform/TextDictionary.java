package org.nzip.transform;

import java.util.Locale;

/**
 * Where the text transform's word dictionary comes from ({@code --dictionary}). The decoder needs
 * no choice: the stream's header names the shipped dictionary it used, if any.
 */
public enum TextDictionary {
    /**
     * The English word list shipped in the jar (the default): 88,961 words, whose codes cost the
     * stream nothing to define. Smaller text (alice29 −6 % with {@code cm}, against −0.3 % for
     * {@link #FILE}), at the price of knowledge the file did not pay for: a reader needs the same list,
     * which the header names by {@link #id()}.
     */
    ENGLISH(1),
    /** The 128 most frequent words of the first block, each defined where it first occurs: needs nothing but the stream. */
    FILE(0);

    private final int id;

    TextDictionary(int id) {
        this.id = id;
    }

    /** The header's dictionary id: 0 for a dictionary built from the stream. */
    public int id() {
        return id;
    }

    /** The name used on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The shipped dictionary with this header id, or null if this nzip has none of that id (or {@code id} is 0). */
    public static TextDictionary ofId(int id) {
        return id == ENGLISH.id ? ENGLISH : null;
    }

    /** The dictionary with this name (case-insensitive), or an exception listing the valid names. */
    public static TextDictionary of(String name) {
        for (TextDictionary d : values()) {
            if (d.label().equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dictionary '" + name + "' (valid: english, file)");
    }
}
