package io.nst.web;

import com.google.gson.JsonObject;
import io.nst.Images;
import io.nst.Progress;
import io.nst.StyleTransfer;
import io.nst.StyleTransferException;
import io.nst.StyleTransferResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One Gatys run behind the API: its state, the latest progress and preview, the result, and the
 * listeners (server-sent event streams) told of each change. Thread-safe: the run updates it, any
 * request reads it.
 */
final class GatysJob implements Runnable {

    enum State {
        QUEUED,
        RUNNING,
        DONE,
        FAILED,
        CANCELLED
    }

    private final String id;
    private final long created = System.nanoTime();
    private final StyleTransfer.Builder transfer;
    private final int iterations;
    private final List<Consumer<JsonObject>> listeners = new CopyOnWriteArrayList<>();
    private volatile State state = State.QUEUED;
    private volatile boolean cancelRequested;
    private volatile int iteration;
    private volatile double loss = Double.NaN;
    private volatile String error;
    private volatile byte[] preview;
    private volatile byte[] result;

    GatysJob(String id, StyleTransfer.Builder transfer, int iterations) {
        this.id = id;
        this.transfer = transfer;
        this.iterations = iterations;
    }

    String id() {
        return id;
    }

    long created() {
        return created;
    }

    State state() {
        return state;
    }

    byte[] preview() {
        return preview;
    }

    byte[] result() {
        return result;
    }

    /** Stops a queued job before it starts, a running one after its current iteration. */
    void cancel() {
        cancelRequested = true;
        if (state == State.QUEUED) {
            finish(State.CANCELLED);
        }
    }

    void addListener(Consumer<JsonObject> listener) {
        listeners.add(listener);
        listener.accept(status());
    }

    void removeListener(Consumer<JsonObject> listener) {
        listeners.remove(listener);
    }

    @Override
    public void run() {
        if (cancelRequested || state != State.QUEUED) {
            return;
        }
        state = State.RUNNING;
        publish();
        try {
            StyleTransferResult done =
                    transfer.listener(this::onProgress).build().run();
            result = Images.toPng(done.image());
            finish(done.cancelled() ? State.CANCELLED : State.DONE);
        } catch (StyleTransferException | IllegalArgumentException e) {
            error = e.getMessage();
            finish(State.FAILED);
        }
    }

    private void onProgress(Progress p) {
        iteration = p.iteration();
        loss = p.losses().total();
        preview = Images.toPng(p.preview());
        if (cancelRequested) {
            p.cancel();
        }
        publish();
    }

    private void finish(State end) {
        state = end;
        publish();
    }

    private void publish() {
        JsonObject status = status();
        listeners.forEach(l -> l.accept(status));
    }

    /** What {@code GET /api/jobs/{id}} answers. */
    JsonObject status() {
        JsonObject json = new JsonObject();
        json.addProperty("id", id);
        json.addProperty("state", state.name().toLowerCase(java.util.Locale.ROOT));
        json.addProperty("iteration", iteration);
        json.addProperty("iterations", iterations);
        if (!Double.isNaN(loss)) {
            json.addProperty("loss", loss);
        }
        if (error != null) {
            json.addProperty("error", error);
        }
        json.addProperty("preview", preview != null);
        return json;
    }
}
