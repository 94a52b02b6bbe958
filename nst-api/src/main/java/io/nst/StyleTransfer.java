package io.nst;

import io.nst.loss.LossWeights;
import io.nst.net.FeatureNetwork;
import io.nst.repo.ModelRepository;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
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
 * The method ({@link Method#GATYS} by default) comes from its module on the class path
 * ({@code nst-gatys}), the engine from a backend module ({@code nst-backend-pytorch}).
 */
public final class StyleTransfer {

    private static final int DEFAULT_SIZE = 512;

    /** The settings only the Gatys method uses (besides the paintings). */
    private static final Set<String> GATYS_SETTINGS = Set.of(
            "style",
            "weights",
            "iterations",
            "seed",
            "optimizer",
            "learningRate",
            "init",
            "preserveColors",
            "styleScale",
            "features",
            "contentLayer",
            "styleLayers",
            "progressEvery",
            "listener");

    private final ImageSource content;
    private final List<ImageSource> styles;
    private final List<Double> styleBlend;
    private final LossWeights weights;
    private final Integer size;
    private final String model;
    private final int iterations;
    private final long seed;
    private final Method method;
    private final RunSettings settings;
    private final Optimizer optimizer;
    private final double learningRate;
    private final Init init;
    private final ImageSource initImage;
    private final boolean preserveColors;
    private final double styleScale;
    private final double strength;
    private final FeatureNetwork features;
    private final String contentLayer;
    private final Map<String, Double> styleLayers;
    private final int progressEvery;
    private final ProgressListener listener;
    private final long maxInputPixels;
    /** A private copy of the settings as given, defaults unresolved, for {@link #toBuilder()}. */
    private final Builder given;

    private StyleTransfer(Builder b) {
        this.given = b.copy();
        this.content = b.content;
        this.styles = List.copyOf(b.styles);
        this.styleBlend = List.copyOf(b.styleBlend);
        this.weights = b.weights;
        this.size = b.size;
        this.model = b.model;
        this.iterations = b.iterations;
        this.seed = b.seed;
        this.method = b.method;
        this.settings = b.run.build();
        this.optimizer = b.optimizer;
        this.learningRate = b.learningRate;
        this.init = b.init;
        this.initImage = b.initImage;
        this.preserveColors = b.preserveColors;
        this.styleScale = b.styleScale;
        this.strength = b.strength;
        this.features = b.features;
        this.contentLayer = b.contentLayer;
        this.styleLayers = b.styleLayers;
        this.progressEvery = b.progressEvery;
        this.listener = b.listener;
        this.maxInputPixels = b.maxInputPixels;
    }

    /** A builder with every setting at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this transfer's settings as they were given, to vary some of them; a
     * feature network or layers left at their defaults stay defaults.
     */
    public Builder toBuilder() {
        return given.copy();
    }

    /**
     * Runs the transfer with the method's implementation found on the class path.
     *
     * @throws StyleTransferException for unreadable inputs, missing models or modules
     */
    public StyleTransferResult run() {
        for (StyleMethod implementation : ServiceLoader.load(StyleMethod.class)) {
            if (implementation.method() == method) {
                return implementation.run(this);
            }
        }
        throw new StyleTransferException(
                "method " + method.id() + " is not on the class path; add " + method.artifact());
    }

    /** The content photo. */
    public ImageSource content() {
        return content;
    }

    /** The style paintings, in the order given. */
    public List<ImageSource> styles() {
        return styles;
    }

    /** One positive weight per style. */
    public List<Double> styleBlend() {
        return styleBlend;
    }

    /** The content, style and total-variation weights. */
    public LossWeights weights() {
        return weights;
    }

    /** Long side of the output in pixels (512 unless set). */
    public int size() {
        return size != null ? size : DEFAULT_SIZE;
    }

    /** The long side the caller asked for; the fast method keeps the input's size otherwise. */
    public java.util.OptionalInt requestedSize() {
        return size != null ? java.util.OptionalInt.of(size) : java.util.OptionalInt.empty();
    }

    /** The fast method's transfer network: a pretrained style's name or a model directory. */
    public String model() {
        return model;
    }

    /** The optimiser iterations to run. */
    public int iterations() {
        return iterations;
    }

    /** The seed of every random choice. */
    public long seed() {
        return seed;
    }

    /** The method: Gatys (iterative) or fast (a trained network). */
    public Method method() {
        return method;
    }

    /** Backend, device and model repository. */
    public RunSettings settings() {
        return settings;
    }

    /** The backend's name, or {@code null} to choose automatically. */
    public String backend() {
        return settings.backend();
    }

    /** The device the backend runs on. */
    public Device device() {
        return settings.device();
    }

    /** Gatys' optimiser: L-BFGS or Adam. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Adam's step size on pixel values in {@code [0, 1]}. */
    public double learningRate() {
        return learningRate;
    }

    /** Where the optimisation starts: the content, noise or a given image. */
    public Init init() {
        return init;
    }

    /** The starting image when {@link #init()} is {@link Init#IMAGE}. */
    public ImageSource initImage() {
        return initImage;
    }

    /** Whether only luminance is transferred and the content's colours kept. */
    public boolean preserveColors() {
        return preserveColors;
    }

    /** The arbitrary method's strength: how much of the painting's style, 0 to 1. */
    public double strength() {
        return strength;
    }

    /** Style images are resized to {@code styleScale * size} on their long side. */
    public double styleScale() {
        return styleScale;
    }

    /**
     * The feature network: the one given, else {@link FeatureNetwork#defaultNetwork()} (looked up
     * when asked, so that the fast method needs no feature network on the class path).
     *
     * @throws IllegalStateException if none was given and none is on the class path
     */
    public FeatureNetwork features() {
        return features != null ? features : FeatureNetwork.defaultNetwork();
    }

    /** The content layer: the one given, else the feature network's default. */
    public String contentLayer() {
        return contentLayer != null ? contentLayer : features().defaultContentLayer();
    }

    /** The style layers and their relative weights: the ones given, else the feature network's defaults. */
    public Map<String, Double> styleLayers() {
        return styleLayers != null ? styleLayers : features().defaultStyleLayers();
    }

    /** The listener hears every this many iterations. */
    public int progressEvery() {
        return progressEvery;
    }

    /** The listener, or {@code null}. */
    public ProgressListener listener() {
        return listener;
    }

    /** The repository models are resolved through. */
    public ModelRepository repository() {
        return settings.repository();
    }

    /** Inputs with more pixels than this are refused before decoding. */
    public long maxInputPixels() {
        return maxInputPixels;
    }

    /** Collects the configuration; {@link #build()} checks it. Not thread-safe. */
    public static final class Builder {
        private ImageSource content;
        private final List<ImageSource> styles = new ArrayList<>();
        private final List<Double> styleBlend = new ArrayList<>();
        private LossWeights weights = LossWeights.DEFAULT;
        private Integer size;
        private String model;
        private int iterations = 300;
        private long seed;
        private Method method = Method.GATYS;
        private RunSettings.Builder run = RunSettings.builder();
        private Optimizer optimizer = Optimizer.LBFGS;
        private double learningRate = 0.02;
        private Init init = Init.CONTENT;
        private ImageSource initImage;
        private boolean preserveColors;
        private double styleScale = 1;
        private double strength = 1;
        private FeatureNetwork features;
        private String contentLayer;
        private Map<String, Double> styleLayers;
        private int progressEvery = 10;
        private ProgressListener listener;
        private long maxInputPixels = Images.DEFAULT_MAX_PIXELS;
        /** The method-specific settings given, so that one the method ignores is refused. */
        private final Set<String> chosen = new LinkedHashSet<>();

        private Builder() {}

        private Builder copy() {
            Builder c = new Builder();
            c.content = content;
            c.styles.addAll(styles);
            c.styleBlend.addAll(styleBlend);
            c.weights = weights;
            c.size = size;
            c.model = model;
            c.iterations = iterations;
            c.seed = seed;
            c.method = method;
            c.run = run.build().toBuilder();
            c.optimizer = optimizer;
            c.learningRate = learningRate;
            c.init = init;
            c.initImage = initImage;
            c.preserveColors = preserveColors;
            c.styleScale = styleScale;
            c.strength = strength;
            c.features = features;
            c.contentLayer = contentLayer;
            c.styleLayers = styleLayers;
            c.progressEvery = progressEvery;
            c.listener = listener;
            c.maxInputPixels = maxInputPixels;
            c.chosen.addAll(chosen);
            return c;
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

        /** Adds a style with a blend weight; weights are relative to each other. */
        public Builder style(ImageSource image, double blendWeight) {
            if (!(blendWeight > 0) || Double.isInfinite(blendWeight)) {
                throw new IllegalArgumentException("style blend weight must be positive, got " + blendWeight);
            }
            styles.add(Objects.requireNonNull(image, "image"));
            styleBlend.add(blendWeight);
            chosen.add("style");
            return this;
        }

        /** Content, style and total-variation weights (defaults 1, 30, 0.001). */
        public Builder weights(double content, double style, double totalVariation) {
            return weights(new LossWeights(content, style, totalVariation));
        }

        /** Content, style and total-variation weights (default {@link LossWeights#DEFAULT}). */
        public Builder weights(LossWeights weights) {
            this.weights = Objects.requireNonNull(weights, "weights");
            chosen.add("weights");
            return this;
        }

        /**
         * Long side of the output in pixels, 16 to 4096 (default: 512 for Gatys, the input's own
         * size for the fast method).
         */
        public Builder size(int pixels) {
            if (pixels < 16 || pixels > 4096) {
                throw new IllegalArgumentException("size must be between 16 and 4096 pixels, got " + pixels);
            }
            this.size = pixels;
            return this;
        }

        /**
         * The fast method's transfer network: {@code wave}, {@code udnie}, {@code la_muse},
         * {@code rain_princess}, {@code scream}, {@code wreck}, {@code mathura},
         * {@code matilde_perez}, {@code matta}, or a model directory.
         */
        public Builder model(String nameOrDirectory) {
            this.model = Objects.requireNonNull(nameOrDirectory, "nameOrDirectory");
            chosen.add("model");
            return this;
        }

        /** Optimiser iterations, at least 1 (default 300). */
        public Builder iterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
            }
            this.iterations = iterations;
            chosen.add("iterations");
            return this;
        }

        /** Seed of every random choice; the same seed gives the same image on the CPU. */
        public Builder seed(long seed) {
            this.seed = seed;
            chosen.add("seed");
            return this;
        }

        /**
         * The method (default {@link Method#GATYS}). Settings the method does not use are refused
         * by {@link #build()}: the fast method takes a {@code model}; the arbitrary method takes
         * paintings, {@code strength} and {@code preserveColors}; Gatys takes all but those two.
         */
        public Builder method(Method method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** Backend, device and repository at once; see {@link RunSettings}. */
        public Builder settings(RunSettings settings) {
            this.run = Objects.requireNonNull(settings, "settings").toBuilder();
            return this;
        }

        /** See {@link RunSettings.Builder#backend(String)}. */
        public Builder backend(String name) {
            run.backend(name);
            return this;
        }

        /** See {@link RunSettings.Builder#device(Device)}. */
        public Builder device(Device device) {
            run.device(device);
            return this;
        }

        /** Gatys' optimiser (default {@link Optimizer#LBFGS}). */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            chosen.add("optimizer");
            return this;
        }

        /** Adam's step size for pixel values in {@code [0, 1]} (default 0.02). */
        public Builder learningRate(double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("learning rate must be positive, got " + rate);
            }
            this.learningRate = rate;
            chosen.add("learningRate");
            return this;
        }

        /** Start from the content photo (default). */
        public Builder initFromContent() {
            this.init = Init.CONTENT;
            this.initImage = null;
            chosen.add("init");
            return this;
        }

        /** Start from seeded noise. */
        public Builder initRandom() {
            this.init = Init.RANDOM;
            this.initImage = null;
            chosen.add("init");
            return this;
        }

        /** Start from the given image (resized to the content's size). */
        public Builder initFrom(ImageSource image) {
            this.init = Init.IMAGE;
            this.initImage = Objects.requireNonNull(image, "image");
            chosen.add("init");
            return this;
        }

        /**
         * The arbitrary method's strength (default 1): {@code s * painting + (1 - s) * photo} in
         * style space; 0 keeps the photo's own style.
         *
         * @throws IllegalArgumentException unless {@code strength} is between 0 and 1
         */
        public Builder strength(double strength) {
            if (!(strength >= 0 && strength <= 1)) {
                throw new IllegalArgumentException("strength must be between 0 and 1, got " + strength);
            }
            this.strength = strength;
            chosen.add("strength");
            return this;
        }

        /** Transfer luminance only and keep the content's colours. */
        public Builder preserveColors(boolean preserve) {
            this.preserveColors = preserve;
            chosen.add("preserveColors");
            return this;
        }

        /** Style images at {@code scale * size} on their long side (default 1; 0.1 to 4). */
        public Builder styleScale(double scale) {
            if (!(scale >= 0.1 && scale <= 4)) {
                throw new IllegalArgumentException("style scale must be between 0.1 and 4, got " + scale);
            }
            this.styleScale = scale;
            chosen.add("styleScale");
            return this;
        }

        /** The feature network (default Tiny Darknet). Resets layers to its defaults unless set. */
        public Builder features(FeatureNetwork network) {
            this.features = Objects.requireNonNull(network, "network");
            chosen.add("features");
            return this;
        }

        /** The content layer by name (default: the feature network's); checked when the run starts. */
        public Builder contentLayer(String layer) {
            this.contentLayer = Objects.requireNonNull(layer, "layer");
            chosen.add("contentLayer");
            return this;
        }

        /** Style layers with their relative weights, in order. */
        public Builder styleLayers(Map<String, Double> layers) {
            Map<String, Double> copy = new LinkedHashMap<>(layers);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("at least one style layer");
            }
            copy.forEach((layer, w) -> {
                if (!(w > 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("style layer " + layer + " needs a positive weight, got " + w);
                }
            });
            this.styleLayers = Collections.unmodifiableMap(copy);
            chosen.add("styleLayers");
            return this;
        }

        /** Report progress every {@code n} iterations (default 10). */
        public Builder progressEvery(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("progress interval must be at least 1, got " + n);
            }
            this.progressEvery = n;
            chosen.add("progressEvery");
            return this;
        }

        /** Told of the progress on the run's thread (default: nobody); {@code null} removes it. */
        public Builder listener(ProgressListener listener) {
            this.listener = listener;
            chosen.add("listener");
            return this;
        }

        /** Where models come from (default: {@link ModelRepository#fromEnvironment()}). */
        public Builder repository(ModelRepository repository) {
            run.repository(repository);
            return this;
        }

        /** Refuse inputs with more pixels than this, before decoding (default 64 megapixels). */
        public Builder maxInputPixels(long pixels) {
            if (pixels < 1) {
                throw new IllegalArgumentException("the pixel limit must be positive, got " + pixels);
            }
            this.maxInputPixels = pixels;
            return this;
        }

        /**
         * The transfer; the builder can be changed and reused afterwards without affecting it.
         *
         * @throws IllegalArgumentException naming the input that is missing, or the settings the method
         *     does not use
         */
        public StyleTransfer build() {
            if (content == null) {
                throw new IllegalArgumentException("a content image is required");
            }
            if (method != Method.FAST && styles.isEmpty()) {
                throw new IllegalArgumentException("at least one style image is required");
            }
            if (method == Method.FAST && model == null) {
                throw new IllegalArgumentException("the fast method needs a model (a style name or directory)");
            }
            Set<String> ignored = new LinkedHashSet<>(chosen);
            ignored.removeAll(
                    switch (method) {
                        case GATYS -> GATYS_SETTINGS;
                        case FAST -> Set.of("model");
                        case ARBITRARY -> Set.of("style", "strength", "preserveColors");
                    });
            if (!ignored.isEmpty()) {
                throw new IllegalArgumentException("the " + method.id() + " method does not use "
                        + String.join(", ", ignored) + "; remove "
                        + (ignored.size() == 1 ? "it" : "them") + " or choose another method");
            }
            return new StyleTransfer(this);
        }
    }
}
