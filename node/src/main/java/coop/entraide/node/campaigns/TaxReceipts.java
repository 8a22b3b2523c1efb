package coop.entraide.node.campaigns;

import coop.entraide.node.http.ApiException;
import coop.entraide.node.identity.Member;
import coop.entraide.node.store.NotFoundException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Optional;

/**
 * Tax receipts (reçus fiscaux) for pledges received by collectives that may issue them. A receipt
 * number is allocated once per pledge, from an unbroken sequence per collective, when the
 * treasurer records the money received: the counter row is updated (and so locked) in that
 * transaction, so concurrent receipts wait for each other and a rolled-back one leaves no hole.
 * Reading a receipt never allocates one; a pledge received before its collective issued receipts
 * gets its number through an explicit {@link #issue}.
 */
public final class TaxReceipts {
    /** Everything a receipt states. */
    public record Receipt(long number, Instant issuedAt, FundingSettings collective, Campaign campaign, Pledge pledge) {
    }

    /** A receipt the treasurer asked for, and whether that request allocated its number. */
    public record Issued(Receipt receipt, boolean created) {
    }

    private record Numbered(long number, Instant issuedAt, boolean created) {
    }

    private final CampaignCore core;
    private final Vertx vertx;

    TaxReceipts(CampaignCore core, Vertx vertx) {
        this.core = core;
        this.vertx = vertx;
    }

    /**
     * Run by the treasurer's "received" change, in its transaction, with the pledge locked: the
     * pledge gets its number when the collective issues receipts and the gift qualifies.
     */
    Future<Void> onReceived(SqlConnection tx, Campaign c, Pledge p) {
        return core.funding.get(tx, c.collectiveId()).compose(settings -> refusal(settings, c, p).isPresent()
                ? Future.succeededFuture()
                : numberFor(tx, c.collectiveId(), p.id()).mapEmpty());
    }

    /**
     * Allocates the receipt of a received pledge that has none (received before its collective
     * issued receipts); the existing receipt when it has one. The collective's admins only.
     */
    public Future<Issued> issue(Member treasurer, long pledgeId) {
        return core.pool.withTransaction(tx -> core.pledges.lock(tx, pledgeId)
                .compose(found -> found.map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(new NotFoundException("there is no pledge " + pledgeId))))
                .compose(p -> core.campaign(tx, p.campaignId()).compose(c -> {
                    CampaignCore.requireAdmin(treasurer, c);
                    return core.funding.get(tx, c.collectiveId()).compose(settings -> {
                        Optional<String> refused = refusal(settings, c, p);
                        if (refused.isPresent()) {
                            return Future.failedFuture(ApiException.conflict(refused.get()));
                        }
                        return numberFor(tx, c.collectiveId(), p.id()).map(n -> new Issued(
                                new Receipt(n.number(), n.issuedAt(), settings, c, p), n.created()));
                    });
                })));
    }

    /** The receipt a pledge already has, for the collective's admins and the donor; allocates nothing. */
    public Future<Receipt> existing(Member caller, long pledgeId) {
        return core.pledges.byId(core.pool, pledgeId)
                .compose(found -> found.map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(new NotFoundException("there is no pledge " + pledgeId))))
                .compose(p -> core.campaign(core.pool, p.campaignId()).compose(c -> {
                    boolean donor = p.donorMemberId() != null && p.donorMemberId() == caller.id();
                    if (!donor && !CampaignCore.isAdminOf(caller, c.collectiveId())) {
                        return Future.failedFuture(ApiException.forbidden(
                                "Only the donor or an admin of " + c.collectiveUsername() + " can get this receipt."));
                    }
                    return core.funding.get(core.pool, c.collectiveId()).compose(settings -> stored(core.pool, p.id())
                            .compose(n -> n.isPresent()
                                    ? Future.succeededFuture(new Receipt(n.get().number(), n.get().issuedAt(), settings, c, p))
                                    : Future.failedFuture(ApiException.notFound(whyNone(settings, c, p)))));
                }));
    }

    /** Why this pledge cannot have a receipt, if it cannot. */
    private static Optional<String> refusal(FundingSettings settings, Campaign c, Pledge p) {
        if (!settings.taxReceipts()) {
            return Optional.of(c.collectiveName() + " does not issue tax receipts.");
        }
        if (p.state() != PledgeState.RECEIVED) {
            return Optional.of("A receipt is issued once the pledge is received; this one is " + p.state().value() + ".");
        }
        if (!"EUR".equals(p.amount().code())) {
            return Optional.of("Tax receipts are issued for gifts in euros.");
        }
        return Optional.empty();
    }

    private static String whyNone(FundingSettings settings, Campaign c, Pledge p) {
        return "This pledge has no tax receipt. " + refusal(settings, c, p).orElse(
                "It was received before " + c.collectiveName() + " issued receipts; an admin of "
                        + c.collectiveUsername() + " can issue it (POST /api/v1/pledges/" + p.id() + "/receipt).");
    }

    private static Future<Optional<Numbered>> stored(SqlClient client, long pledgeId) {
        return client.preparedQuery("SELECT number, issued_at FROM tax_receipts WHERE pledge_id = $1")
                .execute(Tuple.of(pledgeId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.<Numbered>empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new Numbered(r.getLong("number"), r.getOffsetDateTime("issued_at").toInstant(), false));
                });
    }

    /** The pledge's number, allocated now if it has none; the caller holds the pledge's lock. */
    private Future<Numbered> numberFor(SqlConnection tx, long collectiveId, long pledgeId) {
        return stored(tx, pledgeId).compose(known -> {
            if (known.isPresent()) {
                return Future.succeededFuture(known.get());
            }
            Instant now = core.now();
            return tx.preparedQuery("""
                            INSERT INTO tax_receipt_counters (collective_id, last_number) VALUES ($1, 1)
                            ON CONFLICT (collective_id)
                            DO UPDATE SET last_number = tax_receipt_counters.last_number + 1
                            RETURNING last_number""")
                    .execute(Tuple.of(collectiveId))
                    .map(counted -> counted.iterator().next().getLong("last_number"))
                    .compose(number -> tx.preparedQuery("""
                                    INSERT INTO tax_receipts (collective_id, number, pledge_id, issued_at)
                                    VALUES ($1, $2, $3, $4)""")
                            .execute(Tuple.of(collectiveId, number, pledgeId, CampaignRepository.at(now)))
                            .map(v -> new Numbered(number, now, true)));
        });
    }

    /** The pledge's existing receipt as a PDF, rendered on a worker thread. */
    public Future<byte[]> pdf(Member caller, long pledgeId) {
        return existing(caller, pledgeId).compose(r -> vertx.executeBlocking(() -> ReceiptPdf.render(r), false));
    }
}
