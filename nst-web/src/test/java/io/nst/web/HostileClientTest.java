package io.nst.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nst.Images;
import io.nst.RunSettings;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server in front of a hostile or careless client: each case answers with its exact status
 * and a one-line JSON error that names the field, and reaches no server file.
 */
class HostileClientTest {

    private static final String TOKEN = "correct-horse-battery-staple";

    private static StyleServer server;
    private static byte[] photo;
    private static byte[] painting;

    @BeforeAll
    static void start() throws Exception {
        server = StyleServer.builder()
                .port(0)
                .queue(1)
                .perClient(3)
                .maxUploadBytes(2L << 20)
                .gatysWork(3_000_000)
                .settings(settings())
                .build();
        photo = StyleServerTest.jpeg(
                Images.resize(Images.read(TestMirror.file("images/content/golden_gate.jpg")), 122, 91));
        painting = StyleServerTest.jpeg(
                Images.resizeLongSide(Images.read(TestMirror.file("images/style/starry_night.jpg")), 64));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RunSettings settings() {
        return RunSettings.builder().repository(TestMirror.repository()).build();
    }

    @Test
    void aModelIsAStyleNameNeverAPathOnTheServer() throws Exception {
        for (String probe : List.of("/etc", "/root/secret", "../../../etc", "wave/../../etc", "C:\\Windows", "~")) {
            HttpResponse<byte[]> answer = new Multipart()
                    .field("method", "fast")
                    .field("model", probe)
                    .file("content", "p.jpg", photo)
                    .post(server.port());
            String body = new String(answer.body(), StandardCharsets.UTF_8);
            assertEquals(404, answer.statusCode(), body);
            assertEquals("model: no style by that name; GET /api/styles lists the styles", error(body));
            assertFalse(body.contains("manifest") || body.contains("models") || body.contains(probe), body);
        }
    }

    @Test
    void aLengthOverTheLimitIsRefusedBeforeTheBodyEvenAbove2GiB() throws Exception {
        for (String length : List.of("3000000000", "9223372036854775807", "" + (3L << 20))) {
            long start = System.nanoTime();
            RawHttp.Answer answer = RawHttp.send(
                    server.port(),
                    "POST /api/stylize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x"
                            + "\r\nContent-Length: " + length,
                    new byte[16]);
            assertEquals(413, answer.status(), answer.head() + answer.body());
            assertTrue(answer.body().contains("larger than the limit of 2097152 bytes"), answer.body());
            assertTrue(System.nanoTime() - start < 5e9, "answered within 5 s");
        }
    }

    @Test
    void wrongMethodsTypesAndAcceptsGetTheirOwnStatus() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> put = http.send(
                HttpRequest.newBuilder(url("/api/stylize"))
                        .PUT(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, put.statusCode(), put.body());
        assertEquals("PUT is not allowed on /api/stylize", error(put.body()));
        HttpResponse<String> json = http.send(
                HttpRequest.newBuilder(url("/api/stylize"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, json.statusCode(), json.body());
        assertTrue(error(json.body()).startsWith("send the photo as multipart/form-data"), json.body());
        HttpResponse<String> missing =
                http.send(HttpRequest.newBuilder(url("/api/nothing")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertEquals("no such page: /api/nothing", error(missing.body()));
        String job = gatysJob(32, 5);
        HttpResponse<String> events = http.send(
                HttpRequest.newBuilder(url("/api/jobs/" + job + "/events")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(406, events.statusCode(), events.body());
        assertTrue(error(events.body()).contains("Accept: text/event-stream"), events.body());
        waitUntilFinished(job);
    }

    @Test
    void anotherHostOrAnotherSitesPageIsRefused() throws Exception {
        RawHttp.Answer rebound =
                RawHttp.send(server.port(), "GET /api/styles HTTP/1.1\r\nHost: evil.example:8080", new byte[0]);
        assertEquals(403, rebound.status(), rebound.head());
        assertTrue(rebound.body().contains("this server answers only to"), rebound.body());
        RawHttp.Answer local = RawHttp.send(
                server.port(), "GET /api/styles HTTP/1.1\r\nHost: localhost:" + server.port(), new byte[0]);
        assertEquals(200, local.status(), local.head());
        RawHttp.Answer crossSite = RawHttp.send(
                server.port(),
                "DELETE /api/jobs/x HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nOrigin: http://evil.example",
                new byte[0]);
        assertEquals(403, crossSite.status(), crossSite.head());
        assertTrue(crossSite.body().contains("Origin does not match Host"), crossSite.body());
    }

    @Test
    void aStylesThumbnailIsMadeOnceAndOnlyForCatalogueNames() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> first = http.send(
                HttpRequest.newBuilder(url("/api/styles/udnie/thumbnail")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, first.statusCode());
        assertEquals(
                96,
                Images.read(new java.io.ByteArrayInputStream(first.body()), "thumbnail", 1 << 20)
                        .getWidth());
        HttpResponse<byte[]> again = http.send(
                HttpRequest.newBuilder(url("/api/styles/udnie/thumbnail")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertTrue(java.util.Arrays.equals(first.body(), again.body()));
        HttpResponse<String> probe = http.send(
                HttpRequest.newBuilder(url("/api/styles/..%2F..%2Fetc/thumbnail"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, probe.statusCode(), probe.body());
    }

    @Test
    void theNetworksKeptAreBoundedInNumberAndBytes() throws Exception {
        for (long bytes : new long[] {1L << 30, 1}) {
            try (StyleServer few = server.toBuilder().port(0).networks(2, bytes).build()) {
                for (String style : List.of("wave", "udnie", "scream", "wave", " wave ")) {
                    HttpResponse<byte[]> answer = new Multipart()
                            .field("method", "fast")
                            .field("model", style)
                            .field("size", "32")
                            .file("content", "p.jpg", photo)
                            .post(few.port());
                    assertEquals(200, answer.statusCode(), style);
                }
                JsonObject styles = json(HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + few.port() + "/api/styles"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
                int loaded = styles.get("loadedStyles").getAsInt();
                assertEquals(bytes == 1 ? 1 : 2, loaded, styles.toString());
                long weights = styles.get("loadedStyleBytes").getAsLong();
                assertTrue(weights > loaded * 1_000_000L && weights < loaded * 20_000_000L, styles.toString());
            }
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(url("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals(
                "nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
    }

    @Test
    void fieldsAreCheckedByNameAndKind() throws Exception {
        assertError(
                new Multipart()
                        .field("method", "fast")
                        .field("model", "wave")
                        .file("size", "size.txt", "64".getBytes(StandardCharsets.UTF_8))
                        .file("content", "p.jpg", photo),
                400,
                "size must be a form field, not a file");
        assertError(
                new Multipart().field("method", "fast").field("model", "wave").field("content", "p.jpg"),
                400,
                "content must be an image file, not a text field");
        assertError(
                new Multipart()
                        .field("method", "fast")
                        .field("model", "wave")
                        .field("colour", "blue")
                        .file("content", "p.jpg", photo),
                400,
                "unknown field 'colour'");
        assertError(
                new Multipart().field("method", "fast\"}, {\"x").file("content", "p.jpg", photo),
                400,
                "method must be fast, arbitrary or gatys, got 'fast\"}, {\"x'");
        assertError(
                new Multipart()
                        .field("method", "fast")
                        .field("model", "wave")
                        .file("content", "фото №1.png", "text".getBytes(StandardCharsets.UTF_8)),
                400,
                "content (фото №1.png): not a supported image");
        assertError(
                new Multipart()
                        .field("method", "fast")
                        .field("model", "wave")
                        .file("content", "dot.png", png(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB))),
                400,
                "content (dot.png): 1x1 pixels is too small; send an image of at least 2x2");
        assertError(
                new Multipart().field("method", "arbitrary").file("content", "p.jpg", photo),
                400,
                "painting is required: the painting");
    }

    @Test
    void aBrokenOrEndlessMultipartBodyIsABadRequest() throws Exception {
        byte[] garbage =
                "--zz\r\nContent-Disposition: garbage\r\n\r\nabc\r\n--zz--\r\n".getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer broken = RawHttp.send(
                server.port(),
                "POST /api/stylize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=zz"
                        + "\r\nContent-Length: " + garbage.length,
                garbage);
        assertEquals(400, broken.status(), broken.head() + broken.body());
        assertTrue(broken.body().contains("error"), broken.body());
        Multipart many = new Multipart();
        for (int i = 0; i < 1200; i++) {
            many.field("f" + i, "x");
        }
        HttpResponse<byte[]> answer = many.post(server.port());
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        assertEquals(400, answer.statusCode(), body);
        assertNotNull(error(body));
    }

    @Test
    void gatysHasACostLimitAndTheServersDefaultSize() throws Exception {
        assertError(
                new Multipart()
                        .field("method", "gatys")
                        .field("size", "512")
                        .field("iterations", "1000")
                        .file("content", "p.jpg", photo)
                        .file("painting", "s.jpg", painting),
                400,
                "a Gatys job of 512x382 pixels and 1000 iterations is 195.6 M pixel-iterations, more than this"
                        + " server's limit of 3.0 M");
        HttpResponse<byte[]> noSize = new Multipart()
                .field("method", "gatys")
                .field("iterations", "2")
                .file("content", "p.jpg", photo)
                .file("painting", "s.jpg", painting)
                .post(server.port());
        JsonObject job = json(new String(noSize.body(), StandardCharsets.UTF_8));
        assertEquals(202, noSize.statusCode(), job.toString());
        assertEquals(122, job.get("width").getAsInt(), "the photo is below the default 384 px, so its own size");
        waitUntilFinished(job.get("id").getAsString());
    }

    @Test
    void aCancelledQueuedJobLeavesTheQueueAtOnce() throws Exception {
        String running = gatysJob(48, 1000);
        String queued = gatysJob(48, 1000);
        HttpResponse<byte[]> full = gatysRequest(48, 1000).post(server.port());
        assertEquals(503, full.statusCode());
        assertEquals("5", full.headers().firstValue("Retry-After").orElse(""));
        assertEquals("cancelled", delete(queued).get("state").getAsString());
        String next = gatysJob(48, 1000);
        delete(next);
        delete(running);
        assertEquals("cancelled", waitUntilFinished(running).get("state").getAsString());
    }

    @Test
    void oneClientCannotHoldMoreThanItsSlots() throws Exception {
        try (StyleServer strict = server.toBuilder().port(0).perClient(1).build()) {
            HttpResponse<byte[]> first = gatysRequest(48, 1000).post(strict.port());
            assertEquals(202, first.statusCode());
            HttpResponse<byte[]> second = gatysRequest(48, 10).post(strict.port());
            assertEquals(503, second.statusCode());
            assertTrue(error(new String(second.body(), StandardCharsets.UTF_8)).contains("requests or jobs in flight"));
        }
    }

    @Test
    void imagesBeyondThePixelBudgetWaitOutside() throws Exception {
        try (StyleServer small = server.toBuilder().port(0).pixelBudget(10_000).build()) {
            HttpResponse<byte[]> answer = new Multipart()
                    .field("method", "fast")
                    .field("model", "wave")
                    .file("content", "p.jpg", photo)
                    .post(small.port());
            String body = new String(answer.body(), StandardCharsets.UTF_8);
            assertEquals(503, answer.statusCode(), body);
            assertEquals("5", answer.headers().firstValue("Retry-After").orElse(""));
            assertTrue(error(body).startsWith("the server holds as many pixels as it may"), body);
        }
    }

    @Test
    void aTokenGuardsTheApiWhenGiven() throws Exception {
        try (StyleServer guarded = server.toBuilder().port(0).token(TOKEN).build()) {
            HttpClient http = HttpClient.newHttpClient();
            URI styles = URI.create("http://127.0.0.1:" + guarded.port() + "/api/styles");
            HttpResponse<String> none =
                    http.send(HttpRequest.newBuilder(styles).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, none.statusCode());
            assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
            HttpResponse<String> wrong = http.send(
                    HttpRequest.newBuilder(styles)
                            .header("Authorization", "Bearer nope")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode());
            HttpResponse<String> right = http.send(
                    HttpRequest.newBuilder(styles)
                            .header("Authorization", "Bearer " + TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, right.statusCode());
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guarded.port() + "/"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), "the page itself is public; it sends the token it is given");
        }
    }

    @Test
    void manyConcurrentRequestsGetProperAnswers() throws Exception {
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return new Multipart()
                            .field("method", "fast")
                            .field("model", "wave")
                            .field("size", "32")
                            .file("content", "p.jpg", photo)
                            .post(server.port())
                            .statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<Integer> answer : answers) {
            int status = answer.join();
            assertTrue(status == 200 || status == 503, "status " + status);
        }
    }

    @Test
    void requestsTheirClientsAbandonedAreNotComputed() throws Exception {
        try (StyleServer one =
                server.toBuilder().port(0).perClient(50).queue(20).build()) {
            String running = json(new String(
                            gatysRequest(48, 1000).post(one.port()).body(), StandardCharsets.UTF_8))
                    .get("id")
                    .getAsString();
            byte[] form = new Multipart()
                    .field("method", "fast")
                    .field("model", "wave")
                    .field("size", "1024")
                    .file("content", "p.jpg", photo)
                    .bytes();
            for (int i = 0; i < 12; i++) {
                postAndLeave(one.port(), form, 200); // read and queued; then the client goes
            }
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + one.port() + "/api/jobs/" + running))
                                    .DELETE()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            double seconds = secondsToServeASmallPhoto(one.port());
            assertTrue(seconds < 10, "the abandoned 1024 px requests were skipped, not computed: " + seconds + " s");
        }
    }

    /**
     * A clip of 150 frames takes the only worker for half a minute; its client leaves two seconds
     * in, and the next request is served within seconds: the clip stopped at its next frame.
     */
    @Test
    void aClipItsClientAbandonsStopsAtTheNextFrame() throws Exception {
        try (StyleServer one = server.toBuilder().port(0).perClient(5).queue(5).build()) {
            byte[] form = new Multipart()
                    .field("method", "fast")
                    .field("model", "wave")
                    .file("clip", "long.mp4", StyleServerTest.clip(photo, "mp4", 150))
                    .bytes();
            postAndLeave(one.port(), form, 2000); // the clip is under way; then the client goes
            double seconds = secondsToServeASmallPhoto(one.port());
            assertTrue(seconds < 8, "the abandoned clip was stopped, not finished: " + seconds + " s");
        }
    }

    /** Posts {@code form} to the stylize route on a connection of its own, and closes it after {@code millis}. */
    private static void postAndLeave(int port, byte[] form, long millis) throws Exception {
        try (java.net.Socket client = new java.net.Socket("127.0.0.1", port)) {
            client.getOutputStream()
                    .write(("POST /api/stylize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                                    + "multipart/form-data; boundary=" + Multipart.BOUNDARY
                                    + "\r\nContent-Length: " + form.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().write(form);
            Thread.sleep(millis);
        }
    }

    /** How long a 32 px photo takes to come back, in seconds, queued behind whatever the server is doing. */
    private static double secondsToServeASmallPhoto(int port) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> after = new Multipart()
                .field("method", "fast")
                .field("model", "wave")
                .field("size", "32")
                .file("content", "p.jpg", photo)
                .post(port);
        assertEquals(200, after.statusCode());
        return (System.nanoTime() - start) / 1e9;
    }

    private static Multipart gatysRequest(int size, int iterations) {
        return new Multipart()
                .field("method", "gatys")
                .field("size", "" + size)
                .field("iterations", "" + iterations)
                .file("content", "p.jpg", photo)
                .file("painting", "s.jpg", painting);
    }

    private static String gatysJob(int size, int iterations) throws Exception {
        HttpResponse<byte[]> answer = gatysRequest(size, iterations).post(server.port());
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        assertEquals(202, answer.statusCode(), body);
        return json(body).get("id").getAsString();
    }

    private static JsonObject delete(String job) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(url("/api/jobs/" + job)).DELETE().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer.body());
    }

    private static JsonObject waitUntilFinished(String job) throws Exception {
        for (int i = 0; i < 1200; i++) {
            JsonObject status = json(HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(url("/api/jobs/" + job)).build(), HttpResponse.BodyHandlers.ofString())
                    .body());
            String state = status.get("state").getAsString();
            if (!state.equals("queued") && !state.equals("running")) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + job + " did not finish in two minutes");
    }

    private static void assertError(Multipart form, int status, String message) throws Exception {
        HttpResponse<byte[]> response = form.post(server.port());
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), body);
        String error = error(body);
        assertTrue(error.contains(message), error);
        assertEquals(1, error.lines().count(), error);
    }

    private static String error(String body) {
        return json(body).get("error").getAsString();
    }

    private static JsonObject json(String body) {
        return JsonParser.parseString(body).getAsJsonObject();
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static byte[] png(BufferedImage image) {
        return Images.toPng(image);
    }
}
