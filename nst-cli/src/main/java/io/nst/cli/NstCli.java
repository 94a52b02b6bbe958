package io.nst.cli;

import io.nst.StyleTransferException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nst}: the command-line tool. Every failure is one line on stderr and a non-zero exit. */
@Command(
        name = "nst",
        // Every subcommand has --help and --version and shows the defaults, as this command does.
        scope = CommandLine.ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        versionProvider = NstCli.Version.class,
        description = "Neural style transfer.")
public final class NstCli implements Callable<Integer> {

    /** The commands, in the order the usage lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            GatysCommand.class,
            FastCommand.class,
            ArbitraryCommand.class,
            TrainCommand.class,
            ExportCommand.class,
            ServeCommand.class,
            SparkCommand.class,
            ModelsCommand.class,
            VideoCommand.class,
            DemoCommand.class,
            BenchCommand.class);

    /** Options renamed so that one concept has one name in every command; the old names still work. */
    private static final Map<String, String> RENAMED =
            Map.of("--in", "--content", "--lr", "--learning-rate", "--out-dir", "--out");

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
                    new java.io.FileOutputStream(descriptor(Integer.parseInt(fd))),
                    true,
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopCleanly(main, finished), "nst-shutdown"));
        int code;
        try {
            code = execute(args);
        } catch (RuntimeException | Error e) {
            System.err.println("nst: " + describe(e));
            code = exitCode(e);
        } finally {
            finished.countDown();
        }
        if (!stopping) {
            System.exit(code);
        }
        // A signal's shutdown is under way: the JVM exits with its status (130, 143) once the hook returns.
    }

    /** Set by the shutdown hook: a second exit from the main thread would replace the signal's status. */
    private static volatile boolean stopping;

    /**
     * On Ctrl-C or a kill: interrupt the run, which stops after the iteration or image in
     * progress and frees its native memory, and wait for it; a JVM exiting while an engine is
     * still computing can crash inside the engine. Nothing half-written is left, since every
     * output is written whole or not at all.
     */
    private static void stopCleanly(Thread main, CountDownLatch finished) {
        if (finished.getCount() == 0) {
            return;
        }
        stopping = true;
        main.interrupt();
        try {
            if (!finished.await(60, TimeUnit.SECONDS)) {
                System.err.println("nst: the run did not stop within 60 s of the interrupt; exiting anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The inherited descriptor itself, sharing its file offset with the shell's other writers (the
     * launcher opens {@code java.io} to this); reopening {@code /dev/fd/N} would give a file its
     * own offset, and writes would overwrite what others wrote to it.
     */
    private static java.io.FileDescriptor descriptor(int fd) throws java.io.IOException {
        try {
            java.io.FileDescriptor descriptor = new java.io.FileDescriptor();
            java.lang.reflect.Field field = java.io.FileDescriptor.class.getDeclaredField("fd");
            field.setAccessible(true);
            field.setInt(descriptor, fd);
            return descriptor;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new java.io.FileOutputStream("/dev/fd/" + fd, true).getFD();
        }
    }

    /**
     * Runs the tool and returns its exit code: 0 done; 1 the input cannot be done (unreadable,
     * missing, over a limit); 2 bad arguments; 3 the engine or the file system failed; 130
     * interrupted.
     */
    public static int execute(String... args) {
        CommandLine cli = commandLine(commandName(args));
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("nst: " + UnknownOptions.describe(e));
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("nst: " + describe(e));
            return exitCode(e);
        });
        return cli.execute(withCurrentNames(cli, args));
    }

    /** The command {@code args} name: their first argument that is not an option, as the launcher finds it. */
    static String commandName(String... args) {
        return Arrays.stream(args)
                .filter(arg -> !arg.startsWith("-"))
                .findFirst()
                .orElse(null);
    }

    /** The tool with every command. */
    static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The tool with only the command {@code chosen} when it names one, else with every command:
     * picocli reads each command's options reflectively, in classes too old for the JVM's class
     * data sharing, and reading all eleven took a quarter of a second of every run.
     */
    static CommandLine commandLine(String chosen) {
        boolean known = COMMANDS.stream().anyMatch(c -> nameOf(c).equals(chosen));
        CommandLine cli = new CommandLine(new NstCli());
        for (Class<?> command : COMMANDS) {
            if (!known || nameOf(command).equals(chosen)) {
                cli.addSubcommand(command);
            }
        }
        return cli;
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /**
     * {@code args} with each renamed option (see {@link #RENAMED}) under its current name, saying
     * so on {@code cli}'s error stream; nothing after {@code --} is touched, nor a name the chosen
     * command has as an option of its own ({@code nst video --in}).
     */
    static String[] withCurrentNames(CommandLine cli, String[] args) {
        String[] current = args.clone();
        CommandLine command = args.length > 0 ? cli.getSubcommands().get(args[0]) : null;
        for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
            String name = args[i].split("=", 2)[0];
            String now = RENAMED.get(name);
            if (now != null && (command == null || command.getCommandSpec().findOption(name) == null)) {
                current[i] = now + args[i].substring(name.length());
                cli.getErr().println("nst: " + name + " is now " + now + "; the old name will go in a later version");
            }
        }
        return current;
    }

    /** The exit code of a failure: what kind of failure it is, not its message. */
    static int exitCode(Throwable e) {
        if (e instanceof IllegalArgumentException) {
            return 2;
        }
        if (!(e instanceof StyleTransferException failure)) {
            return 1;
        }
        return switch (failure.kind()) {
            case BAD_INPUT, NOT_FOUND, LIMIT -> 1;
            case ENGINE, IO, CLOSED -> 3;
            case CANCELLED -> 130;
        };
    }

    private static String describe(Throwable e) {
        if (e instanceof StyleTransferException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        Throwable cause = e.getCause() != null && e instanceof ExceptionInInitializerError ? e.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Bare {@code nst}: the usage, on stderr since no command ran, and the exit code of bad arguments. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().println("nst: a command is required");
        return 2;
    }

    /** The version of the build this tool is, as Maven recorded it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties properties = new java.util.Properties();
            try (var in = NstCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"nst " + properties.getProperty("version", "(version unknown)")};
        }
    }
}
