package jakarta.servlet;

/**
 * The marker interface Servlet 6 removed and Spark 4's shaded Jetty 11 still names when its
 * metrics servlet is set up, which Spark does even with its UI off. The tool puts Servlet 6 on its
 * class path for the web server (Jetty 12); this restores the one name Spark needs, so that both
 * run in one JVM. Never implemented.
 */
@Deprecated
public interface SingleThreadModel {}
