package io.nst.spark;

import io.nst.Stylizer;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The networks of one executor JVM, loaded once and reused by every partition it runs: a task
 * borrows a stylizer for its partition and gives it back (stylizers are not thread-safe, and an
 * executor runs several tasks at once, so each concurrent task gets its own).
 */
final class ExecutorStylizers {

    private static final Map<String, Queue<Stylizer>> IDLE = new ConcurrentHashMap<>();

    private ExecutorStylizers() {}

    static void giveBack(String key, Stylizer stylizer) {
        IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(stylizer);
    }

    /** An idle stylizer made for {@code key}, or a new one from {@code make}. */
    static Stylizer borrow(String key, Supplier<? extends Stylizer> make) {
        Stylizer idle =
                IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        return idle != null ? idle : make.get();
    }
}
