package org.nzip.cli;

import picocli.CommandLine;

/** Entry point of the {@code nzip} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        Terminals.adoptLauncherStderr();
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests and embedding). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new NzipCommand());
        // As getopt: an option's value is the next word even when it looks like an option
        // ("-M -5" is a malformed limit, not a missing one; -5 is also a level option).
        cli.setAllowOptionsAsOptionParameters(true);
        // Like gzip: one line naming the mistake and a pointer to --help, not the whole help text.
        cli.setParameterExceptionHandler((e, parsedArgs) -> {
            CommandLine cmd = e.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName();
            String message = e.getMessage().startsWith("Error: ") ? e.getMessage().substring(7) : e.getMessage();
            System.err.println(name + ": " + message);
            System.err.println("Try '" + name + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            System.err.println("nzip: internal error: " + e);
            e.printStackTrace();
            return ExitCodes.ERROR;
        });
        return cli.execute(args);
    }

    /** The project version: from the build's filtered resource, else the jar's manifest, else null. */
    static String version() {
        try (java.io.InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v.strip();
                }
            }
        } catch (java.io.IOException e) {
            // fall back to the manifest
        }
        return Main.class.getPackage().getImplementationVersion();
    }

    /** Version line for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = version();
            return new String[] {
                    "nzip " + (v == null ? "(development build)" : v) + ", container format " + org.nzip.Nzip.FORMAT_VERSION,
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
