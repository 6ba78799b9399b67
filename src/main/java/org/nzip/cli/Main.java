package org.nzip.cli;

import picocli.CommandLine;

/** Entry point of the {@code nzip} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests and embedding). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new NzipCommand());
        cli.setExitCodeExceptionMapper(e -> ExitCodes.ERROR);
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        for (CommandLine sub : cli.getSubcommands().values()) {
            sub.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        }
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            System.err.println("nzip: internal error: " + e);
            e.printStackTrace();
            return ExitCodes.ERROR;
        });
        return cli.execute(args);
    }

    /** Version line for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                    "nzip " + (v == null ? "(development build)" : v) + ", container format " + org.nzip.Nzip.FORMAT_VERSION,
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
