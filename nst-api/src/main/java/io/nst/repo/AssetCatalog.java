package io.nst.repo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The assets the SDK knows: their ids, sizes, digests and pinned public addresses. */
final class AssetCatalog {

    private static final String ML5 = "https://raw.githubusercontent.com/ml5js/ml5-data-and-models/"
            + "0612a3e7c51cbffdc5db701dff49d16d1ac26fa8/models/";
    private static final String VGG19 = "https://raw.githubusercontent.com/DavidCai1993/"
            + "vgg19-tensorflowjs-model/08d09052bc6258d3abdfa341850122fc4b746db6/model/";
    private static final String NEURAL_STYLE = "https://raw.githubusercontent.com/jcjohnson/neural-style/"
            + "07c4b8299f8fbdafec0c514fc820ff1d7ff62e46/examples/inputs/";
    private static final String BSDS500 = "https://raw.githubusercontent.com/BIDS/BSDS500/"
            + "a04b7c6c3a9f0ace74bf205c72a43d32e1c72722/BSDS500/data/images/";

    /** Upstream address prefixes, by id prefix; golden test outputs have none. */
    private static final Map<String, String> UPSTREAM = Map.of(
            "models/fast/", ML5 + "style-transfer/",
            "models/darknet-tiny/", ML5 + "darknetclassifier/darknettiny/",
            "models/vgg19/", VGG19,
            "images/content/", NEURAL_STYLE,
            "images/style/", NEURAL_STYLE,
            "datasets/bsds500/", BSDS500);

    record Entry(String id, long size, Digest digest) {}

    private static final AssetCatalog BUILT_IN = load();

    private final Map<String, Entry> entries;

    private AssetCatalog(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
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

    static Optional<String> upstreamUrl(String id) {
        for (var e : UPSTREAM.entrySet()) {
            if (id.startsWith(e.getKey())) {
                return Optional.of(e.getValue() + id.substring(e.getKey().length()));
            }
        }
        return Optional.empty();
    }

    private static AssetCatalog load() {
        Map<String, Entry> entries = new TreeMap<>();
        try (InputStream in = AssetCatalog.class.getResourceAsStream("assets.tsv")) {
            if (in == null) {
                throw new IllegalStateException("assets.tsv is missing from the nst-api jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                entries.put(cols[0], new Entry(cols[0], Long.parseLong(cols[1]), Digest.parse(cols[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AssetCatalog(entries);
    }
}
