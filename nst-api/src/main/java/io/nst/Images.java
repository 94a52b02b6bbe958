package io.nst;

import io.nst.StyleTransferException.Kind;
import io.nst.internal.AtomicFiles;
import io.nst.internal.ImageTensors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Reading, converting, resizing and writing images safely: sizes are checked from the header
 * before any pixel is decoded, damaged files are refused rather than half-decoded, photos are
 * turned the way their EXIF orientation says, CMYK and YCCK JPEGs are converted with their colour
 * profiles (TwelveMonkeys ImageIO), and files are written whole or not at all. Stateless; every
 * method is safe to call from any thread.
 */
public final class Images {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Images.class);

    /**
     * The largest side {@link #resize} makes: four times {@link Limits#MAX_SIZE}, for paintings
     * scaled up for Gatys.
     */
    public static final int MAX_SIDE = 4 * Limits.MAX_SIZE;

    /** The formats {@link #read} decodes, as messages name them. */
    public static final String READABLE_FORMATS = "JPEG, PNG, BMP, GIF, TIFF or WebP";

    /** The quality of JPEG files {@link #write(BufferedImage, Path)} writes, 1 to 100. */
    public static final int DEFAULT_JPEG_QUALITY = 92;

    private static final java.util.regex.Pattern READABLE_NAME =
            java.util.regex.Pattern.compile("(?i).+\\.(jpe?g|png|bmp|gif|tiff?|webp)");

    /** Formats read but not written: their images are written as PNG. */
    private static final java.util.regex.Pattern READ_ONLY_NAME =
            java.util.regex.Pattern.compile("(?i).+\\.(gif|tiff?|webp)");

    private Images() {}

    private static void checkSide(String what, int pixels) {
        Limits.requireArgument(
                pixels >= 1 && pixels <= MAX_SIDE, "%s must be from 1 to %d pixels, got %d", what, MAX_SIDE, pixels);
    }

    /** Reads an image file; see {@link #read(InputStream, String, long)}. */
    public static BufferedImage read(Path file) {
        return read(file, Limits.DEFAULT_MAX_PIXELS);
    }

    /** Reads an image file of at most {@code maxPixels} pixels. */
    public static BufferedImage read(Path file, long maxPixels) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new StyleTransferException(Kind.BAD_INPUT, file + ": not a regular file (a folder, device or pipe)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), maxPixels);
        } catch (NoSuchFileException e) {
            throw new StyleTransferException(Kind.NOT_FOUND, file + ": no such file");
        } catch (IOException e) {
            throw new StyleTransferException(Kind.IO, file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes an image (JPEG, PNG, BMP, GIF, TIFF, WebP) from a stream, turned upright as its
     * EXIF orientation says.
     *
     * @param name names the source in error messages
     * @throws StyleTransferException when the data is not an image, is damaged or truncated, or
     *     its header declares more than {@code maxPixels} pixels
     */
    public static BufferedImage read(InputStream in, String name, long maxPixels) {
        return read(in, name, maxPixels, 0, pixels -> {});
    }

    /**
     * As {@link #read(InputStream, String, long)}, decoding only every n-th row and column when the
     * image is at least twice as large as {@code atLeastLongSide} on its long side (the result's
     * long side stays at least that; 0 decodes every pixel), and telling {@code beforeDecode} how
     * many pixels will be decoded, once the header is checked and before a pixel is: a server
     * reserves the memory there, and refuses the image by throwing. A 24-megapixel upload for a
     * 1024-pixel result is decoded at about 2000 pixels, a twelfth of the memory.
     *
     * @throws StyleTransferException as {@link #read(InputStream, String, long)}, or as {@code
     *     beforeDecode} throws it
     */
    public static BufferedImage read(
            InputStream in, String name, long maxPixels, int atLeastLongSide, LongConsumer beforeDecode) {
        try (ImageInputStream stream = ImageIO.createImageInputStream(in)) {
            if (stream == null) {
                throw new StyleTransferException(Kind.BAD_INPUT, name + ": cannot be read");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new StyleTransferException(
                        Kind.BAD_INPUT, name + ": not a supported image (" + READABLE_FORMATS + ")");
            }
            ImageReader reader = readers.next();
            int orientation = "jpeg".equalsIgnoreCase(reader.getFormatName()) ? ExifOrientation.of(stream, name) : 1;
            stream.seek(0);
            try {
                reader.setInput(stream, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > maxPixels) {
                    throw new StyleTransferException(
                            Kind.BAD_INPUT,
                            name + ": " + width + "x" + height + " pixels is larger than the limit of " + maxPixels
                                    + " pixels");
                }
                int step = atLeastLongSide <= 0 ? 1 : (int) Math.max(1, Math.max(width, height) / atLeastLongSide);
                ImageReadParam param = reader.getDefaultReadParam();
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                beforeDecode.accept(((width + step - 1) / step) * ((height + step - 1) / step));
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (isAboutColourProfiles(warning)) {
                        LOG.warn("{}: {}", name, warning);
                    } else {
                        warnings.add(warning);
                    }
                });
                BufferedImage image = reader.read(0, param);
                if (!warnings.isEmpty()) {
                    throw new StyleTransferException(
                            Kind.BAD_INPUT, name + ": damaged image (" + warnings.get(0) + ")");
                }
                return ExifOrientation.upright(image, orientation);
            } finally {
                reader.dispose();
            }
        } catch (StyleTransferException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new StyleTransferException(Kind.BAD_INPUT, name + ": damaged or truncated image (" + why + ")", e);
        }
    }

    /** A reader's note on how colours are converted: worth a log line, not a refusal. */
    private static boolean isAboutColourProfiles(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("icc") || w.contains("color profile") || w.contains("colour profile");
    }

    /**
     * Writes {@code image} to {@code file} in the format its extension names ({@code .png},
     * {@code .jpg}, {@code .bmp}; JPEG at quality {@value #DEFAULT_JPEG_QUALITY}), through a
     * temporary file moved into place: an existing file is replaced only by a complete new one.
     *
     * @throws IllegalArgumentException if the extension names no supported format
     * @throws StyleTransferException naming the file if it cannot be written
     */
    public static void write(BufferedImage image, Path file) {
        write(image, file, DEFAULT_JPEG_QUALITY);
    }

    /**
     * As {@link #write(BufferedImage, Path)}, a JPEG file at {@code jpegQuality} (1 to 100; other
     * formats are lossless and ignore it).
     *
     * @throws IllegalArgumentException if the extension names no supported format or {@code
     *     jpegQuality} is outside 1 to 100
     * @throws StyleTransferException naming the file if it cannot be written
     */
    public static void write(BufferedImage image, Path file, int jpegQuality) {
        String format = formatOf(file);
        checkJpegQuality("the JPEG quality", jpegQuality);
        BufferedImage rgb = toRgb(image);
        try {
            AtomicFiles.write(file, part -> {
                try (ImageOutputStream out = ImageIO.createImageOutputStream(part.toFile())) {
                    encode(rgb, format, jpegQuality, out);
                }
            });
        } catch (IOException e) {
            throw new StyleTransferException(Kind.IO, file + ": cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a JPEG quality given as {@code setting} (named in the message, as {@link
     * Limits#size} names its setting).
     *
     * @return {@code quality}
     * @throws IllegalArgumentException unless it is from 1 to 100
     */
    public static int checkJpegQuality(String setting, int quality) {
        Limits.requireArgument(quality >= 1 && quality <= 100, "%s must be from 1 to 100, got %d", setting, quality);
        return quality;
    }

    private static void encode(BufferedImage rgb, String format, int jpegQuality, ImageOutputStream out)
            throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new IOException("no writer for format " + format);
        }
        ImageWriter writer = writers.next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.equals("jpg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality / 100f);
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /**
     * {@code image} as PNG bytes (RGB), for answering over a network or storing in a table.
     *
     * @throws StyleTransferException if the image cannot be encoded
     */
    public static byte[] toPng(BufferedImage image) {
        return encode(image, "png");
    }

    /**
     * {@code image} encoded as {@link #write} writes it in {@code format} ({@code png}, {@code
     * jpg}, {@code bmp}; see {@link #formatOf}), for a file system that is not a {@link Path}.
     *
     * @throws StyleTransferException if the image cannot be encoded
     */
    public static byte[] encode(BufferedImage image, String format) {
        return encode(image, format, DEFAULT_JPEG_QUALITY);
    }

    /**
     * As {@link #encode(BufferedImage, String)}, a JPEG at {@code jpegQuality} (1 to 100).
     *
     * @throws IllegalArgumentException unless {@code jpegQuality} is from 1 to 100
     * @throws StyleTransferException if the image cannot be encoded
     */
    public static byte[] encode(BufferedImage image, String format, int jpegQuality) {
        checkJpegQuality("the JPEG quality", jpegQuality);
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                encode(toRgb(image), format, jpegQuality, out);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new StyleTransferException(
                    Kind.IO, "the image could not be encoded as " + format + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code fileName} names an image {@link #read} decodes, by its extension ({@code
     * .jpg}, {@code .jpeg}, {@code .png}, {@code .bmp}, {@code .gif}, {@code .tif}, {@code .tiff},
     * {@code .webp}, in any case): how a folder of photos is searched.
     */
    public static boolean isImageName(String fileName) {
        return READABLE_NAME.matcher(fileName).matches();
    }

    /**
     * The name the stylized image of {@code fileName} is written under: the same for a format
     * {@link #write} writes, else with {@code .png} in place of its extension ({@code a.gif}
     * becomes {@code a.png}: a folder holding both names needs one of them renamed).
     */
    public static String outputName(String fileName) {
        return READ_ONLY_NAME.matcher(fileName).matches() ? fileName.replaceFirst("\\.[^.]+$", ".png") : fileName;
    }

    /** The image format a file name asks for, or an error naming the supported ones. */
    public static String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "png";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "jpg";
        }
        if (name.endsWith(".bmp")) {
            return "bmp";
        }
        throw new IllegalArgumentException(file + ": output must end in .png, .jpg, .jpeg or .bmp");
    }

    /**
     * Scales so that the longer side is {@code longSide} pixels (area-averaged when shrinking).
     *
     * @throws IllegalArgumentException unless {@code longSide} is from 1 to {@value #MAX_SIDE}
     */
    public static BufferedImage resizeLongSide(BufferedImage image, int longSide) {
        checkSide("the long side", longSide);
        double scale = (double) longSide / Math.max(image.getWidth(), image.getHeight());
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        return resize(image, w, h);
    }

    /**
     * Scales to exactly {@code width x height}.
     *
     * @throws IllegalArgumentException unless both sides are from 1 to {@value #MAX_SIDE}
     */
    public static BufferedImage resize(BufferedImage image, int width, int height) {
        checkSide("the width", width);
        checkSide("the height", height);
        BufferedImage src = toRgb(image);
        if (src.getWidth() == width && src.getHeight() == height) {
            return src;
        }
        // Halve with bilinear filtering first so that a large reduction averages every pixel.
        while (src.getWidth() >= 2 * width && src.getHeight() >= 2 * height) {
            src = ImageTensors.draw(src, src.getWidth() / 2, src.getHeight() / 2);
        }
        return ImageTensors.draw(src, width, height);
    }

    /**
     * The image as opaque 8-bit RGB ({@code TYPE_INT_RGB}): itself when it already is, else a copy
     * with any transparency drawn over white.
     */
    public static BufferedImage toRgb(BufferedImage image) {
        return ImageTensors.opaqueRgb(image);
    }
}
