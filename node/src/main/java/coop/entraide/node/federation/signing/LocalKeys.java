package coop.entraide.node.federation.signing;

import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.ActorKeyRepository;
import coop.entraide.node.identity.ActorRepository;
import coop.entraide.node.store.NotFoundException;
import coop.entraide.protocol.keys.KeyFormatException;
import coop.entraide.protocol.keys.Pem;
import coop.entraide.protocol.util.LruMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
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

    public LocalKeys(Vertx vertx, Pool pool, int capacity) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.cache = new LruMap<>(capacity);
    }

    /** The keys of the local actor with this id; fails with {@link NotFoundException} for any other id. */
    public Future<LocalKey> forActor(String actorUri) {
        LocalKey cached = cached(actorUri);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        return actors.byUri(pool, actorUri)
                .compose(found -> found.filter(Actor::local)
                        .map(this::load)
                        .orElseGet(() -> Future.failedFuture(new NotFoundException("no local actor " + actorUri))))
                .onSuccess(this::remember);
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

    private LocalKey cached(String actorUri) {
        synchronized (cache) {
            return cache.get(actorUri);
        }
    }

    private void remember(LocalKey key) {
        synchronized (cache) {
            cache.put(key.actorUri(), key);
        }
    }
}
