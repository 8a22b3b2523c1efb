package coop.entraide.node.campaigns;

import coop.entraide.node.http.ApiException;
import coop.entraide.node.identity.Member;
import coop.entraide.node.store.NotFoundException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;

/**
 * Tax receipts (reçus fiscaux) for pledges received by collectives that may issue them. A receipt
 * number is allocated once per pledge, from an unbroken sequence per collective: the counter row
 * is updated (and so locked) in the transaction that stores the receipt, so concurrent issues wait
 * for each other and a rolled-back issue leaves no hole. Asking again returns the same number.
 */
public final class TaxReceipts {
    /** Everything a receipt states. */
    public record Receipt(long number, Instant issuedAt, FundingSettings collective, Campaign campaign, Pledge pledge) {
    }

    private final CampaignCore core;
    private final Vertx vertx;

    TaxReceipts(CampaignCore core, Vertx vertx) {
        this.core = core;
        this.vertx = vertx;
    }

    /** The receipt of a pledge, issued now if it has none; for the collective's admins and the donor. */
    public Future<Receipt> issue(Member caller, long pledgeId) {
        return core.pool.withTransaction(tx -> core.pledges.lock(tx, pledgeId)
                .compose(found -> found.map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(new NotFoundException("there is no pledge " + pledgeId))))
                .compose(p -> core.campaign(tx, p.campaignId()).compose(c -> {
                    boolean donor = p.donorMemberId() != null && p.donorMemberId() == caller.id();
                    if (!donor && !CampaignCore.isAdminOf(caller, c.collectiveId())) {
                        return Future.failedFuture(ApiException.forbidden(
                                "Only the donor or an admin of " + c.collectiveUsername() + " can get this receipt."));
                    }
                    return core.funding.get(tx, c.collectiveId()).compose(settings -> {
                        if (!settings.taxReceipts()) {
                            return Future.failedFuture(ApiException.conflict(
                                    c.collectiveName() + " is not set up to issue tax receipts."));
                        }
                        if (p.state() != PledgeState.RECEIVED) {
                            return Future.failedFuture(ApiException.conflict("A receipt is issued once the pledge is received; this one is "
                                    + p.state().value() + "."));
                        }
                        if (!"EUR".equals(p.amount().code())) {
                            return Future.failedFuture(ApiException.conflict("Tax receipts are issued for gifts in euros."));
                        }
                        return numberFor(tx, c.collectiveId(), p.id())
                                .map(n -> new Receipt(n.number(), n.issuedAt(), settings, c, p));
                    });
                })));
    }

    private record Numbered(long number, Instant issuedAt) {
    }

    private Future<Numbered> numberFor(SqlConnection tx, long collectiveId, long pledgeId) {
        return tx.preparedQuery("SELECT number, issued_at FROM tax_receipts WHERE pledge_id = $1")
                .execute(Tuple.of(pledgeId))
                .compose(rows -> {
                    if (rows.iterator().hasNext()) {
                        var r = rows.iterator().next();
                        return Future.succeededFuture(new Numbered(r.getLong("number"),
                                r.getOffsetDateTime("issued_at").toInstant()));
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
                                    .map(v -> new Numbered(number, now)));
                });
    }

    /** The receipt as a PDF, rendered on a worker thread. */
    public Future<byte[]> pdf(Member caller, long pledgeId) {
        return issue(caller, pledgeId).compose(r -> vertx.executeBlocking(() -> ReceiptPdf.render(r), false));
    }
}
