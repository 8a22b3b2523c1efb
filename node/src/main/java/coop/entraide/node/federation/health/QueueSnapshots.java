package coop.entraide.node.federation.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery queue's counts once a minute ({@code delivery_queue_snapshots}), for the chart of
 * its health over time. Several processes of one node may all take the snapshot: the minute is
 * the key, so the first write wins and the others change nothing. A week is kept.
 */
public final class QueueSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(QueueSnapshots.class);
    public static final Duration PERIOD = Duration.ofMinutes(1);
    public static final Duration KEPT = Duration.ofDays(7);

    /** The counts at one minute. */
    public record Point(Instant minute, long pending, long retrying, long failed) {
    }

    /** Records the counts for the minute {@code now} falls in; false if that minute was recorded already. */
    public Future<Boolean> take(SqlClient client, Instant now) {
        return client.preparedQuery("""
                        INSERT INTO delivery_queue_snapshots (minute, pending, retrying, failed)
                        SELECT $1,
                               count(*) FILTER (WHERE state = 'pending' AND attempts = 0),
                               count(*) FILTER (WHERE state = 'pending' AND attempts > 0),
                               count(*) FILTER (WHERE state = 'failed')
                        FROM delivery_jobs
                        ON CONFLICT (minute) DO NOTHING""")
                .execute(Tuple.of(minute(now)))
                .map(rows -> rows.rowCount() > 0);
    }

    public Future<Integer> purge(SqlClient client, Instant now) {
        return client.preparedQuery("DELETE FROM delivery_queue_snapshots WHERE minute < $1")
                .execute(Tuple.of(minute(now.minus(KEPT))))
                .map(rows -> rows.rowCount());
    }

    /** The points from {@code since} on, oldest first. */
    public Future<List<Point>> series(SqlClient client, Instant since) {
        return client.preparedQuery("""
                        SELECT minute, pending, retrying, failed FROM delivery_queue_snapshots
                        WHERE minute >= $1 ORDER BY minute""")
                .execute(Tuple.of(minute(since)))
                .map(rows -> {
                    List<Point> points = new ArrayList<>();
                    for (Row r : rows) {
                        points.add(new Point(r.getOffsetDateTime("minute").toInstant(), r.getLong("pending"),
                                r.getLong("retrying"), r.getLong("failed")));
                    }
                    return points;
                });
    }

    static OffsetDateTime minute(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC);
    }

    /** Takes a snapshot now and then every minute, until closed. */
    public AutoCloseable start(Vertx vertx, Pool pool, Clock clock) {
        Runnable tick = () -> take(pool, clock.instant())
                .compose(v -> purge(pool, clock.instant()))
                .onFailure(e -> LOG.warn("could not record the delivery queue's counts: {}", e.getMessage()));
        tick.run();
        long timer = vertx.setPeriodic(PERIOD.toMillis(), id -> tick.run());
        return () -> vertx.cancelTimer(timer);
    }
}
