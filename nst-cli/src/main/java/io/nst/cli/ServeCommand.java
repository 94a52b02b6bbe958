package io.nst.cli;

import io.nst.RunSettings;
import io.nst.web.StyleServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nst serve}: the web page and the HTTP API, until Ctrl-C or SIGTERM. */
@Command(
        name = "serve",
        description =
                "Serve the web page (upload a photo, pick a style or a painting, watch it come) and the HTTP API.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "The port (0: any free one).")
    int port;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "The interface to listen on; 0.0.0.0 for every one (reachable from other machines).")
    String host;

    @Option(names = "--queue", defaultValue = "8", description = "Jobs that may wait; more get 503.")
    int queue;

    @Option(names = "--max-upload-mb", defaultValue = "20", description = "The largest upload, in MB.")
    int maxUploadMb;

    @Option(
            names = "--model",
            description = "Offer a trained model directory under a style name: NAME=DIR (repeatable).")
    Map<String, Path> models = Map.of();

    @Option(
            names = "--token",
            description = "Ask API clients for this bearer token (at least 16 characters); default: none.")
    String token;

    @Option(names = "--gatys-size", defaultValue = "384", description = "Gatys' long side when a request gives none.")
    int gatysSize;

    @Option(names = "--clip-frames", defaultValue = "250", description = "The most frames of an uploaded clip.")
    int clipFrames;

    @Option(
            names = "--clip-size",
            defaultValue = "360",
            description = "The long side of a clip's frames when a request gives none, and the largest.")
    int clipSize;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        StyleServer.Builder builder = StyleServer.builder()
                .host(host)
                .port(port)
                .queue(queue)
                .maxUploadBytes((long) maxUploadMb << 20)
                .gatysSize(gatysSize, Math.max(gatysSize, 512))
                .clipFrames(clipFrames)
                .clipSize(clipSize)
                .token(token)
                .settings(RunSettings.builder()
                        .backend(engine.backend)
                        .device(engine.device())
                        .build());
        models.forEach(builder::model);
        StyleServer server = builder.build();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        System.err.printf("serving on http://%s:%d/ (Ctrl-C stops)%n", shown, server.port());
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            // Ctrl-C or SIGTERM: stopped below, and the interrupt kept
            Thread.currentThread().interrupt();
        }
        int cancelled = server.stop(20_000);
        System.err.printf("nst serve: stopped (%d job(s) cancelled)%n", cancelled);
        return 0;
    }
}
