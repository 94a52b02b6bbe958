package io.nst.web;

import com.google.gson.JsonObject;
import io.nst.Images;
import io.nst.Progress;
import io.nst.StyleTransfer;
import io.nst.StyleTransferException;
import io.nst.StyleTransferResult;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One Gatys run behind the API: its state, the latest progress and preview, the result, and the
 * listeners (server-sent event streams) told of each change. What the job holds (its pixels, its
 * client's slot) is given back once, when it ends however it ends. Thread-safe: the run updates
 * it, any request reads it.
 */
final class GatysJob implements Runnable {

    enum State {
        QUEUED,
        RUNNING,
        DONE,
        FAILED,
        CANCELLED;

        boolean finished() {
            return this != QUEUED && this != RUNNING;
        }
    }

    private final String id;
    private final long created = System.nanoTime();
    private final StyleTransfer.Builder transfer;
    private final int iterations;
    private final int width;
    private final int height;
    private final AutoCloseable held;
    private final AtomicBoolean released = new AtomicBoolean();
    private final List<Consumer<JsonObject>> listeners = new CopyOnWriteArrayList<>();
    private volatile State state = State.QUEUED;
    private volatile boolean cancelRequested;
    private volatile int iteration;
    private volatile double loss = Double.NaN;
    private volatile String error;
    private volatile byte[] preview;
    private volatile byte[] result;

    /**
     * @param held what the job gives back when it ends (its pixels, its client's slot)
     */
    GatysJob(String id, StyleTransfer.Builder transfer, int iterations, int width, int height, AutoCloseable held) {
        this.id = id;
        this.transfer = transfer;
        this.iterations = iterations;
        this.width = width;
        this.height = height;
        this.held = held;
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

    /**
     * Ends a queued job at once (the caller takes it off the queue), a running one after its
     * current iteration.
     */
    void cancel() {
        cancelRequested = true;
        synchronized (this) {
            if (state == State.QUEUED) {
                finish(State.CANCELLED);
            }
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
        synchronized (this) {
            if (cancelRequested || state != State.QUEUED) {
                return;
            }
            state = State.RUNNING;
        }
        publish();
        try {
            StyleTransferResult done =
                    transfer.listener(this::onProgress).build().run();
            result = Images.toPng(done.image());
            finish(done.cancelled() ? State.CANCELLED : State.DONE);
        } catch (StyleTransferException | IllegalArgumentException e) {
            error = e.getMessage();
            finish(State.FAILED);
        } catch (RuntimeException | Error e) {
            error = "internal error: " + e.getClass().getSimpleName();
            finish(State.FAILED);
            throw e;
        }
    }

    private void onProgress(Progress p) {
        iteration = p.iteration();
        loss = p.losses().total();
        preview = Images.toPng(p.preview());
        if (cancelRequested || Thread.currentThread().isInterrupted()) {
            p.cancel();
        }
        publish();
    }

    private void finish(State end) {
        state = end;
        if (released.compareAndSet(false, true)) {
            try {
                held.close();
            } catch (Exception e) {
                throw new IllegalStateException("giving back a job's reservations failed", e);
            }
        }
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
        json.addProperty("state", state.name().toLowerCase(Locale.ROOT));
        json.addProperty("iteration", iteration);
        json.addProperty("iterations", iterations);
        json.addProperty("width", width);
        json.addProperty("height", height);
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
