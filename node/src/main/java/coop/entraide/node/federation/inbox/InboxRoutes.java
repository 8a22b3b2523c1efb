package coop.entraide.node.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.node.Uris;
import coop.entraide.node.Uris.LocalActorKind;
import coop.entraide.node.Uris.LocalActorRef;
import coop.entraide.node.federation.inbox.InboxAuthenticator.Authenticated;
import coop.entraide.node.federation.inbox.InboxAuthenticator.Authentication;
import coop.entraide.node.federation.inbox.InboxAuthenticator.Dropped;
import coop.entraide.node.federation.inbox.InboxAuthenticator.Refused;
import coop.entraide.node.federation.policy.Decision;
import coop.entraide.node.federation.policy.DomainPolicies;
import coop.entraide.node.federation.policy.InboxRateLimiter;
import coop.entraide.node.federation.policy.SignerHost;
import coop.entraide.node.federation.signing.LocalSigners;
import coop.entraide.node.http.Routes;
import coop.entraide.node.identity.IdentityService;
import coop.entraide.protocol.as.Activity;
import coop.entraide.protocol.as.Parsed;
import coop.entraide.protocol.json.JsonReadResult;
import coop.entraide.protocol.json.StrictJsonReader;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.SignatureScheme;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.pgclient.PgException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inboxes: {@code POST /inbox} (shared) and {@code POST {actor}/inbox} for the instance actor,
 * collectives and members. A fast, dumb inbox: cheap checks first, then the signature, then one
 * insert and {@code 202 Accepted}; the {@link InboxWorker} does the rest, taking what this process
 * stored from memory ({@link InboxHandOff}) when it has room, so that it need not read and parse
 * it again.
 *
 * <ol>
 *   <li>per-server and per-address rate limits: 429 with {@code Retry-After};</li>
 *   <li>{@code Content-Type} {@code application/activity+json} or {@code application/ld+json}: else 415;</li>
 *   <li>the domain policy on the host of the signature's key id: 403 for a blocked server;</li>
 *   <li>body of at most {@value #MAX_BODY_BYTES} bytes: else 413;</li>
 *   <li>strict JSON (no duplicate keys, nesting at most 64 deep): else 400;</li>
 *   <li>an ActivityStreams activity with an id and an actor that is not one of ours: else 400;
 *       the policy again, on the actor's host;</li>
 *   <li>the signature and who it speaks for ({@link InboxAuthenticator}): 401 or 403 with the
 *       exact reason, counted in {@code signature_rejections};</li>
 *   <li>stored once per activity id: a second delivery changes nothing and is answered 202 too.</li>
 * </ol>
 */
public final class InboxRoutes implements Routes {
    private static final Logger LOG = LoggerFactory.getLogger(InboxRoutes.class);
    /** One MiB: far above any real activity (Mastodon's own limit is the same order). */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Uris uris;
    private final String baseOrigin;
    /** The base URL and a slash: what every local actor's id starts with. */
    private final String basePath;
    private final InboxOwners owners;
    private final DomainPolicies policies;
    private final InboxRateLimiter limiter;
    private final InboxAuthenticator authenticator;
    private final InboxBatcher batcher;
    private final SignatureRejections rejections;
    private final LocalSigners signers;
    private final Runnable wake;
    private final InboxHandOff handOff;
    private final StrictJsonReader reader = StrictJsonReader.withDefaults();

    InboxRoutes(Uris uris, IdentityService identity, DomainPolicies policies, InboxRateLimiter limiter,
                InboxAuthenticator authenticator, InboxBatcher batcher, SignatureRejections rejections,
                LocalSigners signers, Runnable wake, InboxHandOff handOff) {
        this.uris = uris;
        URI base = URI.create(uris.base());
        this.baseOrigin = base.getScheme() + "://" + base.getRawAuthority();
        this.basePath = uris.base() + "/";
        this.owners = new InboxOwners(identity::localActor);
        this.policies = policies;
        this.limiter = limiter;
        this.authenticator = authenticator;
        this.batcher = batcher;
        this.rejections = rejections;
        this.signers = signers;
        this.wake = wake;
        this.handOff = handOff;
    }

    @Override
    public void mount(Router router) {
        mount(router, "/inbox", ctx -> Optional.empty());
        mount(router, "/actor/inbox", ctx -> Optional.of(new LocalActorRef(LocalActorKind.INSTANCE, null)));
        mount(router, "/c/:name/inbox", ctx -> Optional.of(new LocalActorRef(LocalActorKind.COLLECTIVE, ctx.pathParam("name"))));
        mount(router, "/u/:name/inbox", ctx -> Optional.of(new LocalActorRef(LocalActorKind.MEMBER, ctx.pathParam("name"))));
    }

    private interface OwnerRef {
        Optional<LocalActorRef> of(RoutingContext ctx);
    }

    /**
     * One route per step: Vert.x runs a route's body handler before its other handlers, and the
     * limits and checks must run before the body is read.
     */
    private void mount(Router router, String path, OwnerRef owner) {
        router.post(path).handler(InboxRoutes::closeIfRefusedUnread);
        router.post(path).handler(limiter);
        router.post(path).handler(this::screen);
        router.post(path).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.post(path).handler(ctx -> receive(ctx, owner.of(ctx)));
    }

    // --- before the body is read ---------------------------------------------------------------

    /**
     * A request refused before its body was read (429, 415, 403) leaves that body on the
     * connection, and the router holds the request paused: the connection would serve nothing
     * else. The body is let through and discarded, the client is told that the connection closes,
     * and the server closes it once the answer is written and the body drained (or after
     * {@value #DRAIN_LIMIT_MILLIS} ms if the body never ends), whatever the client does: a refused
     * sender does not keep the connection, and a client that keeps it anyway does not wait on it.
     * Closing before the body is drained could make the client's system discard the answer.
     */
    private static void closeIfRefusedUnread(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        RefusedConnection[] refused = new RefusedConnection[1];
        // Registered now: the response cannot take handlers any more once its headers are going out.
        ctx.addEndHandler(end -> {
            if (refused[0] != null) {
                refused[0].answered();
            }
        });
        ctx.addHeadersEndHandler(v -> {
            if (!request.isEnded() && ctx.response().getStatusCode() >= 400) {
                if (request.version() == HttpVersion.HTTP_2) {
                    request.handler(ignored -> { }).resume();
                    return;
                }
                ctx.response().putHeader("Connection", "close");
                refused[0] = new RefusedConnection(ctx);
                request.handler(ignored -> { }).endHandler(end -> refused[0].drained());
                request.resume();
            }
        });
        ctx.next();
    }

    /** Most time a refused request's body may take to arrive before its connection is cut. */
    static final long DRAIN_LIMIT_MILLIS = 10_000;

    /** Closes a refused request's connection once both its answer is written and its body drained. */
    private static final class RefusedConnection {
        private final RoutingContext ctx;
        private final long timer;
        private boolean drained;
        private boolean answered;
        private boolean closed;

        RefusedConnection(RoutingContext ctx) {
            this.ctx = ctx;
            this.timer = ctx.vertx().setTimer(DRAIN_LIMIT_MILLIS, id -> close());
        }

        void drained() {
            drained = true;
            if (answered) {
                close();
            }
        }

        void answered() {
            answered = true;
            if (drained) {
                close();
            }
        }

        private void close() {
            if (!closed) {
                closed = true;
                ctx.vertx().cancelTimer(timer);
                ctx.request().connection().close();
            }
        }
    }

    private void screen(RoutingContext ctx) {
        if (!isActivityJson(ctx.request().getHeader("Content-Type"))) {
            InboxProblem.send(ctx, 415, "Unsupported media type", "UNSUPPORTED_MEDIA_TYPE",
                    "Send activities as application/activity+json or application/ld+json.");
            return;
        }
        String host = SignerHost.of(ctx);
        if (host != null && refuseBlocked(ctx, host)) {
            return;
        }
        ctx.next();
    }

    static boolean isActivityJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mime = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
        return mime.equals("application/activity+json") || mime.equals("application/ld+json");
    }

    private boolean refuseBlocked(RoutingContext ctx, String host) {
        Decision decision = policies.decide(host);
        if (!decision.rejected()) {
            return false;
        }
        LOG.debug("inbox refused {}: {}", host, decision.why());
        InboxProblem.send(ctx, 403, "Forbidden", "DOMAIN_" + decision.reason().name(),
                "This server does not accept activities from " + host + ".");
        return true;
    }

    // --- the body ------------------------------------------------------------------------------

    private void receive(RoutingContext ctx, Optional<LocalActorRef> owner) {
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        JsonReadResult read = reader.readObject(body);
        if (read instanceof JsonReadResult.Rejected rejected) {
            InboxProblem.send(ctx, 400, "Bad request", rejected.reason().name(), "The body is not acceptable JSON: " + rejected.detail());
            return;
        }
        JsonNode json = ((JsonReadResult.Parsed) read).value();
        Parsed<Activity> parsed = Activity.parse(json);
        if (!(parsed instanceof Parsed.Ok<Activity> ok)) {
            InboxProblem.send(ctx, 400, "Bad request", "NOT_AN_ACTIVITY",
                    "The body is not an ActivityStreams activity: " + parsed.failure().orElse("?"));
            return;
        }
        Activity activity = ok.value();
        if (isLocal(activity.actorId())) {
            InboxProblem.send(ctx, 400, "Bad request", "LOCAL_ACTOR",
                    "The actor " + activity.actorId() + " is on this server; its activities do not come through the inbox.");
            return;
        }
        String actorHost = authorityOf(activity.actorId());
        if (actorHost != null && refuseBlocked(ctx, actorHost)) {
            return;
        }
        HttpMessage message = HttpMessage.request("POST", target(ctx.request()), headers(ctx.request()), body);
        authenticator.authenticate(message, activity, json)
                .compose(auth -> respond(ctx, auth, activity, json, body, owner))
                .onFailure(ctx::fail);
    }

    private Future<Void> respond(RoutingContext ctx, Authentication auth, Activity activity, JsonNode json, byte[] body,
                                 Optional<LocalActorRef> owner) {
        if (auth instanceof Refused r) {
            refuse(ctx, r, activity);
            return Future.succeededFuture();
        }
        if (auth instanceof Dropped d) {
            LOG.debug("inbox dropped {}: {}", activity.id(), d.why());
            InboxAcceptSignature.advertise(ctx.response()).setStatusCode(202).end();
            return Future.succeededFuture();
        }
        Authenticated a = (Authenticated) auth;
        if (policies.decide(a.actor().domain()).rejected()) {
            InboxProblem.send(ctx, 403, "Forbidden", "DOMAIN_BLOCKED", "This server does not accept activities from "
                    + a.actor().domain() + ".");
            return Future.succeededFuture();
        }
        if (a.scheme() == SignatureScheme.RFC_9421) {
            String signerHost = authorityOf(a.keyId());
            signers.acceptsRfc9421(signerHost);
            if (a.keyId().equals(a.actor().multikeyId())) {
                signers.signsWithEd25519(signerHost);
            }
        }
        return inboxOwner(owner).compose(found -> {
            if (owner.isPresent() && found.isEmpty()) {
                ctx.fail(404);
                return Future.succeededFuture();
            }
            return store(a, activity, json, body, found.orElse(null))
                    .map(v -> {
                        InboxAcceptSignature.advertise(ctx.response()).setStatusCode(202).end();
                        return v;
                    })
                    .recover(e -> unstorable(ctx, e));
        });
    }

    /**
     * Stores the activity and passes it on to this process's worker: in memory when the hand-off
     * has a place for it, otherwise by waking the worker to claim it from the table.
     */
    private Future<Void> store(Authenticated a, Activity activity, JsonNode json, byte[] body, Long ownerId) {
        Instant lease = handOff.reserve();
        Future<Optional<Long>> stored = batcher.insert(new InboxStore.Received(activity.id(), activity.id(),
                a.actor().uri(), activity.type(), body, a.verifiedBy(), ownerId, lease));
        if (lease == null) {
            return stored.map(row -> {
                row.ifPresent(id -> wake.run());
                return null;
            });
        }
        return stored
                .onFailure(e -> handOff.cancel())
                .map(row -> {
                    row.ifPresentOrElse(id -> handOff.add(new InboxHandOff.Handed(id, ownerId, activity, json, a.actor())),
                            handOff::cancel);
                    return null;
                });
    }

    private Future<Optional<Long>> inboxOwner(Optional<LocalActorRef> owner) {
        return owner.isEmpty() ? Future.succeededFuture(Optional.empty()) : owners.idOf(owner.get());
    }

    /** PostgreSQL refuses some valid JSON in jsonb (a {@code \u0000} in a string): the sender's problem. */
    private static Future<Void> unstorable(RoutingContext ctx, Throwable e) {
        if (e instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("22")) {
            InboxProblem.send(ctx, 400, "Bad request", "UNSTORABLE_JSON", "The activity cannot be stored: "
                    + pg.getErrorMessage());
            return Future.succeededFuture();
        }
        return Future.failedFuture(e);
    }

    private void refuse(RoutingContext ctx, Refused r, Activity activity) {
        String host = r.keyId() != null ? authorityOf(r.keyId()) : authorityOf(activity.actorId());
        rejections.count(host, r.reason());
        LOG.info("inbox refused {} from {} ({}): {} {}", activity.id(), host, r.keyId(), r.reason(), r.detail());
        InboxProblem.send(ctx, r.status(), r.status() == 401 ? "Unauthorized" : "Forbidden", r.reason(),
                r.reason() + ": " + r.detail());
    }

    // --- the request as signed -----------------------------------------------------------------

    /** The full target URI: the node's public scheme and authority, the request's path and query. */
    private URI target(HttpServerRequest request) {
        String uri = request.uri();
        if (!uri.startsWith("/")) {
            URI absolute = URI.create(uri);
            uri = absolute.getRawPath() + (absolute.getRawQuery() == null ? "" : "?" + absolute.getRawQuery());
        }
        return URI.create(baseOrigin + uri);
    }

    /**
     * The request's fields as signed. HTTP/2 carries the host in the {@code :authority}
     * pseudo-header, never in {@code Host}, yet draft-cavage signers sign {@code host} (PROTOCOL.md
     * §3.1): the authority stands for it, as a proxy speaking HTTP/1.1 to us would have written it.
     */
    static List<HttpMessage.Header> headers(HttpServerRequest request) {
        List<HttpMessage.Header> out = new ArrayList<>();
        for (Map.Entry<String, String> h : request.headers()) {
            out.add(new HttpMessage.Header(h.getKey(), h.getValue()));
        }
        if (request.version() == HttpVersion.HTTP_2 && request.headers().get("Host") == null && request.authority() != null) {
            out.add(new HttpMessage.Header("Host", hostField(request.authority())));
        }
        return out;
    }

    /** {@code host[:port]} as a {@code Host} field writes it: no port when there was none, brackets for IPv6. */
    static String hostField(HostAndPort authority) {
        String host = authority.host().indexOf(':') >= 0 && !authority.host().startsWith("[")
                ? "[" + authority.host() + "]" : authority.host();
        return authority.port() < 0 ? host : host + ":" + authority.port();
    }

    private boolean isLocal(String actorId) {
        return actorId.startsWith(basePath) || uris.isBase(actorId);
    }

    static String authorityOf(String url) {
        try {
            String authority = URI.create(url).getRawAuthority();
            return authority == null ? null : authority.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
