package io.nst.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Who may call the routes: every answer's security headers, and the checks of the {@code Host}
 * (against DNS rebinding), the {@code Origin} (against other sites' pages) and the bearer token,
 * made before a route's own work.
 */
final class RequestChecks {

    private final ServerLimits limits;

    RequestChecks(ServerLimits limits) {
        this.limits = limits;
    }

    /** Every route: the security headers, then the Host, Origin and token checks, then the answer or its error. */
    Handler guarded(Handler handler) {
        return ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Content-Security-Policy", "frame-ancestors 'none'");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("Cache-Control", "no-store");
            try {
                checkHost(ctx);
                checkOrigin(ctx);
                checkToken(ctx);
                handler.handle(ctx);
            } catch (Exception e) {
                Answers.answer(ctx, e);
            }
        };
    }

    /** Refuses a {@code Host} this server does not answer to: a DNS-rebinding page cannot reach a loopback server. */
    private void checkHost(Context ctx) {
        if (limits.hostsAnswered().isEmpty()) {
            return;
        }
        String host = hostName(ctx.header("Host"));
        if (host == null || !limits.hostsAnswered().contains(host)) {
            throw new HttpFailure(
                    403,
                    "this server answers only to "
                            + String.join(
                                    ", ",
                                    limits.hostsAnswered().stream().sorted().toList()));
        }
    }

    /** Refuses a request a page of another origin sent: its {@code Origin} names another host or port. */
    private static void checkOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        String host = ctx.header("Host");
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            if (authority != null && host != null && authority.equalsIgnoreCase(host)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new HttpFailure(403, "a request from another site's page is refused (Origin does not match Host)");
    }

    private void checkToken(Context ctx) {
        if (limits.token == null || !ctx.path().startsWith("/api/")) {
            return;
        }
        String header = ctx.header("Authorization");
        String given = header != null && header.startsWith("Bearer ")
                ? header.substring(7).trim()
                : ctx.method().name().equals("GET") ? ctx.queryParam("token") : null;
        if (given == null
                || !MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8), limits.token.getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new HttpFailure(401, "this server asks for a token: send Authorization: Bearer <token>");
        }
    }

    /** The host name of a {@code Host} header, without its port; null when there is none. */
    static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
