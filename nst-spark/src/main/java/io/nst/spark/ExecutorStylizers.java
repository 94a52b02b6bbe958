package io.nst.spark;

import io.nst.fast.ArbitraryStylizer;
import io.nst.fast.FastStylizer;
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

    static FastStylizer fast(String model) {
        return borrow("fast:" + model, () -> FastStylizer.builder().model(model).build());
    }

    static ArbitraryStylizer arbitrary() {
        return borrow("arbitrary", () -> ArbitraryStylizer.builder().build());
    }

    static void giveBack(String key, AutoCloseable stylizer) {
        IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(stylizer);
    }

    @SuppressWarnings("unchecked")
    private static <T extends AutoCloseable> T borrow(String key, Supplier<T> make) {
        AutoCloseable idle =
                IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        return idle != null ? (T) idle : make.get();
    }
}
