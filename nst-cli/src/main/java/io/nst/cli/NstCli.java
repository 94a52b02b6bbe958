package io.nst.cli;

import io.nst.StyleTransferException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nst}: the command-line tool. Every failure is one line on stderr and a non-zero exit. */
@Command(
        name = "nst",
        mixinStandardHelpOptions = true,
        version = "nst 0.1.0",
        description = "Neural style transfer.",
        subcommands = {
            GatysCommand.class,
            FastCommand.class,
            ArbitraryCommand.class,
            TrainCommand.class,
            ExportCommand.class,
            ModelsCommand.class,
            DemoCommand.class,
            BenchCommand.class
        })
public final class NstCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Engines' own messages too: start-up, threads, native warnings (the launcher stops filtering). */
    @CommandLine.Option(
            names = "--verbose",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Show the engines' own log messages and native warnings.")
    void verbose(boolean on) {
        if (on) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "info");
        }
    }

    /**
     * The launcher hands the JVM a copy of stderr ({@code -Dnst.stderr.fd}) and filters the
     * original for PyTorch's native warnings; the tool's own messages go to the copy untouched.
     */
    public static void main(String[] args) throws java.io.IOException {
        String fd = System.getProperty("nst.stderr.fd");
        if (fd != null) {
            System.setErr(new java.io.PrintStream(
                    new java.io.FileOutputStream("/dev/fd/" + fd), true, java.nio.charset.StandardCharsets.UTF_8));
        }
        System.exit(execute(args));
    }

    /** Runs the tool and returns its exit code: 0 done, 1 failed, 2 bad arguments. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new NstCli());
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("nst: " + e.getMessage());
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("nst: " + describe(e));
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli.execute(args);
    }

    private static String describe(Exception e) {
        if (e instanceof StyleTransferException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
