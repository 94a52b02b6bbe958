package io.nst.djl;

import ai.djl.Model;
import ai.djl.modality.cv.Image;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import io.nst.fast.FastStylizer;
import io.nst.repo.ModelRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@value #ARTIFACT_ID}: a fast style (filter {@code style}: a pretrained name or a model
 * directory), photo to image; argument {@code size}: the long side of the output (default the
 * photo's own).
 */
final class FastStyleModelLoader extends ExportedModelLoader {

    static final String ARTIFACT_ID = "fast-style";

    FastStyleModelLoader(ModelRepository repository) {
        super(repository, ARTIFACT_ID, Image.class);
    }

    @Override
    String exportedModel(Criteria<?, ?> criteria) throws ModelNotFoundException {
        Map<String, String> filters = criteria.getFilters();
        String style = filters == null ? null : filters.get("style");
        if (style == null) {
            throw new ModelNotFoundException(ARTIFACT_ID + " needs the filter style: one of "
                    + String.join(", ", FastStylizer.PRETRAINED) + ", or a model directory");
        }
        if (!FastStylizer.PRETRAINED.contains(style) && !Files.isDirectory(Path.of(style))) {
            throw new ModelNotFoundException(ARTIFACT_ID + ": no style '" + style + "'; the styles are "
                    + String.join(", ", FastStylizer.PRETRAINED) + ", or give a model directory");
        }
        return style;
    }

    @Override
    Iterable<String> files(Criteria<?, ?> criteria) throws ModelNotFoundException {
        String style = exportedModel(criteria);
        return FastStylizer.PRETRAINED.contains(style) ? repository.idsUnder("models/fast/" + style + "/") : List.of();
    }

    @Override
    ZooModel<?, ?> wrap(Model model, Criteria<?, ?> criteria, ZooEngine engine) throws ModelNotFoundException {
        return new ZooModel<>(model, new FastStyleTranslator(intArgument(criteria, "size")));
    }
}
