package io.nst.backend.pytorch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes freed Java memory visible: collections that free direct buffers, then fresh direct
 * buffers full of NaN in the memory they leave, while a thread keeps allocating. Native code that
 * still reads memory Java owned then reads NaN instead of what it expects.
 */
final class GarbageChurn implements AutoCloseable {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    private GarbageChurn() {
        thread = new Thread(
                () -> {
                    while (!stop.get()) {
                        collectAndOverwriteFreedMemory();
                    }
                },
                "garbage-churn");
        thread.setDaemon(true);
    }

    /** A thread that collects and overwrites freed memory until closed. */
    static GarbageChurn start() {
        GarbageChurn churn = new GarbageChurn();
        churn.thread.start();
        return churn;
    }

    /** One round: a collection, a pause for the cleaner to free buffers, then NaN-filled buffers of many sizes. */
    static void collectAndOverwriteFreedMemory() {
        System.gc();
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        List<ByteBuffer> filler = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            int bytes = 4 << (i % 14);
            ByteBuffer b = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            for (int k = 0; k + 4 <= bytes; k += 4) {
                b.putFloat(k, Float.NaN);
            }
            filler.add(b);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join();
    }
}
