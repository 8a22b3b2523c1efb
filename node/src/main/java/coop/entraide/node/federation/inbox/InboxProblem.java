package coop.entraide.node.federation.inbox;

import coop.entraide.node.http.Problems;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * An inbox refusal as an RFC 9457 problem document, with one extension member, {@code reason}:
 * the exact cause ({@code BAD_DIGEST}, {@code CLOCK_SKEW}, {@code TOO_DEEP}…), so that the
 * operator of the sending server can diagnose it without asking us.
 */
final class InboxProblem {
    private InboxProblem() {
    }

    static void send(RoutingContext ctx, int status, String title, String reason, String detail) {
        JsonObject body = new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", ctx.request().path())
                .put("reason", reason);
        if (status == 401) {
            InboxAcceptSignature.advertise(ctx.response());
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", Problems.CONTENT_TYPE)
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
