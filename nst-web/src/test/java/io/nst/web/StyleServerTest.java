package io.nst.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nst.Images;
import io.nst.RunSettings;
import io.nst.testing.TestFiles;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API: each method end to end, jobs, and bad requests answered in one clear line. */
class StyleServerTest {

    private static StyleServer server;
    private static byte[] photo;
    private static byte[] painting;

    @BeforeAll
    static void start() throws Exception {
        server = StyleServer.builder()
                .port(0)
                .host("127.0.0.1")
                .queue(2)
                .maxUploadBytes(2L << 20)
                .settings(RunSettings.builder()
                        .repository(TestMirror.repository())
                        .build())
                .build();
        photo = jpeg(Images.resize(Images.read(TestMirror.file("images/content/golden_gate.jpg")), 122, 91));
        painting = jpeg(Images.resizeLongSide(Images.read(TestMirror.file("images/style/starry_night.jpg")), 200));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theFastMethodAnswersWithAPngOfThePhotosSize() throws Exception {
        HttpResponse<byte[]> response = new Multipart()
                .field("method", "fast")
                .field("model", "wave")
                .file("content", "photo.jpg", photo)
                .post(server.port());
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("image/png", response.headers().firstValue("Content-Type").orElse(""));
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertEquals(122, out.getWidth());
        assertEquals(91, out.getHeight());
    }

    @Test
    void theArbitraryMethodTakesAPaintingAndASize() throws Exception {
        HttpResponse<byte[]> response = new Multipart()
                .field("method", "arbitrary")
                .field("size", "64")
                .field("strength", "0.8")
                .file("content", "photo.jpg", photo)
                .file("painting", "starry.jpg", painting)
                .post(server.port());
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals(64, ImageIO.read(new ByteArrayInputStream(response.body())).getWidth());
    }

    @Test
    void gatysIsAJobWithStatusPreviewsAndAResult() throws Exception {
        HttpResponse<byte[]> response = new Multipart()
                .field("method", "gatys")
                .field("size", "48")
                .field("iterations", "10")
                .file("content", "photo.jpg", photo)
                .file("painting", "starry.jpg", painting)
                .post(server.port());
        assertEquals(202, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        JsonObject job = JsonParser.parseString(new String(response.body(), StandardCharsets.UTF_8))
                .getAsJsonObject();
        JsonObject status = waitUntilFinished(job.get("statusUrl").getAsString());
        assertEquals("done", status.get("state").getAsString(), status.toString());
        assertEquals(10, status.get("iteration").getAsInt());
        assertEquals(200, get(job.get("previewUrl").getAsString()).statusCode());
        HttpResponse<byte[]> result = get(job.get("resultUrl").getAsString());
        assertEquals(48, ImageIO.read(new ByteArrayInputStream(result.body())).getWidth());
    }

    @Test
    void aJobIsCancelledOnRequest() throws Exception {
        HttpResponse<byte[]> response = new Multipart()
                .field("method", "gatys")
                .field("size", "48")
                .field("iterations", "1000")
                .file("content", "photo.jpg", photo)
                .file("painting", "starry.jpg", painting)
                .post(server.port());
        JsonObject job = JsonParser.parseString(new String(response.body(), StandardCharsets.UTF_8))
                .getAsJsonObject();
        HttpResponse<byte[]> cancelled = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(url(job.get("statusUrl").getAsString()))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, cancelled.statusCode());
        JsonObject status = waitUntilFinished(job.get("statusUrl").getAsString());
        assertEquals("cancelled", status.get("state").getAsString(), status.toString());
        assertTrue(status.get("iteration").getAsInt() < 1000);
    }

    @Test
    void aFullQueueIsRefusedWith503() throws Exception {
        try (StyleServer small = StyleServer.builder()
                .port(0)
                .host("127.0.0.1")
                .queue(1)
                .settings(RunSettings.builder()
                        .repository(TestMirror.repository())
                        .build())
                .build()) {
            int[] codes = new int[3];
            for (int i = 0; i < 3; i++) {
                codes[i] = new Multipart()
                        .field("method", "gatys")
                        .field("size", "32")
                        .field("iterations", "1000")
                        .file("content", "photo.jpg", photo)
                        .file("painting", "starry.jpg", painting)
                        .post(small.port())
                        .statusCode();
            }
            assertEquals(202, codes[0]);
            assertEquals(202, codes[1]);
            assertEquals(503, codes[2]);
        }
    }

    @Test
    void badRequestsGetOneClearLine() throws Exception {
        assertError(
                new Multipart()
                        .field("method", "fast")
                        .field("model", "wave")
                        .file("content", "notes.png", "hello".getBytes(StandardCharsets.UTF_8)),
                400,
                "content (notes.png): not a supported image (JPEG, PNG, BMP, GIF, TIFF or WebP)");
        assertError(new Multipart().field("model", "wave").file("content", "p.jpg", photo), 400, "method is required");
        assertError(
                new Multipart().field("method", "oil").file("content", "p.jpg", photo),
                400,
                "method must be fast, arbitrary or gatys, got 'oil'");
        assertError(
                new Multipart().field("method", "fast").field("model", "wave"), 400, "content is required: the photo");
        assertError(
                new Multipart()
                        .field("method", "fast")
                        .field("model", "wave")
                        .field("size", "big")
                        .file("content", "p.jpg", photo),
                400,
                "size must be a whole number from 16 to 1024, got 'big'");
        assertError(
                new Multipart().field("method", "fast").field("model", "monet").file("content", "p.jpg", photo),
                404,
                "model: no style 'monet'");
        assertError(
                new Multipart().field("method", "arbitrary").file("content", "p.jpg", photo),
                400,
                "painting is required: the painting");
        assertError(
                new Multipart()
                        .field("method", "fast")
                        .field("model", "wave")
                        .file("content", "huge.png", TestFiles.pngHeader(100_000, 100_000)),
                400,
                "100000x100000 pixels is larger than the limit");
        // Refused from its length before a byte is read: a client still sending its body may see the
        // connection reset before it reads the 413, as with any server that refuses early.
        try {
            HttpResponse<byte[]> tooLarge = new Multipart()
                    .field("method", "fast")
                    .field("model", "wave")
                    .file("content", "big.jpg", new byte[3 << 20])
                    .post(server.port());
            assertEquals(413, tooLarge.statusCode());
        } catch (java.io.IOException reset) {
            assertTrue(
                    String.valueOf(reset.getMessage()).matches(".*(reset|no bytes|closed|Broken pipe).*"),
                    reset.toString());
        }
    }

    private static void assertError(Multipart form, int status, String message) throws Exception {
        HttpResponse<byte[]> response = form.post(server.port());
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), body);
        String error =
                JsonParser.parseString(body).getAsJsonObject().get("error").getAsString();
        assertTrue(error.contains(message), error);
        assertEquals(1, error.lines().count(), error);
    }

    private static JsonObject waitUntilFinished(String statusUrl) throws Exception {
        for (int i = 0; i < 600; i++) {
            JsonObject status = JsonParser.parseString(new String(get(statusUrl).body(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            String state = status.get("state").getAsString();
            if (!state.equals("queued") && !state.equals("running")) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job did not finish in a minute");
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static byte[] jpeg(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
