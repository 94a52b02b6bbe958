package io.nst;

import io.nst.StyleTransferException.Kind;
import io.nst.internal.Providers;
import io.nst.repo.ModelRepository;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

    private final ImageSource content;
    private final List<ImageSource> styles;
    private final List<Double> styleBlend;
    private final RunSettings settings;
    private final long maxInputPixels;
    private final MethodOptions options;
    /** Gatys' feature network, resolved at build; null for the other methods. */
    private final FeatureNetwork features;

    private StyleTransfer(Builder b, MethodOptions options, FeatureNetwork features) {
        this.content = b.content;
        this.styles = List.copyOf(b.styles);
        this.styleBlend = List.copyOf(b.styleBlend);
        this.settings = b.runSettings();
        this.maxInputPixels = b.maxInputPixels;
        this.options = options;
        this.features = features;
    }

    /** A builder with every setting at its default (the Gatys method). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this transfer's inputs and settings as they were given, to vary some of
     * them; a feature network or layers left at their defaults stay defaults.
     */
    public Builder toBuilder() {
        return new Builder(this);
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
        return content;
    }

    /** The style paintings, in the order given (none for the fast method). */
    public List<ImageSource> styles() {
        return styles;
    }

    /** One positive weight per style. */
    public List<Double> styleBlend() {
        return styleBlend;
    }

    /** The method. */
    public Method method() {
        return options.method();
    }

    /** The method's settings, as given. */
    public MethodOptions options() {
        return options;
    }

    /**
     * The method's settings as {@code type}.
     *
     * @throws IllegalStateException if the transfer is for another method
     */
    public <T extends MethodOptions> T options(Class<T> type) {
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
        return maxInputPixels;
    }

    @Override
    public String toString() {
        return "StyleTransfer[" + options + ", " + styles.size() + " style(s), " + settings + "]";
    }

    /**
     * Collects the inputs and the settings; {@link #build()} checks them. Each setter checks its
     * value at once. A setting the chosen method does not use is refused by name: at once when
     * {@link #method(Method)} came first, else by {@code method(..)} or {@code build()}. Not
     * thread-safe.
     */
    public static final class Builder extends RunBuilder<Builder> {
        private ImageSource content;
        private final List<ImageSource> styles = new ArrayList<>();
        private final List<Double> styleBlend = new ArrayList<>();
        private long maxInputPixels = Limits.DEFAULT_MAX_PIXELS;
        private Method method = Method.GATYS;
        private boolean methodChosen;
        private GatysOptions gatys = GatysOptions.defaults();
        private FastOptions fast = FastOptions.defaults();
        private ArbitraryOptions arbitrary = ArbitraryOptions.defaults();
        /** The method-specific settings given, so that one the method would ignore is refused. */
        private final Set<Setting> given = new LinkedHashSet<>();

        private Builder() {}

        private Builder(StyleTransfer t) {
            content = t.content;
            styles.addAll(t.styles);
            styleBlend.addAll(t.styleBlend);
            settings(t.settings);
            maxInputPixels = t.maxInputPixels;
            options(t.options);
            if (!t.styles.isEmpty()) {
                given.add(Setting.STYLE);
            }
        }

        /** The content photo (required). */
        public Builder content(ImageSource image) {
            this.content = Objects.requireNonNull(image, "image");
            return this;
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
            use(Setting.STYLE);
            styles.add(image);
            styleBlend.add(blendWeight);
            return this;
        }

        /**
         * The method (default {@link Method#GATYS}); settings given so far that it does not use are
         * refused now, and later ones at once.
         *
         * @throws IllegalArgumentException naming the settings the method does not use
         */
        public Builder method(Method method) {
            Objects.requireNonNull(method, "method");
            refuseUnused(method, given);
            this.method = method;
            this.methodChosen = true;
            return this;
        }

        /**
         * A method's settings whole: chooses its method (as {@link #method(Method)}) and replaces
         * every setting of that method given so far.
         *
         * @throws IllegalArgumentException naming the settings given so far that the method does not use
         */
        public Builder options(MethodOptions options) {
            method(Objects.requireNonNull(options, "options").method());
            if (options instanceof GatysOptions o) {
                gatys = o;
            } else if (options instanceof FastOptions o) {
                fast = o;
            } else {
                arbitrary = (ArbitraryOptions) options;
            }
            return this;
        }

        /** Content, style and total-variation weights (defaults 1, 30, 0.001); Gatys only. */
        public Builder weights(double content, double style, double totalVariation) {
            return weights(new LossWeights(content, style, totalVariation));
        }

        /** Content, style and total-variation weights (default {@link LossWeights#DEFAULT}); Gatys only. */
        public Builder weights(LossWeights weights) {
            gatys = gatys.withWeights(weights);
            return use(Setting.WEIGHTS);
        }

        /**
         * Long side of the output in pixels, {@value Limits#MIN_SIZE} to {@value Limits#MAX_SIZE}
         * (default: 512 for Gatys, the photo's own size for the one-pass methods).
         *
         * @throws IllegalArgumentException naming the value otherwise
         */
        public Builder size(int pixels) {
            gatys = gatys.withSize(pixels);
            fast = fast.withSize(pixels);
            arbitrary = arbitrary.withSize(pixels);
            return this;
        }

        /** The fast method's network; see {@link FastOptions#of(String)}. */
        public Builder model(String nameOrDirectory) {
            fast = fast.withModel(nameOrDirectory);
            return use(Setting.MODEL);
        }

        /** See {@link GatysOptions#withIterations(int)}. */
        public Builder iterations(int iterations) {
            gatys = gatys.withIterations(iterations);
            return use(Setting.ITERATIONS);
        }

        /** Seed of every random choice; the same seed gives the same image on the CPU. Gatys only. */
        public Builder seed(long seed) {
            gatys = gatys.withSeed(seed);
            return use(Setting.SEED);
        }

        /** See {@link GatysOptions#withOptimizer(Optimizer)}. */
        public Builder optimizer(Optimizer optimizer) {
            gatys = gatys.withOptimizer(optimizer);
            return use(Setting.OPTIMIZER);
        }

        /** See {@link GatysOptions#withLearningRate(double)}. */
        public Builder learningRate(double rate) {
            gatys = gatys.withLearningRate(rate);
            return use(Setting.LEARNING_RATE);
        }

        /** Start from the content photo (default); Gatys only. */
        public Builder initFromContent() {
            gatys = gatys.withInit(Init.CONTENT);
            return use(Setting.INIT);
        }

        /** Start from seeded noise; Gatys only. */
        public Builder initRandom() {
            gatys = gatys.withInit(Init.RANDOM);
            return use(Setting.INIT);
        }

        /** Start from the given image (resized to the content's size); Gatys only. */
        public Builder initFrom(ImageSource image) {
            gatys = gatys.withInitImage(image);
            return use(Setting.INIT);
        }

        /** See {@link ArbitraryOptions#withStrength(double)}. */
        public Builder strength(double strength) {
            arbitrary = arbitrary.withStrength(strength);
            return use(Setting.STRENGTH);
        }

        /** Transfer luminance only and keep the content's colours (Gatys and arbitrary). */
        public Builder preserveColors(boolean preserve) {
            gatys = gatys.withPreserveColors(preserve);
            arbitrary = arbitrary.withPreserveColors(preserve);
            return use(Setting.PRESERVE_COLORS);
        }

        /** See {@link FastOptions#withMaxTile(int)}; the one-pass methods only. */
        public Builder maxTile(int pixels) {
            fast = fast.withMaxTile(pixels);
            arbitrary = arbitrary.withMaxTile(pixels);
            return use(Setting.MAX_TILE);
        }

        /** See {@link GatysOptions#withStyleScale(double)}. */
        public Builder styleScale(double scale) {
            gatys = gatys.withStyleScale(scale);
            return use(Setting.STYLE_SCALE);
        }

        /** See {@link GatysOptions#withFeatures(FeatureNetwork)}. */
        public Builder features(FeatureNetwork network) {
            gatys = gatys.withFeatures(network);
            return use(Setting.FEATURES);
        }

        /** See {@link GatysOptions#withContentLayer(String)}. */
        public Builder contentLayer(String layer) {
            gatys = gatys.withContentLayer(layer);
            return use(Setting.CONTENT_LAYER);
        }

        /** See {@link GatysOptions#withStyleLayers(Map)}. */
        public Builder styleLayers(Map<String, Double> layers) {
            gatys = gatys.withStyleLayers(layers);
            return use(Setting.STYLE_LAYERS);
        }

        /** See {@link GatysOptions#withProgressEvery(int)}. */
        public Builder progressEvery(int n) {
            gatys = gatys.withProgressEvery(n);
            return use(Setting.PROGRESS_EVERY);
        }

        /** See {@link GatysOptions#withListener(ProgressListener)}. */
        public Builder listener(ProgressListener listener) {
            gatys = gatys.withListener(listener);
            return use(Setting.LISTENER);
        }

        /**
         * Refuse inputs with more pixels than this, before decoding (default {@link
         * Limits#DEFAULT_MAX_PIXELS}).
         *
         * @throws IllegalArgumentException unless {@code pixels} is positive
         */
        public Builder maxInputPixels(long pixels) {
            this.maxInputPixels = Limits.maxPixels("the pixel limit", pixels);
            return this;
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
            Limits.requireArgument(content != null, "a content image is required");
            refuseUnused(method, given);
            return switch (method) {
                case GATYS -> {
                    Limits.requireArgument(!styles.isEmpty(), "at least one style image is required");
                    yield new StyleTransfer(this, gatys, gatys.features().orElseGet(Builder::defaultFeatures));
                }
                case FAST -> {
                    Limits.requireArgument(
                            fast.model() != null, "the fast method needs a model (a style name or directory)");
                    yield new StyleTransfer(this, fast, null);
                }
                case ARBITRARY -> {
                    Limits.requireArgument(!styles.isEmpty(), "at least one style image is required");
                    yield new StyleTransfer(this, arbitrary, null);
                }
            };
        }

        private static FeatureNetwork defaultFeatures() {
            try {
                return FeatureNetwork.defaultNetwork();
            } catch (IllegalStateException e) {
                throw new StyleTransferException(Kind.NOT_FOUND, e.getMessage(), e);
            }
        }

        private Builder use(Setting setting) {
            if (methodChosen && !setting.usedBy(method)) {
                refuseUnused(method, EnumSet.of(setting));
            }
            given.add(setting);
            return this;
        }

        private static void refuseUnused(Method method, Set<Setting> settings) {
            List<String> unused = settings.stream()
                    .filter(s -> !s.usedBy(method))
                    .map(Setting::setter)
                    .toList();
            Limits.requireArgument(
                    unused.isEmpty(),
                    "the %s method does not use %s; remove %s or choose another method",
                    method.id(),
                    String.join(", ", unused),
                    unused.size() == 1 ? "it" : "them");
        }
    }
}
