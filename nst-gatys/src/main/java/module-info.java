/** The Gatys method: the image's pixels optimised against content, style and total-variation losses on any backend that differentiates. */
@SuppressWarnings("requires-automatic")
module io.nst.gatys {
    requires transitive io.nst.api;
    requires io.nst.models;
    requires org.slf4j;

    provides io.nst.StyleMethod with
            io.nst.gatys.GatysMethod;
}
