package io.nst;

/**
 * A style-transfer method, found with {@link java.util.ServiceLoader}. Implementations are
 * stateless: {@link #run} may be called from many threads at once, each call with its own engine
 * resources.
 */
public interface StyleMethod {

    /** Which method this implements. */
    Method method();

    /** Runs the transfer the job describes. */
    StyleTransferResult run(StyleTransfer job);
}
