package coop.entraide.node.membership;

import coop.entraide.node.accounts.Authenticator;
import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import coop.entraide.node.membership.MembershipService.Joined;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Joining the node, open to everyone:
 * <ul>
 *   <li>{@code GET /api/v1/invitations/{token}}: what an invitation link offers (collective,
 *       role, expiry); 404 for an unknown link, 410 for a used or expired one;</li>
 *   <li>{@code POST /api/v1/registrations} {@code {"username", "display_name", "password",
 *       "invitation"?, "collective"?, "reason"?}}: 201 with the new member (invitation, or
 *       registrations open), 202 when a moderator must approve, 403 when the node takes
 *       invitations only.</li>
 * </ul>
 * The new member then signs in as everyone does.
 */
public final class RegistrationRoutes implements Routes {
    private final MembershipService service;
    private final Authenticator authenticator;

    public RegistrationRoutes(MembershipService service, Authenticator authenticator) {
        this.service = service;
        this.authenticator = authenticator;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/invitations/:token").handler(this::invitation);
        router.post("/api/v1/registrations").handler(authenticator::refuseForeignOrigin).handler(this::register);
    }

    private void invitation(RoutingContext ctx) {
        service.usableInvitation(ctx.pathParam("token"))
                .onSuccess(inv -> JsonApi.send(ctx, 200, new JsonObject()
                        .put("collective", inv.collective())
                        .put("role", inv.role().value())
                        .put("expires_at", inv.expiresAt().toInstant().toString())))
                .onFailure(ctx::fail);
    }

    private void register(RoutingContext ctx) {
        Registration registration = Registration.fromJson(JsonApi.body(ctx));
        service.join(registration)
                .onSuccess(joined -> {
                    if (joined instanceof Joined.Active active) {
                        JsonApi.send(ctx, 201, new JsonObject().put("state", "active")
                                .put("member", new JsonObject()
                                        .put("username", active.member().username())
                                        .put("acct", active.member().username() + "@" + service.uris().authority())
                                        .put("role", active.member().role().value())
                                        .put("collective", active.member().collectiveUsername())));
                    } else if (joined instanceof Joined.Pending pending) {
                        JsonApi.send(ctx, 202, new JsonObject().put("state", "pending")
                                .put("username", pending.request().username()));
                    }
                })
                .onFailure(ctx::fail);
    }
}
