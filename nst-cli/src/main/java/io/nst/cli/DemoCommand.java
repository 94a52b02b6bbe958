package io.nst.cli;

import io.nst.Method;
import io.nst.Optimization;
import io.nst.StyleTransfer;
import io.nst.StyleTransferResult;
import io.nst.repo.ModelRepository;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nst demo}: stylizes the sample photo with a sample painting. */
@Command(
        name = "demo",
        description = "Stylize the sample photo (Tuebingen) with every method into ./nst-demo/: Gatys and"
                + " arbitrary with Starry Night, fast with the wave and udnie networks.")
final class DemoCommand implements Callable<Integer> {

    private static final int FAST_SIZE = 512;

    @Option(names = "--out", defaultValue = "nst-demo", description = "The folder to write the pictures to.")
    Path outDir;

    @Option(names = "--size", defaultValue = "384", description = "Long side in pixels.")
    int size;

    @Option(names = "--iterations", defaultValue = "200", description = "Gatys iterations.")
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
        Optimization figures = gatys.optimization().orElseThrow();
        System.err.printf(
                "wrote %s (%dx%d, %s on %s, %.1f s, loss %.4g -> %.4g)%n",
                out,
                gatys.width(),
                gatys.height(),
                gatys.method().id(),
                gatys.backend(),
                gatys.seconds(),
                figures.initialLoss(),
                figures.finalLoss());
        StyleTransferResult arbitrary = StyleTransfer.builder()
                .method(Method.ARBITRARY)
                .content(photo)
                .style(painting)
                .size(FAST_SIZE)
                .repository(repository)
                .build()
                .run();
        Path arbitraryOut = outDir.resolve("arbitrary-tubingen-starry_night.png");
        arbitrary.save(arbitraryOut);
        System.err.printf(
                "wrote %s (%dx%d, %s on %s, %.2f s)%n",
                arbitraryOut,
                arbitrary.width(),
                arbitrary.height(),
                arbitrary.method().id(),
                arbitrary.backend(),
                arbitrary.seconds());
        for (String style : new String[] {"wave", "udnie"}) {
            StyleTransferResult fast = StyleTransfer.builder()
                    .method(Method.FAST)
                    .model(style)
                    .content(photo)
                    .size(FAST_SIZE)
                    .repository(repository)
                    .build()
                    .run();
            Path fastOut = outDir.resolve("fast-tubingen-" + style + ".png");
            fast.save(fastOut);
            System.err.printf(
                    "wrote %s (%dx%d, %s on %s, %.2f s)%n",
                    fastOut, fast.width(), fast.height(), fast.method().id(), fast.backend(), fast.seconds());
        }
        return 0;
    }
}
