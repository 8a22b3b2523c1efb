package coop.entraide.node.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Stands before every administration route: lets the request through only if its caller is an
 * administrator of this node, else fails it with 401 (not signed in) or 403 (not an administrator).
 * An implementation that admits a caller records who it is with {@link #admit}.
 */
@FunctionalInterface
public interface AdminGuard extends Handler<RoutingContext> {
    String ADMIN_KEY = "entraide.admin";

    /** Admits no one: the safe choice until sign-in is wired in. */
    static AdminGuard refuseAll() {
        return ctx -> ctx.fail(ApiException.unauthorized("Sign in as an administrator of this node."));
    }

    /** Lets the request through, on behalf of the named administrator. */
    static void admit(RoutingContext ctx, String administrator) {
        ctx.put(ADMIN_KEY, administrator);
        ctx.next();
    }

    /** Who the guard admitted, for the record ("created by"). */
    static String administrator(RoutingContext ctx) {
        String name = ctx.get(ADMIN_KEY);
        return name == null ? "unknown administrator" : name;
    }
}
