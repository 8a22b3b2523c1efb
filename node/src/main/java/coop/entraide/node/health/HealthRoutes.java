package coop.entraide.node.health;

import coop.entraide.node.http.Routes;
import coop.entraide.node.store.Database;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/**
 * {@code /health}: liveness and readiness for supervisors and load balancers. Ready means the
 * database answers; {@code /health/live} only says the process serves HTTP.
 */
public final class HealthRoutes implements Routes {
    private final Pool pool;

    public HealthRoutes(Pool pool) {
        this.pool = pool;
    }

    @Override
    public void mount(Router router) {
        router.get("/health/live").handler(ctx -> reply(ctx, 200, new JsonObject().put("status", "ok")));
        router.get("/health").handler(this::ready);
        router.get("/health/ready").handler(this::ready);
    }

    private void ready(RoutingContext ctx) {
        Database.ping(pool)
                .timeout(3, java.util.concurrent.TimeUnit.SECONDS)
                .onSuccess(v -> reply(ctx, 200, new JsonObject().put("status", "ok")
                        .put("checks", new JsonObject().put("database", "ok"))))
                .onFailure(e -> reply(ctx, 503, new JsonObject().put("status", "unavailable")
                        .put("checks", new JsonObject().put("database", "unreachable"))));
    }

    private static void reply(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
