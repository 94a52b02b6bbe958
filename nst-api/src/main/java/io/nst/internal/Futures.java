package io.nst.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Waiting for work another thread does, with the SDK's rules for interrupts and failures. */
public final class Futures {

    private Futures() {}

    /**
     * What {@code future} gives, waited for; what its work threw, as it was when unchecked.
     *
     * @param interrupted the exception for an interrupt while waiting, thrown with the interrupt
     *     kept set ({@code future} is not cancelled: it may be shared)
     * @param failed the exception for a checked exception the work threw
     */
    public static <T> T await(
            Future<T> future,
            Function<InterruptedException, RuntimeException> interrupted,
            Function<Throwable, RuntimeException> failed) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted.apply(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw failed.apply(e.getCause());
        }
    }
}
