package io.nst.repo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An expected file digest: SHA-256 of the content, or the git blob SHA-1
 * ({@code sha1("blob <size>\0" + content)}) for upstream files recorded only in git listings.
 */
record Digest(Algorithm algorithm, String hex) {

    enum Algorithm {
        SHA256("sha256"),
        GIT_SHA1("gitsha1");

        private final String label;

        Algorithm(String label) {
            this.label = label;
        }
    }

    static Digest parse(String text) {
        int colon = text.indexOf(':');
        String label = text.substring(0, colon);
        for (Algorithm a : Algorithm.values()) {
            if (a.label.equals(label)) {
                return new Digest(a, text.substring(colon + 1).toLowerCase());
            }
        }
        throw new IllegalArgumentException("unknown digest algorithm in " + text);
    }

    /** A fresh message digest primed for a file of {@code size} bytes. */
    MessageDigest start(long size) {
        try {
            if (algorithm == Algorithm.SHA256) {
                return MessageDigest.getInstance("SHA-256");
            }
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + size + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return sha1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hex digest of what {@code running} has seen, in this digest's notation. */
    Digest finish(MessageDigest running) {
        return new Digest(algorithm, HexFormat.of().formatHex(running.digest()));
    }

    @Override
    public String toString() {
        return algorithm.label + ":" + hex;
    }
}
