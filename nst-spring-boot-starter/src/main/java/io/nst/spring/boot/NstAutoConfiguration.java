package io.nst.spring.boot;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.nst.Limits;
import io.nst.RunSettings;
import io.nst.repo.ModelRepository;
import io.nst.web.StyleRoutes;
import io.nst.web.StyleServer;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.Servlet;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SDK in a Spring Boot application: a {@link ModelRepository} and {@link RunSettings} from
 * {@link NstProperties}, a {@link StylizerPool} (its {@code nst.models} loaded at start, closed
 * with the context), Micrometer meters when Micrometer is present ({@code nst.runs}, a timer of
 * the calls; {@code nst.failures}; {@code nst.models.loaded}; {@code nst.waiting}), the same
 * figures as the {@code nst} health of Actuator (Spring Boot 3 or 4) when present, and with
 * {@code nst.web.enabled=true} the HTTP API of {@code nst serve} under {@code /api}. Each bean
 * gives way to one of the application's own.
 */
@AutoConfiguration
@EnableConfigurationProperties(NstProperties.class)
public class NstAutoConfiguration {

    /** The models' repository: {@code nst.cache}, {@code nst.mirror}, else the environment's. */
    @Bean
    @ConditionalOnMissingBean
    public ModelRepository nstModelRepository(NstProperties properties) {
        ModelRepository.Builder repository = ModelRepository.fromEnvironment().toBuilder();
        if (properties.getCache() != null) {
            repository.cacheDirectory(properties.getCache());
        }
        if (properties.getMirror() != null && !properties.getMirror().isBlank()) {
            repository.mirror(properties.getMirror());
        }
        return repository.build();
    }

    /**
     * Where the networks run: {@code nst.backend}, {@code nst.device}; {@code nst.threads} sets
     * the engines' threads for the process unless {@code nst.threads} is a system property already.
     */
    @Bean
    @ConditionalOnMissingBean
    public RunSettings nstRunSettings(NstProperties properties, ModelRepository repository) {
        if (properties.getThreads() != null && System.getProperty("nst.threads") == null) {
            Limits.requireArgument(
                    properties.getThreads() >= 0 && properties.getThreads() <= 1024,
                    "nst.threads must be from 0 to 1024, got %d",
                    properties.getThreads());
            System.setProperty("nst.threads", properties.getThreads().toString());
        }
        return RunSettings.builder()
                .backend(
                        properties.getBackend() == null
                                        || properties.getBackend().isBlank()
                                ? null
                                : properties.getBackend())
                .device(properties.getDevice())
                .repository(repository)
                .build();
    }

    /** The stylizers, with {@code nst.models} built now so that a missing one stops the start. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public StylizerPool nstStylizerPool(NstProperties properties, RunSettings settings) {
        StylizerPool pool = new StylizerPool(settings, properties.getPoolSize());
        try {
            properties.getModels().forEach(pool::preload);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    /** Micrometer meters of the pool, when the application has Micrometer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {
        @Bean
        MeterBinder nstMeters(StylizerPool pool) {
            return registry -> {
                FunctionTimer.builder("nst.runs", pool, StylizerPool::runs, StylizerPool::seconds, TimeUnit.SECONDS)
                        .description("Stylizations by the pool, and their seconds (waiting included)")
                        .register(registry);
                FunctionCounter.builder("nst.failures", pool, StylizerPool::failures)
                        .description("Stylizations that failed")
                        .register(registry);
                Gauge.builder("nst.models.loaded", pool, p -> p.loadedStyles().size())
                        .description("Fast styles with a stylizer built")
                        .register(registry);
                Gauge.builder("nst.waiting", pool, StylizerPool::waiting)
                        .description("Calls waiting for a free stylizer")
                        .register(registry);
            };
        }
    }

    /** The pool's state as Spring Boot 3's Actuator shows health. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Boot3Health {
        @Bean
        org.springframework.boot.actuate.health.HealthIndicator nstHealthIndicator(StylizerPool pool) {
            return () -> {
                var health = pool.isClosed()
                        ? org.springframework.boot.actuate.health.Health.down()
                        : org.springframework.boot.actuate.health.Health.up();
                pool.figures().forEach(health::withDetail);
                return health.build();
            };
        }
    }

    /** The pool's state as Spring Boot 4's Actuator shows health. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Boot4Health {
        @Bean
        org.springframework.boot.health.contributor.HealthIndicator nstHealthIndicator(StylizerPool pool) {
            return () -> {
                var health = pool.isClosed()
                        ? org.springframework.boot.health.contributor.Health.down()
                        : org.springframework.boot.health.contributor.Health.up();
                pool.figures().forEach(health::withDetail);
                return health.build();
            };
        }
    }

    /**
     * The HTTP API of {@code nst serve} under {@code /api} of the application's own server, with
     * its limits and checks (a bounded queue, per-client slots, a pixel budget, catalogue models
     * only), closed with the context.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "nst.web", name = "enabled", havingValue = "true")
    @ConditionalOnClass(name = {"io.nst.web.StyleRoutes", "io.javalin.Javalin"})
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Web {
        @Bean(destroyMethod = "close")
        StyleRoutes nstStyleRoutes(NstProperties properties, RunSettings settings) {
            NstProperties.Web web = properties.getWeb();
            StyleServer.Builder routes = StyleServer.builder()
                    .settings(settings)
                    .workers(web.getWorkers())
                    .queue(web.getQueue())
                    .maxUploadBytes(web.getMaxUploadBytes())
                    .perClient(web.getPerClient());
            if (web.getToken() != null && !web.getToken().isBlank()) {
                routes.token(web.getToken());
            }
            // The limits not given stay the web module's defaults.
            java.util.Optional.ofNullable(web.getMaxPixels()).ifPresent(routes::maxPixels);
            java.util.Optional.ofNullable(web.getMaxSize()).ifPresent(routes::maxSize);
            java.util.Optional.ofNullable(web.getPixelBudget()).ifPresent(routes::pixelBudget);
            java.util.Optional.ofNullable(web.getGatysWork()).ifPresent(routes::gatysWork);
            java.util.Optional.ofNullable(web.getMaxIterations()).ifPresent(routes::maxIterations);
            java.util.Optional.ofNullable(web.getClipFrames()).ifPresent(routes::clipFrames);
            java.util.Optional.ofNullable(web.getClipSize()).ifPresent(routes::clipSize);
            return routes.routes();
        }

        @Bean
        ServletRegistrationBean<Servlet> nstApiServlet(StyleRoutes routes, NstProperties properties) {
            // Javalin's plain servlet: the one javalinServlet() gives adds Jetty's WebSocket support,
            // which needs Jetty for a container; the API has no WebSocket (its events are SSE).
            Servlet api = new io.javalin.http.servlet.JavalinServlet(io.javalin.Javalin.create(routes::mount).unsafe);
            ServletRegistrationBean<Servlet> registration = new ServletRegistrationBean<>(api, "/api/*");
            registration.setName("nstApi");
            registration.setAsyncSupported(true);
            long upload = properties.getWeb().getMaxUploadBytes();
            registration.setMultipartConfig(new MultipartConfigElement("", upload, upload + (1 << 20), 1 << 20));
            return registration;
        }
    }
}
