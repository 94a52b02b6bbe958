package io.nst.examples;

import io.nst.Images;
import io.nst.fast.FastStylizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fast method over a folder of photos: the transfer network is loaded once and each photo
 * takes one forward pass (ONNX Runtime when it is on the class path).
 *
 * <p>{@code FastBatch STYLE|MODEL_DIR IN_DIR OUT_DIR}
 */
public final class FastBatch {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[2]);
        List<Path> photos;
        try (Stream<Path> files = Files.list(Path.of(args[1]))) {
            photos = files.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$"))
                    .sorted()
                    .toList();
        }
        try (FastStylizer stylizer = FastStylizer.builder().model(args[0]).build()) {
            for (Path photo : photos) {
                long start = System.nanoTime();
                Images.write(stylizer.stylize(Images.read(photo)), out.resolve(photo.getFileName()));
                System.out.printf(
                        "%s in %.0f ms on %s%n",
                        photo.getFileName(), (System.nanoTime() - start) / 1e6, stylizer.backend());
            }
        }
    }
}
