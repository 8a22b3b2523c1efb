package coop.entraide.node.membership;

import coop.entraide.node.accounts.Authenticator;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import coop.entraide.node.identity.Member;
import coop.entraide.node.identity.Role;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * The staff's side of membership, for moderators and administrators (see {@link MembershipService}
 * for who may do what):
 * <ul>
 *   <li>{@code GET /api/v1/admin/members}; {@code PUT /api/v1/admin/members/{username}/role}
 *       {@code {"role": …}}; {@code POST|DELETE /api/v1/admin/members/{username}/suspension}
 *       {@code {"reason": …}};</li>
 *   <li>{@code GET|POST /api/v1/admin/invitations} ({@code {"role", "expires_in_days", "collective"}}),
 *       {@code DELETE /api/v1/admin/invitations/{id}};</li>
 *   <li>{@code GET /api/v1/admin/sign-ups}, {@code POST /api/v1/admin/sign-ups/{id}/approve},
 *       {@code POST /api/v1/admin/sign-ups/{id}/reject} ({@code {"reason": …}}).</li>
 * </ul>
 */
public final class MembershipRoutes implements Routes {
    static final String MEMBERS = "/api/v1/admin/members";
    static final String INVITATIONS = "/api/v1/admin/invitations";
    static final String SIGN_UPS = "/api/v1/admin/sign-ups";
    static final int MAX_REASON = 2000;

    private final MembershipService service;
    private final Handler<RoutingContext> moderators;

    public MembershipRoutes(MembershipService service, Handler<RoutingContext> moderators) {
        this.service = service;
        this.moderators = moderators;
    }

    @Override
    public void mount(Router router) {
        router.route(MEMBERS + "*").handler(moderators);
        router.route(INVITATIONS + "*").handler(moderators);
        router.route(SIGN_UPS + "*").handler(moderators);
        router.get(MEMBERS).handler(this::members);
        router.put(MEMBERS + "/:username/role").handler(this::setRole);
        router.post(MEMBERS + "/:username/suspension").handler(this::suspend);
        router.delete(MEMBERS + "/:username/suspension").handler(this::unsuspend);
        router.get(INVITATIONS).handler(this::invitations);
        router.post(INVITATIONS).handler(this::invite);
        router.delete(INVITATIONS + "/:id").handler(this::revoke);
        router.get(SIGN_UPS).handler(this::signUps);
        router.post(SIGN_UPS + "/:id/approve").handler(this::approve);
        router.post(SIGN_UPS + "/:id/reject").handler(this::reject);
    }

    private static Member me(RoutingContext ctx) {
        return Authenticator.current(ctx).member();
    }

    private void members(RoutingContext ctx) {
        service.members()
                .onSuccess(all -> JsonApi.send(ctx, 200, new JsonObject()
                        .put("members", new JsonArray(all.stream().map(MembershipRoutes::memberJson).toList()))))
                .onFailure(ctx::fail);
    }

    private void setRole(RoutingContext ctx) {
        Object value = JsonApi.body(ctx).getValue("role");
        Role role = null;
        for (Role r : Role.values()) {
            if (r.value().equals(value)) {
                role = r;
            }
        }
        if (role == null) {
            throw ApiException.invalid(List.of(new FieldError("role", "role must be member, moderator or admin")));
        }
        service.setRole(me(ctx), ctx.pathParam("username"), role)
                .onSuccess(m -> JsonApi.send(ctx, 200, memberJson(m)))
                .onFailure(ctx::fail);
    }

    private void suspend(RoutingContext ctx) {
        String reason = reason(ctx);
        service.suspend(me(ctx), ctx.pathParam("username"), reason, null)
                .onSuccess(m -> JsonApi.send(ctx, 200, memberJson(m)))
                .onFailure(ctx::fail);
    }

    private void unsuspend(RoutingContext ctx) {
        service.unsuspend(me(ctx), ctx.pathParam("username"), "")
                .onSuccess(m -> JsonApi.send(ctx, 200, memberJson(m)))
                .onFailure(ctx::fail);
    }

