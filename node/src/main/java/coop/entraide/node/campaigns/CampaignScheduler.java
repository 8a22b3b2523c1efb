package coop.entraide.node.campaigns;

import coop.entraide.node.campaigns.CampaignPublications.Kind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time-driven work on campaigns, kept as data so that it survives restarts: campaigns whose end
 * date has passed are closed, and campaigns whose progress Update is due are published. Each sweep
 * claims its rows with {@code FOR UPDATE SKIP LOCKED}, so several node processes on one database
 * share the work without doing any of it twice.
 */
public final class CampaignScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignScheduler.class);
    static final int BATCH = 20;

    /** What one sweep did. */
    public record Sweep(int closed, int published) {
    }

    private final CampaignCore core;
    private final Closing closing;
    private Vertx vertx;
    private long timer = -1;
    private volatile boolean sweeping;

    CampaignScheduler(CampaignCore core) {
        this.core = core;
        this.closing = new Closing(core);
    }

    /** Sweeps every {@code period} until closed. */
    public CampaignScheduler start(Vertx vertx, Duration period) {
        this.vertx = vertx;
        this.timer = vertx.setPeriodic(period.toMillis(), id -> {
            if (sweeping) {
                return;
            }
            sweeping = true;
            sweep().onComplete(done -> {
                sweeping = false;
                if (done.failed()) {
                    LOG.warn("campaign sweep failed: {}", done.cause().getMessage(), done.cause());
                }
            });
        });
        return this;
    }

    /** Closes what is due, then publishes what is due (including what was just closed). */
    public Future<Sweep> sweep() {
        return closeDue(0).compose(closed -> publishDue(0).map(published -> new Sweep(closed, published)));
    }

    /**
     * Closes due campaigns a batch at a time. Closing a campaign that failed tells its remote donors
     * their promise is released, so those the node never met are fetched first, with no
     * transaction open; the batch is then locked and closed.
     */
    private Future<Integer> closeDue(int sofar) {
        Instant now = core.now();
        return core.campaigns.dueToClose(core.pool, now, BATCH)
                .compose(due -> meetDonors(due).map(due))
                .compose(due -> due.isEmpty() ? Future.succeededFuture(0)
                        : core.pool.withTransaction(tx -> core.campaigns.lockStillDueToClose(tx, due, now)
                                .compose(ids -> closeEach(tx, ids).map(ids.size()))))
                .compose(n -> n == BATCH ? closeDue(sofar + n) : Future.succeededFuture(sofar + n));
    }

    private Future<Void> meetDonors(List<Long> ids) {
        List<Future<List<String>>> donors = new ArrayList<>();
        for (long id : ids) {
            donors.add(core.campaign(core.pool, id).compose(c -> closing.donorsToTellAtEnd(core.pool, c)));
        }
        return Future.all(donors).compose(all -> core.publications.meet(all.<List<String>>list().stream()
                .flatMap(List::stream).distinct().toList()));
    }

    private Future<Void> closeEach(SqlConnection tx, List<Long> ids) {
        Future<Void> chain = Future.succeededFuture();
        for (long id : ids) {
            chain = chain.compose(v -> core.campaign(tx, id))
                    .compose(c -> closing.closeAtEnd(tx, c))
                    .map(state -> {
                        LOG.info("campaign {} closed at its end date: {}", id, state.value());
                        return null;
                    });
        }
        return chain;
    }

    private Future<Integer> publishDue(int sofar) {
        Instant now = core.now();
        return core.pool.withTransaction(tx -> core.campaigns.lockProgressDue(tx, now, BATCH)
                        .compose(ids -> publishEach(tx, ids, now).map(ids.size())))
                .compose(n -> n == BATCH ? publishDue(sofar + n) : Future.succeededFuture(sofar + n));
    }

    private Future<Void> publishEach(SqlConnection tx, List<Long> ids, Instant now) {
        Future<Void> chain = Future.succeededFuture();
        for (long id : ids) {
            chain = chain.compose(v -> core.campaign(tx, id))
                    .compose(c -> c.state() == CampaignState.DRAFT ? Future.<Void>succeededFuture()
                            : core.announce(tx, c, Kind.UPDATE))
                    .compose(v -> core.campaigns.progressPublished(tx, id, now));
        }
        return chain;
    }

    @Override
    public void close() {
        if (vertx != null && timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
