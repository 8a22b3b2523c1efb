package coop.entraide.node.settings;

import coop.entraide.node.accounts.Authenticator;
import coop.entraide.node.http.AdminGuard;
import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import coop.entraide.node.identity.Collective;
import coop.entraide.node.identity.IdentityService;
import coop.entraide.node.moderation.AuditLog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/**
 * The node's profile: {@code GET|PUT /api/v1/admin/settings} for its administrators (PUT takes
 * every field, see {@link NodeProfile}), and {@code GET /api/v1/instance} for anyone, with the
 * collectives one can join: what the sign-up page shows.
 */
public final class SettingsRoutes implements Routes {
    static final String ADMIN = "/api/v1/admin/settings";
    static final String PUBLIC = "/api/v1/instance";

    private final Pool pool;
    private final NodeSettings settings;
    private final IdentityService identity;
    private final AdminGuard administrators;
    private final AuditLog audit = new AuditLog();

    public SettingsRoutes(Pool pool, NodeSettings settings, IdentityService identity, AdminGuard administrators) {
        this.pool = pool;
        this.settings = settings;
        this.identity = identity;
        this.administrators = administrators;
    }

    @Override
    public void mount(Router router) {
        router.route(ADMIN).handler(administrators);
        router.get(ADMIN).handler(this::get);
        router.put(ADMIN).handler(this::put);
        router.get(PUBLIC).handler(this::instance);
    }

    private void get(RoutingContext ctx) {
        settings.read(pool)
                .onSuccess(p -> JsonApi.send(ctx, 200, p.toJson()))
                .onFailure(ctx::fail);
    }

    private void put(RoutingContext ctx) {
        NodeProfile profile = NodeProfile.fromJson(JsonApi.body(ctx));
        pool.withTransaction(tx -> settings.write(tx, profile)
                        .compose(v -> audit.record(tx, Authenticator.current(ctx).member(), "settings_changed",
                                AuditLog.TargetKind.SETTINGS, "node", null, "registrations: " + profile.registrations().value())))
                .compose(v -> settings.read(pool))
                .onSuccess(p -> JsonApi.send(ctx, 200, p.toJson()))
                .onFailure(ctx::fail);
    }

    private void instance(RoutingContext ctx) {
        settings.read(pool)
                .compose(p -> identity.collectives().map(all -> p.toJson()
                        .put("domain", identity.uris().authority())
                        .put("collectives", new JsonArray(all.stream().map(SettingsRoutes::collective).toList()))))
                .onSuccess(body -> JsonApi.send(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    private static JsonObject collective(Collective c) {
        return new JsonObject().put("username", c.actor().username()).put("display_name", c.actor().displayName());
    }
}
