package io.nst.backend.tensorflow;

import ai.djl.engine.Engine;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.internal.AtomicFiles;
import io.nst.internal.NativeEnvironment;
import io.nst.repo.ModelRepository;
import io.nst.spi.EngineThreads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * Makes TensorFlow's native libraries loadable: DJL's engine does not load them from the
 * {@code tensorflow-core-native} jar itself, so they are copied once into
 * {@code $NST_HOME/natives/tensorflow-<version>/} (default {@code ~/.nst}) and the engine is
 * pointed there with {@code TENSORFLOW_LIBRARY_PATH}, unless the user set that already.
 */
final class TfNatives {

    private static final String RESOURCES = "/org/tensorflow/internal/c_api/linux-x86_64/";
    private static final String[] LIBRARIES = {
        "libtensorflow_framework.so.2", "libtensorflow_cc.so.2", "libjnitensorflow.so"
    };
    private static final String ENGINE = "TensorFlow";

    private static Engine engine;

    private TfNatives() {}

    /** The started engine; the first call extracts the natives (about 630 MB, a few seconds). */
    static synchronized Engine engine() {
        if (engine == null) {
            if (System.getProperty("TENSORFLOW_LIBRARY_PATH") == null
                    && System.getenv("TENSORFLOW_LIBRARY_PATH") == null) {
                System.setProperty("TENSORFLOW_LIBRARY_PATH", extract().toString());
            }
            // TensorFlow's native code logs straight to the terminal; errors only: quiet by default
            NativeEnvironment.setUnlessSet("TF_CPP_MIN_LOG_LEVEL", "2");
            try {
                engine = Engine.getEngine(ENGINE);
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                throw new StyleTransferException(
                        Kind.ENGINE, "the TensorFlow engine could not start: " + e.getMessage(), e);
            }
        }
        return engine;
    }

    /**
     * Session settings: the threads of {@link EngineThreads}, else TensorFlow's default; with
     * {@code bf16}, the grappler pass that runs oneDNN's convolutions in bfloat16 (its auto mixed
     * precision), which leaves the graph's inputs and outputs float32.
     */
    static ConfigProto sessionConfig(boolean bf16) {
        int threads = EngineThreads.configured();
        ConfigProto.Builder config = ConfigProto.newBuilder();
        if (threads > 0) {
            config.setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(threads);
        }
        if (bf16) {
            config.setGraphOptions(GraphOptions.newBuilder()
                    .setRewriteOptions(
                            RewriterConfig.newBuilder().setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON)));
        }
        return config.build();
    }

    private static Path extract() {
        String version = version();
        Path dir = ModelRepository.defaultCacheDirectory()
                .resolveSibling("natives")
                .resolve("tensorflow-" + version);
        Path complete = dir.resolve(".complete");
        if (Files.exists(complete)) {
            return dir;
        }
        try {
            Files.createDirectories(dir);
            for (String library : LIBRARIES) {
                AtomicFiles.write(dir.resolve(library), part -> {
                    try (InputStream in = TfNatives.class.getResourceAsStream(RESOURCES + library)) {
                        if (in == null) {
                            throw new IOException(library + " is not on the class path; add "
                                    + "org.tensorflow:tensorflow-core-native:" + version + ":linux-x86_64");
                        }
                        Files.copy(in, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                });
            }
            Files.writeString(complete, version + "\n");
            return dir;
        } catch (IOException e) {
            throw new StyleTransferException(
                    Kind.IO,
                    "TensorFlow's native libraries could not be extracted to " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    private static String version() {
        try (InputStream in = TfNatives.class.getResourceAsStream(
                "/META-INF/maven/org.tensorflow/tensorflow-core-native/pom.properties")) {
            if (in == null) {
                throw new StyleTransferException(
                        Kind.NOT_FOUND,
                        "TensorFlow natives are missing: add "
                                + "org.tensorflow:tensorflow-core-native (classifier linux-x86_64) to the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new StyleTransferException(
                    Kind.ENGINE, "cannot read the TensorFlow natives' version: " + e.getMessage(), e);
        }
    }
}
