package io.nst;

import java.util.OptionalInt;

/**
 * The sizing both one-pass methods share: the long side photos are scaled to (0 keeps each
 * photo's own) and the largest tile stylized at once.
 */
record OnePassSize(int size, int maxTile) {

    /** Largest padded side stylized in one piece by default: keeps a 4096x4096 image under 2 GB. */
    static final int DEFAULT_MAX_TILE = 1024;

    /**
     * The smallest tile side: two margins wider than the transfer networks' receptive field (64 px
     * each) around a core of 4 pixels.
     */
    static final int MIN_TILE = 132;

    static final OnePassSize DEFAULT = new OnePassSize(0, DEFAULT_MAX_TILE);

    OnePassSize withSize(int pixels) {
        return new OnePassSize(Limits.size("size", pixels), maxTile);
    }

    OnePassSize withMaxTile(int pixels) {
        Limits.requireArgument(pixels >= MIN_TILE, "max tile must be at least %d px, got %d", MIN_TILE, pixels);
        return new OnePassSize(size, pixels);
    }

    OptionalInt requested() {
        return size == 0 ? OptionalInt.empty() : OptionalInt.of(size);
    }
}
