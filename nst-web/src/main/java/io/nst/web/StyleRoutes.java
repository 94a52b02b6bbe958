package io.nst.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.nst.Images;
import io.nst.Limits;
import io.nst.RunSettings;
import io.nst.StyleTransfer;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.internal.AtomicFiles;
import io.nst.video.VideoStylizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page and the HTTP API as routes a Javalin application mounts ({@link #mount(JavalinConfig)}),
 * with everything that keeps them safe in front of untrusted clients: models by catalogue name
 * only, a total pixel budget, a cost limit per Gatys job, per-client and upload slots, a bounded
 * job queue, the {@code Host}, {@code Origin} and token checks, and errors as JSON with the status
 * their kind says. {@link StyleServer} serves them on their own. Thread-safe; {@link #close()}
 * cancels the jobs and closes the networks after their last call.
 */
public final class StyleRoutes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StyleRoutes.class);
    private static final int KEPT_JOBS = 100;
    private static final String SAMPLE_PHOTO = "images/content/tubingen.jpg";
    private static final int THUMBNAIL_SIZE = 96;

    /** The largest frame of a clip, from its header: 4K (a frame is decoded whole before it is scaled). */
    static final long CLIP_FRAME_PIXELS = 3840L * 2160;

    private final ServerLimits limits;
    private final RunSettings settings;
    private final ModelCatalogue catalogue;
    private final Networks networks;
    private final PixelBudget pixels;
    private final ClientSlots clients;
    private final Semaphore uploads;
    private final ThreadPoolExecutor workers;
    private final RequestChecks checks;
    private final Map<String, GatysJob> jobs = new ConcurrentHashMap<>();
    /** Each style's thumbnail, made once: the sample photo in that style. */
    private final Map<String, CompletableFuture<byte[]>> thumbnails = new ConcurrentHashMap<>();

    private volatile boolean closed;

    StyleRoutes(ServerLimits limits, RunSettings settings) {
        this.limits = limits;
        this.settings = settings;
        this.checks = new RequestChecks(limits);
        this.catalogue = new ModelCatalogue(limits.models);
        this.networks = new Networks(settings, limits.networks, limits.networkBytes);
        this.pixels = new PixelBudget(limits.pixelBudget);
        this.clients = new ClientSlots(limits.perClient);
        this.uploads = new Semaphore(limits.uploadsAtOnce);
        this.workers = new ThreadPoolExecutor(
                limits.workers,
                limits.workers,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.queue),
                runnable -> {
                    Thread t = new Thread(runnable, "nst-web-worker");
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Adds the page ({@code GET /}) and the API ({@code /api/...}) to a Javalin application's
     * routes. Each route checks and answers for itself (errors as JSON); nothing else of the
     * host's configuration is changed.
     */
    public void mount(JavalinConfig config) {
        var routes = config.routes;
        routes.get("/", checks.guarded(ctx -> ctx.contentType("text/html; charset=utf-8")
                .result(page())));
        routes.get("/api/styles", checks.guarded(this::styles));
        routes.get("/api/styles/{name}/thumbnail", checks.guarded(this::thumbnail));
        routes.post("/api/stylize", checks.guarded(this::stylize));
        routes.get("/api/jobs/{id}", checks.guarded(ctx -> Answers.json(ctx, 200, job(ctx).status())));
        routes.get(
                "/api/jobs/{id}/preview",
                checks.guarded(ctx -> Answers.png(ctx, job(ctx).preview(), "no preview yet")));
        routes.get(
                "/api/jobs/{id}/result",
                checks.guarded(ctx -> Answers.png(ctx, job(ctx).result(), "the job has no result yet")));
        routes.delete(
                "/api/jobs/{id}",
                checks.guarded(ctx -> Answers.json(ctx, 200, cancel(job(ctx)).status())));
        SseHandler events = new SseHandler(this::events);
        routes.get("/api/jobs/{id}/events", checks.guarded(ctx -> {
            String accept = String.valueOf(ctx.header("Accept"));
            if (!accept.contains("text/event-stream")) {
                throw new HttpFailure(
                        406, "the events of a job are a server-sent event stream: send Accept: text/event-stream");
            }
            job(ctx);
            events.handle(ctx);
        }));
    }

    /**
     * Stops taking work, cancels the queued and running jobs, waits up to {@code grace} for the
     * calls in flight and closes every network after its last call. A second call does nothing.
     *
     * @return the jobs cancelled
     */
    int stop(long graceMillis) {
        if (closed) {
            return 0;
        }
        closed = true;
        int cancelled = 0;
        for (GatysJob job : jobs.values()) {
            if (!job.state().finished()) {
                cancel(job);
                cancelled++;
            }
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
                workers.awaitTermination(graceMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        networks.close();
        return cancelled;
    }

    /** As {@link #stop}, with 30 s for the calls in flight. */
    @Override
    public void close() {
        stop(30_000);
    }

    private void styles(Context ctx) {
        JsonArray styles = new JsonArray();
        catalogue.names().forEach(styles::add);
        JsonObject answer = new JsonObject();
        answer.add("styles", styles);
        answer.addProperty("maxSize", limits.maxSize);
        answer.addProperty("gatysSize", limits.gatysSize);
        answer.addProperty("gatysMaxSize", limits.gatysMaxSize);
        answer.addProperty("gatysWork", limits.gatysWork);
        answer.addProperty("maxIterations", limits.maxIterations);
        answer.addProperty("maxClipFrames", limits.maxClipFrames);
        answer.addProperty("clipSize", limits.clipSize);
        answer.addProperty("maxUploadBytes", limits.maxUploadBytes);
        answer.addProperty("loadedStyles", networks.loaded());
        answer.addProperty("loadedStyleBytes", networks.bytes());
        Answers.json(ctx, 200, answer);
    }

    /**
     * A style's thumbnail: the SDK's sample photo (Tuebingen) in that style, 96 px, made once on a
     * worker and kept; a name outside the catalogue is {@code 404} as everywhere.
     */
    private void thumbnail(Context ctx) {
        String model = catalogue.model(ctx.pathParam("name"));
        CompletableFuture<byte[]> made = thumbnails.computeIfAbsent(model, m -> {
            try {
                return CompletableFuture.supplyAsync(
                        () -> {
                            try (Networks.Lease lease = networks.fast(m)) {
                                BufferedImage sample = Images.resizeLongSide(
                                        Images.read(settings.repository().resolve(SAMPLE_PHOTO)), THUMBNAIL_SIZE);
                                return Images.toPng(lease.stylizer().stylize(sample));
                            } catch (IOException e) {
                                throw new StyleTransferException(
                                        Kind.IO, "the sample photo cannot be read: " + e.getMessage(), e);
                            }
                        },
                        workers);
            } catch (RejectedExecutionException e) {
                throw busy();
            }
        });
        ctx.future(() -> made.handle((png, failure) -> {
            if (failure != null) {
                thumbnails.remove(model, made); // made again on the next request
                Answers.answer(ctx, failure);
            } else {
                ctx.header("Cache-Control", "max-age=86400")
                        .contentType("image/png")
                        .result(png);
            }
            return null;
        }));
    }

    private void stylize(Context ctx) {
        if (closed) {
            throw new StyleTransferException(Kind.CLOSED, "the server is stopping");
        }
        String type = String.valueOf(ctx.header("Content-Type")).toLowerCase(Locale.ROOT);
        if (!type.startsWith("multipart/form-data")) {
            throw new HttpFailure(
                    415, "send the photo as multipart/form-data (the fields: method, model or painting, content)");
        }
        long length = contentLength(ctx);
        if (length > limits.maxUploadBytes) {
            throw new HttpFailure(
                    413,
                    "the upload of " + length + " bytes is larger than the limit of " + limits.maxUploadBytes
                            + " bytes");
        }
        ClientSlots.Slot slot = clients.take(ctx.ip());
        PixelBudget.Lease held = pixels.lease();
        AutoCloseable release = () -> {
            held.close();
            slot.close();
        };
        boolean handedOver = false;
        try {
            Form form;
            if (!uploads.tryAcquire()) {
                throw new StyleTransferException(
                        Kind.LIMIT, "the server is receiving as many uploads as it may; try again shortly");
            }
            try {
                form = Form.read(ctx, limits.maxUploadBytes);
            } finally {
                uploads.release();
            }
            String method = form.required("method", "fast, arbitrary or gatys");
            switch (method) {
                case "fast" -> {
                    String model = catalogue.model(form.required("model", "a style name from GET /api/styles"));
                    if (form.hasFile("clip")) {
                        clipLater(ctx, release, form, held, () -> networks.fast(model));
                    } else {
                        BufferedImage content =
                                sized(form, form.image("content", "the photo", limits.maxPixels, limits.maxSize, held));
                        answerLater(ctx, release, () -> {
                            try (Networks.Lease lease = networks.fast(model)) {
                                return png(lease.stylizer().stylize(content));
                            }
                        });
                    }
                }
                case "arbitrary" -> {
                    double strength = form.decimal("strength", 0, 1, 1);
                    if (form.hasFile("clip")) {
                        BufferedImage painting =
                                form.image("painting", "the painting", limits.maxPixels, limits.maxSize, held);
                        clipLater(ctx, release, form, held, () -> networks.arbitrary(painting, strength));
                    } else {
                        BufferedImage content =
                                sized(form, form.image("content", "the photo", limits.maxPixels, limits.maxSize, held));
                        BufferedImage painting =
                                form.image("painting", "the painting", limits.maxPixels, limits.maxSize, held);
                        answerLater(ctx, release, () -> {
                            try (Networks.Lease lease = networks.arbitrary(painting, strength)) {
                                return png(lease.stylizer().stylize(content));
                            }
                        });
                    }
                }
                case "gatys" -> gatys(ctx, form, held, release);
                default -> throw Form.bad(
                        "method must be fast, arbitrary or gatys, got '" + Form.printable(method) + "'");
            }
            handedOver = true;
        } finally {
            if (!handedOver) {
                close(release);
            }
        }
    }

    /** The photo at the size asked for, or at its own size up to the server's largest. */
    private BufferedImage sized(Form form, BufferedImage photo) {
        int own = Math.max(photo.getWidth(), photo.getHeight());
        int size = Objects.requireNonNullElse(
                form.number("size", Limits.MIN_SIZE, limits.maxSize), Math.min(own, limits.maxSize));
        return size == own ? photo : Images.resizeLongSide(photo, size);
    }

    private void gatys(Context ctx, Form form, PixelBudget.Lease held, AutoCloseable release) {
        Integer asked = form.number("size", Limits.MIN_SIZE, limits.gatysMaxSize);
        int steps = Objects.requireNonNullElse(form.number("iterations", 1, limits.maxIterations), 200);
        BufferedImage photo = form.image("content", "the photo", limits.maxPixels, limits.gatysMaxSize, held);
        int longSide = Math.max(photo.getWidth(), photo.getHeight());
        int size = asked != null ? asked : Math.min(limits.gatysSize, longSide);
        int width = Math.max(1, (int) Math.round((double) photo.getWidth() * size / longSide));
        int height = Math.max(1, (int) Math.round((double) photo.getHeight() * size / longSide));
        long work = (long) width * height * steps;
        if (work > limits.gatysWork) {
            throw Form.bad(String.format(
                    Locale.ROOT,
                    "a Gatys job of %dx%d pixels and %d iterations is %.1f M pixel-iterations, more than this"
                            + " server's limit of %.1f M; ask for a smaller size or fewer iterations",
                    width,
                    height,
                    steps,
                    work / 1e6,
                    limits.gatysWork / 1e6));
        }
        BufferedImage painting = form.image("painting", "the painting", limits.maxPixels, limits.gatysMaxSize, held);
        StyleTransfer.Builder transfer = StyleTransfer.builder()
                .content(photo)
                .style(painting)
                .size(size)
                .iterations(steps)
                .progressEvery(5)
                .settings(settings);
        GatysJob job = new GatysJob(UUID.randomUUID().toString(), transfer, steps, width, height, release);
        jobs.put(job.id(), job);
        try {
            workers.execute(job);
        } catch (RejectedExecutionException e) {
            jobs.remove(job.id());
            throw busy();
        }
        forgetOldJobs();
        JsonObject answer = job.status();
        String base = "/api/jobs/" + job.id();
        answer.addProperty("statusUrl", base);
        answer.addProperty("eventsUrl", base + "/events");
        answer.addProperty("previewUrl", base + "/preview");
        answer.addProperty("resultUrl", base + "/result");
        Answers.json(ctx, 202, answer);
    }

    /** An answer's body and its media type. */
    private record Body(String contentType, byte[] bytes) {}

    private static Body png(BufferedImage image) {
        return new Body("image/png", Images.toPng(image));
    }

    /**
     * The clip in the form stylized on a worker, through the network {@code network} leases, at
     * the size asked for (up to the server's clip size), its length bounded by the server's
     * limits; the upload and the result live in a folder of the request's own, deleted at the end.
     */
    private void clipLater(
            Context ctx, AutoCloseable release, Form form, PixelBudget.Lease held, Supplier<Networks.Lease> network) {
        int size = Objects.requireNonNullElse(form.number("size", Limits.MIN_SIZE, limits.clipSize), limits.clipSize);
        long framePixels = Math.min(limits.maxPixels, CLIP_FRAME_PIXELS);
        // A frame as decoded, at its size, and the carried output.
        held.reserve(framePixels + 3L * size * size);
        Path folder;
        try {
            folder = Files.createTempDirectory("nst-web-clip");
        } catch (IOException e) {
            throw new StyleTransferException(Kind.IO, "no room for the clip: " + e.getMessage(), e);
        }
        AutoCloseable releaseAll = () -> {
            try {
                AtomicFiles.deleteRecursively(folder);
            } finally {
                release.close();
            }
        };
        BooleanSupplier clientGone = ClientConnections.of(ctx.req());
        boolean handedOver = false;
        try {
            Form.Upload clip = form.clip("clip", folder);
            answerLater(ctx, releaseAll, () -> {
                Path out = folder.resolve("stylized." + clip.extension());
                try (Networks.Lease lease = network.get()) {
                    VideoStylizer.builder()
                            .stylizer(lease.stylizer())
                            .size(size)
                            .maxFrames(limits.maxClipFrames)
                            .maxFramePixels(framePixels)
                            // A clip takes a worker for many seconds: a client that left frees it at the next frame.
                            .progress(frame -> {
                                if (clientGone.getAsBoolean()) {
                                    throw new StyleTransferException(
                                            Kind.CANCELLED, "the client went away; the clip was not finished");
                                }
                            })
                            .build()
                            .stylize(clip.path(), out);
                    return new Body(Form.CLIP_TYPES.get(clip.extension()), Files.readAllBytes(out));
                } catch (StyleTransferException e) {
                    throw clip.named(e);
                } catch (IOException e) {
                    throw new StyleTransferException(Kind.IO, "the stylized clip cannot be read back", e);
                }
            });
            handedOver = true;
        } finally {
            if (!handedOver) {
                close(releaseAll);
            }
        }
    }

    /** Runs {@code work} on a worker and answers with its body; what the request holds is given back at the end. */
    private void answerLater(Context ctx, AutoCloseable release, Supplier<Body> work) {
        BooleanSupplier clientGone = ClientConnections.of(ctx.req());
        CompletableFuture<Body> out;
        try {
            out = CompletableFuture.supplyAsync(
                    () -> {
                        // A request whose client left while it waited is not computed.
                        if (clientGone.getAsBoolean()) {
                            throw new StyleTransferException(
                                    Kind.CANCELLED, "the client went away before its request was started");
                        }
                        return work.get();
                    },
                    workers);
        } catch (RejectedExecutionException e) {
            throw busy();
        }
        ctx.future(() -> out.handle((body, failure) -> {
            try {
                if (failure != null) {
                    Answers.answer(ctx, failure);
                } else {
                    ctx.contentType(body.contentType()).result(body.bytes());
                }
            } finally {
                close(release);
            }
            return null;
        }));
    }

    private StyleTransferException busy() {
        return new StyleTransferException(
                Kind.LIMIT, "the server is busy (" + workers.getQueue().size() + " jobs waiting); try again later");
    }

    private GatysJob cancel(GatysJob job) {
        job.cancel();
        workers.remove(job);
        return job;
    }

    /** Keeps the last {@value #KEPT_JOBS} jobs: the oldest finished ones are forgotten. */
    private void forgetOldJobs() {
        while (jobs.size() > KEPT_JOBS) {
            GatysJob oldest = jobs.values().stream()
                    .filter(j -> j.state().finished())
                    .min(Comparator.comparingLong(GatysJob::created))
                    .orElse(null);
            if (oldest == null) {
                return;
            }
            jobs.remove(oldest.id());
        }
    }

    private void events(SseClient client) {
        GatysJob job = jobs.get(client.ctx().pathParam("id"));
        if (job == null) {
            client.close();
            return;
        }
        client.keepAlive();
        Consumer<JsonObject> listener = status -> {
            client.sendEvent("status", status.toString());
            if (GatysJob.State.valueOf(status.get("state").getAsString().toUpperCase(Locale.ROOT))
                    .finished()) {
                client.close();
            }
        };
        client.onClose(() -> job.removeListener(listener));
        job.addListener(listener);
    }

    private GatysJob job(Context ctx) {
        GatysJob job = jobs.get(ctx.pathParam("id"));
        if (job == null) {
            throw new HttpFailure(404, "no such job; jobs are kept until " + KEPT_JOBS + " newer ones have ended");
        }
        return job;
    }

    private static long contentLength(Context ctx) {
        String header = ctx.header("Content-Length");
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw Form.bad("Content-Length must be a whole number of bytes");
        }
    }

    private static void close(AutoCloseable held) {
        try {
            held.close();
        } catch (Exception e) {
            LOG.warn("giving back a request's reservations failed", e);
        }
    }

    private static byte[] page() throws IOException {
        try (InputStream in = Objects.requireNonNull(StyleRoutes.class.getResourceAsStream("index.html"))) {
            return in.readAllBytes();
        }
    }
}
