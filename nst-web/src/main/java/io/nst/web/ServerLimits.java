package io.nst.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * What a server allows, as its builder was given it: copied at build time, read by every request.
 *
 * @param maxUploadBytes the largest request body
 * @param maxPixels the largest image, from its header
 * @param maxSize the largest long side of a one-pass result
 * @param pixelBudget the pixels held decoded across every request at once
 * @param perClient requests and jobs one client may have in flight
 * @param uploadsAtOnce request bodies read at once, fewer than the server's threads
 * @param workers jobs run at once
 * @param queue jobs that may wait
 * @param gatysSize Gatys' long side when a request gives none
 * @param gatysMaxSize the largest Gatys long side
 * @param gatysWork the most pixels times iterations of one Gatys job
 * @param maxIterations the most Gatys iterations
 * @param networks fast styles kept loaded
 * @param networkBytes the most bytes of weights of the fast styles kept loaded
 * @param models the operator's model directories by style name
 * @param uploadIdle how long an upload may send nothing
 * @param minUploadRate the slowest an upload may send, in bytes a second
 * @param allowedHosts the {@code Host} names answered; empty for any
 * @param token the bearer token the API asks for, or null
 */
record ServerLimits(
        long maxUploadBytes,
        long maxPixels,
        int maxSize,
        long pixelBudget,
        int perClient,
        int uploadsAtOnce,
        int workers,
        int queue,
        int gatysSize,
        int gatysMaxSize,
        long gatysWork,
        int maxIterations,
        int networks,
        long networkBytes,
        Map<String, Path> models,
        Duration uploadIdle,
        long minUploadRate,
        Set<String> allowedHosts,
        String token) {

    ServerLimits {
        models = Map.copyOf(models);
        allowedHosts = Set.copyOf(allowedHosts);
    }
}
