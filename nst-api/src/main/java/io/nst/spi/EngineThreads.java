package io.nst.spi;

/**
 * How many threads the engines compute with, one setting for all: the system property {@code
 * nst.threads} or else the environment variable {@code NST_THREADS}; unset or {@code 0} leaves
 * each engine's default (one per core). Read when an engine starts or a network is compiled;
 * PyTorch's count is process-wide and taken once, when its engine starts.
 */
public final class EngineThreads {

    private EngineThreads() {}

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

    /** The configured count, or the number of cores when none is configured. */
    public static int effective() {
        int configured = configured();
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }
}
