package org.nzip.mix;

/**
 * What each stream has coded so far, as the contexts need it: its last twelve bytes (three ints,
 * newest byte lowest); hashes of its current word and the two words before (a word is a run of
 * letters, case folded, or bytes ≥ 128); its last 64 KiB, for the column and the byte above in the
 * line before; the character classes of its last ten bytes, its open brackets and quotes and the
 * words finished since the innermost of them changed, its place in the sentence, the bytes between
 * its words, its line's first word and the word before the line's last '=' or ':'. Shared by the
 * streams: the two bytes that last followed each byte and each pair of bytes (indirect contexts).
 * Set at the end of each of the stream's bytes; positions count modulo 2^32, which only the
 * differences between them (within a line, within the window) rely on.
 */
final class History {

    private final int[] last4;
    private final int[] before4;
    private final int[] older4;
    private final int[] word;
    private final int[] previousWord;
    private final int[] wordBefore;
    private final int[] word3;
    private final int[] lastPunct;
    private final int[] sentenceFirst;
    // Text: the line so far and the line above, character classes, brackets, sentence position.
    private static final int WINDOW_BITS = 16;
    private static final int WINDOW = 1 << WINDOW_BITS;
    private final byte[] window; // each stream's last 64 KiB, at s·WINDOW
    private final int[] position;
    private final int[] lineStart;
    private final int[] lineAbove;
    private final int[] classes;
    private final int[] brackets;
    private final int[] wordsInSentence;
    private final int[] lastWordLength;
    private final int[] wordLength;
    private final int[] lineFirst;
    private final int[] nestWords;
    private final int[] gap; // the hash of the bytes between the last word and the current one (or the next)
    private final int[] gapNow; // the same being written (0 inside a word)
    private final int[] keyword; // the word before the line's last '=' or ':'
    private final int[] lineWord; // the line's first word
    // Shared by the streams: the two bytes that last followed each byte and each pair of bytes.
    private final int[] after1 = new int[1 << 8];
    private final int[] after2 = new int[1 << 16];
    /** The word that last followed each word (by the top bits of its hash). */
    private final int[] afterWord = new int[1 << 16];

    History(int streams) {
        last4 = new int[streams];
        before4 = new int[streams];
        older4 = new int[streams];
        word = new int[streams];
        previousWord = new int[streams];
        wordBefore = new int[streams];
        word3 = new int[streams];
        lastPunct = new int[streams];
        sentenceFirst = new int[streams];
        window = new byte[streams * WINDOW];
        position = new int[streams];
        lineStart = new int[streams];
        lineAbove = new int[streams];
        classes = new int[streams];
        brackets = new int[streams];
        wordsInSentence = new int[streams];
        lastWordLength = new int[streams];
        wordLength = new int[streams];
        lineFirst = new int[streams];
        nestWords = new int[streams];
        gap = new int[streams];
        gapNow = new int[streams];
        keyword = new int[streams];
        lineWord = new int[streams];
    }

    /** Ints held for {@code streams} streams. */
    static long ints(int streams) {
        return 24L * streams + streams * (long) WINDOW / 4 + (1 << 8) + 2 * (1 << 16);
    }

    /** Bytes 1–4 back of stream {@code s}, the newest lowest. */
    int last4(int s) {
        return last4[s];
    }

    /** The last byte of stream {@code s}. */
    int lastByte(int s) {
        return last4[s] & 0xFF;
    }

    /** Bytes 5–8 back. */
    int before4(int s) {
        return before4[s];
    }

    /** Bytes 9–12 back. */
    int older4(int s) {
        return older4[s];
    }

    /** The first two bytes of the current line (the first lowest; 0 where the line is shorter). */
    int lineFirst(int s) {
        return lineFirst[s];
    }

    /** The hash of the word that followed the last finished word when it was seen before (0: none). */
    int wordAfterPrevious(int s) {
        return afterWord[previousWord[s] >>> 16];
    }

    /** The hash of the word three back (before {@link #wordBefore}). */
    int word3(int s) {
        return word3[s];
    }

