package io.nst.web;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests and jobs each client (by address) has in flight: one client cannot take
 * every upload thread or fill the job queue, however many connections it opens.
 */
final class ClientSlots {

    private final int perClient;
    private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    ClientSlots(int perClient) {
        this.perClient = perClient;
    }

    /** A slot of one client, given back once. */
    final class Slot implements AutoCloseable {
        private final String client;
        private boolean closed;

        private Slot(String client) {
            this.client = client;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                inFlight.computeIfPresent(client, (c, n) -> n.decrementAndGet() == 0 ? null : n);
            }
        }
    }

    /**
     * Takes a slot of {@code client}.
     *
     * @throws StyleTransferException of kind {@code LIMIT} when the client has all of its slots in use
     */
    Slot take(String client) {
        boolean[] taken = {false};
        inFlight.compute(client, (c, n) -> {
            AtomicInteger count = n == null ? new AtomicInteger() : n;
            if (count.get() < perClient) {
                count.incrementAndGet();
                taken[0] = true;
            }
            return count.get() == 0 ? null : count;
        });
        if (!taken[0]) {
            throw new StyleTransferException(
                    Kind.LIMIT,
                    "this client has " + perClient
                            + " requests or jobs in flight, the most it may; wait for one to end");
        }
        return new Slot(client);
    }
}
