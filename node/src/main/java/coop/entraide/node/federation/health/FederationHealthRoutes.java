package coop.entraide.node.federation.health;

import coop.entraide.node.federation.delivery.DeliveryQueue;
import coop.entraide.node.federation.delivery.DeliveryStats;
import coop.entraide.node.http.AdminGuard;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * How federation is going, for administrators:
 * <ul>
 *   <li>{@code GET /api/v1/admin/federation/health}: the servers we follow and that follow us
 *       (from {@code follows}, by domain), the delivery queue per server, and the signatures
 *       refused in the last {@code ?days=} days (7 by default) by reason and by server;</li>
 *   <li>{@code GET /api/v1/admin/federation/queue-history?hours=N} (1 to 168, 24 by default):
 *       the queue's counts minute by minute.</li>
 * </ul>
 */
public final class FederationHealthRoutes implements Routes {
    static final String HEALTH = "/api/v1/admin/federation/health";
    static final String HISTORY = "/api/v1/admin/federation/queue-history";
    static final int MAX_SERVERS = 200;

    private final Pool pool;
    private final Clock clock;
    private final DeliveryQueue queue;
    private final AdminGuard administrators;
    private final QueueSnapshots snapshots = new QueueSnapshots();

    public FederationHealthRoutes(Pool pool, Clock clock, DeliveryQueue queue, AdminGuard administrators) {
        this.pool = pool;
        this.clock = clock;
        this.queue = queue;
        this.administrators = administrators;
    }

    @Override
    public void mount(Router router) {
        router.route(HEALTH).handler(administrators);
        router.route(HISTORY).handler(administrators);
        router.get(HEALTH).handler(this::health);
        router.get(HISTORY).handler(this::history);
    }

    private void health(RoutingContext ctx) {
        int days = bounded(ctx, "days", 7, 1, 90);
        Future<JsonArray> servers = servers();
        Future<DeliveryStats> stats = queue.stats(pool);
        Future<JsonObject> rejections = rejections(days);
        Future.all(servers, stats, rejections)
                .map(all -> new JsonObject()
                        .put("servers", servers.result())
                        .put("queue", queueJson(stats.result()))
                        .put("rejections", rejections.result().put("days", days)))
                .onSuccess(body -> JsonApi.send(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    private void history(RoutingContext ctx) {
        int hours = bounded(ctx, "hours", 24, 1, 168);
        snapshots.series(pool, clock.instant().minus(Duration.ofHours(hours)))
                .map(points -> new JsonObject()
                        .put("hours", hours)
                        .put("step_seconds", QueueSnapshots.PERIOD.toSeconds())
                        .put("points", new JsonArray(points.stream().map(p -> new JsonObject()
                                .put("at", p.minute().toString())
                                .put("pending", p.pending())
                                .put("retrying", p.retrying())
                                .put("failed", p.failed())).toList())))
                .onSuccess(body -> JsonApi.send(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    /** Remote servers by how many of their actors follow ours, and of ours follow theirs. */
    private Future<JsonArray> servers() {
        return pool.preparedQuery("""
                        SELECT a.domain,
                               count(*) FILTER (WHERE f.follower_id = a.id AND f.state = 'accepted') AS followers,
                               count(*) FILTER (WHERE f.followed_id = a.id AND f.state = 'accepted') AS following,
                               count(*) FILTER (WHERE f.state = 'pending') AS pending
                        FROM follows f
                        JOIN actors a ON (a.id = f.follower_id OR a.id = f.followed_id) AND a.domain <> ''
                        GROUP BY a.domain
                        ORDER BY count(*) DESC, a.domain
                        LIMIT $1""")
                .execute(Tuple.of(MAX_SERVERS))
                .map(rows -> {
                    JsonArray all = new JsonArray();
                    for (Row r : rows) {
                        all.add(new JsonObject()
                                .put("domain", r.getString("domain"))
                                .put("followers", r.getLong("followers"))
                                .put("following", r.getLong("following"))
                                .put("pending", r.getLong("pending")));
                    }
                    return all;
                });
    }

    private Future<JsonObject> rejections(int days) {
        Future<JsonArray> byReason = pool.preparedQuery("""
                        SELECT reason, sum(count)::bigint AS n FROM signature_rejections
                        WHERE day > current_date - $1::int GROUP BY reason ORDER BY n DESC, reason""")
                .execute(Tuple.of(days))
                .map(rows -> {
                    JsonArray all = new JsonArray();
                    rows.forEach(r -> all.add(new JsonObject().put("reason", r.getString("reason")).put("count", r.getLong("n"))));
                    return all;
                });
        Future<JsonArray> byHost = pool.preparedQuery("""
                        SELECT host, reason, sum(count)::bigint AS n FROM signature_rejections
                        WHERE day > current_date - $1::int GROUP BY host, reason ORDER BY n DESC, host, reason LIMIT 50""")
                .execute(Tuple.of(days))
                .map(rows -> {
                    JsonArray all = new JsonArray();
                    rows.forEach(r -> all.add(new JsonObject().put("host", r.getString("host"))
                            .put("reason", r.getString("reason")).put("count", r.getLong("n"))));
                    return all;
                });
        return Future.all(byReason, byHost).map(all -> new JsonObject()
                .put("total", byReason.result().stream().mapToLong(o -> ((JsonObject) o).getLong("count")).sum())
                .put("by_reason", byReason.result())
                .put("by_host", byHost.result()));
    }

    private static JsonObject queueJson(DeliveryStats stats) {
        return new JsonObject()
                .put("pending", stats.pending())
                .put("retrying", stats.retrying())
                .put("failed", stats.failed())
                .put("delivered", stats.delivered())
                .put("servers", new JsonArray(stats.hosts().stream().map(h -> new JsonObject()
                        .put("host", h.host())
                        .put("pending", h.pending())
                        .put("retrying", h.retrying())
                        .put("failed", h.failed())
                        .put("delivered", h.delivered())
                        .put("unavailable_since", h.unavailableSince().map(Object::toString).orElse(null))).toList()));
    }

    private static int bounded(RoutingContext ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParams().get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid(List.of(new FieldError(name, name + " must be a whole number from " + min + " to " + max)));
    }
}
