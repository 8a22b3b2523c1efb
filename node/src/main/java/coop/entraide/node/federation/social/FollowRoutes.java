package coop.entraide.node.federation.social;

import coop.entraide.node.accounts.Authenticator;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.Member;
import coop.entraide.protocol.html.Sanitizer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Following from the client API: {@code GET /api/v1/lookup?handle=}, {@code POST /api/v1/follows},
 * {@code DELETE /api/v1/follows/{id}}, {@code GET /api/v1/follows}, {@code GET /api/v1/followers},
 * and for collectives that approve followers {@code GET /api/v1/follow-requests} and
 * {@code POST /api/v1/follow-requests/{id}/accept|reject}. {@code as=collective} (query or body)
 * acts for the member's collective.
 */
public final class FollowRoutes implements Routes {
    private static final int DEFAULT_PAGE = 40;
    private static final int MAX_PAGE = 80;

    private final FollowService follows;
    private final Authenticator authenticator;
    private final String authority;

    public FollowRoutes(FollowService follows, Authenticator authenticator, String authority) {
        this.follows = follows;
        this.authenticator = authenticator;
        this.authority = authority;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/lookup").handler(authenticator::require).handler(this::lookup);
        router.post("/api/v1/follows").handler(authenticator::require).handler(this::follow);
        router.delete("/api/v1/follows/:id").handler(authenticator::require).handler(this::unfollow);
        router.get("/api/v1/follows").handler(authenticator::require).handler(ctx -> list(ctx, false));
        router.get("/api/v1/followers").handler(authenticator::require).handler(ctx -> list(ctx, true));
        router.get("/api/v1/follow-requests").handler(authenticator::require).handler(this::requests);
        router.post("/api/v1/follow-requests/:id/accept").handler(authenticator::require).handler(ctx -> answer(ctx, true));
        router.post("/api/v1/follow-requests/:id/reject").handler(authenticator::require).handler(ctx -> answer(ctx, false));
    }

    private void lookup(RoutingContext ctx) {
        follows.lookup(ctx.request().getParam("handle"))
                .onSuccess(p -> JsonApi.send(ctx, 200, actor(p.actor())
                        .put("summary", Sanitizer.sanitize(p.actor().summary()))
                        .put("avatar", p.avatar().orElse(null))
                        .put("followers_count", p.followers().orElse(null))))
                .onFailure(ctx::fail);
    }

    private void follow(RoutingContext ctx) {
        Member member = Authenticator.current(ctx).member();
        JsonObject body = JsonApi.body(ctx);
        Object handle = body.getValue("handle");
        if (handle != null && !(handle instanceof String)) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("handle", "handle must be a string")));
        }
        FollowService.Acting as = acting(body.getValue("as"));
        follows.follow(member, as, (String) handle)
                .onSuccess(f -> JsonApi.send(ctx, f.created() ? 201 : 200, follow(f.listed())))
                .onFailure(ctx::fail);
    }

    private void unfollow(RoutingContext ctx) {
        Member member = Authenticator.current(ctx).member();
        follows.unfollow(member, id(ctx))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx, boolean followers) {
        Member member = Authenticator.current(ctx).member();
        follows.list(member, acting(ctx.request().getParam("as")), followers, Optional.of(Follow.State.ACCEPTED),
                        before(ctx), limit(ctx))
                .onSuccess(items -> sendPage(ctx, items))
                .onFailure(ctx::fail);
    }

    private void requests(RoutingContext ctx) {
        Member member = Authenticator.current(ctx).member();
        follows.requests(member, acting(ctx.request().getParam("as")), before(ctx), limit(ctx))
                .onSuccess(items -> sendPage(ctx, items))
                .onFailure(ctx::fail);
    }

    private void answer(RoutingContext ctx, boolean accept) {
        Member member = Authenticator.current(ctx).member();
        follows.answer(member, id(ctx), accept)
                .onSuccess(listed -> {
                    if (listed.follow() == null) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        JsonApi.send(ctx, 200, follow(listed));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void sendPage(RoutingContext ctx, List<FollowService.Listed> items) {
        JsonArray array = new JsonArray();
        items.forEach(l -> array.add(follow(l)));
        int limit = limit(ctx);
        String next = items.size() == limit ? Long.toString(items.get(items.size() - 1).follow().id()) : null;
        JsonApi.send(ctx, 200, new JsonObject().put("items", array).put("next", next));
    }

    private JsonObject follow(FollowService.Listed l) {
        return new JsonObject()
                .put("id", Long.toString(l.follow().id()))
                .put("state", l.follow().state().value())
                .put("created_at", DateTimeFormatter.ISO_INSTANT.format(l.follow().createdAt().toInstant()))
                .put("actor", actor(l.actor()));
    }

    private JsonObject actor(Actor a) {
        return new JsonObject()
                .put("uri", a.uri())
                .put("handle", a.username() == null ? null : a.username() + "@" + (a.local() ? authority : a.domain()))
                .put("name", a.displayName())
                .put("type", a.type().asName())
                .put("local", a.local())
                .put("url", a.url() == null ? a.uri() : a.url());
    }

    private static FollowService.Acting acting(Object value) {
        if (value == null || "member".equals(value)) {
            return FollowService.Acting.MEMBER;
        }
        if ("collective".equals(value)) {
            return FollowService.Acting.COLLECTIVE;
        }
        throw ApiException.invalid(List.of(new ApiException.FieldError("as", "as must be member or collective")));
    }

    private static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("there is no follow " + ctx.pathParam("id"));
        }
    }

    private static Optional<Long> before(RoutingContext ctx) {
        String text = ctx.request().getParam("before");
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("before", "before must be a follow id")));
        }
    }

    private static int limit(RoutingContext ctx) {
        String text = ctx.request().getParam("limit");
        if (text == null) {
            return DEFAULT_PAGE;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_PAGE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.invalid(List.of(new ApiException.FieldError("limit", "limit must be from 1 to " + MAX_PAGE)));
    }
}
