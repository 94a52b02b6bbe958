package io.nst.repo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files the SDK knows: their ids, sizes, digests and pinned public addresses, merged from the
 * {@value #RESOURCE} of every module on the class path (each module lists the files it uses).
 */
final class AssetCatalog {

    /** Rows {@code id size digest}, and {@code upstream id-prefix url-prefix}, tab-separated. */
    static final String RESOURCE = "META-INF/nst/catalog.tsv";

    record Entry(String id, long size, Digest digest) {}

    private static final AssetCatalog BUILT_IN = load();

    private final Map<String, Entry> entries;
    private final Map<String, String> upstream;

    private AssetCatalog(Map<String, Entry> entries, Map<String, String> upstream) {
        this.entries = Collections.unmodifiableMap(entries);
        this.upstream = Collections.unmodifiableMap(upstream);
    }

    static AssetCatalog builtIn() {
        return BUILT_IN;
    }

    Optional<Entry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    Map<String, Entry> entries() {
        return entries;
    }

    /** The pinned public address of {@code id}; golden test data has none. */
    Optional<String> upstreamUrl(String id) {
        for (var e : upstream.entrySet()) {
            if (id.startsWith(e.getKey())) {
                return Optional.of(e.getValue() + id.substring(e.getKey().length()));
            }
        }
        return Optional.empty();
    }

    private static AssetCatalog load() {
        Map<String, Entry> entries = new TreeMap<>();
        Map<String, String> upstream = new TreeMap<>();
        ClassLoader loader = AssetCatalog.class.getClassLoader();
        try {
            Enumeration<URL> resources = loader.getResources(RESOURCE);
            while (resources.hasMoreElements()) {
                read(resources.nextElement(), entries, upstream);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalogue " + RESOURCE, e);
        }
        return new AssetCatalog(entries, upstream);
    }

    private static void read(URL resource, Map<String, Entry> entries, Map<String, String> upstream)
            throws IOException {
        try (InputStream in = resource.openStream();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols[0].equals("upstream")) {
                    upstream.put(cols[1], cols[2]);
                    continue;
                }
                Entry entry = new Entry(cols[0], Long.parseLong(cols[1]), Digest.parse(cols[2]));
                Entry earlier = entries.putIfAbsent(entry.id(), entry);
                if (earlier != null && !earlier.equals(entry)) {
                    throw new IllegalStateException(resource + ": " + entry.id() + " is listed with two digests");
                }
            }
        }
    }
}
