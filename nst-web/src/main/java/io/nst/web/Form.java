package io.nst.web;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.nst.Images;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The fields of one {@code POST /api/stylize}, read once and checked by name: every failure names
 * the field (and the file) and says what it takes. Images are decoded under the request's pixel
 * reservation, after their header is checked.
 */
final class Form {

    static final Set<String> TEXT_FIELDS = Set.of("method", "model", "size", "strength", "iterations");
    static final Set<String> FILE_FIELDS = Set.of("content", "painting", "clip");

    /** The containers a clip may come in, by its name's extension, and the type each is answered as. */
    static final Map<String, String> CLIP_TYPES =
            Map.of("mp4", "video/mp4", "mov", "video/quicktime", "webm", "video/webm");

    private final Map<String, List<String>> text;
    private final Map<String, List<UploadedFile>> files;

    private Form(Map<String, List<String>> text, Map<String, List<UploadedFile>> files) {
        this.text = text;
        this.files = files;
    }

    /**
     * Reads the body of {@code ctx}.
     *
     * @throws HttpFailure 413 for a body over the limit
     * @throws StyleTransferException of kind {@code BAD_INPUT} for a body that is not a form of
     *     these fields
     */
    static Form read(Context ctx, long maxUploadBytes) {
        Map<String, List<String>> text;
        Map<String, List<UploadedFile>> files;
        try {
            files = ctx.uploadedFileMap();
            text = ctx.formParamMap();
        } catch (Exception e) { // Jetty's ServletException arrives undeclared through Kotlin
            throw unreadable(e, maxUploadBytes);
        }
        for (String field : files.keySet()) {
            if (TEXT_FIELDS.contains(field)) {
                throw bad(field + " must be a form field, not a file");
            }
            if (!FILE_FIELDS.contains(field)) {
                throw bad("unknown field '" + printable(field) + "'; the fields are " + known());
            }
        }
        // Javalin lists a file part among the form fields too.
        text = new java.util.HashMap<>(text);
        text.keySet().removeAll(files.keySet());
        for (String field : text.keySet()) {
            if (FILE_FIELDS.contains(field)) {
                throw bad(field + " must be " + (field.equals("clip") ? "a clip" : "an image")
                        + " file, not a text field");
            }
            if (!TEXT_FIELDS.contains(field)) {
                throw bad("unknown field '" + printable(field) + "'; the fields are " + known());
            }
        }
        for (var field : text.entrySet()) {
            if (field.getValue().size() > 1) {
                throw bad(field.getKey() + " is given " + field.getValue().size() + " times; give it once");
            }
        }
        for (var field : files.entrySet()) {
            if (field.getValue().size() > 1) {
                throw bad(field.getKey() + " is given " + field.getValue().size() + " times; give one image");
            }
        }
        return new Form(text, files);
    }

    private static String known() {
        return "method, model, size, strength, iterations (text) and content, painting (images) or clip";
    }

    private static RuntimeException unreadable(Exception e, long maxUploadBytes) {
        String why = String.valueOf(e.getMessage());
        if (why.toLowerCase(Locale.ROOT).contains("exceed")
                || why.toLowerCase(Locale.ROOT).contains("too large")) {
            return new HttpFailure(413, "the upload is larger than the limit of " + maxUploadBytes + " bytes");
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return bad("the body is not a readable multipart/form-data upload (" + printable(detail) + ")");
    }

    /** A text field, or null when absent or blank. */
    String text(String field) {
        List<String> values = text.get(field);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).trim();
    }

