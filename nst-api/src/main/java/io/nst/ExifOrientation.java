package io.nst;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EXIF orientation of a JPEG (how the camera was held) and the turn that makes the photo
 * upright: 1 upright, 2 mirrored, 3 upside down, 4 mirrored upside down, 5 to 8 the same turned
 * by a quarter (6: turn clockwise, 8: anticlockwise).
 */
final class ExifOrientation {

    private static final Logger LOG = LoggerFactory.getLogger(ExifOrientation.class);

    private ExifOrientation() {}

    /** The orientation in the EXIF segment of the JPEG at the start of {@code stream}; 1 without one. */
    static int of(ImageInputStream stream, String name) {
        try {
            List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(stream, JPEG.APP1, "Exif");
            if (exif.isEmpty()) {
                return 1;
            }
            try (InputStream data = exif.get(0).data()) {
                data.read(); // the pad byte after "Exif\0"
                try (ImageInputStream tiff = ImageIO.createImageInputStream(data)) {
                    Directory directory = new TIFFReader().read(tiff);
                    Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
                    int orientation = entry == null ? 1 : ((Number) entry.getValue()).intValue();
                    if (orientation < 1 || orientation > 8) {
                        LOG.warn("{}: ignoring an EXIF orientation of {}", name, orientation);
                        return 1;
                    }
                    return orientation;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: ignoring an unreadable EXIF segment ({})", name, e.toString());
            return 1;
        }
    }

    /** {@code image} turned upright for {@code orientation}. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation == 1) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean quarter = orientation >= 5;
        int ow = quarter ? h : w;
        int oh = quarter ? w : h;
        int[] in = image.getRGB(0, 0, w, h, null, 0, w);
        int[] out = new int[in.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> {
                        sx = w - 1 - x;
                        sy = y;
                    }
                    case 3 -> {
                        sx = w - 1 - x;
                        sy = h - 1 - y;
                    }
                    case 4 -> {
                        sx = x;
                        sy = h - 1 - y;
                    }
                    case 5 -> {
                        sx = y;
                        sy = x;
                    }
                    case 6 -> {
                        sx = y;
                        sy = h - 1 - x;
                    }
                    case 7 -> {
                        sx = w - 1 - y;
                        sy = h - 1 - x;
                    }
                    default -> {
                        sx = w - 1 - y;
                        sy = x;
                    }
                }
                out[y * ow + x] = in[sy * w + sx];
            }
        }
        BufferedImage turned = new BufferedImage(
                ow, oh, image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        turned.setRGB(0, 0, ow, oh, out, 0, ow);
        return turned;
    }
}
