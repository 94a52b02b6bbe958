package io.nst.examples;

import io.nst.Images;
import io.nst.fast.ArbitraryStylizer;
import io.nst.fast.StyleVector;
import java.nio.file.Path;

/**
 * Any painting in one pass: the painting becomes a style vector once, then the photo is
 * stylized at full strength and at half strength (half the photo's own style mixed in), and with
 * a vector halfway between two paintings.
 *
 * <p>{@code ArbitraryStyle PHOTO PAINTING OTHER_PAINTING OUT_DIR}
 */
public final class ArbitraryStyle {

    private ArbitraryStyle() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[3]);
        var photo = Images.read(Path.of(args[0]));
        try (ArbitraryStylizer full = ArbitraryStylizer.builder().build();
                ArbitraryStylizer half =
                        ArbitraryStylizer.builder().strength(0.5).build()) {
            StyleVector painting = full.styleOf(Images.read(Path.of(args[1])));
            StyleVector other = full.styleOf(Images.read(Path.of(args[2])));
            Images.write(full.stylize(photo, painting), out.resolve("full.png"));
            Images.write(half.stylize(photo, painting), out.resolve("half.png"));
            Images.write(full.stylize(photo, painting.interpolate(other, 0.5)), out.resolve("between.png"));
            System.out.println("wrote full.png, half.png and between.png to " + out + " (" + full.backend() + ")");
        }
    }
}
