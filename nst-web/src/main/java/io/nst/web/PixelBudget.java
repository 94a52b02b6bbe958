package io.nst.web;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import java.util.concurrent.Semaphore;

/**
 * The pixels the server holds decoded at once, across every request: an image reserves its
 * header's pixel count before it is decoded and gives it back when its request or job ends, so a
 * burst of large uploads is answered {@code 503} instead of exhausting the heap.
 */
final class PixelBudget {

    private final long total;
    private final Semaphore pixels;

    PixelBudget(long total) {
        this.total = total;
        this.pixels = new Semaphore((int) Math.min(Integer.MAX_VALUE, total), true);
    }

    /** A reservation that grows image by image and is given back whole, once. */
    final class Lease implements AutoCloseable {
        private int held;
        private boolean closed;

        /**
         * Reserves {@code count} more pixels.
         *
         * @throws StyleTransferException of kind {@code LIMIT} when the budget has not that many free
         */
        synchronized void reserve(long count) {
            int n = (int) Math.min(Integer.MAX_VALUE, count);
            if (closed || !pixels.tryAcquire(n)) {
                throw new StyleTransferException(
                        Kind.LIMIT,
                        "the server holds as many pixels as it may (" + total / 1_000_000
                                + " MP across requests); try again shortly");
            }
            held += n;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                pixels.release(held);
                held = 0;
            }
        }
    }

    Lease lease() {
        return new Lease();
    }
}
