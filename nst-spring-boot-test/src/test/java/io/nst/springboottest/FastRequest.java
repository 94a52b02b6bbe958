package io.nst.springboottest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nst.Images;
import io.nst.testing.TestMirror;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** {@code POST /api/stylize} of the sample photo in the wave style at 64 pixels, as a browser's form sends it. */
final class FastRequest {

    private FastRequest() {}

    /** Sends it to the server at {@code port} and checks the answer: a 64-pixel PNG. */
    static void stylizesAt(HttpClient http, int port) throws IOException, InterruptedException {
        String boundary = "nst-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : new String[][] {{"method", "fast"}, {"model", "wave"}, {"size", "64"}}) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                            + field[1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"content\"; filename=\"t.jpg\"\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(TestMirror.file("images/content/tubingen.jpg")));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> stylized = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stylize"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, stylized.statusCode(), new String(stylized.body(), StandardCharsets.UTF_8));
        assertEquals(
                64,
                Images.read(new ByteArrayInputStream(stylized.body()), "result", 1 << 20)
                        .getWidth());
    }
}
