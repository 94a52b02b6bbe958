package io.nst.djl;

import ai.djl.engine.Engine;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ModelZoo;
import io.nst.repo.ModelRepository;
import java.util.List;
import java.util.Set;

/**
 * The model zoo of group {@value #GROUP_ID}: {@value FastStyleModelLoader#ARTIFACT_ID} (a fast
 * style, filter {@code style}: a pretrained name or a model directory; photo to image) and
 * {@value ArbitraryStyleModelLoader#ARTIFACT_ID} (any painting; a {@link ArbitraryStyleTranslator.Input}
 * of photo and painting to image). The networks are written by the SDK in the engine's own format
 * when a model is loaded, from the files of the {@link ModelRepository#fromEnvironment()
 * repository} (fetched and verified as for the SDK's own stylizers), and run by the engine DJL
 * picks: ONNX Runtime or TensorFlow, either of which must be on the class path with its nst backend
 * ({@code nst-backend-onnxruntime}, {@code nst-backend-tf}), which writes that format. PyTorch
 * cannot load these formats; a criteria asking for it is told so. Thread-safe; loaded once.
 */
public final class NstModelZoo extends ModelZoo {

    /** The group id of the SDK's models. */
    public static final String GROUP_ID = "io.nst";

    /** The engines that run the networks, in the order tried when a criteria names none. */
    static final List<String> ENGINES = List.of("OnnxRuntime", "TensorFlow");

    private static final NstModelZoo INSTANCE = new NstModelZoo();

    private NstModelZoo() {
        ModelRepository repository = ModelRepository.fromEnvironment();
        addModel(new FastStyleModelLoader(repository));
        addModel(new ArbitraryStyleModelLoader(repository));
    }

    static NstModelZoo instance() {
        return INSTANCE;
    }

    @Override
    public String getGroupId() {
        return GROUP_ID;
    }

    /** ONNX Runtime and TensorFlow; PyTorch too, so that asking for it is answered with why not. */
    @Override
    public Set<String> getSupportedEngines() {
        return Set.of("OnnxRuntime", "TensorFlow", "PyTorch");
    }

    /**
     * The engine a criteria asks for, else DJL's default engine if it runs the networks, else the
     * first of {@link #ENGINES} on the class path.
     *
     * @throws ModelNotFoundException naming what to add when none can run them
     */
    static String engineFor(Criteria<?, ?> criteria, String artifactId) throws ModelNotFoundException {
        String asked = criteria.getEngine();
        if (asked != null) {
            if (!ENGINES.contains(asked)) {
                throw new ModelNotFoundException(artifactId + " runs on " + String.join(" or ", ENGINES)
                        + ", not " + asked + ": use the SDK's own stylizers (FastStylizer, ArbitraryStylizer) with"
                        + " nst-backend-pytorch for PyTorch");
            }
            if (!Engine.hasEngine(asked)) {
                throw new ModelNotFoundException(
                        artifactId + ": the engine " + asked + " is not on the class path; add " + backendOf(asked));
            }
            return asked;
        }
        String preferred = Engine.getDefaultEngineName();
        if (ENGINES.contains(preferred)) {
            return preferred;
        }
        return ENGINES.stream()
                .filter(Engine::hasEngine)
                .findFirst()
                .orElseThrow(() -> new ModelNotFoundException(artifactId + " needs ONNX Runtime or TensorFlow on the"
                        + " class path: add nst-backend-onnxruntime or nst-backend-tf"));
    }

    /** The SDK module that writes an engine's format and brings the engine. */
    static String backendOf(String engine) {
        return engine.equals("TensorFlow") ? "nst-backend-tf" : "nst-backend-onnxruntime";
    }

    /** The export format of {@link io.nst.fast.ModelExport} an engine loads. */
    static String formatOf(String engine) {
        return engine.equals("TensorFlow") ? "savedmodel" : "onnx";
    }
}
