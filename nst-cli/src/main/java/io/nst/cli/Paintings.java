package io.nst.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ObjDoubleConsumer;
import picocli.CommandLine.Option;

/** {@code --style} and {@code --style-blend}: the paintings of the commands that take any painting. */
final class Paintings {

    @Option(names = "--style", required = true, split = ",", description = "One or more paintings, comma-separated.")
    List<Path> files;

    @Option(names = "--style-blend", split = ",", description = "Relative weights of the paintings (default equal).")
    List<Double> blend;

    /**
     * Gives each painting with its blend weight to {@code style}.
     *
     * @throws IllegalArgumentException unless there is one weight per painting
     */
    void each(ObjDoubleConsumer<Path> style) {
        if (blend != null && blend.size() != files.size()) {
            throw new IllegalArgumentException("--style-blend needs one weight per style: " + files.size() + " styles, "
                    + blend.size() + " weights");
        }
        for (int i = 0; i < files.size(); i++) {
            style.accept(files.get(i), blend == null ? 1 : blend.get(i));
        }
    }

    /** Adds the paintings to {@code inputs}, the files an output must not overwrite. */
    void addTo(Map<String, Path> inputs) {
        files.forEach(file -> inputs.putIfAbsent("--style " + file, file));
    }
}
