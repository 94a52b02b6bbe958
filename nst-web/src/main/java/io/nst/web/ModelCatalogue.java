package io.nst.web;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.fast.FastStylizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fast styles a client may name: the pretrained ones and the model directories the operator
 * listed, each under a name. What a client sends is only ever looked up here, never used as a
 * path, so no request reaches a server file or learns where the models live.
 */
final class ModelCatalogue {

    /** What a style name may be; also what a client's name is checked against before it is echoed. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** Style name to what {@link FastStylizer.Builder#model(String)} takes. */
    private final Map<String, String> models = new LinkedHashMap<>();

    ModelCatalogue(Map<String, Path> directories) {
        FastStylizer.PRETRAINED.forEach(name -> models.put(name, name));
        directories.forEach(
                (name, dir) -> models.put(name, dir.toAbsolutePath().normalize().toString()));
    }

    /** The names a client may send, pretrained first. */
    List<String> names() {
        return List.copyOf(models.keySet());
    }

    /**
     * The model behind a client's style name.
     *
     * @throws StyleTransferException of kind {@code NOT_FOUND} for a name not in the catalogue
     */
    String model(String name) {
        String model = models.get(name);
        if (model == null) {
            throw new StyleTransferException(
                    Kind.NOT_FOUND, "model: no style " + quoted(name) + "; GET /api/styles lists the styles");
        }
        return model;
    }

    /** A client's value for a message: quoted, and only when it is a plausible name. */
    static String quoted(String value) {
        return NAME.matcher(value).matches() ? "'" + value + "'" : "by that name";
    }

    /**
     * Checks an operator's style name at configuration time.
     *
     * @throws IllegalArgumentException unless it is a plausible name not taken by a pretrained style
     */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a style name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit, got '"
                            + name + "'");
        }
        if (FastStylizer.PRETRAINED.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is a pretrained style; name the directory otherwise");
        }
        return name;
    }
}