    /**
     * The last punctuation mark, symbol or control byte (a byte below 128 other than a letter, a digit,
     * a space or a line break; the text transform's escapes are control bytes).
     */
    int lastPunctuation(int s) {
        return lastPunct[s];
    }

    /** The hash of the current sentence's first word (once it is finished). */
    int sentenceStart(int s) {
        return sentenceFirst[s];
    }

    /** The hash of the word being written, 0 between words. */
    int word(int s) {
        return word[s];
    }

    /** The hash of the last finished word. */
    int previousWord(int s) {
        return previousWord[s];
    }

    /** The hash of the word before that. */
    int wordBefore(int s) {
        return wordBefore[s];
    }

    private int matchContext;

    /** Tells the contexts of the next byte what the match model expects: its byte and length, or a negative byte for none. */
    void setMatch(int expectedByte, int length) {
        matchContext = expectedByte < 0 ? 0 : (expectedByte + 1) << 4 | Math.min(15, length >> 1);
    }

    /** The match model's expected byte (plus one, 0 for none) and a length bucket, as set by {@link #setMatch}. */
    int matchContext() {
        return matchContext;
    }

    /** Bytes since the last line feed (capped at 255). */
    int column(int s) {
        return Math.min(255, position[s] - lineStart[s]);
    }

    /** The byte above the next one in the line before (0 if that line is shorter). */
    int above(int s) {
        int col = position[s] - lineStart[s];
        int at = lineAbove[s] + col;
        if (col >= WINDOW || at >= lineStart[s] || position[s] - at >= WINDOW) {
            return 0;
        }
        return window[s * WINDOW + (at & (WINDOW - 1))] & 0xFF;
    }

    /** Character classes of the last ten bytes, three bits each, the newest lowest. */
    int classes(int s) {
        return classes[s];
    }

    /** The innermost open brackets and quotes (up to four, a byte each, the innermost lowest). */
    int brackets(int s) {
        return brackets[s];
    }

    /** Words finished since the innermost bracket or quote opened or closed (capped at 7). */
    int nestWords(int s) {
        return nestWords[s];
    }

    /** The hash of the bytes between the last two words (inside a word) or since the last word (between words). */
    int gap(int s) {
        return word[s] != 0 ? gap[s] : gapNow[s];
    }

    /** The word before the last '=' or ':' of the line (0: none). */
    int keyword(int s) {
        return keyword[s];
    }

    /** The stream's position (bytes so far, modulo 2^32). */
    int position(int s) {
        return position[s];
    }

    /** Where the current line started (a position). */
    int lineStartPosition(int s) {
        return lineStart[s];
    }

    /** The first word of the line (0: none yet). */
    int lineWord(int s) {
        return lineWord[s];
    }

    /** Values of {@link #nestAndClass}: six kinds of innermost bracket times eight byte classes. */
    static final int NEST_STATES = 6 * 8;

    /** The innermost open bracket's kind ({@link #nestKind}) times 8 plus the last byte's class, below {@link #NEST_STATES}. */
    int nestAndClass(int s) {
        return nestKind(s) * 8 + lastClass(s);
    }

    /** The words since the innermost bracket changed, the last byte's class and whether a word is being written, in 7 bits. */
    int nestWordsAndClass(int s) {
        return nestWords[s] << 4 | lastClass(s) << 1 | (word[s] != 0 ? 1 : 0);
    }

    /** The innermost open bracket or quote: 0 none, 1 '(', 2 '[', 3 '{', 4 '<', 5 '"'. */
    int nestKind(int s) {
        return switch (brackets[s] & 0xFF) {
            case '(' -> 1;
            case '[' -> 2;
            case '{' -> 3;
            case '<' -> 4;
            case '"' -> 5;
            default -> 0;
        };
    }

    /** The class of the last byte (see {@link #classes}). */
    int lastClass(int s) {
        return classes[s] & 7;
    }

    /** Words since the end of the last sentence (capped at 15). */
    int wordsInSentence(int s) {
        return wordsInSentence[s];
    }

    /** Length of the current word and of the last one, capped at 15 each, as 8 bits. */
    int wordLengths(int s) {
        return Math.min(15, wordLength[s]) << 4 | Math.min(15, lastWordLength[s]);
    }

