package coop.entraide.node.discovery;

import coop.entraide.node.Uris;
import coop.entraide.node.Uris.LocalActorKind;
import coop.entraide.node.Uris.LocalActorRef;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.Html;
import coop.entraide.node.http.Routes;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.IdentityService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * How other servers find our actors: WebFinger (RFC 7033) and host-meta (RFC 6415), which points
 * to WebFinger. Both are public, cacheable and readable from any web page (CORS {@code *}).
 */
public final class DiscoveryRoutes implements Routes {
    static final String PROFILE_PAGE = "http://webfinger.net/rel/profile-page";

    private final IdentityService identity;
    private final Uris uris;

    public DiscoveryRoutes(IdentityService identity) {
        this.identity = identity;
        this.uris = identity.uris();
    }

    @Override
    public void mount(Router router) {
        router.route("/.well-known/*").handler(ctx -> {
            ctx.response().putHeader("Access-Control-Allow-Origin", "*");
            ctx.next();
        });
        router.get("/.well-known/webfinger").handler(this::webfinger);
        router.get("/.well-known/host-meta").handler(this::hostMeta);
        router.get("/.well-known/host-meta.json").handler(this::hostMetaJson);
    }

    private void webfinger(RoutingContext ctx) {
        List<String> resources = ctx.queryParam("resource");
        if (resources.size() > 1) {
            ctx.fail(ApiException.badRequest("give exactly one resource parameter"));
            return;
        }
        String resource = resources.isEmpty() ? null : resources.get(0);
        WebFingerResource parsed = WebFingerResource.parse(resource, uris);
        Future<Optional<Actor>> actor = lookUp(parsed);
        actor.onFailure(ctx::fail).onSuccess(found -> {
            if (found.isEmpty()) {
                ctx.fail(ApiException.notFound("This server has no account for " + resource + "."));
                return;
            }
            String subject = parsed instanceof WebFingerResource.Node ? resource.strip() : uris.acct(found.get().username());
            JsonObject jrd = jrd(subject, found.get(), ctx.queryParam("rel"));
            ctx.response()
                    .putHeader("Content-Type", "application/jrd+json; charset=utf-8")
                    .putHeader("Cache-Control", "max-age=300, public")
                    .end(jrd.encode());
        });
    }

    private Future<Optional<Actor>> lookUp(WebFingerResource resource) {
        if (resource instanceof WebFingerResource.Malformed m) {
            return Future.failedFuture(ApiException.badRequest(m.reason()));
        }
        if (resource instanceof WebFingerResource.Account a) {
            return identity.localActorByUsername(a.username());
        }
        if (resource instanceof WebFingerResource.ActorId id) {
            return identity.localActor(id.ref());
        }
        if (resource instanceof WebFingerResource.Node) {
            return identity.localActor(new LocalActorRef(LocalActorKind.INSTANCE, null));
        }
        return Future.succeededFuture(Optional.empty());
    }

    /** The descriptor; {@code rel} parameters, if any, keep only those links (RFC 7033 §4.3). */
    private JsonObject jrd(String subject, Actor actor, List<String> rels) {
        JsonArray aliases = new JsonArray();
        String acct = uris.acct(actor.username());
        if (!subject.equals(acct)) {
            aliases.add(acct);
        }
        aliases.add(actor.uri());
        JsonArray links = new JsonArray();
        List<JsonObject> all = List.of(
                new JsonObject().put("rel", "self").put("type", "application/activity+json").put("href", actor.uri()),
                new JsonObject().put("rel", PROFILE_PAGE).put("type", "text/html").put("href",
                        actor.url() == null ? actor.uri() : actor.url()));
        for (JsonObject link : all) {
            if (rels.isEmpty() || rels.contains(link.getString("rel"))) {
                links.add(link);
            }
        }
        return new JsonObject().put("subject", subject).put("aliases", aliases).put("links", links);
    }

    private String webfingerTemplate() {
        return uris.base() + "/.well-known/webfinger?resource={uri}";
    }

    private void hostMeta(RoutingContext ctx) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">
                  <Link rel="lrdd" type="application/jrd+json" template="%s"/>
                </XRD>
                """.formatted(Html.escape(webfingerTemplate()));
        ctx.response()
                .putHeader("Content-Type", "application/xrd+xml; charset=utf-8")
                .putHeader("Cache-Control", "max-age=3600, public")
                .end(xml);
    }

    private void hostMetaJson(RoutingContext ctx) {
        JsonObject body = new JsonObject().put("links", new JsonArray().add(new JsonObject()
                .put("rel", "lrdd").put("type", "application/jrd+json").put("template", webfingerTemplate())));
        ctx.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "max-age=3600, public")
                .end(body.encode());
    }
}