    private void invitations(RoutingContext ctx) {
        service.invitations()
                .onSuccess(all -> JsonApi.send(ctx, 200, new JsonObject().put("invitations",
                        new JsonArray(all.stream().map(i -> i.toJson(service.now())).toList()))))
                .onFailure(ctx::fail);
    }

    private void invite(RoutingContext ctx) {
        JsonObject body = JsonApi.body(ctx);
        List<FieldError> errors = new java.util.ArrayList<>();
        Object roleValue = body.getValue("role", Role.MEMBER.value());
        Role role = null;
        for (Role r : Role.values()) {
            if (r.value().equals(roleValue)) {
                role = r;
            }
        }
        if (role == null) {
            errors.add(new FieldError("role", "role must be member, moderator or admin"));
        }
        Object days = body.getValue("expires_in_days", MembershipService.DEFAULT_INVITATION_DAYS);
        if (!(days instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.intValue() < 1 || n.intValue() > MembershipService.MAX_INVITATION_DAYS) {
            errors.add(new FieldError("expires_in_days",
                    "expires_in_days must be a whole number from 1 to " + MembershipService.MAX_INVITATION_DAYS));
        }
        Object collective = body.getValue("collective");
        if (collective != null && !(collective instanceof String)) {
            errors.add(new FieldError("collective", "collective must be the name of a collective"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        service.invite(me(ctx), role, ((Number) days).intValue(),
                        Optional.ofNullable((String) collective).filter(s -> !s.isBlank()))
                .onSuccess(invited -> {
                    ctx.response().putHeader("Location", INVITATIONS + "/" + invited.invitation().id());
                    JsonApi.send(ctx, 201, invited.invitation().toJson(service.now())
                            .put("token", invited.token())
                            .put("url", invited.url()));
                })
                .onFailure(ctx::fail);
    }

    private void revoke(RoutingContext ctx) {
        service.revoke(me(ctx), id(ctx))
                .onSuccess(v -> ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end())
                .onFailure(ctx::fail);
    }

    private void signUps(RoutingContext ctx) {
        service.pendingSignUps()
                .onSuccess(all -> JsonApi.send(ctx, 200, new JsonObject()
                        .put("sign_ups", new JsonArray(all.stream().map(SignUp::toJson).toList()))))
                .onFailure(ctx::fail);
    }

    private void approve(RoutingContext ctx) {
        service.approve(me(ctx), id(ctx))
                .onSuccess(m -> JsonApi.send(ctx, 201, memberJson(m)))
                .onFailure(ctx::fail);
    }

    private void reject(RoutingContext ctx) {
        String reason = reason(ctx);
        service.reject(me(ctx), id(ctx), reason)
                .onSuccess(s -> JsonApi.send(ctx, 200, s.toJson()))
                .onFailure(ctx::fail);
    }

    /** An optional reason in an optional JSON body. */
    static String reason(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
            return "";
        }
        Object value = JsonApi.body(ctx).getValue("reason");
        if (value == null) {
            return "";
        }
        if (!(value instanceof String s) || s.length() > MAX_REASON) {
            throw ApiException.invalid(List.of(new FieldError("reason",
                    "reason must be a text of at most " + MAX_REASON + " characters")));
        }
        return s.strip();
    }

    private static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("There is nothing with this id.");
        }
    }

    /** A member as staff see them: role, collective, suspension and last activity. */
    public static JsonObject memberJson(Member m) {
        return new JsonObject()
                .put("username", m.username())
                .put("display_name", m.actor().displayName())
                .put("uri", m.actor().uri())
                .put("role", m.role().value())
                .put("collective", m.collectiveUsername())
                .put("suspended", m.suspended())
                .put("suspended_at", m.suspendedAt() == null ? null : m.suspendedAt().toInstant().toString())
                .put("last_active_at", m.lastActiveAt() == null ? null : m.lastActiveAt().toInstant().toString())
                .put("created_at", m.actor().createdAt().toInstant().toString());
    }
}
