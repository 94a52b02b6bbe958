package io.nst.springboottest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Images;
import io.nst.RunSettings;
import io.nst.testing.TestMirror;
import io.nst.web.StyleServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot application (3.5 on its embedded Jetty, 4 on Tomcat), with Spring Boot's versions
 * of Jetty and the Servlet API, starts the SDK's web server beside its own: both answer, and a photo is
 * stylized (Javalin 6 on Jetty 11 failed here with a NoSuchMethodError at start).
 */
class SpringBootCoexistenceTest {

    @SpringBootApplication
    @RestController
    static class Application {
        @GetMapping("/hello")
        String hello() {
            return "hello";
        }
    }

    @Test
    void theStyleServerRunsInsideASpringBootApplicationOnItsJetty() throws Exception {
        assertTrue(Server.getVersion().startsWith("12."), "Jetty 12, as Spring Boot picks it: " + Server.getVersion());
        try (ConfigurableApplicationContext spring =
                        SpringApplication.run(Application.class, "--server.port=0", "--spring.main.banner-mode=off");
                StyleServer styles = StyleServer.builder()
                        .port(0)
                        .settings(RunSettings.builder()
                                .repository(TestMirror.repository())
                                .build())
                        .build()) {
            HttpClient http = HttpClient.newHttpClient();
            int springPort = spring.getEnvironment().getProperty("local.server.port", Integer.class);
            assertEquals(
                    "hello",
                    http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + springPort + "/hello"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body());
            String boundary = "nst-boundary";
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (String[] field : new String[][] {{"method", "fast"}, {"model", "wave"}, {"size", "64"}}) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0]
                                + "\"\r\n\r\n" + field[1] + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes(("--" + boundary
                            + "\r\nContent-Disposition: form-data; name=\"content\"; filename=\"t.jpg\"" + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(Files.readAllBytes(TestMirror.file("images/content/tubingen.jpg")));
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpResponse<byte[]> stylized = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + styles.port() + "/api/stylize"))
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
}
