package io.nst.web;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.nst.Limits;
import io.nst.RunBuilder;
import io.nst.RunSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The web page and the HTTP API of {@link StyleRoutes}, served on their own by Javalin (Jetty 12).
 * The page ({@code GET /}) uploads a photo, takes a fast style, a painting (arbitrary) or Gatys,
 * shows Gatys' progress and previews as they come, and offers the result. The API:
 *
 * <ul>
 *   <li>{@code POST /api/stylize}, multipart: {@code content} (the photo), {@code method}
 *       ({@code fast}, {@code arbitrary}, {@code gatys}), {@code model} (a fast style's catalogue
 *       name) or {@code painting} (an image), optional {@code size} (long side), {@code strength}
 *       (arbitrary), {@code iterations} (Gatys). Fast and arbitrary answer with the PNG; Gatys
 *       answers {@code 202} with a job: {@code id} and its URLs.
 *   <li>{@code GET /api/jobs/{id}} (status JSON), {@code /preview} and {@code /result} (PNG),
 *       {@code /events} (server-sent events, one {@code status} per change), {@code DELETE
 *       /api/jobs/{id}} (cancel: a queued job leaves the queue at once).
 *   <li>{@code GET /api/styles}: the style names and the Gatys limits.
 * </ul>
 *
 * <p>Bounded: see {@link Builder}. A refused request gets {@code {"error": "..."}} naming the field
 * and the problem, with the status of its kind (400, 401, 403, 404, 405, 406, 413, 415, 503 with
 * {@code Retry-After}). Listens on loopback unless told otherwise. Thread-safe; {@link #close()}
 * stops taking requests, cancels the jobs and closes the networks after their last call.
 */
public final class StyleServer implements AutoCloseable {

    private final Javalin app;
    private final StyleRoutes routes;
    private final RunSettings settings;
    private final ServerLimits limits;

    private StyleServer(RunSettings settings, ServerLimits limits) {
        this.settings = settings;
        this.limits = limits;
        this.routes = new StyleRoutes(limits, settings);
        long maxUpload = limits.maxUploadBytes;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = maxUpload;
            config.http.prefer405over404 = true;
            config.jetty.multipartConfig.maxFileSize(maxUpload, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(maxUpload, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(maxUpload, 1 << 20), SizeUnit.BYTES);
            config.jetty.modifyHttpConfiguration(http -> {
                http.setIdleTimeout(limits.uploadIdle.toMillis());
                http.setMinRequestDataRate(limits.minUploadRate);
            });
            routes.mount(config);
            // Javalin's own 404 and 405 (no route, or another method's) as JSON too; the routes' answers stay.
            for (int status : new int[] {404, 405}) {
                config.routes.error(status, ctx -> {
                    if (!String.valueOf(ctx.res().getContentType()).startsWith("application/json")) {
                        String what = status == 404
                                ? "no such page: " + Form.printable(ctx.path())
                                : ctx.method() + " is not allowed on " + Form.printable(ctx.path());
                        Answers.answer(ctx, new HttpFailure(status, what));
                    }
                });
            }
        });
        try {
            app.start(limits.host, limits.port);
        } catch (RuntimeException e) {
            routes.close();
            throw new IllegalStateException(
                    "cannot listen on " + limits.host + ":" + limits.port + ": " + e.getMessage(), e);
        }
    }

    /** A builder: loopback, port 8080, one worker, a queue of 8, 20 MB uploads. */
    public static Builder builder() {
        return new Builder(RunSettings.defaults(), ServerLimits.DEFAULTS);
    }

    /** A builder holding this server's settings, to start another like it (on another port). */
    public Builder toBuilder() {
        return new Builder(settings, limits);
    }

    /** The port the server listens on (the chosen one when built with port 0). */
    public int port() {
        return app.port();
    }

    /**
     * Stops taking requests, cancels the queued and running jobs, waits up to {@code graceMillis}
     * for the calls in flight, then closes the networks after their last call. A second call does
     * nothing.
     *
     * @return the jobs cancelled
     */
    public int stop(long graceMillis) {
        // Jetty's stop fails when the calling thread is interrupted: stop with the flag cleared, then set it again.
        boolean interrupted = Thread.interrupted();
        try {
            app.stop();
            return routes.stop(graceMillis);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@link #stop(long)} with 30 s for the calls in flight. */
    @Override
    public void close() {
        stop(30_000);
    }

    /**
     * Configures a {@link StyleServer} (or the {@link StyleRoutes} a host mounts); each setter
     * checks its value at once. Not thread-safe.
     */
    public static final class Builder extends RunBuilder<Builder> {
        private ServerLimits limits;

        private Builder(RunSettings settings, ServerLimits limits) {
            settings(settings);
            this.limits = limits;
        }

        /** The interface to listen on (default loopback, {@code 127.0.0.1}; {@code 0.0.0.0} for every one). */
        public Builder host(String host) {
            Limits.requireArgument(
                    host != null && !host.isBlank(), "host must be an interface name or address, got '%s'", host);
            return change(l -> l.host = host);
        }

        /**
         * The port (default 8080; 0 picks a free one, see {@link StyleServer#port()}).
         *
         * @throws IllegalArgumentException unless {@code port} is from 0 to 65535
         */
        public Builder port(int port) {
            Limits.requireArgument(port >= 0 && port <= 65535, "port must be from 0 to 65535, got %s", port);
            return change(l -> l.port = port);
        }

        /**
         * Jobs run at once (default 1: each engine uses every core already).
         *
         * @throws IllegalArgumentException if {@code workers} is below 1
         */
        public Builder workers(int workers) {
            Limits.requireArgument(workers >= 1, "workers must be at least 1, got %s", workers);
            return change(l -> l.workers = workers);
        }

        /**
         * Jobs that may wait for a worker (default 8); more get {@code 503}.
         *
         * @throws IllegalArgumentException if {@code jobs} is below 1
         */
        public Builder queue(int jobs) {
            Limits.requireArgument(jobs >= 1, "the queue must hold at least 1 job, got %s", jobs);
            return change(l -> l.queue = jobs);
        }

        /**
         * The largest upload, photo and painting together (default 20 MB); larger get {@code 413}.
         *
         * @throws IllegalArgumentException if {@code bytes} is below 1 kB
         */
        public Builder maxUploadBytes(long bytes) {
            Limits.requireArgument(bytes >= 1024, "the upload limit must be at least 1024 bytes, got %s", bytes);
            return change(l -> l.maxUploadBytes = bytes);
        }

        /**
         * The largest image decoded, in pixels, checked from its header (default {@link
         * Limits#DEFAULT_MAX_PIXELS}, as everywhere in the SDK).
         *
         * @throws IllegalArgumentException if {@code pixels} is below 1
         */
        public Builder maxPixels(long pixels) {
            return change(l -> l.maxPixels = Limits.maxPixels("the pixel limit", pixels));
        }

        /**
         * The largest long side of a fast or arbitrary result (default 1024, a photo in one pass
         * without tiles: about 2 s and well under 1 GB on two cores; 2048 px took 54 s and 1.9 GB);
         * a photo without a size is stylized at its own size up to this, a larger size asked for
         * gets {@code 400}.
         *
         * @throws IllegalArgumentException unless {@code pixels} is a size of the SDK
         */
        public Builder maxSize(int pixels) {
            return change(l -> l.maxSize = Limits.size("the largest size", pixels));
        }

        /**
         * The pixels held decoded across every request at once (default {@link
         * Limits#DEFAULT_MAX_PIXELS}, about 256 MB of images); an image that does not fit gets
         * {@code 503} before it is decoded.
         *
         * @throws IllegalArgumentException if {@code pixels} is below 1
         */
        public Builder pixelBudget(long pixels) {
            return change(l -> l.pixelBudget = Limits.maxPixels("the pixel budget", pixels));
        }

        /**
         * The most frames of a clip (default 250, 10 s at 25 frames a second: about 40 s on two
         * cores with the arbitrary method at the default {@link #clipSize}); a longer clip gets
         * {@code 503} before any work when it says its length, else when the frame past the limit
         * is read.
         *
         * @throws IllegalArgumentException if {@code frames} is below 1
         */
        public Builder clipFrames(int frames) {
            Limits.requireArgument(frames >= 1, "the most frames of a clip must be at least 1, got %s", frames);
            return change(l -> l.maxClipFrames = frames);
        }

        /**
         * The long side a clip's frames are stylized at unless the request asks for less (default
         * 360 px).
         *
         * @throws IllegalArgumentException unless {@code size} is a size of the SDK
         */
        public Builder clipSize(int size) {
            Limits.size("the clip size", size);
            return change(l -> l.clipSize = size);
        }

        /**
         * Requests and jobs one client address may have in flight (default 4); more get {@code 503}.
         *
         * @throws IllegalArgumentException if {@code requests} is below 1
         */
        public Builder perClient(int requests) {
            Limits.requireArgument(requests >= 1, "the requests per client must be at least 1, got %s", requests);
            return change(l -> l.perClient = requests);
        }

        /**
         * Gatys' long side when a request gives no size (default 384), and the largest a request
         * may ask for (default 512: 0.7 GB resident on PyTorch; 768 took 1.2 GB, 1024 1.9 GB).
         *
         * @throws IllegalArgumentException unless both are sizes of the SDK and {@code size <= maxSize}
         */
        public Builder gatysSize(int size, int maxSize) {
            Limits.size("the Gatys size", size);
            Limits.size("the largest Gatys size", maxSize);
            Limits.requireArgument(size <= maxSize, "the Gatys size %s is above the largest, %s", size, maxSize);
            return change(l -> {
                l.gatysSize = size;
                l.gatysMaxSize = maxSize;
            });
        }

        /**
         * The most work of one Gatys job, its pixels times its iterations (default 60 million: 384
         * by 288 pixels for 540 iterations, measured at about 80 s on two cores); more get {@code
         * 400}.
         *
         * @throws IllegalArgumentException if {@code pixelIterations} is below 1
         */
        public Builder gatysWork(long pixelIterations) {
            Limits.requireArgument(
                    pixelIterations >= 1, "the Gatys work limit must be at least 1, got %s", pixelIterations);
            return change(l -> l.gatysWork = pixelIterations);
        }

        /**
         * The most Gatys iterations a request may ask for (default 1000).
         *
         * @throws IllegalArgumentException if {@code iterations} is below 1
         */
        public Builder maxIterations(int iterations) {
            Limits.requireArgument(iterations >= 1, "the iteration limit must be at least 1, got %s", iterations);
            return change(l -> l.maxIterations = iterations);
        }

        /**
         * Fast styles kept loaded (default 4) and the most bytes of their weights (default 256 MB,
         * see {@link io.nst.fast.FastStylizer#weightBytes()}); the least recently used is closed
         * after its last call when another is needed.
         *
         * @throws IllegalArgumentException if {@code count} or {@code bytes} is below 1
         */
        public Builder networks(int count, long bytes) {
            Limits.requireArgument(count >= 1, "the networks kept must be at least 1, got %s", count);
            Limits.requireArgument(bytes >= 1, "the bytes of the networks kept must be at least 1, got %s", bytes);
            return change(l -> {
                l.networks = count;
                l.networkBytes = bytes;
            });
        }

        /**
         * Offers a trained model directory under a style name, beside the pretrained styles.
         * Clients name styles only: no path a client sends is ever opened.
         *
         * @throws IllegalArgumentException if the name is not a plausible style name or is a
         *     pretrained style's, or the directory does not exist
         */
        public Builder model(String name, Path directory) {
            ModelCatalogue.checkName(name);
            Objects.requireNonNull(directory, "directory");
            Limits.requireArgument(
                    java.nio.file.Files.isDirectory(directory), "model %s: %s is not a directory", name, directory);
            return change(l -> {
                Map<String, Path> models = new LinkedHashMap<>(l.models);
                models.put(name, directory);
                l.models = Collections.unmodifiableMap(models);
            });
        }

        /**
         * How long an upload may send nothing (default 20 s) and the slowest it may send, in bytes a
         * second (default 1024): slower clients are cut off and free their thread.
         *
         * @throws IllegalArgumentException unless the time is positive and the rate not negative
         */
        public Builder uploadTimeouts(Duration idle, long minBytesPerSecond) {
            Limits.requireArgument(
                    idle != null && !idle.isNegative() && !idle.isZero(),
                    "the idle time must be positive, got %s",
                    idle);
            Limits.requireArgument(
                    minBytesPerSecond >= 0, "the upload rate must not be negative, got %s", minBytesPerSecond);
            return change(l -> {
                l.uploadIdle = idle;
                l.minUploadRate = minBytesPerSecond;
            });
        }

        /**
         * The {@code Host} names answered (default: the loopback names when listening on loopback,
         * any otherwise); other names get {@code 403}, so a DNS-rebinding page cannot reach the
         * server. None given: any name.
         */
        public Builder allowedHosts(String... names) {
            Set<String> hosts = new LinkedHashSet<>();
            for (String name : names) {
                String host = RequestChecks.hostName(name);
                Limits.requireArgument(host != null, "a host name is required, got '%s'", name);
                hosts.add(host);
            }
            return change(l -> l.allowedHosts = Collections.unmodifiableSet(hosts));
        }

        /**
         * A bearer token the API asks for ({@code Authorization: Bearer <token>}, or {@code
         * ?token=} on a {@code GET}); null for none (the default).
         *
         * @throws IllegalArgumentException if the token is shorter than 16 characters
         */
        public Builder token(String token) {
            Limits.requireArgument(token == null || token.length() >= 16, "a token must have at least 16 characters");
            return change(l -> l.token = token);
        }

        /**
         * Starts the server.
         *
         * @throws IllegalStateException if the port cannot be taken
         */
        public StyleServer build() {
            return new StyleServer(runSettings(), limits);
        }

        /** The page and the API without a server, for a Javalin application to {@link StyleRoutes#mount mount}. */
        public StyleRoutes routes() {
            return new StyleRoutes(limits, runSettings());
        }

        private Builder change(Consumer<ServerLimits> change) {
            limits = limits.with(change);
            return this;
        }
    }
}
