package coop.entraide.node.federation.inbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts refused inbox requests per day, sending server and reason in
 * {@code signature_rejections}. Counting is kept cheap for the request being refused: it adds to a
 * counter in memory, and the counters are written in one statement every {@code flushInterval}
 * (and at close), so a flood of bad signatures does not become a flood of writes.
 */
public final class SignatureRejections implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignatureRejections.class);
    /** Hosts named by refused requests are remote input: cap how many distinct keys wait in memory. */
    static final int MAX_PENDING_KEYS = 10_000;
    static final String OTHER_HOSTS = "(other)";

    private record Key(LocalDate day, String host, String reason) {
    }

    private final Vertx vertx;
    private final Pool pool;
    private final Clock clock;
    private final ConcurrentHashMap<Key, LongAdder> pending = new ConcurrentHashMap<>();
    /** The last flush asked for; each one starts when the one before has ended. */
    private Future<Void> inFlight = Future.succeededFuture();
    private final long timer;

    public SignatureRejections(Vertx vertx, Pool pool, Clock clock, Duration flushInterval) {
        this.vertx = vertx;
        this.pool = pool;
        this.clock = clock;
        this.timer = vertx.setPeriodic(Math.max(1, flushInterval.toMillis()), id -> flush());
    }

    /** Counts one refusal; {@code host} may be null when the request named none. */
    public void count(String host, String reason) {
        String h = host == null || host.isBlank() ? "(unknown)" : host;
        if (pending.size() >= MAX_PENDING_KEYS) {
            h = OTHER_HOSTS;
        }
        pending.computeIfAbsent(new Key(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), h, reason),
                k -> new LongAdder()).increment();
    }

    /**
     * Writes what was counted until now; the future completes once it is written. Flushes run one
     * after the other, so a flush asked for while another is writing waits for it and then writes
     * what came since, rather than returning before the counts it should cover are stored.
     */
    public synchronized Future<Void> flush() {
        inFlight = inFlight.transform(previous -> write());
        return inFlight;
    }

    private Future<Void> write() {
        List<Tuple> batch = new ArrayList<>();
        for (Map.Entry<Key, LongAdder> e : pending.entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n > 0) {
                Key k = e.getKey();
                batch.add(Tuple.of(k.day(), k.host(), k.reason(), n));
            }
        }
        pending.entrySet().removeIf(e -> e.getValue().sum() == 0);
        if (batch.isEmpty()) {
            return Future.succeededFuture();
        }
        return pool.preparedQuery("""
                        INSERT INTO signature_rejections (day, host, reason, count) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (day, host, reason) DO UPDATE SET count = signature_rejections.count + EXCLUDED.count""")
                .executeBatch(batch)
                .onFailure(e -> LOG.warn("could not record {} signature rejection counts: {}", batch.size(), e.getMessage()))
                .<Void>mapEmpty()
                .otherwiseEmpty();
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
    }
}
