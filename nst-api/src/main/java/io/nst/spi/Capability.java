package io.nst.spi;

/** What a backend can do. */
public enum Capability {
    /** Feature-network losses and their gradient with respect to the image (Gatys). */
    GATYS_GRADIENTS("compute style losses and their gradients (Gatys)"),
    /** Run a transfer network forward (fast method). */
    FAST_INFERENCE("run a fast transfer network"),
    /** Run a transfer network with 16-bit brain-float convolutions ({@link io.nst.Precision#BF16}). */
    BF16_INFERENCE("run a fast transfer network in bfloat16"),
    /** Calibrate a transfer network and run it with 8-bit integer convolutions ({@link io.nst.Precision#INT8}). */
    INT8_INFERENCE("run a fast transfer network in int8"),
    /** Train a transfer network. */
    TRAINING("train a fast transfer network");

    private final String description;

    Capability(String description) {
        this.description = description;
    }

    /** What the capability lets a backend do, for messages. */
    public String description() {
        return description;
    }
}
