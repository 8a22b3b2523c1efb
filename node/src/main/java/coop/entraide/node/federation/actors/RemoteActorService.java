package coop.entraide.node.federation.actors;

import coop.entraide.node.Uris;
import coop.entraide.node.federation.actors.ActorLookupException.Reason;
import coop.entraide.node.federation.policy.Decision;
import coop.entraide.node.federation.policy.DomainPolicies;
import coop.entraide.node.identity.Actor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RemoteActors} over the {@code actors} table and signed fetches.
 *
 * <ul>
 *   <li>Local ids are answered from the database, never fetched.</li>
 *   <li>A remote actor fetched less than {@code maxAge} ago is served from the cache; an older one
 *       is fetched again, and served stale if its server does not answer.</li>
 *   <li>Concurrent requests for the same id share one fetch.</li>
 *   <li>410 Gone or a Tombstone marks the actor deleted (and drops its follows); a deleted actor
 *       is never fetched again.</li>
 *   <li>Nothing is requested from a domain the policy rejects.</li>
 * </ul>
 */
public final class RemoteActorService implements RemoteActors {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteActorService.class);
    /** Mastodon refreshes remote accounts about daily; keys rarely change more often. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(1);

    private final Pool pool;
    private final Uris uris;
    private final DocumentFetcher documents;
    private final WebFingerClient webFinger;
    private final DomainPolicies policies;
    private final Clock clock;
    private final Duration maxAge;
    private final ActorStore store = new ActorStore();
    private final ConcurrentHashMap<String, Future<Actor>> inFlight = new ConcurrentHashMap<>();
    /** Saves a database round trip per signed request; a minute at most, forgotten when the actor changes here. */
    private final ActorsByKeyId byKeyId = new ActorsByKeyId(Duration.ofMinutes(1), 10_000);

    public RemoteActorService(Pool pool, Uris uris, DocumentFetcher documents, WebFingerClient webFinger,
                              DomainPolicies policies, Clock clock, Duration maxAge) {
        this.pool = pool;
        this.uris = uris;
        this.documents = documents;
        this.webFinger = webFinger;
        this.policies = policies;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @Override
    public Future<Actor> resolve(String actorUri) {
        if (isLocal(actorUri)) {
            return local(actorUri);
        }
        return store.byUri(pool, actorUri).compose(cached -> {
            if (cached.isEmpty()) {
                return fetchShared(actorUri);
            }
            CachedActor c = cached.get();
            if (c.deleted()) {
                return fail(Reason.GONE, actorUri + " was deleted");
            }
            if (c.freshAt(clock.instant(), maxAge)) {
                return Future.succeededFuture(c.actor());
            }
            return fetchShared(actorUri).recover(e -> {
                if (ActorLookupException.isGone(e)) {
                    return Future.failedFuture(e);
                }
                LOG.debug("serving stale {}: {}", actorUri, e.getMessage());
                return Future.succeededFuture(c.actor());
            });
        });
    }

    @Override
    public Future<Actor> refresh(String actorUri) {
        return isLocal(actorUri) ? local(actorUri) : fetchShared(actorUri);
    }

    @Override
    public Future<Optional<Actor>> cachedByKeyId(String keyId) {
        Optional<Actor> known = byKeyId.get(keyId);
        if (known.isPresent()) {
            return Future.succeededFuture(known);
        }
        return store.byKeyId(pool, keyId).onSuccess(found -> found.ifPresent(a -> byKeyId.put(keyId, a)));
    }

    @Override
    public Future<Actor> resolveHandle(String handle) {
        Optional<Handle> parsed = Handle.parse(handle);
        if (parsed.isEmpty()) {
            return fail(Reason.NOT_FOUND, "'" + handle + "' is not a handle such as @name@example.org");
        }
        Handle h = parsed.get();
        if (h.host().equalsIgnoreCase(uris.authority())) {
            return pool.preparedQuery("SELECT uri FROM actors WHERE lower(username) = lower($1) AND domain = '' AND deleted_at IS NULL")
                    .execute(Tuple.of(h.name()))
                    .compose(rows -> rows.size() == 0
                            ? fail(Reason.NOT_FOUND, "there is no " + h + " on this node")
                            : local(rows.iterator().next().getString("uri")));
        }
        Future<Void> allowed = refuseBlocked(h.hostName());
        return allowed.compose(v -> webFinger.actorId(h)).compose(this::resolve);
    }

    /** Stores an actor document that arrived embedded in an activity its actor signed (Update). */
    public Future<Optional<Actor>> store(SqlClient tx, RemoteActorDraft draft) {
        byKeyId.forget(draft.uri());
        return store.upsert(tx, draft, clock.instant()).onComplete(ar -> byKeyId.forget(draft.uri()));
    }

    /** Marks a remote actor deleted (and drops its follows), inside the caller's transaction. */
    public Future<Optional<Long>> markDeleted(SqlClient tx, String actorUri) {
        byKeyId.forget(actorUri);
        return store.markDeleted(tx, actorUri, clock.instant()).onComplete(ar -> byKeyId.forget(actorUri));
    }

    /** The cache's row for an id, deleted or not; never fetches. */
    public Future<Optional<CachedActor>> cached(SqlClient client, String actorUri) {
        return store.byUri(client, actorUri);
    }

    // --- fetching ------------------------------------------------------------------------------

    private Future<Actor> fetchShared(String actorUri) {
        Future<Actor> existing = inFlight.get(actorUri);
        if (existing != null) {
            return existing;
        }
        Promise<Actor> promise = Promise.promise();
        Future<Actor> mine = promise.future();
        existing = inFlight.putIfAbsent(actorUri, mine);
        if (existing != null) {
            return existing;
        }
        fetch(actorUri).onComplete(ar -> {
            inFlight.remove(actorUri, mine);
            promise.handle(ar);
        });
        return mine;
    }

    private Future<Actor> fetch(String actorUri) {
        URI uri;
        try {
            uri = new URI(actorUri);
        } catch (URISyntaxException e) {
            return fail(Reason.INVALID, "not a URI: " + actorUri);
        }
        if (uri.getHost() == null) {
            return fail(Reason.INVALID, "not an absolute URL: " + actorUri);
        }
        return refuseBlocked(uri.getRawAuthority())
                .compose(v -> documents.get(uri))
                .compose(outcome -> stored(actorUri, outcome));
    }

    private Future<Actor> stored(String actorUri, DocumentFetcher.Outcome outcome) {
        if (outcome instanceof DocumentFetcher.Gone) {
            return gone(actorUri);
        }
        if (outcome instanceof DocumentFetcher.Unusable u) {
            Reason reason = u.invalid() ? Reason.INVALID : u.status() == 404 ? Reason.NOT_FOUND : Reason.UNAVAILABLE;
            return fail(reason, actorUri + ": " + u.detail());
        }
        DocumentFetcher.Document doc = (DocumentFetcher.Document) outcome;
        if (ActorDocumentCheck.isTombstone(doc.json())) {
            return gone(actorUri);
        }
        ActorDocumentCheck.Result checked = ActorDocumentCheck.check(doc.json(), doc.uri());
        if (checked instanceof ActorDocumentCheck.Refused refused) {
            return fail(Reason.INVALID, actorUri + ": " + refused.why());
        }
        RemoteActorDraft draft = ((ActorDocumentCheck.Accepted) checked).draft();
        if (isLocal(draft.uri())) {
            return fail(Reason.INVALID, actorUri + " answered with the id of a local actor");
        }
        return pool.withTransaction(tx -> store.upsert(tx, draft, clock.instant()))
                .onComplete(ar -> byKeyId.forget(draft.uri()))
                .compose(row -> row.map(Future::succeededFuture)
                        .orElseGet(() -> fail(Reason.GONE, draft.uri() + " was deleted")));
    }

    private Future<Actor> gone(String actorUri) {
        return pool.withTransaction(tx -> store.markDeleted(tx, actorUri, clock.instant()))
                .onComplete(ar -> byKeyId.forget(actorUri))
                .onSuccess(id -> id.ifPresent(i -> LOG.info("{} is gone; marked deleted", actorUri)))
                .compose(id -> fail(Reason.GONE, actorUri + " is gone"));
    }

    private Future<Void> refuseBlocked(String authority) {
        Decision decision = policies.decide(authority);
        return decision.rejected()
                ? fail(Reason.BLOCKED, authority + ": " + decision.why())
                : Future.succeededFuture();
    }

    // --- local actors --------------------------------------------------------------------------

    private boolean isLocal(String actorUri) {
        return actorUri.startsWith(uris.base() + "/") || uris.isBase(actorUri);
    }

    private Future<Actor> local(String actorUri) {
        return store.byUri(pool, actorUri).compose(found -> found
                .filter(c -> !c.deleted() && c.actor().local())
                .map(c -> Future.succeededFuture(c.actor()))
                .orElseGet(() -> fail(Reason.NOT_FOUND, "no local actor " + actorUri)));
    }

    private static <T> Future<T> fail(Reason reason, String detail) {
        return Future.failedFuture(new ActorLookupException(reason, detail));
    }
}
