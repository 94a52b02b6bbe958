package io.nst.spring.boot;

import io.nst.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code nst.*} settings of an application: where the models come from, where the networks
 * run, what is loaded at start, and the HTTP API. Every value is checked when the beans are made,
 * with a message naming the property.
 */
@ConfigurationProperties(prefix = "nst")
public class NstProperties {

    /** The backend (onnxruntime, pytorch, tensorflow); empty for the best one for each job. */
    private String backend;

    /** cpu, gpu or auto. */
    private Device device = Device.AUTO;

    /** Engine threads per call; empty for one per core (or NST_THREADS). */
    private Integer threads;

    /** A folder or http(s) URL laid out like the public mirror of the models; empty for none. */
    private String mirror;

    /** The cache of verified model files; empty for $NST_HOME/cache or ~/.nst/cache. */
    private Path cache;

    /** Fast styles loaded at start, so that the first request does not wait for them. */
    private List<String> models = new ArrayList<>();

    /** Stylizers per style: calls of one style beyond this many wait for one to be free. */
    private int poolSize = 1;

    /** The HTTP API. */
    private final Web web = new Web();

    /** The HTTP API of {@code nst serve}, mounted under {@code /api} of the application's server. */
    public static class Web {

        /** Whether to mount the HTTP API under /api (off by default). */
        private boolean enabled;

        /** Jobs (stylize requests) run at once. */
        private int workers = 1;

        /** Jobs waiting beyond those. */
        private int queue = 8;

        /** The largest upload in bytes (20 MB). */
        private long maxUploadBytes = 20_971_520;

        /** Requests at once per client address. */
        private int perClient = 2;

        /** A token clients must send ({@code Authorization: Bearer ...}); empty for none. */
        private String token;

        /** The largest image decoded, in pixels, from its header; empty for the SDK's limit. */
        private Long maxPixels;

        /** The largest one-pass result's long side; empty for the web module's (1024). */
        private Integer maxSize;

        /** Pixels held decoded across all requests at once; empty for the web module's. */
        private Long pixelBudget;

        /** The most work of one Gatys job, pixels times iterations; empty for the web module's. */
        private Long gatysWork;

        /** The most Gatys iterations a request may ask for; empty for the web module's. */
        private Integer maxIterations;

        /** The most frames of an uploaded clip; empty for the web module's (250). */
        private Integer clipFrames;

        /** The long side a clip's frames are stylized at, at most; empty for the web module's (360). */
        private Integer clipSize;

        public Integer getClipFrames() {
            return clipFrames;
        }

        public void setClipFrames(Integer clipFrames) {
            this.clipFrames = clipFrames;
        }

        public Integer getClipSize() {
            return clipSize;
        }

        public void setClipSize(Integer clipSize) {
            this.clipSize = clipSize;
        }

        public Long getMaxPixels() {
            return maxPixels;
        }

        public void setMaxPixels(Long maxPixels) {
            this.maxPixels = maxPixels;
        }

        public Integer getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(Integer maxSize) {
            this.maxSize = maxSize;
        }

        public Long getPixelBudget() {
            return pixelBudget;
        }

        public void setPixelBudget(Long pixelBudget) {
            this.pixelBudget = pixelBudget;
        }

        public Long getGatysWork() {
            return gatysWork;
        }

        public void setGatysWork(Long gatysWork) {
            this.gatysWork = gatysWork;
        }

        public Integer getMaxIterations() {
            return maxIterations;
        }

        public void setMaxIterations(Integer maxIterations) {
            this.maxIterations = maxIterations;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getWorkers() {
            return workers;
        }

        public void setWorkers(int workers) {
            this.workers = workers;
        }

        public int getQueue() {
            return queue;
        }

        public void setQueue(int queue) {
            this.queue = queue;
        }

        public long getMaxUploadBytes() {
            return maxUploadBytes;
        }

        public void setMaxUploadBytes(long maxUploadBytes) {
            this.maxUploadBytes = maxUploadBytes;
        }

        public int getPerClient() {
            return perClient;
        }

        public void setPerClient(int perClient) {
            this.perClient = perClient;
        }

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }
    }

    public String getBackend() {
        return backend;
    }

    public void setBackend(String backend) {
        this.backend = backend;
    }

    public Device getDevice() {
        return device;
    }

    public void setDevice(Device device) {
        this.device = device;
    }

    public Integer getThreads() {
        return threads;
    }

    public void setThreads(Integer threads) {
        this.threads = threads;
    }

    public String getMirror() {
        return mirror;
    }

    public void setMirror(String mirror) {
        this.mirror = mirror;
    }

    public Path getCache() {
        return cache;
    }

    public void setCache(Path cache) {
        this.cache = cache;
    }

    public List<String> getModels() {
        return models;
    }

    public void setModels(List<String> models) {
        this.models = models;
    }

    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    public Web getWeb() {
        return web;
    }
}
