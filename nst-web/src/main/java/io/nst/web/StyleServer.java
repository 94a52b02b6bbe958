package io.nst.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.javalin.http.sse.SseClient;
import io.nst.Images;
import io.nst.Limits;
import io.nst.RunBuilder;
import io.nst.RunSettings;
import io.nst.StyleTransfer;
import io.nst.StyleTransferException;
import io.nst.fast.FastStylizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A web page and an HTTP API for style transfer. The page ({@code GET /}) uploads a photo, takes
 * a fast style, a painting (arbitrary) or Gatys, shows Gatys' progress and previews as they
 * come, and offers the result. The API:
 *
 * <ul>
 *   <li>{@code POST /api/stylize}, multipart: {@code content} (the photo), {@code method}
 *       ({@code fast}, {@code arbitrary}, {@code gatys}), {@code model} (a fast style) or {@code
 *       style} (a painting), optional {@code size} (long side), {@code strength} (arbitrary),
 *       {@code iterations} (Gatys). Fast and arbitrary answer with the PNG; Gatys answers {@code
 *       202} with a job: {@code id} and its URLs.
 *   <li>{@code GET /api/jobs/{id}} (status JSON), {@code /preview} and {@code /result} (PNG),
 *       {@code /events} (server-sent events, one {@code status} per change), {@code DELETE
 *       /api/jobs/{id}} (cancel).
 *   <li>{@code GET /api/styles}: the fast styles.
 * </ul>
 *
 * <p>Bounded: jobs run on a fixed number of workers with a queue of fixed length ({@code 503}
 * when full), uploads larger than the limit are refused before they are read ({@code 413}) and
 * images larger than the pixel limit before they are decoded ({@code 400}). A bad request gets
 * {@code 400} with {@code {"error": "..."}} naming the field and the problem. Thread-safe; {@link
 * #close()} stops the server and the running jobs.
 */
public final class StyleServer implements AutoCloseable {

    private static final int KEPT_JOBS = 100;

    private final Javalin app;
    private final ThreadPoolExecutor workers;
    private final Stylizers stylizers;
    private final Map<String, GatysJob> jobs = new ConcurrentHashMap<>();
    private final RunSettings settings;
    /** The settings as given, for {@link #toBuilder()}. */
    private final Builder given;

    private final long maxPixels;
    private final int maxIterations;

    private StyleServer(Builder b, RunSettings settings) {
        this.given = b.copy();
        this.settings = settings;
        this.maxPixels = b.maxPixels;
        this.maxIterations = b.maxIterations;
        this.stylizers = new Stylizers(settings);
        this.workers = new ThreadPoolExecutor(
                b.workers, b.workers, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, b.queue)));
        long maxUpload = b.maxUploadBytes;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = maxUpload;
            config.jetty.multipartConfig.maxFileSize(maxUpload, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(maxUpload, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(maxUpload, 1 << 20), SizeUnit.BYTES);
        });
        app.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(page()));
        app.get("/api/styles", ctx -> {
            JsonArray styles = new JsonArray();
            FastStylizer.PRETRAINED.forEach(styles::add);
            json(ctx, 200, styles.toString());
        });
        app.before("/api/stylize", ctx -> {
            // Refused from the header, before a byte of the body is read.
            if (ctx.contentLength() > maxUpload) {
                throw new TooLarge(ctx.contentLength(), maxUpload);
            }
        });
        app.post("/api/stylize", this::stylize);
        app.get("/api/jobs/{id}", ctx -> json(ctx, 200, job(ctx).status().toString()));
        app.get("/api/jobs/{id}/preview", ctx -> png(ctx, job(ctx).preview(), "no preview yet"));
        app.get("/api/jobs/{id}/result", ctx -> png(ctx, job(ctx).result(), "the job has no result yet"));
        app.delete("/api/jobs/{id}", ctx -> {
            GatysJob job = job(ctx);
            job.cancel();
            json(ctx, 200, job.status().toString());
        });
        app.sse("/api/jobs/{id}/events", this::events);
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(StyleTransferException.class, (e, ctx) -> error(ctx, status(e.kind()), e.getMessage()));
        app.exception(
                RejectedExecutionException.class,
                (e, ctx) -> error(
                        ctx,
                        503,
                        "the server is busy (" + workers.getQueue().size() + " jobs waiting); try again later"));
        app.exception(NotFound.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
        app.exception(TooLarge.class, (e, ctx) -> error(ctx, 413, e.getMessage()));
        app.exception(IllegalStateException.class, (e, ctx) -> {
            // Jetty's multipart parser on a body larger than the limit (sent without a length).
            if (String.valueOf(e.getMessage())
                    .toLowerCase(java.util.Locale.ROOT)
                    .contains("exceeds")) {
                error(ctx, 413, "the upload is larger than the limit of " + maxUpload + " bytes");
            } else {
                error(ctx, 500, "internal error: " + e.getMessage());
            }
        });
        app.start(b.host, b.port);
    }

    /** The HTTP status that answers a failure of {@code kind}. */
    static int status(StyleTransferException.Kind kind) {
        return switch (kind) {
            case BAD_INPUT -> 400;
            case NOT_FOUND -> 404;
            case LIMIT, CLOSED -> 503;
            case CANCELLED -> 499;
            case ENGINE, IO -> 500;
        };
    }

    /** A builder: port 8080 on all interfaces, one worker, a queue of 8, 20 MB uploads. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this server's settings, to start another like it (on another port). */
    public Builder toBuilder() {
        return given.copy();
    }

    /** The port the server listens on (the chosen one when built with port 0). */
    public int port() {
        return app.port();
    }

    /** Stops taking requests, cancels the jobs and frees the networks. */
    @Override
    public void close() {
        jobs.values().forEach(GatysJob::cancel);
        app.stop();
        workers.shutdownNow();
        try {
            workers.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stylizers.close();
    }

    private void stylize(Context ctx) throws IOException {
        String method = required(ctx, "method");
        BufferedImage photo = image(ctx, "content");
        Integer size = number(ctx, "size", Limits.MIN_SIZE, Limits.MAX_SIZE);
        BufferedImage content = size == null || size == Math.max(photo.getWidth(), photo.getHeight())
                ? photo
                : Images.resizeLongSide(photo, size);
        switch (method) {
            case "fast" -> {
                String model = required(ctx, "model");
                CompletableFuture<BufferedImage> out =
                        submit(() -> stylizers.fast(model).stylize(content));
                ctx.future(() -> out.thenAccept(image -> send(ctx, image)));
            }
            case "arbitrary" -> {
                BufferedImage painting = image(ctx, "style");
                double strength = ctx.formParam("strength") == null
                                || ctx.formParam("strength").isBlank()
                        ? 1
                        : decimal(ctx, "strength", 0, 1);
                CompletableFuture<BufferedImage> out =
                        submit(() -> stylizers.arbitrary(painting, strength).stylize(content));
                ctx.future(() -> out.thenAccept(image -> send(ctx, image)));
            }
            case "gatys" -> {
                BufferedImage painting = image(ctx, "style");
                Integer iterations = number(ctx, "iterations", 1, maxIterations);
                int steps = iterations == null ? Math.min(200, maxIterations) : iterations;
                StyleTransfer.Builder transfer = StyleTransfer.builder()
                        .content(content)
                        .style(painting)
                        .size(Math.max(16, Math.max(content.getWidth(), content.getHeight())))
                        .iterations(steps)
                        .progressEvery(5)
                        .settings(settings);
                GatysJob job = new GatysJob(UUID.randomUUID().toString(), transfer, steps);
                jobs.put(job.id(), job);
                try {
                    workers.execute(job);
                } catch (RejectedExecutionException e) {
                    jobs.remove(job.id());
                    throw e;
                }
                forgetOldJobs();
                JsonObject answer = job.status();
                String base = "/api/jobs/" + job.id();
                answer.addProperty("statusUrl", base);
                answer.addProperty("eventsUrl", base + "/events");
                answer.addProperty("previewUrl", base + "/preview");
                answer.addProperty("resultUrl", base + "/result");
                json(ctx, 202, answer.toString());
            }
            default -> throw new IllegalArgumentException(
                    "method must be fast, arbitrary or gatys, got '" + method + "'");
        }
    }

    /** Keeps the last {@value #KEPT_JOBS} jobs: the oldest finished ones are forgotten. */
    private void forgetOldJobs() {
        while (jobs.size() > KEPT_JOBS) {
            GatysJob oldest = jobs.values().stream()
                    .filter(j -> j.state() != GatysJob.State.QUEUED && j.state() != GatysJob.State.RUNNING)
                    .min(java.util.Comparator.comparingLong(GatysJob::created))
                    .orElse(null);
            if (oldest == null) {
                return;
            }
            jobs.remove(oldest.id());
        }
    }

    /** Runs {@code work} on a worker; refused at once when the queue is full. */
    private CompletableFuture<BufferedImage> submit(java.util.function.Supplier<BufferedImage> work) {
        return CompletableFuture.supplyAsync(work, workers);
    }

    private static void send(Context ctx, BufferedImage image) {
        ctx.contentType("image/png").result(Images.toPng(image));
    }

    private void events(SseClient client) {
        GatysJob job = jobs.get(client.ctx().pathParam("id"));
        if (job == null) {
            client.sendEvent("error", "{\"error\": \"no such job\"}");
            client.close();
            return;
        }
        client.keepAlive();
        Consumer<JsonObject> listener = status -> {
            client.sendEvent("status", status.toString());
            String state = status.get("state").getAsString();
            if (state.equals("done") || state.equals("failed") || state.equals("cancelled")) {
                client.close();
            }
        };
        client.onClose(() -> job.removeListener(listener));
        job.addListener(listener);
    }

    private GatysJob job(Context ctx) {
        GatysJob job = jobs.get(ctx.pathParam("id"));
        if (job == null) {
            throw new NotFound("no job " + ctx.pathParam("id"));
        }
        return job;
    }

    private BufferedImage image(Context ctx, String field) throws IOException {
        UploadedFile file = ctx.uploadedFile(field);
        if (file == null || file.size() == 0) {
            throw new IllegalArgumentException(field + ": an image file is required");
        }
        String name = field + " (" + file.filename() + ")";
        try (InputStream in = file.content()) {
            return Images.read(in, name, maxPixels);
        }
    }

    private static String required(Context ctx, String field) {
        String value = ctx.formParam(field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value.trim();
    }

    private static Integer number(Context ctx, String field, int min, int max) {
        String value = ctx.formParam(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                field + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
    }

    private static double decimal(Context ctx, String field, double min, double max) {
        String value = ctx.formParam(field);
        try {
            double x = Double.parseDouble(value.trim());
            if (x >= min && x <= max) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                field + " must be a number from " + min + " to " + max + ", got '" + value + "'");
    }

    private static void json(Context ctx, int status, String body) {
        ctx.status(status).contentType("application/json").result(body);
    }

    private static void error(Context ctx, int status, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("error", message);
        json(ctx, status, error.toString());
    }

    private static void png(Context ctx, byte[] image, String missing) {
        if (image == null) {
            throw new NotFound(missing);
        }
        ctx.contentType("image/png").result(image);
    }

    private static byte[] page() throws IOException {
        try (InputStream in = Objects.requireNonNull(StyleServer.class.getResourceAsStream("index.html"))) {
            return in.readAllBytes();
        }
    }

    /** An upload over the limit: 413. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(long bytes, long limit) {
            super("the upload of " + bytes + " bytes is larger than the limit of " + limit + " bytes");
        }
    }

    /** A job or image that is not there: 404. */
    private static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    /** Configures a {@link StyleServer}; each setter checks its value at once. Not thread-safe. */
    public static final class Builder extends RunBuilder<Builder> {
        private String host = "0.0.0.0";
        private int port = 8080;
        private int workers = 1;
        private int queue = 8;
        private long maxUploadBytes = 20L << 20;
        private long maxPixels = Limits.DEFAULT_MAX_PIXELS;
        private int maxIterations = 1000;

        private Builder() {}

        private Builder copy() {
            Builder b = new Builder().settings(runSettings());
            b.host = host;
            b.port = port;
            b.workers = workers;
            b.queue = queue;
            b.maxUploadBytes = maxUploadBytes;
            b.maxPixels = maxPixels;
            b.maxIterations = maxIterations;
            return b;
        }

        /** The interface to listen on (default all: {@code 0.0.0.0}). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The port (default 8080; 0 picks a free one, see {@link StyleServer#port()}).
         *
         * @throws IllegalArgumentException unless {@code port} is from 0 to 65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Jobs run at once (default 1: each engine uses every core already).
         *
         * @throws IllegalArgumentException if {@code workers} is below 1
         */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * Jobs that may wait for a worker (default 8); more get {@code 503}.
         *
         * @throws IllegalArgumentException if {@code jobs} is below 1
         */
        public Builder queue(int jobs) {
            if (jobs < 1) {
                throw new IllegalArgumentException("the queue must hold at least 1 job, got " + jobs);
            }
            this.queue = jobs;
            return this;
        }

        /**
         * The largest upload, photo and painting together (default 20 MB); larger get {@code 413}.
         *
         * @throws IllegalArgumentException if {@code bytes} is below 1 kB
         */
        public Builder maxUploadBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("the upload limit must be at least 1024 bytes, got " + bytes);
            }
            this.maxUploadBytes = bytes;
            return this;
        }

        /**
         * The largest image decoded, in pixels, checked from its header (default {@link
         * Limits#DEFAULT_MAX_PIXELS}, as everywhere in the SDK).
         *
         * @throws IllegalArgumentException if {@code pixels} is below 1
         */
        public Builder maxPixels(long pixels) {
            this.maxPixels = Limits.maxPixels("the pixel limit", pixels);
            return this;
        }

        /**
         * The most Gatys iterations a request may ask for (default 1000).
         *
         * @throws IllegalArgumentException if {@code iterations} is below 1
         */
        public Builder maxIterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("the iteration limit must be at least 1, got " + iterations);
            }
            this.maxIterations = iterations;
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws IllegalStateException if the port cannot be taken
         */
        public StyleServer build() {
            return new StyleServer(this, runSettings());
        }
    }
}
