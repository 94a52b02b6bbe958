package io.nst.web;

/** A refusal with its own HTTP status (401, 403, 404, 406, 413, 415), answered as JSON. */
final class HttpFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    HttpFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
