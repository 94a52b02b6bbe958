package io.nst.cli;

import io.nst.fast.FastStylizer;
import io.nst.repo.ModelRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code nst models}: every model the SDK can fetch, its size and whether it is in the cache. */
@Command(name = "models", description = "List every model the SDK can fetch, its size and whether it is cached.")
final class ModelsCommand implements Callable<Integer> {

    /** A model: the files of the repository below {@code prefix}. */
    private record Model(String name, String method, String prefix) {}

    @Override
    public Integer call() {
        ModelRepository repository = ModelRepository.fromEnvironment();
        System.out.printf(
                "cache: %s%nmirror: %s%n%n",
                repository.cacheDirectory(), repository.mirror().orElse("(none; public URLs)"));
        System.out.printf("%-16s %-10s %9s  %s%n", "model", "method", "size", "cached");
        for (Model model : models()) {
            List<String> files = repository.idsUnder(model.prefix());
            long bytes = files.stream().mapToLong(repository::size).sum();
            long cached = files.stream().filter(repository::isCached).count();
            System.out.printf(
                    Locale.ROOT,
                    "%-16s %-10s %6.1f MB  %s%n",
                    model.name(),
                    model.method(),
                    bytes / 1e6,
                    cached == files.size() ? "yes" : cached == 0 ? "no" : cached + " of " + files.size() + " files");
        }
        return 0;
    }

    private static List<Model> models() {
        List<Model> models = new ArrayList<>();
        for (String style : FastStylizer.PRETRAINED) {
            models.add(new Model(style, "fast", "models/fast/" + style + "/"));
        }
        models.add(new Model("magenta", "arbitrary", "models/arbitrary/magenta/"));
        models.add(new Model("darknet-tiny", "features", "models/darknet-tiny/"));
        models.add(new Model("vgg19", "features", "models/vgg19/"));
        return models;
    }
}
