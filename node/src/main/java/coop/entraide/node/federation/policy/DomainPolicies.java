package coop.entraide.node.federation.policy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policies as the hot path sees them: {@link #decide} answers from an immutable in-memory
 * snapshot, never from the database.
 *
 * <p>Several node processes may share one database, so each polls a version counter (one
 * primary-key read, by default every {@value #DEFAULT_POLL_MILLIS} ms) and reloads when it moved;
 * database triggers bump it with every change, whoever makes it. A change is thus applied
 * everywhere within one poll interval, and at once in the process that made it if it calls
 * {@link #refresh()}. Polling was preferred to LISTEN/NOTIFY: it needs no dedicated connection,
 * works through transaction-pooling proxies, and cannot miss a change while a connection is down.
 * If the database is unreachable, the last snapshot stays in force.
 */
public final class DomainPolicies implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DomainPolicies.class);
    public static final long DEFAULT_POLL_MILLIS = 2000;
    public static final Duration DEFAULT_POLL = Duration.ofMillis(DEFAULT_POLL_MILLIS);

    private final Vertx vertx;
    private final Pool pool;
    private final DomainPolicyStore store = new DomainPolicyStore();
    private final AtomicReference<PolicySnapshot> current = new AtomicReference<>();
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile boolean pollFailing;
    private volatile long timer = -1;

    private DomainPolicies(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    /** Loads the policies, then keeps them up to date until {@link #close()}. */
    public static Future<DomainPolicies> start(Vertx vertx, Pool pool, Duration pollInterval) {
        DomainPolicies policies = new DomainPolicies(vertx, pool);
        return policies.refresh().map(first -> {
            policies.timer = vertx.setPeriodic(Math.max(1, pollInterval.toMillis()), id -> policies.poll());
            return policies;
        });
    }

    /** What to do with {@code host} (a domain, optionally with a port; any case; Unicode or punycode). */
    public Decision decide(String host) {
        PolicySnapshot snapshot = current.get();
        if (host == null || host.length() > MAX_REMEMBERED_HOST_LENGTH) {
            return snapshot.decide(host);
        }
        Decisions decisions = this.decisions;
        if (decisions.snapshot() != snapshot) {
            decisions = new Decisions(snapshot, new ConcurrentHashMap<>());
            this.decisions = decisions;
        }
        Decision known = decisions.byHost().get(host);
        if (known != null) {
            return known;
        }
        Decision decision = snapshot.decide(host);
        if (decisions.byHost().size() < MAX_REMEMBERED_HOSTS) {
            decisions.byHost().put(host, decision);
        }
        return decision;
    }

    /**
     * Decisions already taken with one snapshot, by host as asked. An inbox asks up to three times
     * per request, and reading a host (IDN rules included) costs far more than the lookup; a new
     * snapshot starts afresh, so a change of policy is never hidden by what was decided before.
     */
    private record Decisions(PolicySnapshot snapshot, Map<String, Decision> byHost) {
    }

    private static final int MAX_REMEMBERED_HOSTS = 4096;
    private static final int MAX_REMEMBERED_HOST_LENGTH = 260;
    private volatile Decisions decisions = new Decisions(null, Map.of());

    public FederationMode mode() {
        return current.get().mode();
    }

    public PolicySnapshot snapshot() {
        return current.get();
    }

    /** Reloads now; the returned snapshot includes every change committed before the call. */
    public Future<PolicySnapshot> refresh() {
        return store.version(pool)
                .compose(version -> Future.all(store.mode(pool), store.all(pool))
                        .map(loaded -> PolicySnapshot.of(version, loaded.resultAt(0), loaded.resultAt(1))))
                .map(this::install);
    }

    /**
     * Keeps the newest snapshot when two reloads race: the version is read before the rows, so
     * rows are never older than the version they are labelled with.
     */
    private PolicySnapshot install(PolicySnapshot loaded) {
        PolicySnapshot now = current.accumulateAndGet(loaded,
                (old, candidate) -> old == null || candidate.version() >= old.version() ? candidate : old);
        if (now == loaded) {
            LOG.debug("domain policies at version {}: {} entries, mode {}", loaded.version(),
                    loaded.byDomain().size(), loaded.mode().wireName());
        }
        return now;
    }

    private void poll() {
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        store.version(pool)
                .compose(version -> version == current.get().version() ? Future.succeededFuture() : refresh().mapEmpty())
                .onComplete(done -> {
                    polling.set(false);
                    if (done.failed() && !pollFailing) {
                        LOG.warn("cannot reload domain policies, keeping the ones loaded: {}", done.cause().getMessage());
                    } else if (done.succeeded() && pollFailing) {
                        LOG.info("domain policies reloading again");
                    }
                    pollFailing = done.failed();
                });
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
