package io.nst.examples;

import io.javalin.Javalin;
import io.nst.web.StyleRoutes;
import io.nst.web.StyleServer;

/**
 * The page and the API inside an application's own Javalin server, beside its own routes: the
 * routes bring their limits and checks with them, and are closed with the application.
 *
 * <p>{@code MountWebRoutes [PORT] [SECONDS]} (port 8080; until stopped, or for that many seconds)
 */
public final class MountWebRoutes {

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        try (StyleRoutes styles = StyleServer.builder().perClient(2).routes()) {
            Javalin app = Javalin.create(config -> {
                        config.routes.get("/health", ctx -> ctx.result("ok"));
                        styles.mount(config);
                    })
                    .start("127.0.0.1", port);
            try {
                System.out.println("http://127.0.0.1:" + app.port() + "/");
                if (args.length > 1) {
                    Thread.sleep(1000L * Integer.parseInt(args[1]));
                } else {
                    Thread.currentThread().join();
                }
            } finally {
                app.stop();
            }
        }
    }
}
