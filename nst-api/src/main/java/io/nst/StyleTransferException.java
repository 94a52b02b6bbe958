package io.nst;

/**
 * A style transfer could not be done: unreadable or oversized input, a missing model file, no
 * backend able to do what was asked. The message names the problem and, where there is one,
 * the remedy.
 */
public class StyleTransferException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described in one line naming the file or option and the problem. */
    public StyleTransferException(String message) {
        super(message);
    }

    /** The same, with the exception that caused it. */
    public StyleTransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
