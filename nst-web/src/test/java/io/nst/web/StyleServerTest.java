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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
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
    void aClipComesBackStylizedInItsContainerWithItsFrames() throws Exception {
        for (String format : List.of("mp4", "webm")) {
            HttpResponse<byte[]> response = new Multipart()
                    .field("method", "fast")
                    .field("model", "wave")
                    .field("size", "64")
                    .file("clip", "walk." + format, clip(format, 5))
                    .post(server.port());
            assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
            assertEquals(
                    "video/" + format,
                    response.headers().firstValue("Content-Type").orElse(""));
            Path back = Files.createTempFile("stylized", "." + format);
            Files.write(back, response.body());
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(back.toFile())) {
                grabber.start();
                assertEquals(64, grabber.getImageWidth());
                int frames = 0;
                while (grabber.grabImage() != null) {
                    frames++;
                }
                assertEquals(5, frames);
            } finally {
                Files.delete(back);
            }
        }
    }

    @Test
    void clipsAreBoundedAndCheckedByName() throws Exception {
        try (StyleServer small = StyleServer.builder()
                .port(0)
                .host("127.0.0.1")
                .clipFrames(4)
                .clipSize(64)
                .settings(RunSettings.builder()
                        .repository(TestMirror.repository())
                        .build())
                .build()) {
            HttpResponse<byte[]> tooLong = new Multipart()
                    .field("method", "fast")
                    .field("model", "wave")
                    .file("clip", "long.mp4", clip("mp4", 6))
                    .post(small.port());
            assertEquals(503, tooLong.statusCode());
            assertTrue(new String(tooLong.body(), StandardCharsets.UTF_8).contains("more than 4 frames"));
            HttpResponse<byte[]> tooLarge = new Multipart()
                    .field("method", "fast")
                    .field("model", "wave")
                    .field("size", "96")
                    .file("clip", "walk.mp4", clip("mp4", 2))
                    .post(small.port());
            assertEquals(400, tooLarge.statusCode());
        }
        assertError(
                new Multipart().field("method", "fast").field("model", "wave").file("clip", "walk.avi", clip("mp4", 2)),
                400,
                "clip (walk.avi): a clip must be named .mp4, .mov or .webm");
        HttpResponse<byte[]> garbage = new Multipart()
                .field("method", "fast")
                .field("model", "wave")
                .file("clip", "../../etc/walk.mp4", "not a clip".getBytes(StandardCharsets.UTF_8))
                .post(server.port());
        assertEquals(400, garbage.statusCode());
        String said = new String(garbage.body(), StandardCharsets.UTF_8);
        assertTrue(said.contains("cannot be decoded as a clip"), said);
        assertTrue(!said.contains(System.getProperty("java.io.tmpdir")), "no server path in the answer: " + said);
    }

    /** A clip of {@code frames} 96x64 views of the photo panned 3 px a frame, MPEG-4 or VP8. */
    static byte[] clip(String format, int frames) throws Exception {
        return clip(photo, format, frames);
    }

    /**
     * A clip of {@code frames} 96x64 views of {@code picture} panned 3 px a frame (back to the
     * start every 8 frames), MPEG-4 or VP8.
     */
    static byte[] clip(byte[] picture, String format, int frames) throws Exception {
        BufferedImage scene = Images.resizeLongSide(ImageIO.read(new ByteArrayInputStream(picture)), 120);
        Path file = Files.createTempFile("clip", "." + format);
        try {
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 96, 64, 0);
                    Java2DFrameConverter converter = new Java2DFrameConverter()) {
                recorder.setFormat(format);
                recorder.setFrameRate(12);
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setVideoCodecName(format.equals("webm") ? "libvpx" : "mpeg4");
                recorder.start();
                for (int f = 0; f < frames; f++) {
                    BufferedImage view = new BufferedImage(96, 64, BufferedImage.TYPE_3BYTE_BGR);
                    view.getGraphics().drawImage(scene.getSubimage(3 * (f % 8), 0, 96, 64), 0, 0, null);
                    recorder.record(converter.convert(view));
                }
                recorder.stop();
            }
            return Files.readAllBytes(file);
        } finally {
            Files.delete(file);
        }
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
