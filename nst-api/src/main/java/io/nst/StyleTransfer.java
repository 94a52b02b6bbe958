package io.nst;

import io.nst.StyleTransferException.Kind;
import io.nst.internal.CopiedValues;
import io.nst.internal.Providers;
import io.nst.repo.ModelRepository;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A configured style transfer: immutable, reusable, thread-safe to share. Build one with
 * {@link #builder()} and call {@link #run()}:
 *
 * <pre>{@code
 * StyleTransferResult result = StyleTransfer.builder()
 *         .content(Path.of("photo.jpg"))
 *         .style(Path.of("painting.jpg"))
 *         .size(512)
 *         .iterations(300)
 *         .build()
 *         .run();
 * result.save(Path.of("out.png"));
 * }</pre>
 *
 * A transfer is the inputs (the photo, the paintings), where it runs ({@link RunSettings}) and one
 * method's settings as one typed value ({@link GatysOptions}, {@link FastOptions},
 * {@link ArbitraryOptions}). The method ({@link Method#GATYS} by default) comes from its module on
 * the class path ({@code nst-gatys}, {@code nst-fast}), the engine from a backend module.
 */
public final class StyleTransfer {

    private final RunSettings settings;
    /** The inputs and settings as given, shared with the builders derived from this transfer. */
    private final Draft given;

    /** Gatys' feature network, resolved at build; null for the other methods. */
    private final FeatureNetwork features;

    private StyleTransfer(RunSettings settings, Draft given, FeatureNetwork features) {
        this.settings = settings;
        this.given = given;
        this.features = features;
    }

    /** A builder with every setting at its default (the Gatys method). */
    public static Builder builder() {
        return new Builder(RunSettings.defaults(), Draft.DEFAULTS);
    }

    /**
     * A builder holding this transfer's inputs and settings as they were given, to vary some of
     * them; a feature network or layers left at their defaults stay defaults.
     */
    public Builder toBuilder() {
        return new Builder(settings, given);
    }

    /**
     * Runs the transfer with the method's implementation found on the class path.
     *
     * @throws StyleTransferException for unreadable inputs ({@code BAD_INPUT}), missing models or
     *     modules ({@code NOT_FOUND}), an interrupt ({@code CANCELLED}) or an engine failure
     */
    public StyleTransferResult run() {
        for (StyleMethod implementation : Providers.of(StyleMethod.class)) {
            if (implementation.method() == method()) {
                return implementation.run(this);
            }
        }
        throw new StyleTransferException(
                Kind.NOT_FOUND, "method " + method().id() + " is not on the class path; add " + method().artifact());
    }

    /** The content photo. */
    public ImageSource content() {
        return given.content;
    }

    /** The style paintings, in the order given (none for the fast method). */
    public List<ImageSource> styles() {
        return given.styles;
    }

    /** One positive weight per style. */
    public List<Double> styleBlend() {
        return given.styleBlend;
    }

    /** The method. */
    public Method method() {
        return given.method;
    }

    /** The method's settings, as given. */
    public MethodOptions options() {
        return given.options();
    }

    /**
     * The method's settings as {@code type}.
     *
     * @throws IllegalStateException if the transfer is for another method
     */
    public <T extends MethodOptions> T options(Class<T> type) {
        MethodOptions options = options();
        if (!type.isInstance(options)) {
            throw new IllegalStateException(
                    "this transfer is for the " + method().id() + " method, not " + type.getSimpleName());
        }
        return type.cast(options);
    }

    /**
     * Gatys' feature network: the one given, else the default one, found when the transfer was built.
     *
     * @throws IllegalStateException for a one-pass method, which has none
     */
    public FeatureNetwork features() {
        if (features == null) {
            throw new IllegalStateException("the " + method().id() + " method uses no feature network");
        }
        return features;
    }

    /**
     * Gatys' content layer: the one given, else the feature network's default.
     *
     * @throws IllegalStateException for a one-pass method, which has none
     */
    public String contentLayer() {
        return options(GatysOptions.class).contentLayer().orElseGet(features()::defaultContentLayer);
    }

    /**
     * Gatys' style layers and their relative weights: the ones given, else the feature network's
     * defaults.
     *
     * @throws IllegalStateException for a one-pass method, which has none
     */
    public Map<String, Double> styleLayers() {
        return options(GatysOptions.class).styleLayers().orElseGet(features()::defaultStyleLayers);
    }

    /** Backend, device and model repository. */
    public RunSettings settings() {
        return settings;
    }

    /** The repository models are resolved through. */
    public ModelRepository repository() {
        return settings.repository();
    }

    /** Inputs with more pixels than this are refused before decoding. */
    public long maxInputPixels() {
        return given.maxInputPixels;
    }

    @Override
    public String toString() {
        return "StyleTransfer[" + options() + ", " + given.styles.size() + " style(s), " + settings + "]";
    }

    /**
     * Collects the inputs and the settings; {@link #build()} checks them. Each setter checks its
     * value at once. A setting the chosen method does not use is refused by name: at once when
     * {@link #method(Method)} came first, else by {@code method(..)} or {@code build()}. Not
     * thread-safe.
     */
    public static final class Builder extends RunBuilder<Builder> {
        private Draft draft;

        private Builder(RunSettings settings, Draft draft) {
            settings(settings);
            this.draft = draft;
        }

        /** The content photo (required). */
        public Builder content(ImageSource image) {
            Objects.requireNonNull(image, "image");
            return change(d -> d.content = image);
        }

        /** The content photo, in memory (not copied: do not change it while a run reads it). */
        public Builder content(BufferedImage image) {
            return content(ImageSource.of(image));
        }

        /** The content photo, read from a file when the transfer runs (EXIF rotation applied). */
        public Builder content(Path file) {
            return content(ImageSource.of(file));
        }

        /** Reads the stream now; the caller closes it. */
        public Builder content(InputStream in) {
            return content(ImageSource.of(in));
        }

        /** Adds a style with blend weight 1. */
        public Builder style(ImageSource image) {
            return style(image, 1);
        }

        /** Adds a style painting, in memory, with blend weight 1. */
        public Builder style(BufferedImage image) {
            return style(ImageSource.of(image));
        }

        /** Adds a style painting, read from a file when the transfer runs, with blend weight 1. */
        public Builder style(Path file) {
            return style(ImageSource.of(file));
        }

        /** Reads the stream now; the caller closes it. */
        public Builder style(InputStream in) {
            return style(ImageSource.of(in));
        }

        /** Adds a style with a blend weight; weights are relative to each other. */
        public Builder style(Path file, double blendWeight) {
            return style(ImageSource.of(file), blendWeight);
        }

        /** Adds a style with a blend weight; weights are relative to each other. */
        public Builder style(BufferedImage image, double blendWeight) {
            return style(ImageSource.of(image), blendWeight);
        }

        /**
         * Adds a style painting with a blend weight; weights are relative to each other. Used by
         * the Gatys and arbitrary methods.
         *
         * @throws IllegalArgumentException unless {@code blendWeight} is positive and finite
         */
        public Builder style(ImageSource image, double blendWeight) {
            Limits.blendWeight(blendWeight);
            Objects.requireNonNull(image, "image");
            return use(Setting.STYLE, d -> {
                d.styles = append(d.styles, image);
                d.styleBlend = append(d.styleBlend, blendWeight);
            });
        }

        /**
         * The method (default {@link Method#GATYS}); settings given so far that it does not use are
         * refused now, and later ones at once.
         *
         * @throws IllegalArgumentException naming the settings the method does not use
         */
        public Builder method(Method method) {
            Objects.requireNonNull(method, "method");
            refuseUnused(method, draft.used);
            return change(d -> {
                d.method = method;
                d.methodChosen = true;
            });
        }

        /**
         * A method's settings whole: chooses its method (as {@link #method(Method)}) and replaces
         * every setting of that method given so far.
         *
         * @throws IllegalArgumentException naming the settings given so far that the method does not use
         */
        public Builder options(MethodOptions options) {
            method(Objects.requireNonNull(options, "options").method());
            return change(d -> {
                if (options instanceof GatysOptions o) {
                    d.gatys = o;
                } else if (options instanceof FastOptions o) {
                    d.fast = o;
                } else {
                    d.arbitrary = (ArbitraryOptions) options;
                }
            });
        }

        /** Content, style and total-variation weights (defaults 1, 30, 0.001); Gatys only. */
        public Builder weights(double content, double style, double totalVariation) {
            return weights(new LossWeights(content, style, totalVariation));
        }

        /** Content, style and total-variation weights (default {@link LossWeights#DEFAULT}); Gatys only. */
        public Builder weights(LossWeights weights) {
            return use(Setting.WEIGHTS, d -> d.gatys = d.gatys.withWeights(weights));
        }

        /**
         * Long side of the output in pixels, {@value Limits#MIN_SIZE} to {@value Limits#MAX_SIZE}
         * (default: 512 for Gatys, the photo's own size for the one-pass methods).
         *
         * @throws IllegalArgumentException naming the value otherwise
         */
        public Builder size(int pixels) {
            return change(d -> {
                d.gatys = d.gatys.withSize(pixels);
                d.fast = d.fast.withSize(pixels);
                d.arbitrary = d.arbitrary.withSize(pixels);
            });
        }

        /** The fast method's network; see {@link FastOptions#of(String)}. */
        public Builder model(String nameOrDirectory) {
            return use(Setting.MODEL, d -> d.fast = d.fast.withModel(nameOrDirectory));
        }

        /** See {@link GatysOptions#withIterations(int)}. */
        public Builder iterations(int iterations) {
            return use(Setting.ITERATIONS, d -> d.gatys = d.gatys.withIterations(iterations));
        }

        /** Seed of every random choice; the same seed gives the same image on the CPU. Gatys only. */
        public Builder seed(long seed) {
            return use(Setting.SEED, d -> d.gatys = d.gatys.withSeed(seed));
        }

        /** See {@link GatysOptions#withOptimizer(Optimizer)}. */
        public Builder optimizer(Optimizer optimizer) {
            return use(Setting.OPTIMIZER, d -> d.gatys = d.gatys.withOptimizer(optimizer));
        }

        /** See {@link GatysOptions#withLearningRate(double)}. */
        public Builder learningRate(double rate) {
            return use(Setting.LEARNING_RATE, d -> d.gatys = d.gatys.withLearningRate(rate));
        }

        /** Start from the content photo (default); Gatys only. */
        public Builder initFromContent() {
            return use(Setting.INIT, d -> d.gatys = d.gatys.withInit(Init.CONTENT));
        }

        /** Start from seeded noise; Gatys only. */
        public Builder initRandom() {
            return use(Setting.INIT, d -> d.gatys = d.gatys.withInit(Init.RANDOM));
        }

        /** Start from the given image (resized to the content's size); Gatys only. */
        public Builder initFrom(ImageSource image) {
            return use(Setting.INIT, d -> d.gatys = d.gatys.withInitImage(image));
        }

        /** See {@link ArbitraryOptions#withStrength(double)}. */
        public Builder strength(double strength) {
            return use(Setting.STRENGTH, d -> d.arbitrary = d.arbitrary.withStrength(strength));
        }

        /** Transfer luminance only and keep the content's colours (Gatys and arbitrary). */
        public Builder preserveColors(boolean preserve) {
            return use(Setting.PRESERVE_COLORS, d -> {
                d.gatys = d.gatys.withPreserveColors(preserve);
                d.arbitrary = d.arbitrary.withPreserveColors(preserve);
            });
        }

        /** See {@link FastOptions#withMaxTile(int)}; the one-pass methods only. */
        public Builder maxTile(int pixels) {
            return use(Setting.MAX_TILE, d -> {
                d.fast = d.fast.withMaxTile(pixels);
                d.arbitrary = d.arbitrary.withMaxTile(pixels);
            });
        }

        /** See {@link GatysOptions#withStyleScale(double)}. */
        public Builder styleScale(double scale) {
            return use(Setting.STYLE_SCALE, d -> d.gatys = d.gatys.withStyleScale(scale));
        }

        /** See {@link GatysOptions#withFeatures(FeatureNetwork)}. */
        public Builder features(FeatureNetwork network) {
            return use(Setting.FEATURES, d -> d.gatys = d.gatys.withFeatures(network));
        }

        /** See {@link GatysOptions#withContentLayer(String)}. */
        public Builder contentLayer(String layer) {
            return use(Setting.CONTENT_LAYER, d -> d.gatys = d.gatys.withContentLayer(layer));
        }

        /** See {@link GatysOptions#withStyleLayers(Map)}. */
        public Builder styleLayers(Map<String, Double> layers) {
            return use(Setting.STYLE_LAYERS, d -> d.gatys = d.gatys.withStyleLayers(layers));
        }

        /** See {@link GatysOptions#withProgressEvery(int)}. */
        public Builder progressEvery(int n) {
            return use(Setting.PROGRESS_EVERY, d -> d.gatys = d.gatys.withProgressEvery(n));
        }

        /** See {@link GatysOptions#withListener(ProgressListener)}. */
        public Builder listener(ProgressListener listener) {
            return use(Setting.LISTENER, d -> d.gatys = d.gatys.withListener(listener));
        }

        /**
         * Refuse inputs with more pixels than this, before decoding (default {@link
         * Limits#DEFAULT_MAX_PIXELS}).
         *
         * @throws IllegalArgumentException unless {@code pixels} is positive
         */
        public Builder maxInputPixels(long pixels) {
            Limits.maxPixels("the pixel limit", pixels);
            return change(d -> d.maxInputPixels = pixels);
        }

        /**
         * The transfer; the builder can be changed and reused afterwards without affecting it.
         * Gatys' default feature network is found here.
         *
         * @throws IllegalArgumentException naming the input that is missing, or the settings the
         *     method does not use
         * @throws StyleTransferException of kind {@code NOT_FOUND} when Gatys needs the default
         *     feature network and none is on the class path
         */
        public StyleTransfer build() {
            Draft d = draft;
            Limits.requireArgument(d.content != null, "a content image is required");
            refuseUnused(d.method, d.used);
            return switch (d.method) {
                case GATYS -> {
                    Limits.requireArgument(!d.styles.isEmpty(), "at least one style image is required");
                    yield new StyleTransfer(
                            runSettings(), d, d.gatys.features().orElseGet(FeatureNetwork::defaultNetwork));
                }
                case FAST -> {
                    Limits.requireArgument(
                            d.fast.model() != null, "the fast method needs a model (a style name or directory)");
                    yield new StyleTransfer(runSettings(), d, null);
                }
                case ARBITRARY -> {
                    Limits.requireArgument(!d.styles.isEmpty(), "at least one style image is required");
                    yield new StyleTransfer(runSettings(), d, null);
                }
            };
        }

        private Builder change(Consumer<Draft> change) {
            draft = draft.with(change);
            return this;
        }

        /** Makes a method-specific change, refused at once if the chosen method does not use it. */
        private Builder use(Setting setting, Consumer<Draft> change) {
            if (draft.methodChosen && !setting.usedBy(draft.method)) {
                refuseUnused(draft.method, EnumSet.of(setting));
            }
            return change(change.andThen(d -> d.used = append(d.used, setting)));
        }

        private static void refuseUnused(Method method, Collection<Setting> settings) {
            List<String> unused = settings.stream()
                    .filter(s -> !s.usedBy(method))
                    .map(Setting::setter)
                    .distinct()
                    .toList();
            Limits.requireArgument(
                    unused.isEmpty(),
                    "the %s method does not use %s; remove %s or choose another method",
                    method.id(),
                    String.join(", ", unused),
                    unused.size() == 1 ? "it" : "them");
        }

        private static <T> List<T> append(List<T> list, T item) {
            List<T> longer = new ArrayList<>(list);
            longer.add(item);
            return List.copyOf(longer);
        }
    }

    /** A builder's inputs and settings as one value, changed only on a fresh copy. */
    private static final class Draft extends CopiedValues<Draft> {
        static final Draft DEFAULTS = new Draft();

        ImageSource content;
        List<ImageSource> styles = List.of();
        List<Double> styleBlend = List.of();
        long maxInputPixels = Limits.DEFAULT_MAX_PIXELS;
        Method method = Method.GATYS;
        boolean methodChosen;
        GatysOptions gatys = GatysOptions.defaults();
        FastOptions fast = FastOptions.defaults();
        ArbitraryOptions arbitrary = ArbitraryOptions.defaults();
        /** The method-specific settings given, in order, so that one the method would ignore is refused. */
        List<Setting> used = List.of();

        /** The chosen method's settings. */
        MethodOptions options() {
            return switch (method) {
                case GATYS -> gatys;
                case FAST -> fast;
                case ARBITRARY -> arbitrary;
            };
        }
    }
}
