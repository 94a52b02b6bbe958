package io.nst.cli;

import io.nst.RunSettings;
import io.nst.web.StyleServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nst serve}: the web page and the HTTP API, until Ctrl-C. */
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

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        RunSettings settings = RunSettings.builder()
                .backend(engine.backend)
                .device(engine.device())
                .build();
        try (StyleServer server = StyleServer.builder()
                .host(host)
                .port(port)
                .queue(queue)
                .maxUploadBytes((long) maxUploadMb << 20)
                .settings(settings)
                .build()) {
            System.err.printf("serving on http://%s:%d/ (Ctrl-C stops)%n", host, server.port());
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }
}
