package io.nst.cli;

import io.nst.fast.FastStylizer;
import io.nst.fast.internal.TransferModels;
import io.nst.repo.ModelRepository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code nst models}: the known models and whether each is in the cache. */
@Command(name = "models", description = "List the known models and their cache state.")
final class ModelsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        ModelRepository repository = ModelRepository.fromEnvironment();
        System.out.printf(
                "cache: %s%nmirror: %s%n%n",
                repository.cacheDirectory(), repository.mirror().orElse("(none; public URLs)"));
        System.out.printf("%-16s %-10s %s%n", "model", "method", "cached");
        for (String style : FastStylizer.PRETRAINED) {
            System.out.printf(
                    "%-16s %-10s %s%n", style, "fast", TransferModels.isCached(style, repository) ? "yes" : "no");
        }
        for (String network : new String[] {"darknet-tiny", "vgg19"}) {
            String dir = "models/" + network + "/";
            long cached = repository.idsUnder(dir).stream()
                    .filter(repository::isCached)
                    .count();
            long all = repository.idsUnder(dir).size();
            System.out.printf(
                    "%-16s %-10s %s%n",
                    network, "features", cached == all ? "yes" : cached == 0 ? "no" : cached + " of " + all + " files");
        }
        return 0;
    }
}
