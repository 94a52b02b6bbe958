package io.nst.repo;

import io.nst.internal.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves asset ids (paths in the mirror layout, such as {@code models/darknet-tiny/model.json})
 * to verified local files: from the cache, else from a model artifact on the class path ({@code
 * io.nst:nst-models-<name>}, for builds without a network; see {@link #CLASS_PATH_ASSETS}), else
 * from a mirror (a directory or a URL laid out the same way), else from the pinned public URL. Every file is checked against the digest
 * recorded in the SDK and enters the cache only when complete and verified; a partial or
 * corrupt download never does. A cached file is verified again on its first use in each process
 * (and after it changes); one that fails is fetched again.
 *
 * <p>Configuration from the environment ({@link #fromEnvironment()}): {@code NST_HOME} (the
 * cache is {@code $NST_HOME/cache}; default {@code ~/.nst}), {@code NST_MIRROR}, and DJL's
 * offline setting ({@code ai.djl.offline} or {@code DJL_OFFLINE}): offline, no URL is tried.
 *
 * <p>Instances are immutable and thread-safe; concurrent resolution of the same id is safe
 * because each download goes to its own temporary file and is moved into place atomically.
 */
public final class ModelRepository {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRepository.class);

    /**
     * Where a model artifact ({@code io.nst:nst-models-<name>}) keeps its files on the class path,
     * by id: the first source tried, before any mirror or download.
     */
    public static final String CLASS_PATH_ASSETS = "META-INF/nst/assets/";

    private static final String CLASS_PATH = "classpath:";

    /** Cached files verified in this process: path, size and modification time. */
    private static final Set<String> VERIFIED = ConcurrentHashMap.newKeySet();

    private final Path cache;
    private final String mirror;
    private final boolean upstream;
    private final boolean offline;
    private final Duration timeout;
    private final AssetCatalog catalog = AssetCatalog.builtIn();

    private ModelRepository(Builder b) {
        this.cache = b.cache;
        this.mirror = b.mirror;
        this.upstream = b.upstream;
        this.offline = b.offline;
        this.timeout = b.timeout;
    }

    /** A repository configured by {@code NST_HOME}, {@code NST_MIRROR} and DJL's offline setting. */
    public static ModelRepository fromEnvironment() {
        String djlOffline = System.getProperty("ai.djl.offline", System.getenv("DJL_OFFLINE"));
        Builder b = builder().offline(Boolean.parseBoolean(djlOffline));
        String mirror = System.getenv("NST_MIRROR");
        if (mirror != null && !mirror.isBlank()) {
            b.mirror(mirror);
        }
        return b.build();
    }

    /** The default cache directory: {@code $NST_HOME/cache}, or {@code ~/.nst/cache}. */
    public static Path defaultCacheDirectory() {
        String home = System.getenv("NST_HOME");
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".nst");
        return base.resolve("cache");
    }

    /** A builder: cache {@code ~/.nst/cache}, no mirror, pinned public addresses allowed. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this repository's settings, to vary some of them. */
    public Builder toBuilder() {
        return new Builder()
                .cacheDirectory(cache)
                .upstream(upstream)
                .offline(offline)
                .timeout(timeout)
                .mirrorOrNone(mirror);
    }

    /** The cache directory. */
    public Path cacheDirectory() {
        return cache;
    }

    /** The mirror, if any. */
    public Optional<String> mirror() {
        return Optional.ofNullable(mirror);
    }

    /** Whether {@code id} is a known asset. */
    public boolean isKnown(String id) {
        return catalog.find(id).isPresent();
    }

    /** Whether {@code id} is in the cache already (complete, of the recorded size). */
    public boolean isCached(String id) {
        return catalog.find(id).map(e -> hasCached(e)).orElse(false);
    }

    /**
     * The size in bytes the catalogue records for {@code id}.
     *
     * @throws IllegalArgumentException naming {@code id} if it is not a known asset
     */
    public long size(String id) {
        return catalog.find(id)
                .orElseThrow(() -> new IllegalArgumentException("unknown asset '" + id + "'"))
                .size();
    }

    /** All known ids below a prefix, such as {@code models/fast/wave/}. */
    public List<String> idsUnder(String prefix) {
        return catalog.entries().keySet().stream()
                .filter(id -> id.startsWith(prefix))
                .toList();
    }

    /**
     * The verified local file for {@code id}, fetched into the cache when needed.
     *
     * @throws IOException naming the asset and what each source said when none delivered it
     */
    public Path resolve(String id) throws IOException {
        AssetCatalog.Entry entry = catalog.find(id).orElseThrow(() -> new IOException("unknown asset '" + id + "'"));
        Path target = cache.resolve(id);
        if (hasCached(entry)) {
            if (verified(entry, target)) {
                return target;
            }
            LOG.warn("the cached {} does not match its checksum; fetching it again", target);
        }
        List<String> failures = new ArrayList<>();
        for (String source : sources(id)) {
            try {
                fetch(entry, source, target);
                LOG.debug("fetched {} from {}", id, source);
                // Checked as it came: this process need not read it again.
                VERIFIED.add(verifiedKey(target));
                return target;
            } catch (IOException e) {
                failures.add(source + ": " + e.getMessage());
            }
        }
        if (failures.isEmpty()) {
            throw new IOException(id + " is not cached and there is no mirror or public address for it"
                    + (offline ? " that can be used offline (DJL's offline setting is on)" : "")
                    + " (set NST_MIRROR to a local copy)");
        }
        throw new IOException("could not obtain " + id + " (" + String.join("; ", failures) + ")");
    }

    private boolean hasCached(AssetCatalog.Entry entry) {
        Path file = cache.resolve(entry.id());
        try {
            return Files.isRegularFile(file) && Files.size(file) == entry.size();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether the cached {@code file} has its recorded digest: computed once per version of the
     * file, and checked once per process against the CRC-32 of its {@link VerificationStamp}.
     */
    private static boolean verified(AssetCatalog.Entry entry, Path file) throws IOException {
        String key = verifiedKey(file);
        if (VERIFIED.contains(key)) {
            return true;
        }
        if (VerificationStamp.holds(file, entry.digest())) {
            VERIFIED.add(key);
            return true;
        }
        MessageDigest running = entry.digest().start(entry.size());
        long crc = VerificationStamp.readChecked(
                file, in -> copyDigesting(in, OutputStream.nullOutputStream(), running, entry.size()));
        if (!entry.digest().finish(running).equals(entry.digest())) {
            return false;
        }
        VerificationStamp.write(file, entry.digest(), crc);
        VERIFIED.add(key);
        return true;
    }

    private static String verifiedKey(Path file) throws IOException {
        return file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file);
    }

    private List<String> sources(String id) {
        List<String> sources = new ArrayList<>();
        if (ModelRepository.class.getClassLoader().getResource(CLASS_PATH_ASSETS + id) != null) {
            sources.add(CLASS_PATH + CLASS_PATH_ASSETS + id);
        }
        if (mirror != null && !(offline && isUrl(mirror))) {
            sources.add(
                    isUrl(mirror)
                            ? mirror.replaceAll("/+$", "") + "/" + id
                            : Path.of(mirror).resolve(id).toString());
        }
        if (upstream && !offline) {
            catalog.upstreamUrl(id).ifPresent(sources::add);
        }
        return sources;
    }

    private void fetch(AssetCatalog.Entry entry, String source, Path target) throws IOException {
        AtomicFiles.write(target, part -> {
            MessageDigest running = entry.digest().start(entry.size());
            long copied;
            try (InputStream in = open(source);
                    OutputStream out = Files.newOutputStream(part)) {
                copied = copyDigesting(in, out, running, entry.size());
            }
            if (copied != entry.size()) {
                throw new IOException("got " + copied + " bytes, expected " + entry.size());
            }
            Digest actual = entry.digest().finish(running);
            if (!actual.equals(entry.digest())) {
                throw new IOException("checksum mismatch: expected " + entry.digest() + ", got " + actual);
            }
        });
    }

    private InputStream open(String source) throws IOException {
        if (source.startsWith(CLASS_PATH)) {
            InputStream in =
                    ModelRepository.class.getClassLoader().getResourceAsStream(source.substring(CLASS_PATH.length()));
            if (in == null) {
                throw new IOException("no such resource on the class path");
            }
            return in;
        }
        if (!isUrl(source)) {
            Path file = Path.of(source);
            if (!Files.isRegularFile(file)) {
                throw new IOException("no such file in the mirror");
            }
            return Files.newInputStream(file);
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(source))
                .timeout(timeout)
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    /** Copies at most one byte past {@code limit}, so that an over-long source is caught cheaply. */
    private static long copyDigesting(InputStream in, OutputStream out, MessageDigest digest, long limit)
            throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n = in.read(buffer); n >= 0 && total <= limit; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            digest.update(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private static boolean isUrl(String s) {
        return s.startsWith("http://") || s.startsWith("https://");
    }

    /** Configures a {@link ModelRepository}. */
    public static final class Builder {
        private Path cache = defaultCacheDirectory();
        private String mirror;
        private boolean upstream = true;
        private boolean offline;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder() {}

        /** Where verified files are kept. */
        public Builder cacheDirectory(Path directory) {
            this.cache = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** A directory or an {@code http(s)} URL laid out like the public mirror. */
        public Builder mirror(String directoryOrUrl) {
            this.mirror = Objects.requireNonNull(directoryOrUrl, "directoryOrUrl");
            return this;
        }

        private Builder mirrorOrNone(String directoryOrUrl) {
            this.mirror = directoryOrUrl;
            return this;
        }

        /** Whether to fall back to the pinned public URLs (default true). */
        public Builder upstream(boolean enabled) {
            this.upstream = enabled;
            return this;
        }

        /** Offline, no URL is tried: only the cache and a mirror directory (default false). */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /**
         * Connect and read timeout for URLs (default 30 s).
         *
         * @throws IllegalArgumentException unless {@code timeout} is positive
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** The repository; the builder can be reused afterwards. */
        public ModelRepository build() {
            return new ModelRepository(this);
        }
    }
}
