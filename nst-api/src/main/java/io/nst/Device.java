package io.nst;

import io.nst.internal.EnumNames;

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
        return EnumNames.parse(Device.class, text, "device");
    }
}
