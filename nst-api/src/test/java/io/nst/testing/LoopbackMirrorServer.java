package io.nst.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP server on 127.0.0.1 serving a mirror directory, with per-path faults: corrupted
 * bytes, or a connection dropped halfway through a file.
 */
public final class LoopbackMirrorServer implements AutoCloseable {

    /** What to do wrong for one path. */
    public enum Fault {
        CORRUPT,
        DROP_HALFWAY
    }

    private final HttpServer server;
    private final Path root;
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

    public LoopbackMirrorServer(Path root) throws IOException {
        this.root = root;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public void fault(String id, Fault fault) {
        faults.put(id, fault);
    }

    /** How many requests arrived so far. */
    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String id = exchange.getRequestURI().getPath().substring(1);
        Path file = root.resolve(id).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] body = Files.readAllBytes(file);
        Fault fault = faults.get(id);
        if (fault == Fault.CORRUPT) {
            body[body.length / 2] ^= 0x5a;
        }
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        if (fault == Fault.DROP_HALFWAY) {
            out.write(body, 0, body.length / 2);
            out.flush();
            // Closing the exchange before the declared length is reached drops the connection.
            exchange.close();
            return;
        }
        out.write(body);
        out.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
