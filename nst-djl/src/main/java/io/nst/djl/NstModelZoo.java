package io.nst.djl;

import ai.djl.engine.Engine;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ModelZoo;
import io.nst.repo.ModelRepository;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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

    private static final Set<String> SUPPORTED = java.util.stream.Stream.concat(
                    Arrays.stream(ZooEngine.values()).map(e -> e.djlName), java.util.stream.Stream.of("PyTorch"))
            .collect(Collectors.toUnmodifiableSet());

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
        return SUPPORTED;
    }

    /**
     * The engine a criteria asks for, else DJL's default engine if it runs the networks, else the
     * first of {@link ZooEngine} on the class path.
     *
     * @throws ModelNotFoundException naming what to add when none can run them
     */
    static ZooEngine engineFor(Criteria<?, ?> criteria, String artifactId) throws ModelNotFoundException {
        String asked = criteria.getEngine();
        if (asked != null) {
            ZooEngine engine = ZooEngine.named(asked)
                    .orElseThrow(() -> new ModelNotFoundException(artifactId + " runs on "
                            + Arrays.stream(ZooEngine.values())
                                    .map(e -> e.djlName)
                                    .collect(Collectors.joining(" or "))
                            + ", not " + asked + ": use the SDK's own stylizers (FastStylizer, ArbitraryStylizer) with"
                            + " nst-backend-pytorch for PyTorch"));
            if (!Engine.hasEngine(asked)) {
                throw new ModelNotFoundException(
                        artifactId + ": the engine " + asked + " is not on the class path; add " + engine.artifact);
            }
            return engine;
        }
        Optional<ZooEngine> preferred = ZooEngine.named(Engine.getDefaultEngineName());
        if (preferred.isPresent()) {
            return preferred.get();
        }
        return Arrays.stream(ZooEngine.values())
                .filter(e -> Engine.hasEngine(e.djlName))
                .findFirst()
                .orElseThrow(() -> new ModelNotFoundException(artifactId + " needs ONNX Runtime or TensorFlow on the"
                        + " class path: add nst-backend-onnxruntime or nst-backend-tf"));
    }
}
