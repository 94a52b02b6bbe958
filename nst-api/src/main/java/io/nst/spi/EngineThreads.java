package io.nst.spi;

/**
 * How many threads the engines compute with, one setting for all: the system property {@code
 * nst.threads} or else the environment variable {@code NST_THREADS}; unset or {@code 0} leaves
 * each engine's default (one per core). Read when an engine starts or a network is compiled;
 * PyTorch's count is process-wide and taken once, when its engine starts. A caller can compile
 * networks with a count of its own ({@link #compiling}) on the backends whose count is per network
 * ({@link Backend#threadsPerNetwork()}).
 */
public final class EngineThreads {

    /** The count {@link #compiling} sets for its thread, 0 outside it. */
    private static final ThreadLocal<Integer> COMPILING = ThreadLocal.withInitial(() -> 0);

    private EngineThreads() {}

    /**
     * {@code work}'s result, the networks it compiles on this thread computing on {@code threads}
     * threads each, whatever the setting, on the backends whose count is per network ({@link
     * #forNetwork()}); the others keep theirs.
     *
     * @throws IllegalArgumentException unless {@code threads} is from 1 to 1024
     */
    public static <T> T compiling(int threads, java.util.function.Supplier<T> work) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be from 1 to 1024, got " + threads);
        }
        int outer = COMPILING.get();
        COMPILING.set(threads);
        try {
            return work.get();
        } finally {
            COMPILING.set(outer);
        }
    }

    /**
     * The configured count, or 0 for the engines' default.
     *
     * @throws IllegalArgumentException naming the setting if it is not a whole number from 0 to 1024
     */
    public static int configured() {
        String property = System.getProperty("nst.threads");
        String value = property != null ? property : System.getenv("NST_THREADS");
        String name = property != null ? "nst.threads" : "NST_THREADS";
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 0 && threads <= 1024) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number of threads from 0 (the engines' default)"
                + " to 1024, got '" + value + "'");
    }

    /**
     * The count for a network compiled now on this thread by a backend whose count is per network:
     * that of {@link #compiling}, inside it, else {@link #effective()}.
     */
    public static int forNetwork() {
        int compiling = COMPILING.get();
        return compiling > 0 ? compiling : effective();
    }

    /** The configured count, or the number of cores when none is configured. */
    public static int effective() {
        int configured = configured();
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }
}
