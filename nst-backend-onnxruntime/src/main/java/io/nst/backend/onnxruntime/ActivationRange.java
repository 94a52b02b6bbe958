package io.nst.backend.onnxruntime;

/**
 * The values a tensor took on the calibration photos, widened to hold zero (so that zero, the
 * padding and the ReLU's floor, is exact), and its uint8 quantization: {@code value = scale * (q -
 * zeroPoint)}.
 */
record ActivationRange(float min, float max) {

    ActivationRange {
        if (!(min <= max) || !Float.isFinite(min) || !Float.isFinite(max)) {
            throw new IllegalArgumentException("not a range: " + min + ".." + max);
        }
        min = Math.min(min, 0f);
        max = Math.max(max, 0f);
    }

    float scale() {
        float scale = (max - min) / 255f;
        return scale > 0 ? scale : 1f;
    }

    int zeroPoint() {
        return Math.max(0, Math.min(255, Math.round(-min / scale())));
    }
}
