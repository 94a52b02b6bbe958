package io.nst;

import java.util.Objects;

/**
 * A style transfer could not be done. The one-line message names the file or option and the
 * problem and, where there is one, the remedy; {@link #kind()} says what sort of failure it is,
 * so that a server or a tool can answer it without reading the message (a web server answers a
 * {@link Kind#BAD_INPUT} with 400, a {@link Kind#NOT_FOUND} with 404, and so on).
 */
public class StyleTransferException extends RuntimeException {

    private static final long serialVersionUID = 2L;

    /** What sort of failure: whose it is, and whether trying again can help. */
    public enum Kind {
        /**
         * The caller's input is wrong: an unreadable or damaged image, one with more pixels than
         * the limit, a model that is not a style network.
         */
        BAD_INPUT,
        /** A model, file, method or backend that was named cannot be found. */
        NOT_FOUND,
        /** A capacity limit was reached: a full queue, too costly a job; later or smaller may work. */
        LIMIT,
        /** The run was interrupted or cancelled before it finished; the thread's interrupt is kept. */
        CANCELLED,
        /** The object was closed, before or during the call. */
        CLOSED,
        /** The engine failed while running a network that should have run: a bug or an environment problem. */
        ENGINE,
        /** Reading or writing a file failed for a reason of the file system (permissions, space). */
        IO
    }

    private final Kind kind;

    /**
     * A failure of {@code kind} described in one line naming the file or option and the problem.
     *
     * @throws NullPointerException if {@code kind} is null
     */
    public StyleTransferException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * The same, with the exception that caused it.
     *
     * @throws NullPointerException if {@code kind} is null
     */
    public StyleTransferException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** What sort of failure this is. */
    public Kind kind() {
        return kind;
    }
}
