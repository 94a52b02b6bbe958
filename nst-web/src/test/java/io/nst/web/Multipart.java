package io.nst.web;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** A multipart form as a browser sends it, for the API tests. */
final class Multipart {

    /** The boundary every form uses. */
    static final String BOUNDARY = "----nst-boundary-7d91";

    private final String boundary = BOUNDARY;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    Multipart field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    Multipart file(String name, String filename, byte[] content) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(content);
        write("\r\n");
        return this;
    }

    HttpResponse<byte[]> post(int port) throws Exception {
        return HttpClient.newHttpClient().send(request(port), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts without waiting, for many requests at once. */
    CompletableFuture<HttpResponse<byte[]>> postAsync(int port) {
        return HttpClient.newHttpClient().sendAsync(request(port), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The body, closed, for a raw request. */
    byte[] bytes() {
        write("--" + boundary + "--\r\n");
        return body.toByteArray();
    }

    private HttpRequest request(int port) {
        write("--" + boundary + "--\r\n");
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stylize"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    private void write(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
