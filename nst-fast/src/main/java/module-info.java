/** The one-pass methods: trained transfer networks (fast) and Magenta's arbitrary-style pair, with training and export. */
@SuppressWarnings("requires-automatic")
module io.nst.fast {
    requires transitive io.nst.api;
    requires transitive io.nst.models;
    requires com.google.gson;
    requires org.slf4j;

    exports io.nst.fast;
    // The pixels around the networks, shared with the DJL model zoo's translators.
    exports io.nst.fast.internal to
            io.nst.djl;

    provides io.nst.StyleMethod with
            io.nst.fast.FastMethod,
            io.nst.fast.ArbitraryMethod;
}
