package io.nst.springboottest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.RunSettings;
import io.nst.testing.TestMirror;
import io.nst.web.StyleServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
            FastRequest.stylizesAt(http, styles.port());
        }
    }
}
