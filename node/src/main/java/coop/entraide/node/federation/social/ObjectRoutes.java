package coop.entraide.node.federation.social;

import coop.entraide.node.Uris;
import coop.entraide.node.http.MediaType;
import coop.entraide.node.http.Negotiation;
import coop.entraide.node.http.Routes;
import coop.entraide.protocol.as.AsJson;
import coop.entraide.protocol.as.Context;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;

/**
 * Our objects and activities dereference at their ids (ActivityPub §3.2): the document exactly as
 * published, proof included, for {@code application/activity+json}; a small page for browsers;
 * {@code 410 Gone} with a Tombstone once deleted. Only public and unlisted ones are served: the
 * others reached their audience by delivery.
 */
public final class ObjectRoutes implements Routes {
    private static final List<MediaType> OBJECT_TYPES =
            List.of(MediaType.HTML, MediaType.ACTIVITY_JSON, MediaType.LD_JSON_AS, MediaType.JSON);
    private static final List<MediaType> ACTIVITY_TYPES =
            List.of(MediaType.ACTIVITY_JSON, MediaType.LD_JSON_AS, MediaType.JSON);

    private final Pool pool;
    private final Uris uris;
    private final ObjectRepository objects = new ObjectRepository();
    private final OutboxRepository outbox = new OutboxRepository();
    private final ActorLookup actors = new ActorLookup();

    public ObjectRoutes(Pool pool, Uris uris) {
        this.pool = pool;
        this.uris = uris;
    }

    @Override
    public void mount(Router router) {
        router.get("/o/:key").handler(this::object);
        router.get("/a/:key").handler(this::activity);
    }

    private void object(RoutingContext ctx) {
        ctx.response().putHeader("Vary", "Accept");
        Optional<MediaType> type = Negotiation.choose(ctx.request().getHeader("Accept"), OBJECT_TYPES);
        if (type.isEmpty()) {
            ctx.fail(406);
            return;
        }
        String key = ctx.pathParam("key");
        if (!Uris.isKey(key)) {
            ctx.fail(404);
            return;
        }
        objects.byUri(pool, uris.object(key)).compose(found -> {
            if (found.isEmpty() || !found.get().local() || found.get().hiddenAt() != null
                    || !found.get().visibility().isPublic()) {
                ctx.fail(404);
                return Future.succeededFuture();
            }
            StoredObject o = found.get();
            if (o.deleted()) {
                if (type.get().isJson()) {
                    send(ctx, 410, type.get(), AsJson.toString(Context.documentOf(o.documentNode())));
                } else {
                    send(ctx, 410, MediaType.HTML, ObjectPage.gone());
                }
                return Future.succeededFuture();
            }
            if (type.get().isJson()) {
                send(ctx, 200, type.get(), o.document().encode());
                return Future.succeededFuture();
            }
            return actors.byId(pool, o.actorId()).map(author -> {
                if (author.isEmpty()) {
                    ctx.fail(404);
                } else {
                    ctx.response().putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
                    send(ctx, 200, MediaType.HTML, ObjectPage.render(o, author.get(), uris.authority()));
                }
                return null;
            });
        }).onFailure(ctx::fail);
    }

    private void activity(RoutingContext ctx) {
        ctx.response().putHeader("Vary", "Accept");
        Optional<MediaType> type = Negotiation.choose(ctx.request().getHeader("Accept"), ACTIVITY_TYPES);
        if (type.isEmpty()) {
            ctx.fail(406);
            return;
        }
        String key = ctx.pathParam("key");
        if (!Uris.isKey(key)) {
            ctx.fail(404);
            return;
        }
        outbox.byActivity(pool, uris.activity(key)).compose(found -> {
            if (found.isEmpty() || !found.get().visibility().isPublic()) {
                ctx.fail(404);
                return Future.succeededFuture();
            }
            return outbox.objectDeleted(pool, found.get().id()).map(deleted -> {
                if (deleted) {
                    ctx.fail(410);
                } else {
                    send(ctx, 200, type.get(), found.get().document().encode());
                }
                return null;
            });
        }).onFailure(ctx::fail);
    }

    private static void send(RoutingContext ctx, int status, MediaType type, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", type.contentType()).end(body);
    }
}
