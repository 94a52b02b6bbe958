package io.nst;

/** A style-transfer method, found with {@link java.util.ServiceLoader}. */
public interface StyleMethod {

    /** Which method this implements. */
    Method method();

    /** Runs the transfer the job describes. */
    StyleTransferResult run(StyleTransfer job);
}
