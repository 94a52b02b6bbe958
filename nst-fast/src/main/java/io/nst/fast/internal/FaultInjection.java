package io.nst.fast.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Points where tests stop the process as {@code kill -9} would, to hit a window of a multi-step
 * write deterministically: with {@code -Dnst.fault=NAME} (or {@code NAME#N}, the N-th time) the
 * JVM halts at once, with exit code 137, when it reaches that point. Without the property,
 * nothing happens.
 */
final class FaultInjection {

    private static final String FAULT = System.getProperty("nst.fault", "");
    private static final String POINT = FAULT.contains("#") ? FAULT.substring(0, FAULT.indexOf('#')) : FAULT;
    private static final int TIMES =
            FAULT.contains("#") ? Integer.parseInt(FAULT.substring(FAULT.indexOf('#') + 1)) : 1;
    private static final AtomicInteger REACHED = new AtomicInteger();

    private FaultInjection() {}

    static void reach(String point) {
        if (point.equals(POINT) && REACHED.incrementAndGet() == TIMES) {
            Runtime.getRuntime().halt(137);
        }
    }
}
