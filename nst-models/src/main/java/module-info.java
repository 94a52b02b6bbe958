/** The pretrained networks the SDK uses (Tiny Darknet, VGG19, the arbitrary-style pair) and the readers of their weight formats. */
// io.nst.fast, named in a qualified export, is built after this module: "module not found" is expected.
@SuppressWarnings({"module", "requires-automatic"})
module io.nst.models {
    requires transitive io.nst.api;
    requires com.google.gson;
    requires io.jhdf;
    requires org.slf4j;

    exports io.nst.models;
    exports io.nst.models.internal to
            io.nst.fast;

    provides io.nst.FeatureNetworkProvider with
            io.nst.models.FeatureNetworks;
}
