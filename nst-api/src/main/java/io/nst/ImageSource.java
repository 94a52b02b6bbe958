package io.nst;

import io.nst.StyleTransferException.Kind;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An image given to the builder: in memory, a file, or bytes read from a stream. Immutable and
 * safe to share between threads (an image in memory must not be changed while a run reads it).
 */
public final class ImageSource {

    private final BufferedImage image;
    private final Path file;
    private final byte[] bytes;
    private final String name;

    private ImageSource(BufferedImage image, Path file, byte[] bytes, String name) {
        this.image = image;
        this.file = file;
        this.bytes = bytes;
        this.name = name;
    }

    /** An image in memory (not copied). */
    public static ImageSource of(BufferedImage image) {
        return new ImageSource(Objects.requireNonNull(image, "image"), null, null, "image");
    }

    /** A file, read (and its EXIF rotation applied) when the image is needed. */
    public static ImageSource of(Path file) {
        return new ImageSource(null, Objects.requireNonNull(file, "file"), null, file.toString());
    }

    /** Reads the stream to its end now (at most 256 MB); the caller closes it. */
    public static ImageSource of(InputStream in) {
        Objects.requireNonNull(in, "in");
        try {
            byte[] data = in.readNBytes(256 << 20);
            if (in.read() >= 0) {
                throw new StyleTransferException(Kind.BAD_INPUT, "image stream is larger than 256 MB");
            }
            return new ImageSource(null, null, data, "image stream");
        } catch (IOException e) {
            throw new StyleTransferException(Kind.IO, "image stream cannot be read: " + e.getMessage(), e);
        }
    }

    /** Decodes the image, refusing anything over {@code maxPixels}. */
    public BufferedImage read(long maxPixels) {
        if (image != null) {
            long pixels = (long) image.getWidth() * image.getHeight();
            if (pixels > maxPixels) {
                throw new StyleTransferException(
                        Kind.BAD_INPUT, "image of " + pixels + " pixels is larger than the limit of " + maxPixels);
            }
            return image;
        }
        if (file != null) {
            return Images.read(file, maxPixels);
        }
        return Images.read(new ByteArrayInputStream(bytes), name, maxPixels);
    }

    /** Names the source in messages. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
