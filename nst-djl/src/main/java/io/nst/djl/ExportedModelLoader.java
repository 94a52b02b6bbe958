package io.nst.djl;

import ai.djl.Application;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.repository.MRL;
import ai.djl.repository.Repository;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelLoader;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.util.Progress;
import io.nst.StyleTransferException;
import io.nst.fast.ModelExport;
import io.nst.internal.AtomicFiles;
import io.nst.repo.ModelRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What both loaders do: check the criteria's types, pick the engine, write the network in that
 * engine's format to a temporary folder, load it as a DJL model and remove the folder (the engine
 * holds the network in memory), and wrap the model with the translator.
 */
abstract class ExportedModelLoader implements ModelLoader {

    /** Style transfer, an image-to-image task DJL's application list does not name. */
    static final Application STYLE_TRANSFER = Application.of("cv/style_transfer");

    final ModelRepository repository;
    private final String artifactId;
    private final Class<?> input;

    ExportedModelLoader(ModelRepository repository, String artifactId, Class<?> input) {
        this.repository = repository;
        this.artifactId = artifactId;
        this.input = input;
    }

    /** The model {@link ModelExport} writes for this criteria. */
    abstract String exportedModel(Criteria<?, ?> criteria) throws ModelNotFoundException;

    /** The repository's files this criteria's model is made from. */
    abstract Iterable<String> files(Criteria<?, ?> criteria) throws ModelNotFoundException;

    /** The model around the engine's: its translator, and what it must close with it. */
    abstract ZooModel<?, ?> wrap(Model model, Criteria<?, ?> criteria, ZooEngine engine) throws ModelNotFoundException;

    @Override
    public final String getGroupId() {
        return NstModelZoo.GROUP_ID;
    }

    @Override
    public final String getArtifactId() {
        return artifactId;
    }

    @Override
    public final Application getApplication() {
        return STYLE_TRANSFER;
    }

    @Override
    public final MRL getMrl() {
        return MRL.model(
                Repository.newInstance("nst", repository.cacheDirectory()),
                STYLE_TRANSFER,
                NstModelZoo.GROUP_ID,
                artifactId,
                "1",
                artifactId);
    }

    @Override
    @SuppressWarnings("unchecked")
    public final <I, O> ZooModel<I, O> loadModel(Criteria<I, O> criteria)
            throws IOException, ModelNotFoundException, MalformedModelException {
        if (criteria.getInputClass() != input || criteria.getOutputClass() != ai.djl.modality.cv.Image.class) {
            throw new ModelNotFoundException(artifactId + " takes " + input.getName()
                    + " and gives ai.djl.modality.cv.Image; the criteria asks for "
                    + criteria.getInputClass().getName()
                    + " to " + criteria.getOutputClass().getName());
        }
        ZooEngine engine = NstModelZoo.engineFor(criteria, artifactId);
        String name = exportedModel(criteria);
        Path folder = Files.createTempDirectory("nst-djl-");
        try {
            Path exported = engine.exportPath(folder, artifactId);
            try {
                ModelExport.export(name, engine.format, exported, repository);
            } catch (IllegalArgumentException e) {
                throw new ModelNotFoundException(
                        artifactId + " on " + engine.djlName + ": " + e.getMessage() + " (add " + engine.artifact + ")",
                        e);
            } catch (StyleTransferException e) {
                throw new ModelNotFoundException(artifactId + ": " + e.getMessage(), e);
            }
            EnginesStarted.ensure();
            Model model = Model.newInstance(artifactId, criteria.getDevice(), engine.djlName);
            try {
                model.load(engine.loadPath(exported), artifactId, engine.options(criteria.getOptions()));
                return (ZooModel<I, O>) wrap(model, criteria, engine);
            } catch (IOException | MalformedModelException | ModelNotFoundException | RuntimeException e) {
                model.close();
                throw e;
            }
        } finally {
            AtomicFiles.deleteRecursively(folder);
        }
    }

    /** Whether every file of this criteria's model is in the repository's cache. */
    @Override
    public final <I, O> boolean isDownloaded(Criteria<I, O> criteria) throws ModelNotFoundException {
        for (String id : files(criteria)) {
            if (!repository.isCached(id)) {
                return false;
            }
        }
        return true;
    }

    /** Fetches this criteria's files into the repository's cache, verified. */
    @Override
    public final <I, O> void downloadModel(Criteria<I, O> criteria, Progress progress)
            throws IOException, ModelNotFoundException {
        for (String id : files(criteria)) {
            repository.resolve(id);
        }
    }

    /** A criteria's argument {@code name}, a whole number, if given. */
    static java.util.OptionalInt intArgument(Criteria<?, ?> criteria, String name) throws ModelNotFoundException {
        Map<String, Object> arguments = criteria.getArguments();
        Object value = arguments == null ? null : arguments.get(name);
        if (value == null) {
            return java.util.OptionalInt.empty();
        }
        try {
            return java.util.OptionalInt.of(Integer.parseInt(value.toString().trim()));
        } catch (NumberFormatException e) {
            throw new ModelNotFoundException("the argument " + name + " must be a whole number, got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return NstModelZoo.GROUP_ID + ":" + artifactId;
    }

    /**
     * Every backend's engine started its own way before a DJL model is made: DJL's ONNX Runtime
     * arrays borrow the default engine (TensorFlow, when present), whose natives only the SDK's
     * backend puts in place.
     */
    private static final class EnginesStarted {
        static {
            io.nst.spi.Backends.available().forEach(io.nst.spi.Backend::startEngine);
        }

        static void ensure() {
            // Loading the class ran the static block, once.
        }
    }
}
