package coop.entraide.node.federation.signing;

import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.ActorKeyRepository;
import coop.entraide.node.identity.ActorRepository;
import coop.entraide.node.store.NotFoundException;
import coop.entraide.protocol.keys.KeyFormatException;
import coop.entraide.protocol.keys.Pem;
import coop.entraide.protocol.util.LruMap;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The private keys of the node's own actors, read from the database once and kept parsed in a
 * bounded memory cache: parsing a PKCS#8 RSA key costs far more than a signature, and a fan-out
 * signs for the same few actors again and again. Parsing runs on a worker thread.
 */
public final class LocalKeys {
    /** Far more actors than sign at the same time on a small node; one entry is about 3 KiB. */
    public static final int DEFAULT_CAPACITY = 1_000;

    private final Vertx vertx;
    private final Pool pool;
    private final ActorRepository actors = new ActorRepository();
    private final ActorKeyRepository keys = new ActorKeyRepository();
    private final Map<String, LocalKey> cache;
    /** Reads under way, by actor id; guarded by {@code cache}'s lock. */
    private final Map<String, Future<LocalKey>> loading = new HashMap<>();

    public LocalKeys(Vertx vertx, Pool pool, int capacity) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.cache = new LruMap<>(capacity);
    }

    /**
     * The keys of the local actor with this id; fails with {@link NotFoundException} for any other id.
     * Callers that ask for the same actor while its keys are being read share one read: the first
     * fan-out after a start asks for them once per delivery, hundreds at a time.
     */
    public Future<LocalKey> forActor(String actorUri) {
        Promise<LocalKey> read = Promise.promise();
        synchronized (cache) {
            LocalKey cached = cache.get(actorUri);
            if (cached != null) {
                return Future.succeededFuture(cached);
            }
            Future<LocalKey> underWay = loading.putIfAbsent(actorUri, read.future());
            if (underWay != null) {
                return underWay;
            }
        }
        actors.byUri(pool, actorUri)
                .compose(found -> found.filter(Actor::local)
                        .map(this::load)
                        .orElseGet(() -> Future.failedFuture(new NotFoundException("no local actor " + actorUri))))
                .onComplete(ar -> {
                    synchronized (cache) {
                        loading.remove(actorUri);
                        if (ar.succeeded()) {
                            cache.put(actorUri, ar.result());
                        }
                    }
                    read.handle(ar);
                });
        return read.future();
    }

    /** How many actors' keys are held in memory. */
    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private Future<LocalKey> load(Actor actor) {
        return keys.forActor(pool, actor.id())
                .compose(found -> found
                        .map(k -> vertx.executeBlocking(() -> parse(actor, k), false))
                        .orElseGet(() -> Future.failedFuture(new NotFoundException("no private keys for " + actor.uri()))));
    }

    private static LocalKey parse(Actor actor, ActorKeyRepository.PrivateKeys k) throws KeyFormatException {
        PrivateKey rsa = Pem.readPrivateKey(k.rsaPrivateKeyPem());
        PrivateKey ed = Pem.readPrivateKey(k.ed25519PrivateKeyPem());
        if (!(ed instanceof EdECPrivateKey ed25519)) {
            throw new KeyFormatException("the stored Ed25519 key of " + actor.uri() + " is a " + ed.getAlgorithm() + " key");
        }
        return new LocalKey(actor.uri(), actor.publicKeyId(), rsa, actor.multikeyId(), ed25519);
    }

}
