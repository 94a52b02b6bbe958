package io.nst.examples.cli;

import io.nst.StyleTransfer;
import io.nst.StyleTransferResult;
import io.nst.repo.ModelRepository;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nst demo}: stylizes the sample photo with a sample painting. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Stylize the sample photo (Tuebingen) with Starry Night into ./nst-demo/.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out-dir", defaultValue = "nst-demo", description = "Where to write (default ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--size", defaultValue = "384", description = "Long side in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--iterations", defaultValue = "200", description = "Gatys iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    @Override
    public Integer call() throws Exception {
        ModelRepository repository = ModelRepository.fromEnvironment();
        Path photo = repository.resolve("images/content/tubingen.jpg");
        Path painting = repository.resolve("images/style/starry_night.jpg");
        System.err.println("gatys: " + photo.getFileName() + " x " + painting.getFileName() + ", " + size + " px, "
                + iterations + " iterations");
        StyleTransferResult gatys = StyleTransfer.builder()
                .content(photo)
                .style(painting)
                .size(size)
                .iterations(iterations)
                .repository(repository)
                .listener(ProgressBar.onStderr())
                .build()
                .run();
        Path out = outDir.resolve("gatys-tubingen-starry_night.png");
        gatys.save(out);
        System.err.printf("wrote %s (%dx%d, %s on %s, %.1f s, loss %.4g -> %.4g)%n", out, gatys.width(),
                gatys.height(), gatys.method(), gatys.backend(), gatys.seconds(), gatys.initialLoss(),
                gatys.finalLoss());
        return 0;
    }
}
