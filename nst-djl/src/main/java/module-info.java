/** The SDK's style networks in DJL's model zoo: {@code Criteria} with group {@code io.nst} loads them as ZooModels. */
@SuppressWarnings("requires-automatic")
module io.nst.djl {
    requires transitive io.nst.fast;
    requires transitive ai.djl.api;
    requires org.slf4j;

    exports io.nst.djl;

    provides ai.djl.repository.zoo.ZooProvider with
            io.nst.djl.NstZooProvider;
}
