package coop.entraide.node.federation.signing;

import coop.entraide.node.Blocking;
import coop.entraide.node.federation.signing.SignatureHostStore.StoredHost;
import coop.entraide.protocol.sig.Ed25519HostFact;
import coop.entraide.protocol.sig.Ed25519Hosts;
import coop.entraide.protocol.sig.NegotiatingSigner;
import coop.entraide.protocol.sig.NegotiatingSigner.HostSchemes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what {@link Ed25519Hosts} and the scheme {@link NegotiatingSigner} learn of other servers in
 * {@code signature_hosts}, so that it survives restarts and is shared by every node process on the
 * database.
 *
 * <ul>
 *   <li>On start, the most recently changed rows (up to the memories' capacity) are loaded.</li>
 *   <li>A change (learnt, forgotten, refused) is only noted in a map by host, on whatever thread
 *       made it; a timer writes what was noted every {@code flushInterval}, in one statement per
 *       kind. Answers that repeat what is known change nothing and write nothing. A failed write is
 *       tried again at the next tick, unless a newer change of the same host replaced it.</li>
 *   <li>Every {@code pollInterval}, right after a write, rows other processes changed are read
 *       and taken back into memory. Each run writes under its own random id and does not read its
 *       own writes back; a host this process changed and has not written yet keeps what this
 *       process knows, which is newer.</li>
 *   <li>Every {@code pruneInterval} (and on start) the table is cut back to {@code capacity}
 *       rows.</li>
 * </ul>
 * Nothing here runs on a request's path but the map insertion; the database is reached from timers,
 * without blocking the event loop. If it is unreachable, memory carries on alone.
 */
public final class SignatureMemory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignatureMemory.class);

    /** How often changes are written, changes of others read, and the table cut back to its capacity. */
    public record Settings(Duration flushInterval, Duration pollInterval, Duration pruneInterval, int capacity) {
        /** A refusal reaches the database within half a second; other processes know it within two more. */
        public static final Settings DEFAULT = new Settings(Duration.ofMillis(500), Duration.ofSeconds(2),
                Duration.ofHours(1), Ed25519Hosts.DEFAULT_CAPACITY);

        public Settings {
            Objects.requireNonNull(flushInterval, "flushInterval");
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(pruneInterval, "pruneInterval");
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be positive");
            }
        }
    }

    private static final int BATCH = 500;

    private final Vertx vertx;
    private final Pool pool;
    private final Settings settings;
    private final SignatureHostStore store = new SignatureHostStore();
    private final String writer = UUID.randomUUID().toString();
    private final Map<String, Ed25519HostFact> unwrittenEd25519 = new ConcurrentHashMap<>();
    private final Map<String, HostSchemes> unwrittenSchemes = new ConcurrentHashMap<>();
    private final AtomicBoolean syncing = new AtomicBoolean();
    private final List<Long> timers = new ArrayList<>();
    private volatile Ed25519Hosts ed25519Hosts;
    private volatile NegotiatingSigner schemes;
    private volatile long lastChange;
    private volatile boolean failing;
    private volatile long lastPoll = System.nanoTime();
    /** Rows the last poll took, by host and change: read again for late commits, but taken once. */
    private volatile Map<String, Long> lastPolled = Map.of();

    public SignatureMemory(Vertx vertx, Pool pool, Settings settings) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Where {@link Ed25519Hosts} tells its changes. */
    void ed25519Changed(Ed25519HostFact fact) {
        unwrittenEd25519.put(fact.host(), fact);
    }

    /** Where the {@link NegotiatingSigner} tells its changes. */
    void schemesChanged(HostSchemes known) {
        unwrittenSchemes.put(known.host(), known);
    }

    /** Loads what is stored into these memories, then keeps the table and them in step until {@link #close}. */
    Future<Void> attach(Ed25519Hosts ed25519Hosts, NegotiatingSigner schemes) {
        this.ed25519Hosts = Objects.requireNonNull(ed25519Hosts, "ed25519Hosts");
        this.schemes = Objects.requireNonNull(schemes, "schemes");
        return store.prune(pool, settings.capacity())
                .compose(pruned -> store.latest(pool, settings.capacity()))
                .map(rows -> {
                    // Oldest first, so that the memories keep the newest if they hold fewer.
                    for (int i = rows.size() - 1; i >= 0; i--) {
                        take(rows.get(i));
                        lastChange = Math.max(lastChange, rows.get(i).change());
                    }
                    LOG.info("{} servers' signature abilities loaded", rows.size());
                    timers.add(vertx.setPeriodic(millis(settings.flushInterval()), id -> sync(false)));
                    timers.add(vertx.setPeriodic(millis(settings.pruneInterval()), id -> prune()));
                    return null;
                });
    }

    /**
     * Writes what changed since the last write, then reads what others wrote if a poll is due (or
     * {@code pollNow}). One at a time: completes at once when another is under way.
     */
    Future<Void> sync(boolean pollNow) {
        if (!syncing.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        boolean pollDue = pollNow || System.nanoTime() - lastPoll >= settings.pollInterval().toNanos();
        return flush()
                .compose(v -> pollDue ? poll() : Future.<Void>succeededFuture())
                .onComplete(done -> {
                    syncing.set(false);
                    report(done.failed() ? done.cause() : null);
                });
    }

    private Future<Void> flush() {
        if (unwrittenEd25519.isEmpty() && unwrittenSchemes.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Ed25519HostFact> ed25519 = drain(unwrittenEd25519);
        List<HostSchemes> known = drain(unwrittenSchemes);
        return writeEd25519(ed25519)
                .compose(v -> writeSchemes(known))
                .onFailure(e -> {
                    ed25519.forEach(f -> unwrittenEd25519.putIfAbsent(f.host(), f));
                    known.forEach(k -> unwrittenSchemes.putIfAbsent(k.host(), k));
                });
    }

    private Future<Void> poll() {
        lastPoll = System.nanoTime();
        return store.changedSince(pool, lastChange, writer, BATCH)
                .map(rows -> {
                    Map<String, Long> polled = new HashMap<>();
                    for (StoredHost row : rows) {
                        polled.put(row.host(), row.change());
                        if (!Long.valueOf(row.change()).equals(lastPolled.get(row.host()))) {
                            take(row);
                        }
                        lastChange = Math.max(lastChange, row.change());
                    }
                    lastPolled = polled;
                    return null;
                });
    }

    private void prune() {
        store.prune(pool, settings.capacity())
                .onSuccess(n -> {
                    if (n > 0) {
                        LOG.debug("{} rows of servers' signature abilities removed", n);
                    }
                })
                .onFailure(e -> LOG.warn("cannot cut back the servers' signature abilities: {}", e.getMessage()));
    }

    /** What this process has not written yet. */
    int unwritten() {
        return unwrittenEd25519.size() + unwrittenSchemes.size();
    }

    private void take(StoredHost row) {
        for (String value : row.unreadable()) {
            LOG.warn("ignoring the stored {} of {}, which this node cannot read", value, row.host());
        }
        row.ed25519().filter(fact -> !unwrittenEd25519.containsKey(fact.host())).ifPresent(fact -> {
            if (!ed25519Hosts.restore(fact)) {
                LOG.warn("ignoring the stored ed25519 standing of {}, which this node would not have learnt: {}",
                        row.host(), fact);
            }
        });
        row.schemes().filter(known -> !unwrittenSchemes.containsKey(known.host())).ifPresent(known -> {
            if (!schemes.restore(known)) {
                LOG.warn("ignoring the stored signature schemes of {}", row.host());
            }
        });
    }

    private Future<Void> writeEd25519(List<Ed25519HostFact> facts) {
        return inBatches(facts, batch -> store.writeEd25519(pool, batch, writer));
    }

    private Future<Void> writeSchemes(List<HostSchemes> all) {
        return inBatches(all, batch -> store.writeSchemes(pool, batch, writer));
    }

    /** Writes {@code all} {@link #BATCH} at a time, one statement after the other. */
    private static <T> Future<Void> inBatches(List<T> all, Function<List<T>, Future<Void>> write) {
        Future<Void> written = Future.succeededFuture();
        for (int from = 0; from < all.size(); from += BATCH) {
            List<T> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            written = written.compose(v -> write.apply(batch));
        }
        return written;
    }

    /** Takes each entry out; one put meanwhile stays in the map for the next write. */
    private static <T> List<T> drain(Map<String, T> unwritten) {
        List<T> out = new ArrayList<>();
        for (String host : unwritten.keySet()) {
            T value = unwritten.remove(host);
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    /** One line when the database stops answering, one when it is back. */
    private void report(Throwable failure) {
        if (failure != null && !failing) {
            LOG.warn("cannot write or read the servers' signature abilities, keeping them in memory: {}",
                    failure.getMessage());
        } else if (failure == null && failing) {
            LOG.info("servers' signature abilities reach the database again");
        }
        failing = failure != null;
    }

    private static long millis(Duration d) {
        return Math.max(1, d.toMillis());
    }

    /** Stops the timers and writes what is left (the node's stopping thread only). */
    @Override
    public void close() {
        timers.forEach(vertx::cancelTimer);
        timers.clear();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (unwritten() > 0 && System.nanoTime() < deadline) {
            if (syncing.compareAndSet(false, true)) {
                try {
                    Blocking.await(flush(), 10, "writing the servers' signature abilities");
                } catch (RuntimeException e) {
                    LOG.warn("could not write the servers' signature abilities before stopping: {}", e.getMessage());
                    return;
                } finally {
                    syncing.set(false);
                }
            } else {
                sleepBriefly();
            }
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