    /** The two bytes that last followed the stream's last byte (the newest lowest). */
    int afterLastByte(int s) {
        return after1[last4[s] & 0xFF] & 0xFFFF;
    }

    /** The two bytes that last followed the stream's last two bytes. */
    int afterLastTwo(int s) {
        return after2[last4[s] & 0xFFFF] & 0xFFFF;
    }

    private static int charClass(int x) {
        if (x >= 'a' && x <= 'z') {
            return 1;
        } else if (x >= 'A' && x <= 'Z') {
            return 2;
        } else if (x >= '0' && x <= '9') {
            return 3;
        } else if (x == ' ') {
            return 4;
        } else if (x == '\n' || x == '\r' || x == '\t') {
            return 5;
        } else if (x >= 128) {
            return 6;
        }
        return x == '.' || x == ',' || x == ';' || x == ':' || x == '!' || x == '?' ? 7 : 0;
    }

    /** Appends byte {@code x} to stream {@code s}. */
    void update(int s, int x) {
        int l1 = last4[s] & 0xFF;
        int l2 = last4[s] & 0xFFFF;
        after1[l1] = after1[l1] << 8 | x;
        after2[l2] = after2[l2] << 8 | x;
        window[s * WINDOW + (position[s] & (WINDOW - 1))] = (byte) x;
        position[s]++;
        if (x == '\n') {
            lineAbove[s] = lineStart[s];
            lineStart[s] = position[s];
            lineFirst[s] = 0;
        } else if (position[s] - lineStart[s] <= 2) {
            lineFirst[s] |= x << 8 * (position[s] - lineStart[s] - 1);
        }
        classes[s] = (classes[s] << 3 | charClass(x)) & 0x3FFFFFFF;
        int b = brackets[s];
        if (x == '(' || x == '[' || x == '{' || x == '<') {
            brackets[s] = b << 8 | x;
        } else if ((x == ')' && (b & 0xFF) == '(') || (x == ']' && (b & 0xFF) == '[')
                || (x == '}' && (b & 0xFF) == '{') || (x == '>' && (b & 0xFF) == '<')) {
            brackets[s] = b >>> 8;
        } else if (x == '"') {
            brackets[s] = (b & 0xFF) == '"' ? b >>> 8 : b << 8 | x;
        }
        if (brackets[s] != b) {
            nestWords[s] = 0;
        }
        older4[s] = older4[s] << 8 | before4[s] >>> 24;
        before4[s] = before4[s] << 8 | last4[s] >>> 24;
        last4[s] = last4[s] << 8 | x;
        int lower = x >= 'A' && x <= 'Z' ? x + 32 : x;
        if ((lower >= 'a' && lower <= 'z') || x >= 128) {
            if (word[s] == 0) {
                gap[s] = gapNow[s];
                gapNow[s] = 0;
            }
            word[s] = (word[s] + lower + 1) * 0x2F0B4A13;
            wordLength[s]++;
        } else if (word[s] != 0) {
            lastWordLength[s] = wordLength[s];
            wordLength[s] = 0;
            wordsInSentence[s] = Math.min(15, wordsInSentence[s] + 1);
            nestWords[s] = Math.min(7, nestWords[s] + 1);
            afterWord[previousWord[s] >>> 16] = word[s];
            if (wordsInSentence[s] == 1) {
                sentenceFirst[s] = word[s];
            }
            word3[s] = wordBefore[s];
            wordBefore[s] = previousWord[s];
            previousWord[s] = word[s];
            if (lineWord[s] == 0) {
                lineWord[s] = word[s];
            }
            word[s] = 0;
        }
        if (word[s] == 0) {
            gapNow[s] = (gapNow[s] + x + 1) * 0x6F4F2A13;
        }
        if (x == '=' || x == ':') {
            keyword[s] = previousWord[s];
        } else if (x == '\n') {
            keyword[s] = 0;
            lineWord[s] = 0;
        }
        if (charClass(x) == 7 || charClass(x) == 0) {
            lastPunct[s] = x;
        }
        if (x == '.' || x == '!' || x == '?') {
            wordsInSentence[s] = 0; // after the word it ends has been counted
        }
    }
}
