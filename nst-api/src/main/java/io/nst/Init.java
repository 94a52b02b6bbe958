package io.nst;

/** Where the Gatys optimisation starts. */
public enum Init {
    /** The content photo (default: the layout is kept from the first iteration). */
    CONTENT,
    /** Seeded noise: more varied results, needs more iterations. */
    RANDOM,
    /** An image the caller gives, resized to the content's size. */
    IMAGE
}