    String required(String field, String what) {
        String value = text(field);
        if (value == null) {
            throw bad(field + " is required: " + what);
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}, or null when absent. */
    Integer number(String field, int min, int max) {
        Double n = inRange(field, "a whole number", min, max, value -> (double) Integer.parseInt(value));
        return n == null ? null : n.intValue();
    }

    /** A number from {@code min} to {@code max}, or {@code otherwise} when absent. */
    double decimal(String field, double min, double max, double otherwise) {
        Double x = inRange(field, "a number", min, max, Double::parseDouble);
        return x == null ? otherwise : x;
    }

    private Double inRange(String field, String kind, double min, double max, ToDoubleFunction<String> parse) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        try {
            double x = parse.applyAsDouble(value);
            if (x >= min && x <= max) {
                return x;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw bad(field + " must be " + kind + " from " + number(min) + " to " + number(max) + ", got '"
                + printable(value) + "'");
    }

    /** A bound as people write it: 16, not 16.0. */
    private static String number(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    /**
     * The image in {@code field}, decoded after its header fits {@code maxPixels} and {@code
     * pixels} holds its pixel count, at no more than about twice {@code atLeastLongSide} on its
     * long side (the largest the server will use it at) when it is larger.
     *
     * @throws StyleTransferException of kind {@code BAD_INPUT} naming the field and the file, or
     *     {@code LIMIT} when the server holds as many pixels as it may
     */
    BufferedImage image(String field, String what, long maxPixels, int atLeastLongSide, PixelBudget.Lease pixels) {
        List<UploadedFile> uploaded = files.get(field);
        if (uploaded == null || uploaded.isEmpty()) {
            throw bad(field + " is required: " + what);
        }
        UploadedFile file = uploaded.get(0);
        String name = field + " (" + printable(file.filename()) + ")";
        if (file.size() == 0) {
            throw bad(name + ": the file is empty");
        }
        BufferedImage image;
        try (InputStream in = file.content()) {
            image = Images.read(in, name, maxPixels, atLeastLongSide, pixels::reserve);
        } catch (IOException e) {
            throw new StyleTransferException(Kind.IO, name + ": the upload could not be read back", e);
        }
        if (Math.min(image.getWidth(), image.getHeight()) < 2) {
            throw bad(name + ": " + image.getWidth() + "x" + image.getHeight()
                    + " pixels is too small; send an image of at least 2x2");
        }
        return image;
    }

    /** Whether the form has a file in {@code field}. */
    boolean hasFile(String field) {
        List<UploadedFile> uploaded = files.get(field);
        return uploaded != null && !uploaded.isEmpty();
    }

    /**
     * The clip in {@code field}, written into {@code folder} under a name of the server's (only
     * its container's extension comes from the client, and only one of {@link #CLIP_TYPES}).
     *
     * @throws StyleTransferException of kind {@code BAD_INPUT} naming the field and the file
     */
    Upload clip(String field, Path folder) {
        UploadedFile file = files.get(field).get(0);
        String name = field + " (" + printable(file.filename()) + ")";
        String filename = String.valueOf(file.filename());
        int dot = filename.lastIndexOf('.');
        String extension = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!CLIP_TYPES.containsKey(extension)) {
            throw bad(name + ": a clip must be named .mp4, .mov or .webm");
        }
        if (file.size() == 0) {
            throw bad(name + ": the file is empty");
        }
        Path clip = folder.resolve("upload." + extension);
        try (InputStream in = file.content()) {
            Files.copy(in, clip);
        } catch (IOException e) {
            throw new StyleTransferException(Kind.IO, name + ": the upload could not be read back", e);
        }
        return new Upload(clip, extension, name);
    }

    /**
     * A file written where the server chose, its container's extension, and how answers name it
     * ({@code clip (walk.mp4)}): the server's path never goes back to the client.
     */
    record Upload(Path path, String extension, String label) {
        /** {@code failure} with the server's paths in its message replaced by the client's name. */
        StyleTransferException named(StyleTransferException failure) {
            String message = failure.getMessage().replace(path.toString(), label);
            message = message.replace(path.getParent().toString(), "the server's folder");
            return new StyleTransferException(failure.kind(), message, failure);
        }
    }

    static StyleTransferException bad(String message) {
        return new StyleTransferException(Kind.BAD_INPUT, message);
    }

    /** A client's text for a message: control characters dropped, at most 100 characters. */
    static String printable(String value) {
        if (value == null) {
            return "";
        }
        String clean = value.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return clean.length() <= 100 ? clean : clean.substring(0, 100) + "...";
    }
}
