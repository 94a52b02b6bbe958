package io.nst.fast;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.internal.Futures;
import io.nst.spi.Backend;
import java.util.concurrent.FutureTask;

/**
 * A backend's engine started on a thread of its own while the caller reads the networks it will
 * compile: loading an engine's libraries and reading a network's weights are each a tenth of a
 * second of a one-photo run, and they need nothing from each other. Starting twice does nothing
 * more ({@link Backend#startEngine()} is idempotent).
 */
final class EngineStart {

    private final FutureTask<Void> task;

    private EngineStart(FutureTask<Void> task) {
        this.task = task;
    }

    /** Starts {@code backend}'s engine on a daemon thread: a caller that gives up does not keep the JVM alive. */
    static EngineStart begin(Backend backend) {
        FutureTask<Void> task = new FutureTask<>(backend::startEngine, null);
        Thread thread = new Thread(task, "nst-engine-start-" + backend.name());
        thread.setDaemon(true);
        thread.start();
        return new EngineStart(task);
    }

    /**
     * Waits until the engine has started.
     *
     * @throws StyleTransferException of kind {@code CANCELLED} (interrupt kept) when interrupted
     *     while waiting; what starting the engine threw, as it was
     */
    void await() {
        Futures.await(
                task,
                e -> new StyleTransferException(Kind.CANCELLED, "interrupted while the engine was starting", e),
                cause -> new StyleTransferException(Kind.ENGINE, "the engine could not start: " + cause, cause));
    }
}
