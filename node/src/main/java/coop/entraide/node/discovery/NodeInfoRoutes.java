package coop.entraide.node.discovery;

import coop.entraide.node.Uris;
import coop.entraide.node.http.Routes;
import coop.entraide.node.store.NodeSettingsRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Optional;

/**
 * NodeInfo (http://nodeinfo.diaspora.software/protocol.html): the discovery document at
 * {@code /.well-known/nodeinfo}, and the 2.1 and 2.0 schemas, with real counts and the instance
 * actor's link (FEP-2677).
 */
public final class NodeInfoRoutes implements Routes {
    static final String SOFTWARE = "entraide";
    private static final String SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/";

    private final Pool pool;
    private final Uris uris;
    private final UsageRepository usage = new UsageRepository();
    private final NodeSettingsRepository settings = new NodeSettingsRepository();

    public NodeInfoRoutes(Pool pool, Uris uris) {
        this.pool = pool;
        this.uris = uris;
    }

    @Override
    public void mount(Router router) {
        router.get("/.well-known/nodeinfo").handler(this::discovery);
        router.get("/nodeinfo/2.1").handler(ctx -> document(ctx, "2.1"));
        router.get("/nodeinfo/2.0").handler(ctx -> document(ctx, "2.0"));
    }

    private void discovery(RoutingContext ctx) {
        JsonObject body = new JsonObject().put("links", new JsonArray()
                .add(link(SCHEMA + "2.1", uris.base() + "/nodeinfo/2.1"))
                .add(link(SCHEMA + "2.0", uris.base() + "/nodeinfo/2.0"))
                .add(link("https://www.w3.org/ns/activitystreams#Application", uris.instanceActor())));
        ctx.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Access-Control-Allow-Origin", "*")
                .end(body.encode());
    }

    private static JsonObject link(String rel, String href) {
        return new JsonObject().put("rel", rel).put("href", href);
    }

    private record Facts(UsageRepository.Usage usage, boolean openRegistrations, String nodeName,
                         Optional<String> nodeDescription) {
    }

    private void document(RoutingContext ctx, String version) {
        facts()
                .onFailure(ctx::fail)
                .onSuccess(f -> ctx.response()
                        .putHeader("Content-Type", "application/json; profile=\"" + SCHEMA + version + "#\"; charset=utf-8")
                        .putHeader("Access-Control-Allow-Origin", "*")
                        .putHeader("Cache-Control", "max-age=300, public")
                        .end(toJson(version, f).encode()));
    }

    private Future<Facts> facts() {
        Future<UsageRepository.Usage> counts = usage.usage(pool);
        Future<Optional<Object>> open = settings.get(pool, NodeSettingsRepository.OPEN_REGISTRATIONS);
        Future<Optional<Object>> name = settings.get(pool, NodeSettingsRepository.NODE_NAME);
        Future<Optional<Object>> description = settings.get(pool, NodeSettingsRepository.NODE_DESCRIPTION);
        return Future.all(counts, open, name, description).map(all -> new Facts(
                counts.result(),
                open.result().map(Boolean.TRUE::equals).orElse(false),
                name.result().filter(String.class::isInstance).map(String.class::cast).orElse(uris.authority()),
                description.result().filter(String.class::isInstance).map(String.class::cast)));
    }

    /** The document; 2.0 is 2.1 without {@code software.repository} and {@code homepage}, which we leave out. */
    static JsonObject toJson(String version, Facts f) {
        JsonObject metadata = new JsonObject().put("nodeName", f.nodeName());
        f.nodeDescription().ifPresent(d -> metadata.put("nodeDescription", d));
        return new JsonObject()
                .put("version", version)
                .put("software", new JsonObject().put("name", SOFTWARE).put("version", softwareVersion()))
                .put("protocols", new JsonArray().add("activitypub"))
                .put("services", new JsonObject().put("inbound", new JsonArray()).put("outbound", new JsonArray()))
                .put("openRegistrations", f.openRegistrations())
                .put("usage", new JsonObject()
                        .put("users", new JsonObject()
                                .put("total", f.usage().users())
                                .put("activeMonth", f.usage().activeMonth())
                                .put("activeHalfyear", f.usage().activeHalfyear()))
                        .put("localPosts", f.usage().localPosts()))
                .put("metadata", metadata);
    }

    static String softwareVersion() {
        String v = NodeInfoRoutes.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }
}
