package io.nst.djl;

import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslatorContext;
import io.nst.fast.internal.OnePass;
import io.nst.net.FloatTensor;
import java.awt.image.BufferedImage;

/** The translators' conversions between DJL's images and arrays and the SDK's photos and tensors. */
final class Pixels {

    private static final String PADDED = "nst.padded";
    private static final String HEIGHT = "nst.height";
    private static final String WIDTH = "nst.width";

    private Pixels() {}

    /** {@code image} as an RGB photo: itself when it wraps one, else from its pixels. */
    static BufferedImage of(Image image) {
        if (image.getWrappedImage() instanceof BufferedImage photo) {
            return photo;
        }
        BufferedImage photo = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        try (var manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            // height x width x RGB, 8 bits each
            byte[] rgb = image.toNDArray(manager, Image.Flag.COLOR)
                    .toType(DataType.UINT8, false)
                    .toByteArray();
            int w = image.getWidth();
            for (int i = 0; i < w * image.getHeight(); i++) {
                photo.setRGB(
                        i % w, i / w, (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8 | rgb[3 * i + 2] & 0xff);
            }
        }
        return photo;
    }

    /**
     * {@code photo} as the network takes it, {@code [1, 3, H, W]} named {@code input} (see {@link
     * OnePass#networkInput}); the context remembers what {@link #image} needs.
     */
    static NDList networkInput(TranslatorContext ctx, BufferedImage photo, float scale) {
        FloatTensor padded = OnePass.networkInput(photo, scale);
        ctx.setAttachment(PADDED, padded);
        ctx.setAttachment(HEIGHT, photo.getHeight());
        ctx.setAttachment(WIDTH, photo.getWidth());
        NDArray input = ctx.getNDManager()
                .create(padded.data(), new Shape(1, padded.channels(), padded.height(), padded.width()));
        input.setName("input");
        return new NDList(input);
    }

    /** The network's output as the photo's image (see {@link OnePass#image}). */
    static Image image(TranslatorContext ctx, NDList list, float scale) {
        NDArray out = list.get(0);
        Shape shape = out.getShape();
        if (shape.dimension() != 4 || shape.get(0) != 1) {
            throw new IllegalStateException("a style network gives [1, 3, H, W], this one " + shape);
        }
        FloatTensor tensor = new FloatTensor(
                (int) shape.get(1),
                (int) shape.get(2),
                (int) shape.get(3),
                out.toType(DataType.FLOAT32, false).toFloatArray());
        BufferedImage image = OnePass.image(
                tensor,
                (FloatTensor) ctx.getAttachment(PADDED),
                (Integer) ctx.getAttachment(HEIGHT),
                (Integer) ctx.getAttachment(WIDTH),
                scale);
        return new BufferedImageFactory().fromImage(image);
    }
}
