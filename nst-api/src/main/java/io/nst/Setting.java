package io.nst;

import java.util.EnumSet;
import java.util.Set;

/**
 * The settings of {@link StyleTransfer.Builder} that only some methods use, each with the methods
 * that use it, so that a setting the chosen method would ignore is refused by name.
 */
enum Setting {
    STYLE("style", Method.GATYS, Method.ARBITRARY),
    MODEL("model", Method.FAST),
    STRENGTH("strength", Method.ARBITRARY),
    PRESERVE_COLORS("preserveColors", Method.GATYS, Method.ARBITRARY),
    MAX_TILE("maxTile", Method.FAST, Method.ARBITRARY),
    WEIGHTS("weights", Method.GATYS),
    ITERATIONS("iterations", Method.GATYS),
    SEED("seed", Method.GATYS),
    OPTIMIZER("optimizer", Method.GATYS),
    LEARNING_RATE("learningRate", Method.GATYS),
    INIT("init", Method.GATYS),
    STYLE_SCALE("styleScale", Method.GATYS),
    FEATURES("features", Method.GATYS),
    CONTENT_LAYER("contentLayer", Method.GATYS),
    STYLE_LAYERS("styleLayers", Method.GATYS),
    PROGRESS_EVERY("progressEvery", Method.GATYS),
    LISTENER("listener", Method.GATYS);

    private final String setter;
    private final Set<Method> usedBy;

    Setting(String setter, Method first, Method... rest) {
        this.setter = setter;
        this.usedBy = EnumSet.of(first, rest);
    }

    /** The builder method that sets it, as a user wrote it. */
    String setter() {
        return setter;
    }

    boolean usedBy(Method method) {
        return usedBy.contains(method);
    }
}
