package io.nst.web;

import io.nst.Limits;
import io.nst.internal.CopiedValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Where a server listens and what it allows, as one value its builder replaces on each change
 * (never changed once made), read by every request. The defaults are the builder's.
 */
final class ServerLimits extends CopiedValues<ServerLimits> {
    static final ServerLimits DEFAULTS = new ServerLimits();

    /** The interface listened on. */
    String host = "127.0.0.1";
    /** The port listened on; 0 for a free one. */
    int port = 8080;
    /** The largest request body. */
    long maxUploadBytes = 20L << 20;
    /** The largest image, from its header. */
    long maxPixels = Limits.DEFAULT_MAX_PIXELS;
    /** The largest long side of a one-pass result. */
    int maxSize = 1024;
    /** The pixels held decoded across every request at once. */
    long pixelBudget = Limits.DEFAULT_MAX_PIXELS;
    /** Requests and jobs one client may have in flight. */
    int perClient = 4;
    /** Request bodies read at once, fewer than the server's threads. */
    int uploadsAtOnce = 32;
    /** Jobs run at once. */
    int workers = 1;
    /** Jobs that may wait. */
    int queue = 8;
    /** Gatys' long side when a request gives none. */
    int gatysSize = 384;
    /** The largest Gatys long side. */
    int gatysMaxSize = 512;
    /** The most pixels times iterations of one Gatys job. */
    long gatysWork = 60_000_000L;
    /** The most Gatys iterations. */
    int maxIterations = 1000;
    /** The most frames of a clip. */
    int maxClipFrames = 250;
    /** The long side of a clip's frames when a request gives none, and the largest it may give. */
    int clipSize = 360;
    /** Fast styles kept loaded. */
    int networks = 4;
    /** The most bytes of weights of the fast styles kept loaded. */
    long networkBytes = 256L << 20;
    /** The operator's model directories by style name (unmodifiable). */
    Map<String, Path> models = Map.of();
    /** How long an upload may send nothing. */
    Duration uploadIdle = Duration.ofSeconds(20);
    /** The slowest an upload may send, in bytes a second. */
    long minUploadRate = 1024;
    /** The {@code Host} names answered, empty for any; null for the default of {@link #host}. */
    Set<String> allowedHosts;
    /** The bearer token the API asks for, or null. */
    String token;

    private ServerLimits() {}

    /** The {@code Host} names answered: those given, else on loopback the loopback names only (against DNS rebinding). */
    Set<String> hostsAnswered() {
        if (allowedHosts != null) {
            return allowedHosts;
        }
        return switch (host) {
            case "127.0.0.1", "localhost", "::1", "[::1]" -> Set.of("localhost", "127.0.0.1", "[::1]");
            default -> Set.of();
        };
    }
}
