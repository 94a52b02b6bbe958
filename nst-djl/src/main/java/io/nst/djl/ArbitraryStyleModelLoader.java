package io.nst.djl;

import ai.djl.Model;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import io.nst.fast.ArbitraryStylizer;
import io.nst.fast.ModelExport;
import io.nst.repo.ModelRepository;

/**
 * {@value #ARTIFACT_ID}: Magenta's arbitrary-style pair, a photo and a painting to an image; the
 * transformer runs on the engine, the painting's style is predicted by the SDK's own stylizer on
 * the backend of the same engine, closed with the model. Argument {@code size}: the long side of
 * the output (default the photo's own).
 */
final class ArbitraryStyleModelLoader extends ExportedModelLoader {

    static final String ARTIFACT_ID = "arbitrary-style";

    ArbitraryStyleModelLoader(ModelRepository repository) {
        super(repository, ARTIFACT_ID, ArbitraryStyleTranslator.Input.class);
    }

    @Override
    String exportedModel(Criteria<?, ?> criteria) {
        return ModelExport.ARBITRARY_TRANSFORMER;
    }

    @Override
    Iterable<String> files(Criteria<?, ?> criteria) {
        return repository.idsUnder("models/arbitrary/magenta/");
    }

    @Override
    ZooModel<?, ?> wrap(Model model, Criteria<?, ?> criteria, ZooEngine engine) throws ModelNotFoundException {
        ArbitraryStylizer predictor = ArbitraryStylizer.builder()
                .backend(engine.backend)
                .repository(repository)
                .build();
        try {
            return new ClosingZooModel<>(
                    model, new ArbitraryStyleTranslator(predictor, intArgument(criteria, "size")), predictor::close);
        } catch (ModelNotFoundException | RuntimeException e) {
            predictor.close();
            throw e;
        }
    }
}
