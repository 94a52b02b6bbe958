/**
 * The user's vocabulary and the contracts between the SDK's modules: the builder, the options,
 * the stylizer interface, the result, image I/O and the model repository for users; the method
 * and backend SPIs, network descriptions, the loss reference and the shared internals for the
 * SDK's own modules only.
 */
// The sibling modules named in the qualified exports are built after this one: "module not found" is expected.
@SuppressWarnings({"module", "requires-automatic"})
module io.nst.api {
    requires transitive java.desktop;
    requires java.net.http;
    requires org.slf4j;
    requires static com.sun.jna;
    requires com.twelvemonkeys.imageio.metadata;
    // Read by ImageIO as a service (CMYK and YCCK JPEGs), never named in code.
    requires com.twelvemonkeys.imageio.jpeg;
    // Read by ImageIO as a service (WebP photos), never named in code.
    requires com.twelvemonkeys.imageio.webp;

    exports io.nst;
    exports io.nst.repo;
    // Each package of plumbing is exported only to the modules that use it.
    exports io.nst.spi to
            io.nst.gatys,
            io.nst.fast,
            io.nst.djl,
            io.nst.backend.pytorch,
            io.nst.backend.onnxruntime,
            io.nst.backend.tensorflow;
    exports io.nst.net to
            io.nst.models,
            io.nst.djl,
            io.nst.gatys,
            io.nst.fast,
            io.nst.backend.pytorch,
            io.nst.backend.onnxruntime,
            io.nst.backend.tensorflow;
    exports io.nst.loss to
            io.nst.gatys,
            io.nst.fast,
            io.nst.backend.pytorch;
    exports io.nst.internal to
            io.nst.gatys,
            io.nst.fast,
            io.nst.djl,
            io.nst.video,
            io.nst.spark,
            io.nst.web,
            io.nst.backend.onnxruntime,
            io.nst.backend.pytorch,
            io.nst.backend.tensorflow;

    uses io.nst.StyleMethod;
    uses io.nst.spi.Backend;
    uses io.nst.FeatureNetworkProvider;
}
