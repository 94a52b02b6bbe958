package io.nst.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Whether the client of a waiting request has gone: its end of the TCP connection is closed
 * while ours is still open (the kernel's {@code CLOSE_WAIT}). Jetty does not tell a request that
 * waits for a worker that its client left, and reading the socket to find out would take bytes
 * from the next request; the kernel's table of connections says it without touching them. Where
 * there is no such table (not Linux), a client never counts as gone.
 */
final class ClientConnections {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** The kernel's code for CLOSE_WAIT: the peer has closed, we have not. */
    private static final String CLOSE_WAIT = "08";

    private ClientConnections() {}

    /**
     * Whether the client of {@code request} has gone, looked up anew at each call; the ports are
     * read now, as the request object may be recycled once it is answered.
     */
    static BooleanSupplier of(HttpServletRequest request) {
        int localPort = request.getLocalPort();
        int remotePort = request.getRemotePort();
        return () -> gone(localPort, remotePort);
    }

    /** True when the connection from {@code remotePort} to our {@code localPort} is half closed by the client. */
    static boolean gone(int localPort, int remotePort) {
        String local = ":" + String.format(Locale.ROOT, "%04X", localPort);
        String remote = ":" + String.format(Locale.ROOT, "%04X", remotePort);
        for (Path table : TABLES) {
            try (Stream<String> lines = Files.lines(table)) {
                boolean found = lines.skip(1)
                        .map(String::trim)
                        .map(line -> line.split("\\s+"))
                        .anyMatch(f -> f.length > 3
                                && f[1].endsWith(local)
                                && f[2].endsWith(remote)
                                && f[3].equals(CLOSE_WAIT));
                if (found) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                // no table here: nothing known
            }
        }
        return false;
    }
}
