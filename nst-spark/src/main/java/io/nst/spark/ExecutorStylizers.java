package io.nst.spark;

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

    private static final Map<String, Queue<AutoCloseable>> IDLE = new ConcurrentHashMap<>();

    private ExecutorStylizers() {}

    static void giveBack(String key, AutoCloseable stylizer) {
        IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(stylizer);
    }

    /** An idle stylizer made for {@code key}, or a new one from {@code make}. */
    static AutoCloseable borrow(String key, Supplier<? extends AutoCloseable> make) {
        AutoCloseable idle =
                IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        return idle != null ? idle : make.get();
    }
}
