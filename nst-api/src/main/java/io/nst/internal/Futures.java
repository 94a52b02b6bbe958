package io.nst.internal;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work another thread does, with the SDK's rules for interrupts and failures. */
public final class Futures {

    private Futures() {}

    /**
     * What {@code future} gives, waited for; what its work threw, as it was.
     *
     * @param waitingFor what the wait is for, to end "interrupted while ..." (say, "a frame was painted")
     * @param failing what failed when the work threw a checked exception, to begin "... failed: cause"
     * @throws StyleTransferException of kind {@code CANCELLED} with the interrupt kept set when
     *     interrupted while waiting ({@code future} is not cancelled: it may be shared); of kind
     *     {@code ENGINE} for a checked exception of the work
     */
    public static <T> T await(Future<T> future, String waitingFor, String failing) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StyleTransferException(Kind.CANCELLED, "interrupted while " + waitingFor, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new StyleTransferException(Kind.ENGINE, failing + " failed: " + e.getCause(), e);
        }
    }
}
