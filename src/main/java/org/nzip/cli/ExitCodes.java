package org.nzip.cli;

/** The process exit codes, as documented in {@code --help} and the README. */
final class ExitCodes {
    static final int OK = 0;
    static final int ERROR = 1;
    static final int USAGE = 2;
    static final int CORRUPT = 3;

    private ExitCodes() {}
}
