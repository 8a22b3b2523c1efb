package coop.entraide.node.identity;

import coop.entraide.node.Uris;
import coop.entraide.node.Uris.LocalActorKind;
import coop.entraide.node.Uris.LocalActorRef;
import coop.entraide.node.http.MediaType;
import coop.entraide.node.http.Negotiation;
import coop.entraide.node.http.Routes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Actor ids dereference to their document: ActivityStreams JSON for servers, a small HTML page for
 * browsers, chosen by {@code Accept} (ActivityPub §3.2), with {@code Vary: Accept} so that caches
 * keep both. Their outbox, followers and following are JSON only.
 */
public final class ActorRoutes implements Routes {
    private static final List<MediaType> ACTOR_TYPES =
            List.of(MediaType.HTML, MediaType.ACTIVITY_JSON, MediaType.LD_JSON_AS, MediaType.JSON);
    private static final List<MediaType> COLLECTION_TYPES =
            List.of(MediaType.ACTIVITY_JSON, MediaType.LD_JSON_AS, MediaType.JSON);
    private static final List<String> COLLECTIONS = List.of("outbox", "followers", "following");

    private final IdentityService identity;
    private final Uris uris;
    private final ActorCollectionSource collections;

    public ActorRoutes(IdentityService identity) {
        this(identity, ActorCollectionSource.EMPTY);
    }

    public ActorRoutes(IdentityService identity, ActorCollectionSource collections) {
        this.identity = identity;
        this.uris = identity.uris();
        this.collections = collections;
    }

    @Override
    public void mount(Router router) {
        router.get("/actor").handler(ctx -> actor(ctx, instance()));
        router.get("/c/:name").handler(ctx -> actor(ctx, named(LocalActorKind.COLLECTIVE, ctx)));
        router.get("/u/:name").handler(ctx -> actor(ctx, named(LocalActorKind.MEMBER, ctx)));
        router.get("/actor/:collection").handler(ctx -> collection(ctx, instance()));
        router.get("/c/:name/:collection").handler(ctx -> collection(ctx, named(LocalActorKind.COLLECTIVE, ctx)));
        router.get("/u/:name/:collection").handler(ctx -> collection(ctx, named(LocalActorKind.MEMBER, ctx)));
    }

    private static LocalActorRef instance() {
        return new LocalActorRef(LocalActorKind.INSTANCE, null);
    }

    private static LocalActorRef named(LocalActorKind kind, RoutingContext ctx) {
        return new LocalActorRef(kind, ctx.pathParam("name"));
    }

    private void actor(RoutingContext ctx, LocalActorRef ref) {
        ctx.response().putHeader("Vary", "Accept");
        Optional<MediaType> type = Negotiation.choose(ctx.request().getHeader("Accept"), ACTOR_TYPES);
        if (type.isEmpty()) {
            ctx.fail(406);
            return;
        }
        withActor(ctx, ref, actor -> {
            if (type.get().isJson()) {
                json(ctx, type.get(), ActorDocuments.toAs(actor, uris.authority()));
            } else {
                html(ctx, ActorPage.render(actor, uris.authority()));
            }
        });
    }

    private void collection(RoutingContext ctx, LocalActorRef ref) {
        ctx.response().putHeader("Vary", "Accept");
        String name = ctx.pathParam("collection");
        if (!COLLECTIONS.contains(name)) {
            ctx.next();
            return;
        }
        Optional<MediaType> type = Negotiation.choose(ctx.request().getHeader("Accept"), COLLECTION_TYPES);
        if (type.isEmpty()) {
            ctx.fail(406);
            return;
        }
        Map<String, String> query = new HashMap<>();
        ctx.queryParams().forEach(e -> query.putIfAbsent(e.getKey(), e.getValue()));
        withActor(ctx, ref, actor -> {
            String id = switch (name) {
                case "outbox" -> actor.outbox();
                case "followers" -> actor.followers();
                default -> actor.following();
            };
            collections.document(actor, name, id, query)
                    .onSuccess(doc -> json(ctx, type.get(), doc))
                    .onFailure(ctx::fail);
        });
    }

    private void withActor(RoutingContext ctx, LocalActorRef ref, Consumer<Actor> respond) {
        identity.localActor(ref)
                .onSuccess(found -> found.ifPresentOrElse(respond, () -> ctx.fail(404)))
                .onFailure(ctx::fail);
    }

    private static void json(RoutingContext ctx, MediaType type, JsonObject body) {
        ctx.response().putHeader("Content-Type", type.contentType()).end(body.encode());
    }

    private static void html(RoutingContext ctx, String page) {
        ctx.response()
                .putHeader("Content-Type", MediaType.HTML.contentType())
                .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .end(page);
    }
}
