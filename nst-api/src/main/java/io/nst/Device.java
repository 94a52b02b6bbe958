package io.nst;

/** Where a backend runs. */
public enum Device {
    /** The CPU. */
    CPU,
    /** A CUDA GPU; an error when the backend finds none. */
    GPU,
    /** A GPU when the backend finds one, else the CPU. */
    AUTO;

    /** Parses {@code cpu}, {@code gpu} or {@code auto}, ignoring case. */
    public static Device parse(String text) {
        for (Device d : values()) {
            if (d.name().equalsIgnoreCase(text)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown device '" + text + "'; use cpu, gpu or auto");
    }
}
