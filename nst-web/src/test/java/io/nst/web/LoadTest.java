package io.nst.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Images;
import io.nst.RunSettings;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The server under load on loopback, bounded in time: decompression bombs all at once, and
 * hundreds of uploads that trickle, while the page's own requests must still be answered.
 */
class LoadTest {

    @Test
    void aHundredAndTwentyBombsAtOnceGetProperAnswersInBoundedMemory() throws Exception {
        // 24 MP of one colour: a 70 KB PNG that decodes to 96 MB.
        byte[] bomb = Images.toPng(new BufferedImage(6000, 4000, BufferedImage.TYPE_BYTE_BINARY));
        assertTrue(bomb.length < 200_000, "the bomb is small: " + bomb.length);
        try (StyleServer server = StyleServer.builder()
                .port(0)
                .perClient(200)
                .settings(RunSettings.builder()
                        .repository(TestMirror.repository())
                        .build())
                .build()) {
            List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                answers.add(new Multipart()
                        .field("method", "fast")
                        .field("model", "wave")
                        .field("size", "32")
                        .file("content", "bomb" + i + ".png", bomb)
                        .postAsync(server.port()));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            long peak = 0;
            for (CompletableFuture<HttpResponse<byte[]>> answer : answers) {
                HttpResponse<byte[]> response = answer.join();
                statuses.merge(response.statusCode(), 1, Integer::sum);
                peak = Math.max(peak, residentBytes());
                if (response.statusCode() != 200) {
                    String body = new String(response.body(), StandardCharsets.UTF_8);
                    assertTrue(body.startsWith("{\"error\":"), body);
                }
            }
            assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 503), statuses.toString());
            assertTrue(statuses.getOrDefault(200, 0) >= 1, statuses.toString());
            assertTrue(peak < 2L << 30, "resident memory " + (peak >> 20) + " MB");
        }
    }

    @Test
    void theStylesAnswerWithinTwoSecondsWhileFourHundredUploadsTrickle() throws Exception {
        try (StyleServer server = StyleServer.builder()
                .port(0)
                .uploadTimeouts(Duration.ofSeconds(5), 1024)
                .settings(RunSettings.builder()
                        .repository(TestMirror.repository())
                        .build())
                .build()) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 400; i++) {
                    Socket socket = new Socket("127.0.0.1", server.port());
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /api/stylize HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n--b")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    slow.add(socket);
                }
                HttpClient http = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(2))
                        .build();
                for (int i = 0; i < 5; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> styles = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/styles"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, styles.statusCode());
                    assertTrue(System.nanoTime() - start < 2e9, "answered within 2 s");
                    for (Socket socket : slow) {
                        try {
                            socket.getOutputStream().write('-');
                        } catch (java.io.IOException e) {
                            // cut off by the server: what it should do to a client this slow
                        }
                    }
                    Thread.sleep(1000);
                }
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }

    /** This process's resident memory, from Linux's own account. */
    private static long residentBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new AssertionError("no VmRSS in /proc/self/status");
    }
}
