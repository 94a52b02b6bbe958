package io.nst;

/** The style-transfer methods, each provided by a module of its own. */
public enum Method {
    /** Gatys et al.: optimise the image's pixels against content and style losses. */
    GATYS("gatys", "io.nst:nst-gatys"),
    /** Johnson et al.: a trained transfer network stylizes in one forward pass. */
    FAST("fast", "io.nst:nst-fast"),
    /** Ghiasi et al.: a network pair takes any painting and stylizes in one forward pass. */
    ARBITRARY("arbitrary", "io.nst:nst-fast");

    private final String id;
    private final String artifact;

    Method(String id, String artifact) {
        this.id = id;
        this.artifact = artifact;
    }

    /** The method's name on the command line and in reports. */
    public String id() {
        return id;
    }

    /** The Maven artifact that provides it. */
    public String artifact() {
        return artifact;
    }
}
