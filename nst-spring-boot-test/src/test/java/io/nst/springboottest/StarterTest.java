package io.nst.springboottest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.nst.Images;
import io.nst.StyleTransferException;
import io.nst.examples.spring.StyleApplication;
import io.nst.fast.FastStylizer;
import io.nst.spring.boot.StylizerPool;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application (3.5 on Jetty here, 4 on Tomcat in nst-spring-boot4-test) with the
 * starter and ONNX Runtime: the pool bean stylizes as
 * {@link FastStylizer} does, from many threads; the HTTP API answers under {@code /api} of
 * Spring's own server; the meters count the runs; the context closes the pool.
 */
@SpringBootTest(
        classes = StyleApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "nst.web.enabled=true",
            "nst.web.max-size=768",
            "nst.web.gatys-work=50000000",
            "nst.web.clip-frames=100",
            "nst.web.clip-size=240",
            "nst.models=wave",
            "spring.main.banner-mode=off",
            "management.endpoints.web.exposure.include=health",
            "management.endpoint.health.show-details=always"
        })
class StarterTest {

    private static final BufferedImage PHOTO =
            Images.resizeLongSide(Images.read(TestMirror.file("images/content/tubingen.jpg")), 80);

    @Autowired
    StylizerPool pool;

    @Autowired
    MeterRegistry meters;

    // Spring Boot 4 moved @LocalServerPort; the property is where both lines put the port.
    @Value("${local.server.port}")
    int port;

    @Test
    void thePoolStylizesAsTheStylizerDoesFromManyThreadsAndIsCounted() throws Exception {
        assertTrue(pool.loadedStyles().contains("wave"), "nst.models are loaded at start: " + pool.loadedStyles());
        BufferedImage expected;
        try (FastStylizer stylizer = FastStylizer.builder().model("wave").build()) {
            expected = stylizer.stylize(PHOTO);
        }
        double before = meters.get("nst.runs").functionTimer().count();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<BufferedImage>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                results.add(threads.submit(() -> pool.stylize("wave", PHOTO)));
            }
            for (Future<BufferedImage> result : results) {
                BufferedImage styled = result.get();
                assertArrayEquals(
                        expected.getRGB(0, 0, expected.getWidth(), expected.getHeight(), null, 0, expected.getWidth()),
                        styled.getRGB(0, 0, styled.getWidth(), styled.getHeight(), null, 0, styled.getWidth()));
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(before + 12, meters.get("nst.runs").functionTimer().count());
        assertEquals(1.0, meters.get("nst.models.loaded").gauge().value());
        // A style that cannot be loaded fails its call, is counted, and is not kept as loaded.
        double failures = meters.get("nst.failures").functionCounter().count();
        for (String name : new String[] {"monet", "picasso"}) {
            StyleTransferException e = assertThrows(StyleTransferException.class, () -> pool.stylize(name, PHOTO));
            assertEquals(StyleTransferException.Kind.NOT_FOUND, e.kind(), e.getMessage());
        }
        assertEquals(failures + 2, meters.get("nst.failures").functionCounter().count());
        assertEquals(java.util.Set.of("wave"), pool.loadedStyles());
    }

    @Test
    void theHttpApiAnswersUnderApiOfSpringsOwnServer() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> styles = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/styles"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, styles.statusCode(), styles.body());
        assertTrue(styles.body().contains("wave"), styles.body());
        assertTrue(
                styles.body().contains("\"maxSize\":768")
                        && styles.body().contains("\"gatysWork\":50000000")
                        && styles.body().contains("\"maxClipFrames\":100")
                        && styles.body().contains("\"clipSize\":240"),
                "the nst.web limits: " + styles.body());
        FastRequest.stylizesAt(http, port);
        HttpResponse<String> unknown = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/styles/monet/thumbnail"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode(), unknown.body());
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        // The nst component, its fields in whichever order the Boot line writes them.
        String report = health.body();
        int nst = report.indexOf("\"nst\":{");
        String component = nst < 0 ? "" : report.substring(nst, Math.min(report.length(), nst + 200));
        assertTrue(
                component.contains("\"status\":\"UP\"") && component.contains("\"stylesLoaded\":[\"wave\"]"), report);
    }

    @Test
    void theExampleApplicationsEndpointStylizesAndRefusesWhatIsNotAStyle() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(PHOTO, "png", png);
        HttpResponse<byte[]> styled = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/styled/wave"))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(png.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, styled.statusCode(), new String(styled.body(), StandardCharsets.UTF_8));
        assertEquals(
                80,
                Images.read(new ByteArrayInputStream(styled.body()), "styled", 1 << 20)
                        .getWidth());
        for (String style : new String[] {"monet", "..%2F..%2Fetc", "%2Ftmp"}) {
            HttpResponse<String> refused = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/styled/" + style))
                            .header("Content-Type", "application/octet-stream")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(png.toByteArray()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(refused.statusCode() == 404 || refused.statusCode() == 400, style + ": " + refused.body());
        }
        HttpResponse<String> notAPhoto = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/styled/wave"))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofString("hello"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, notAPhoto.statusCode(), notAPhoto.body());
    }

    @Test
    void closingTheContextClosesThePool() {
        StylizerPool closed;
        try (ConfigurableApplicationContext context = SpringApplication.run(
                StyleApplication.class, "--server.port=0", "--spring.main.banner-mode=off", "--nst.models=udnie")) {
            closed = context.getBean(StylizerPool.class);
            assertEquals(
                    64,
                    closed.stylize("udnie", Images.resizeLongSide(PHOTO, 64)).getWidth());
        }
        StyleTransferException e = assertThrows(StyleTransferException.class, () -> closed.stylize("udnie", PHOTO));
        assertEquals(StyleTransferException.Kind.CLOSED, e.kind());
    }
}
