package io.nst.fast;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Guards networks held in native memory: calls run one at a time, and {@link #close} frees the
 * networks only once no call is running. An engine freed under a running call crashes the JVM
 * (ONNX Runtime did, with SIGSEGV, when a stylizer was closed from another thread); a call that
 * comes after {@link #close} fails by name instead of reaching freed memory. Long calls ask
 * {@link #checkpoint} between pieces of work, so that an interrupt or a close stops them there.
 */
final class CallGuard {

    private final String owner;
    private final Runnable release;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param owner names the guarded object in messages, such as {@code FastStylizer[wave]}
     * @param release frees the native memory; run once, by the first {@link #close}
     */
    CallGuard(String owner, Runnable release) {
        this.owner = owner;
        this.release = release;
    }

    /**
     * Runs {@code work} when no other call is running.
     *
     * @throws StyleTransferException of kind {@code CLOSED} after {@link #close}, {@code CANCELLED}
     *     (interrupt kept) when interrupted while waiting or at a checkpoint
     */
    <T> T call(Supplier<T> work) {
        checkpoint();
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled();
        }
        try {
            checkpoint();
            return work.get();
        } catch (StyleTransferException e) {
            // An engine stopped by the interrupt names its own network; the user knows the stylizer.
            throw e.kind() == Kind.CANCELLED ? cancelled(e) : e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Between two pieces of a call (tiles, statistics passes): stops the call if its thread was
     * interrupted or the guard closed.
     *
     * @throws StyleTransferException of kind {@code CANCELLED} (interrupt kept) or {@code CLOSED}
     */
    void checkpoint() {
        if (Thread.currentThread().isInterrupted()) {
            throw cancelled();
        }
        if (closed.get()) {
            throw new StyleTransferException(Kind.CLOSED, owner + " is closed");
        }
    }

    /**
     * Refuses new calls, waits for the one running (which stops at its next checkpoint) and frees
     * the networks; a second call returns at once.
     */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Not interruptible: freeing under a running call is what this class exists to prevent.
        lock.lock();
        try {
            release.run();
        } finally {
            lock.unlock();
        }
    }

    private StyleTransferException cancelled() {
        return cancelled(null);
    }

    private StyleTransferException cancelled(Throwable cause) {
        return new StyleTransferException(Kind.CANCELLED, owner + ": interrupted; the photo was not finished", cause);
    }
}
