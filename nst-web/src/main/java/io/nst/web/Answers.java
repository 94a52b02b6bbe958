package io.nst.web;

import com.google.gson.JsonObject;
import io.javalin.http.Context;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the routes answer: JSON and PNG bodies, and each failure as its HTTP status with {@code {"error": "..."}}. */
final class Answers {

    private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

    /** Seconds a client is asked to wait after a {@code 503}. */
    private static final String RETRY_AFTER = "5";

    private Answers() {}

    /** The HTTP status that answers a failure of {@code kind}. */
    static int status(Kind kind) {
        return switch (kind) {
            case BAD_INPUT -> 400;
            case NOT_FOUND -> 404;
            case LIMIT, CLOSED -> 503;
            case CANCELLED -> 499;
            case ENGINE, IO -> 500;
        };
    }

    /** Answers a failure with its status and {@code {"error": "..."}}. */
    static void answer(Context ctx, Throwable thrown) {
        // A worker's failure arrives wrapped by its future.
        Throwable failure =
                thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        int status;
        String message;
        if (failure instanceof HttpFailure f) {
            status = f.status();
            message = f.getMessage();
        } else if (failure instanceof StyleTransferException e) {
            status = status(e.kind());
            message = e.getMessage();
        } else if (failure instanceof IllegalArgumentException e) {
            status = 400;
            message = e.getMessage();
        } else {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("request {} {} failed ({})", ctx.method(), ctx.path(), reference, failure);
            status = 500;
            message = "internal error (logged as " + reference + ")";
        }
        if (status == 503) {
            ctx.header("Retry-After", RETRY_AFTER);
        }
        JsonObject error = new JsonObject();
        error.addProperty("error", message);
        json(ctx, status, error);
    }

    static void json(Context ctx, int status, JsonObject body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(body.toString());
    }

    static void png(Context ctx, byte[] image, String missing) {
        if (image == null) {
            throw new HttpFailure(404, missing);
        }
        ctx.contentType("image/png").result(image);
    }
}
