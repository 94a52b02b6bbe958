package io.nst.backend.onnxruntime;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns a thread's interrupt into an action while that thread is blocked in native code, which
 * never sees the interrupt itself: a session run of a large image takes seconds, and a cancelled
 * request or Ctrl-C should not wait for it. One daemon thread serves the whole process and only
 * polls the runs in flight.
 */
final class InterruptWatch {

    /** How often a watched thread is looked at: well below what a user notices. */
    private static final long PERIOD_MILLIS = 20;

    private static final ScheduledExecutorService WATCHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nst-onnxruntime-interrupt-watch");
        t.setDaemon(true);
        return t;
    });

    private InterruptWatch() {}

    /** A watch in force until closed. */
    interface Watch extends AutoCloseable {
        /** Stops watching; once it returns, the action is not running and will not run. */
        @Override
        void close();
    }

    /**
     * Until the returned watch is closed, runs {@code onInterrupt} once when {@code thread} is
     * interrupted. The action may touch native memory the caller frees after closing the watch:
     * closing waits for an action under way.
     */
    static Watch watch(Thread thread, Runnable onInterrupt) {
        Object lock = new Object();
        boolean[] done = {false};
        ScheduledFuture<?> poll = WATCHER.scheduleAtFixedRate(
                () -> {
                    synchronized (lock) {
                        if (!done[0] && thread.isInterrupted()) {
                            done[0] = true;
                            onInterrupt.run();
                        }
                    }
                },
                PERIOD_MILLIS,
                PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
        return () -> {
            poll.cancel(false);
            synchronized (lock) {
                done[0] = true;
            }
        };
    }
}
