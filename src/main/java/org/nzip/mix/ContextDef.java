package org.nzip.mix;

/**
 * The hashed contexts a {@link ModelSet} can list: each computes its 32-bit hash from a stream's
 * {@link History} at the start of a byte ({@link HashedContexts} adds the nibble and finds the
 * counters). A shared context sees the same statistics whichever stream it comes from; a per-stream
 * one is salted with the stream, so each stream learns it alone, and its counters use a low limit
 * (they must follow their stream closely).
 *
 * <p>The constants' hashes are part of the format: never change one, add a new constant instead.
 */
enum ContextDef {

    /** The last two bytes. */
    ORDER2(false) {
        @Override
        int hash(History h, int s) {
            return finish((h.last4(s) & 0xFFFF) * 0x9E3779B1 + 0x1000193);
        }
    },
    ORDER3(false) {
        @Override
        int hash(History h, int s) {
            return finish((h.last4(s) & 0xFFFFFF) * 0x85EBCA6B + 0x2000193);
        }
    },
    ORDER4(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.last4(s) * 0xC2B2AE35 + 0x3000193);
        }
    },
    ORDER6(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.last4(s) * 0x27D4EB2F + (h.before4(s) & 0xFFFF) * 0x165667B1 + 0x4000193);
        }
    },
    /** The current word and the last byte. */
    WORD_AND_BYTE(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.word(s) * 0x9E3779B1 + (h.last4(s) & 0xFF) * 0x61C88647 + 0x5000193);
        }
    },
    /** The current word and the previous one. */
    TWO_WORDS(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.word(s) * 0x9E3779B1 + h.previousWord(s) * 0x61C88647 + 0x6000193);
        }
    },
    ORDER5(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.last4(s) * 0x27D4EB2F + (h.before4(s) & 0xFF) * 0x165667B1 + 0x7000193);
        }
    },
    STREAM_ORDER1(true) {
        @Override
        int hash(History h, int s) {
            return finish((h.last4(s) & 0xFF) * 0x9E3779B1 + salt(s) + 0x11000193);
        }
    },
    STREAM_ORDER2(true) {
        @Override
        int hash(History h, int s) {
            return finish((h.last4(s) & 0xFFFF) * 0x9E3779B1 + salt(s) + 0x12000193);
        }
    },
    STREAM_ORDER3(true) {
        @Override
        int hash(History h, int s) {
            return finish((h.last4(s) & 0xFFFFFF) * 0x85EBCA6B + salt(s) + 0x13000193);
        }
    },
    STREAM_ORDER4(true) {
        @Override
        int hash(History h, int s) {
            return finish(h.last4(s) * 0xC2B2AE35 + salt(s) + 0x14000193);
        }
    },
    STREAM_WORD_AND_BYTE(true) {
        @Override
        int hash(History h, int s) {
            return finish(h.word(s) * 0x9E3779B1 + (h.last4(s) & 0xFF) * 0x61C88647 + salt(s) + 0x15000193);
        }
    },
    STREAM_ORDER6(true) {
        @Override
        int hash(History h, int s) {
            return finish(h.last4(s) * 0x27D4EB2F + (h.before4(s) & 0xFFFF) * 0x165667B1 + salt(s) + 0x16000193);
        }
    },
    /** The stream alone (no finishing: the bucket hash mixes it). */
    STREAM_ORDER0(true) {
        @Override
        int hash(History h, int s) {
            return salt(s) + 0x17000193;
        }
    },
    ORDER8(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.last4(s) * 0x27D4EB2F + h.before4(s) * 0x165667B1 + 0x21000193);
        }
    },
    ORDER12(false) {
        @Override
        int hash(History h, int s) {
            return finish(finish(h.last4(s) * 0x27D4EB2F + h.before4(s) * 0x165667B1) + h.older4(s) * 0x2545F491 + 0x22000193);
        }
    },
    /** Sparse: bytes 2 and 3 back. */
    BYTES_2_3(false) {
        @Override
        int hash(History h, int s) {
            return finish((h.last4(s) & 0xFFFF00) * 0x9E3779B1 + 0x23000193);
        }
    },
    THREE_WORDS(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.word(s) * 0x9E3779B1 + h.previousWord(s) * 0x61C88647 + h.wordBefore(s) * 0x2545F491 + 0x24000193);
        }
    },
    /** Sparse: bytes 2 and 4 back. */
    BYTES_2_4(false) {
        @Override
        int hash(History h, int s) {
            return finish((h.last4(s) & 0xFF00FF00) * 0x9E3779B1 + 0x25000193);
        }
    },
    /** The previous word and the last byte. */
    PREVIOUS_WORD_AND_BYTE(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.previousWord(s) * 0x61C88647 + (h.last4(s) & 0xFF) * 0x2545F491 + 0x26000193);
        }
    },
    /** The current word and the word before the previous one. */
    WORD_SKIP(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.word(s) * 0x9E3779B1 + h.wordBefore(s) * 0x2545F491 + 0x31000193);
        }
    },
    /** The column and the byte above it in the line before. */
    COLUMN_ABOVE(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.column(s) * 0x9E3779B1 + h.above(s) * 0x61C88647 + 0x32000193);
        }
    },
    /** The character classes of the last ten bytes and the last byte. */
    CLASSES(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.classes(s) * 0x27D4EB2F + (h.last4(s) & 0xFF) * 0x165667B1 + 0x34000193);
        }
    },
    /** The innermost open brackets and the current word. */
    BRACKETS_AND_WORD(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.brackets(s) * 0x27D4EB2F + h.word(s) * 0x9E3779B1 + 0x35000193);
        }
    },
    /** The last byte and the two bytes that followed it last time (indirect). */
    INDIRECT1(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.afterLastByte(s) * 0x27D4EB2F + (h.last4(s) & 0xFF) * 0x165667B1 + 0x36000193);
        }
    },
    /** The last two bytes and the two bytes that followed them last time (indirect). */
    INDIRECT2(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.afterLastTwo(s) * 0x27D4EB2F + (h.last4(s) & 0xFFFF) * 0x165667B1 + 0x37000193);
        }
    },
    /** The position in the sentence, the word lengths and the current word. */
    SENTENCE(false) {
        @Override
        int hash(History h, int s) {
            return finish((h.wordsInSentence(s) << 8 | h.wordLengths(s)) * 0x85EBCA6B + h.word(s) * 0x9E3779B1 + 0x38000193);
        }
    },
    /** Sparse: bytes 1 and 3 back. */
    BYTES_1_3(false) {
        @Override
        int hash(History h, int s) {
            return finish((h.last4(s) & 0xFF00FF) * 0x9E3779B1 + 0x39000193);
        }
    },
    /** Sparse: byte 4 back alone. */
    BYTE_4(false) {
        @Override
        int hash(History h, int s) {
            return finish((h.last4(s) >>> 24) * 0x9E3779B1 + 0x3A000193);
        }
    },
    /** The column and the last byte. */
    COLUMN_AND_BYTE(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.column(s) * 0x85EBCA6B + (h.last4(s) & 0xFF) * 0x61C88647 + 0x3B000193);
        }
    },
    /** The first two bytes of the line and the last two bytes. */
    LINE_START(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.lineFirst(s) * 0x85EBCA6B + (h.last4(s) & 0xFFFF) * 0x61C88647 + 0x44000193);
        }
    },
    /** The word that followed the previous word last time, and the current word (indirect). */
    WORD_INDIRECT(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.wordAfterPrevious(s) * 0x27D4EB2F + h.word(s) * 0x9E3779B1 + 0x45000193);
        }
    },
    /** The byte the match model expects, its length, and the last byte. */
    MATCH_BYTE(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.matchContext() * 0x85EBCA6B + (h.last4(s) & 0xFF) * 0x61C88647 + 0x3D000193);
        }
    },
    /** The current word, the previous one and the word three back. */
    WORDS_1_3(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.word(s) * 0x9E3779B1 + h.previousWord(s) * 0x61C88647 + h.word3(s) * 0x2545F491 + 0x51000193);
        }
    },
    /** The current word and the words two and three back. */
    WORDS_2_3(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.word(s) * 0x9E3779B1 + h.wordBefore(s) * 0x61C88647 + h.word3(s) * 0x2545F491 + 0x52000193);
        }
    },
    /** The last punctuation byte and the current word. */
    PUNCTUATION_AND_WORD(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.word(s) * 0x9E3779B1 + h.lastPunctuation(s) * 0x61C88647 + 0x54000193);
        }
    },
    /** The last punctuation byte, the current word and the previous one. */
    PUNCTUATION_AND_TWO_WORDS(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.word(s) * 0x9E3779B1 + h.previousWord(s) * 0x2545F491 + h.lastPunctuation(s) * 0x61C88647 + 0x55000193);
        }
    },
    /** The sentence's first word and the current word. */
    SENTENCE_START_AND_WORD(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.word(s) * 0x9E3779B1 + h.sentenceStart(s) * 0x2545F491 + 0x56000193);
        }
    },
    /** The previous word and the last two bytes. */
    PREVIOUS_WORD_AND_TWO_BYTES(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.previousWord(s) * 0x61C88647 + (h.last4(s) & 0xFFFF) * 0x2545F491 + 0x58000193);
        }
    },
    /** The current word alone (no byte before it: the start of a word after any separator). */
    WORD(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.word(s) * 0x2545F491 + 0x59000193);
        }
    },
    /** The innermost open brackets and quotes, the words since, the class of the last byte, whether a word is being written. */
    NEST(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.brackets(s) * 0x27D4EB2F + h.nestWordsAndClass(s) * 0x61C88647 + 0x5B000193);
        }
    },
    /** The two innermost open brackets and quotes and the last byte. */
    NEST_AND_BYTE(false) {
        @Override
        int hash(History h, int s) {
            return finish((h.brackets(s) & 0xFFFF) * 0x27D4EB2F + (h.last4(s) & 0xFF) * 0x61C88647 + 0x5C000193);
        }
    },
    /** The line's first two bytes, the innermost open bracket, the class of the last byte, whether a word is being written. */
    LINE_NEST(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.lineFirst(s) * 0x27D4EB2F + ((h.brackets(s) & 0xFF) << 8 | h.nestWordsAndClass(s)) * 0x61C88647 + 0x5D000193);
        }
    },
    /** The current word and the bytes before it since the previous word. */
    WORD_GAP(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.word(s) * 0x9E3779B1 + h.gap(s) * 0x27D4EB2F + 0x62000193);
        }
    },
    /** The word before the line's last '=' or ':', the current word and the last byte. */
    KEYWORD(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.keyword(s) * 0x61C88647 + h.word(s) * 0x9E3779B1 + (h.last4(s) & 0xFF) * 0x85EBCA6B + 0x64000193);
        }
    },
    /** The line's first word and the last byte. */
    LINE_WORD(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.lineWord(s) * 0x61C88647 + (h.last4(s) & 0xFF) * 0x85EBCA6B + 0x65000193);
        }
    },
    /** The current word, the last byte and the 4 KiB of the stream they are in (words recur near each other). */
    BLOCK_WORD(false) {
        @Override
        int hash(History h, int s) {
            return finish((h.position(s) >>> 12) * 0x61C88647 + h.word(s) * 0x9E3779B1 + (h.last4(s) & 0xFF) * 0x85EBCA6B + s * 0x2545F491 + 0x66000193);
        }
    },
    /** The current word, the last byte and the line they are in (its start in the stream). */
    LINE_POS_WORD(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.lineStartPosition(s) * 0x61C88647 + h.word(s) * 0x9E3779B1 + (h.last4(s) & 0xFF) * 0x85EBCA6B + s * 0x2545F491 + 0x67000193);
        }
    },
    /** The current word and the column (up to 63). */
    WORD_AND_COLUMN(false) {
        @Override
        int hash(History h, int s) {
            return finish(h.word(s) * 0x2545F491 + Math.min(h.column(s), 63) * 0x61C88647 + 0x5A000193);
        }
    };

    /** Whether each stream has its own statistics for this context. */
    final boolean perStream;
    ContextDef(boolean perStream) {
        this.perStream = perStream;
    }

    /** The context's hash for the next byte of stream {@code s}. */
    abstract int hash(History h, int s);

    private static int salt(int s) {
        return (s + 1) * 0x3C6EF372;
    }

    /** A 32-bit finaliser: every input bit affects every output bit. */
    static int finish(int h) {
        h ^= h >>> 16;
        h *= 0x7FEB352D;
        h ^= h >>> 15;
        h *= 0x846CA68B;
        h ^= h >>> 16;
        return h;
    }
}
