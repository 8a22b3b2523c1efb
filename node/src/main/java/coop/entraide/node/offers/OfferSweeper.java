package coop.entraide.node.offers;

import coop.entraide.node.offers.OfferLifecycle.Mover;
import coop.entraide.protocol.offers.OfferState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time-driven changes: available offers whose time is up expire, and borrowers get a reminder
 * before a loan is due. The schedule lives in the database ({@code expires_at}, {@code loan_due_at},
 * {@code loan_reminder_sent_at}), so a restart loses nothing; each sweep claims its rows with
 * {@code FOR UPDATE SKIP LOCKED}, so several node processes on one database never do the same
 * work twice.
 */
public final class OfferSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OfferSweeper.class);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_REMINDER_LEAD = Duration.ofHours(24);
    static final int BATCH = 100;

    private final Vertx vertx;
    private final OfferService service;
    private final Duration reminderLead;
    private long timer = -1;

    public OfferSweeper(Vertx vertx, OfferService service, Duration reminderLead) {
        this.vertx = vertx;
        this.service = service;
        this.reminderLead = reminderLead;
    }

    public OfferSweeper start(Duration interval) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> sweep()
                .onFailure(e -> LOG.warn("offer sweep failed; next one in {}", interval, e)));
        return this;
    }

    /** One pass: expiries, then reminders. Answers how many offers it changed. */
    public Future<Integer> sweep() {
        return expire().compose(expired -> remind().map(reminded -> expired + reminded));
    }

    Future<Integer> expire() {
        OffsetDateTime now = service.nowUtc();
        return service.pool().withTransaction(tx -> claim(tx, """
                        SELECT public_id FROM offers
                        WHERE state = 'available' AND local AND expires_at <= $1 AND deleted_at IS NULL
                        ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED""", now)
                .compose(ids -> each(ids, id -> service.offers().find(tx, id)
                        .compose(found -> service.move(tx, found.orElseThrow(), OfferState.EXPIRED, Mover.NODE, null, now))
                        .compose(offer -> service.reloadAndPublish(tx, id)).mapEmpty())));
    }

    Future<Integer> remind() {
        OffsetDateTime now = service.nowUtc();
        return service.pool().withTransaction(tx -> claim(tx, """
                        SELECT public_id FROM offers
                        WHERE state = 'lent' AND loan_reminder_sent_at IS NULL AND loan_due_at <= $1
                        ORDER BY loan_due_at LIMIT $2 FOR UPDATE SKIP LOCKED""", now.plus(reminderLead))
                .compose(ids -> each(ids, id -> service.offers().find(tx, id).compose(found -> {
                    Offer offer = found.orElseThrow();
                    return service.tell(tx, offer, offer.borrowerId(), offer.borrowerUri(), "loan_due_soon",
                                    Messages.loanDueSoon(offer), now)
                            .compose(v -> tx.preparedQuery("UPDATE offers SET loan_reminder_sent_at = $2 WHERE id = $1")
                                    .execute(Tuple.of(offer.id(), now)).mapEmpty());
                }))));
    }

    private static Future<List<UUID>> claim(SqlClient tx, String sql, OffsetDateTime until) {
        return tx.preparedQuery(sql).execute(Tuple.of(until, BATCH)).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            for (Row row : rows) {
                ids.add(row.getUUID("public_id"));
            }
            return ids;
        });
    }

    private static Future<Integer> each(List<UUID> ids, java.util.function.Function<UUID, Future<Void>> work) {
        Future<Void> done = Future.succeededFuture();
        for (UUID id : ids) {
            done = done.compose(v -> work.apply(id));
        }
        return done.map(ids.size());
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
