package io.nst.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another process keeping one core busy, for benchmarks of how a run shares the machine. It ends
 * when closed, and also when this JVM dies: it exits when its standard input, a pipe from here,
 * closes, so a killed benchmark leaves no hog behind.
 */
final class CpuHog implements AutoCloseable {

    /** Lets the child JVM start and reach its loop before anything is timed. */
    private static final long SETTLE_MILLIS = 500;

    private final Process process;

    private CpuHog(Process process) {
        this.process = process;
    }

    /** Starts the busy process and returns once it is spinning. */
    static CpuHog start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(
                        java, "-Xshare:auto", "-cp", System.getProperty("java.class.path"), CpuHog.class.getName()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the CPU hog", e);
        }
        if (!process.isAlive()) {
            throw new IOException("the CPU hog exited at once, with status " + process.exitValue());
        }
        return new CpuHog(process);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The child: spins on one thread until its standard input closes. */
    public static void main(String[] args) {
        Thread spinner = new Thread(() -> {
            long x = 1;
            while (x != 0) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        });
        spinner.setDaemon(true);
        spinner.start();
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // nothing is sent; end of input means the parent is gone
            }
        } catch (IOException e) {
            // the pipe broke: the parent is gone too
        }
        System.exit(0);
    }
}
