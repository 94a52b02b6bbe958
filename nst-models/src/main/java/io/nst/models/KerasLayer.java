package io.nst.models;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.nst.net.Padding;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a Keras layer configuration that feature networks use.
 *
 * @param className Keras class, e.g. {@code Conv2D}
 * @param name the layer's name, which also prefixes its weight tensors
 * @param filters output channels of a convolution
 * @param kernel kernel (or pool) size
 * @param stride stride
 * @param padding {@code same} or {@code valid}
 * @param activation a convolution's fused activation ({@code linear}, {@code relu})
 * @param useBias whether a convolution has a bias tensor
 * @param alpha LeakyReLU slope
 * @param epsilon BatchNormalization epsilon
 */
record KerasLayer(
        String className,
        String name,
        int filters,
        int kernel,
        int stride,
        Padding padding,
        String activation,
        boolean useBias,
        float alpha,
        float epsilon) {

    static KerasLayer conv(String name, int filters, int kernel, String activation, boolean useBias) {
        return new KerasLayer("Conv2D", name, filters, kernel, 1, Padding.SAME, activation, useBias, 0, 0);
    }

    static KerasLayer maxPool(String name, int size, Padding padding) {
        return new KerasLayer("MaxPooling2D", name, 0, size, size, padding, "linear", false, 0, 0);
    }

    /** Parses the {@code layers} array of a Keras {@code Model} or {@code Sequential} config. */
    static List<KerasLayer> parse(JsonArray layers) {
        List<KerasLayer> parsed = new ArrayList<>();
        for (JsonElement element : layers) {
            JsonObject layer = element.getAsJsonObject();
            String className = layer.get("class_name").getAsString();
            JsonObject config = layer.getAsJsonObject("config");
            String name = config.get("name").getAsString();
            parsed.add(new KerasLayer(
                    className,
                    name,
                    intOf(config, "filters", 0),
                    firstInt(config, className.equals("MaxPooling2D") ? "pool_size" : "kernel_size"),
                    firstInt(config, "strides"),
                    "valid".equals(stringOf(config, "padding", "valid")) ? Padding.VALID : Padding.SAME,
                    stringOf(config, "activation", "linear"),
                    config.has("use_bias") && config.get("use_bias").getAsBoolean(),
                    className.equals("LeakyReLU") ? floatOf(config, "alpha", 0.3f) : 0,
                    className.equals("BatchNormalization") ? floatOf(config, "epsilon", 1e-3f) : 0));
        }
        return parsed;
    }

    private static int firstInt(JsonObject config, String key) {
        JsonElement value = config.get(key);
        if (value == null || value.isJsonNull()) {
            return 1;
        }
        return value.isJsonArray() ? value.getAsJsonArray().get(0).getAsInt() : value.getAsInt();
    }

    /** Keras' defaults apply where a config leaves a value out. */
    private static float floatOf(JsonObject config, String key, float kerasDefault) {
        return config.has(key) ? config.get(key).getAsFloat() : kerasDefault;
    }

    private static int intOf(JsonObject config, String key, int otherwise) {
        return config.has(key) ? config.get(key).getAsInt() : otherwise;
    }

    private static String stringOf(JsonObject config, String key, String otherwise) {
        return config.has(key) && !config.get(key).isJsonNull()
                ? config.get(key).getAsString()
                : otherwise;
    }
}
