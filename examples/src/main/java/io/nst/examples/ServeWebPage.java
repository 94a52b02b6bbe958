package io.nst.examples;

import io.nst.web.StyleServer;

/**
 * The web page and the HTTP API on this machine: open the address it prints, upload a photo,
 * pick a style or a painting.
 *
 * <p>{@code ServeWebPage [PORT] [SECONDS]} (port 8080; until stopped, or for that many seconds)
 */
public final class ServeWebPage {

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        try (StyleServer server =
                StyleServer.builder().host("127.0.0.1").port(port).build()) {
            System.out.println("http://127.0.0.1:" + server.port() + "/");
            if (args.length > 1) {
                Thread.sleep(1000L * Integer.parseInt(args[1]));
            } else {
                Thread.currentThread().join();
            }
        }
    }
}
