package demo;

import io.nst.Images;
import io.nst.fast.FastStylizer;
import java.nio.file.Path;

/** Stylizes args[0] with the wave network into args[1] and says which backend ran. */
public final class Main {
    public static void main(String[] args) {
        try (FastStylizer wave = FastStylizer.builder().model("wave").size(96).build()) {
            Images.write(wave.stylize(Images.read(Path.of(args[0]))), Path.of(args[1]));
            System.out.println("stylized on " + wave.backend());
        }
    }
}
