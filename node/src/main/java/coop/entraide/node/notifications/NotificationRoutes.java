package coop.entraide.node.notifications;

import coop.entraide.node.accounts.Authenticator;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import coop.entraide.node.notifications.Notifications.Notification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;

/**
 * A member's notifications:
 * {@code GET /api/v1/notifications} (newest first, {@code ?before=ID&limit=N}),
 * {@code GET /api/v1/notifications/unread-count},
 * {@code POST /api/v1/notifications/{id}/read} and
 * {@code POST /api/v1/notifications/read} (all, or up to {@code {"up_to": ID}}).
 */
public final class NotificationRoutes implements Routes {
    static final String BASE = "/api/v1/notifications";
    static final int MAX_LIMIT = 100;

    private final Pool pool;
    private final Authenticator authenticator;
    private final Notifications notifications = new Notifications();

    public NotificationRoutes(Pool pool, Authenticator authenticator) {
        this.pool = pool;
        this.authenticator = authenticator;
    }

    @Override
    public void mount(Router router) {
        router.route(BASE + "*").handler(authenticator::require);
        router.get(BASE).handler(this::list);
        router.get(BASE + "/unread-count").handler(this::unreadCount);
        router.post(BASE + "/read").handler(this::markAllRead);
        router.post(BASE + "/:id/read").handler(this::markRead);
    }

    private static long me(RoutingContext ctx) {
        return Authenticator.current(ctx).member().id();
    }

    private void list(RoutingContext ctx) {
        Optional<Long> before = Optional.ofNullable(ctx.queryParams().get("before")).map(v -> number("before", v));
        int limit = Optional.ofNullable(ctx.queryParams().get("limit")).map(v -> number("limit", v))
                .map(Long::intValue).orElse(30);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid(List.of(new FieldError("limit", "limit must be between 1 and " + MAX_LIMIT)));
        }
        long member = me(ctx);
        notifications.list(pool, member, before, limit)
                .compose(page -> notifications.unreadCount(pool, member).map(unread -> new JsonObject()
                        .put("unread", unread)
                        .put("items", new JsonArray(page.stream().map(NotificationRoutes::toJson).toList()))))
                .onSuccess(body -> JsonApi.send(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    private void unreadCount(RoutingContext ctx) {
        notifications.unreadCount(pool, me(ctx))
                .onSuccess(n -> JsonApi.send(ctx, 200, new JsonObject().put("unread", n)))
                .onFailure(ctx::fail);
    }

    private void markRead(RoutingContext ctx) {
        long id = number("id", ctx.pathParam("id"));
        notifications.markRead(pool, me(ctx), id)
                .onSuccess(found -> {
                    if (!found) {
                        ctx.fail(ApiException.notFound("You have no notification " + id + "."));
                    } else {
                        ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end();
                    }
                })
                .onFailure(ctx::fail);
    }

    private void markAllRead(RoutingContext ctx) {
        Optional<Long> upTo = Optional.empty();
        if (ctx.body() != null && ctx.body().buffer() != null && ctx.body().buffer().length() > 0) {
            Object value = JsonApi.body(ctx).getValue("up_to");
            if (value != null && !(value instanceof Number)) {
                throw ApiException.invalid(List.of(new FieldError("up_to", "up_to must be a notification id")));
            }
            upTo = Optional.ofNullable((Number) value).map(Number::longValue);
        }
        long member = me(ctx);
        notifications.markAllRead(pool, member, upTo)
                .compose(changed -> notifications.unreadCount(pool, member)
                        .map(unread -> new JsonObject().put("marked", changed).put("unread", unread)))
                .onSuccess(body -> JsonApi.send(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    private static long number(String name, String text) {
        try {
            long n = Long.parseLong(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid(List.of(new FieldError(name, name + " must be a positive whole number")));
    }

    static JsonObject toJson(Notification n) {
        return new JsonObject()
                .put("id", n.id())
                .put("kind", n.kind())
                .put("data", n.data())
                .put("created_at", n.createdAt().toInstant().toString())
                .put("read", n.readAt() != null);
    }
}
