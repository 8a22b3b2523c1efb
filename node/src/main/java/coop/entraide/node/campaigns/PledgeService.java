package coop.entraide.node.campaigns;

import coop.entraide.node.campaigns.CampaignDocuments.RemotePledge;
import coop.entraide.node.campaigns.CampaignPublications.CampaignActivity;
import coop.entraide.node.campaigns.CampaignPublications.Kind;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import coop.entraide.node.identity.Member;
import coop.entraide.node.ledger.Money;
import coop.entraide.node.ledger.MoneyRules;
import coop.entraide.node.notifications.Notifications;
import coop.entraide.node.payments.BankTransfer;
import coop.entraide.node.payments.CreditorReference;
import coop.entraide.node.payments.PaymentMethod;
import coop.entraide.node.store.NotFoundException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pledges, from whoever makes them (a member of this node, a member of another Entraide node, a
 * visitor of the public page), and what the collective's treasurer records about them.
 *
 * <p>A pledge locks its campaign FOR SHARE: pledges run side by side, each appending its own
 * rows, while closing the campaign (FOR UPDATE) waits for them and refuses the ones after it.
 * Every refusal happens before anything is written or rolls the transaction back.
 */
public final class PledgeService {
    /** Payment methods a treasurer may record. */
    static final Set<String> METHODS = Set.of(BankTransfer.ID, "cash", "cheque");
    /** Why another server's pledge is refused when its campaign is unknown, or a draft it may not know of. */
    private static final String NO_SUCH_CAMPAIGN = "there is no such campaign on this node";

    /** A recorded pledge and how to pay it. */
    public record Made(Pledge pledge, PaymentMethod.Instructions instructions) {
    }

    /** What became of a pledge another server sent. */
    public sealed interface RemoteOutcome {
        record Accepted(Pledge pledge) implements RemoteOutcome {
        }

        /** The same activity came again: nothing changed. */
        record AlreadyKnown(Pledge pledge) implements RemoteOutcome {
        }

        record Refused(String reason) implements RemoteOutcome {
        }
    }

    private final CampaignCore core;
    private final TaxReceipts receipts;
    private final PaymentMethod bankTransfer = new BankTransfer();
    private final Notifications notifications = new Notifications();

    PledgeService(CampaignCore core, TaxReceipts receipts) {
        this.core = core;
        this.receipts = receipts;
    }

    // ---- making pledges -------------------------------------------------------------------------

    public Future<Made> pledgeAsMember(Member donor, long campaignId, Map<String, Object> body) {
        return visibleCampaign(campaignId, donor).compose(c -> {
            PledgeInput input = PledgeInput.parse(body, c, donor.actor().displayName(), false);
            PledgeRepository.NewPledge p = newPledge(c, input, Pledge.DonorKind.MEMBER, donor.id(), null, null);
            return core.pool.withTransaction(tx -> pledge(tx, c.id(), p,
                    CampaignAccounts.Recorder.member(donor.id(), donor.username())));
        }).compose(this::withInstructions);
    }

    /** A visitor of the public page, known by an e-mail address only. */
    public Future<Made> pledgeAsVisitor(long campaignId, Map<String, Object> form) {
        return visibleCampaign(campaignId, null).compose(c -> {
            PledgeInput input = PledgeInput.parse(form, c, null, true);
            PledgeRepository.NewPledge p = newPledge(c, input, Pledge.DonorKind.PUBLIC, null, null, null);
            return core.pool.withTransaction(tx -> pledge(tx, c.id(), p, CampaignAccounts.Recorder.node("public form")));
        }).compose(this::withInstructions);
    }

    /**
     * The campaign as {@code donor} (null: anyone) may see it: a draft is not found for those who
     * cannot read it, so that pledging tells no more than reading does.
     */
    private Future<Campaign> visibleCampaign(long campaignId, Member donor) {
        return core.campaign(core.pool, campaignId).compose(c -> visible(c, donor) ? Future.succeededFuture(c)
                : Future.failedFuture(new NotFoundException("there is no campaign " + campaignId)));
    }

    private static boolean visible(Campaign c, Member donor) {
        return c.state() != CampaignState.DRAFT || donor != null && CampaignCore.isAdminOf(donor, c.collectiveId());
    }

    /**
     * A pledge from a member of another Entraide node, in its signed {@code Offer}, run in the inbox
     * worker's transaction. It is acknowledged to the sender ({@code Accept}, or {@code Reject}
     * with the reason); the same activity delivered twice is recorded once.
     */
    public Future<RemoteOutcome> pledgeRemote(SqlConnection tx, RemotePledge remote) {
        return core.pledges.byRemoteActivity(tx, remote.activityUri()).compose(known -> {
            if (known.isPresent()) {
                return Future.succeededFuture((RemoteOutcome) new RemoteOutcome.AlreadyKnown(known.get()));
            }
            Long campaignId = localCampaignId(remote.campaignUri());
            if (campaignId == null) {
                return Future.succeededFuture(new RemoteOutcome.Refused(NO_SUCH_CAMPAIGN));
            }
            // A savepoint keeps a refused pledge from spoiling the inbox worker's transaction. The Accept
            // is queued after it is released: jobs queued inside a savepoint that is rolled back
            // could still be handed to the delivery worker when the transaction commits.
            return tx.query("SAVEPOINT remote_pledge").execute()
                    .compose(v -> remotePledge(tx, campaignId, remote))
                    .compose(made -> tx.query("RELEASE SAVEPOINT remote_pledge").execute().map(made))
                    .transform(ar -> ar.succeeded()
                            ? acceptRemote(tx, ar.result(), remote).map(p -> (RemoteOutcome) new RemoteOutcome.Accepted(p))
                            : tx.query("ROLLBACK TO SAVEPOINT remote_pledge").execute()
                                    .compose(x -> refuseRemote(tx, campaignId, remote, reason(ar.cause()))));
        });
    }

    /** A remote pledge recorded, with its campaign. */
    private record RemoteMade(Campaign campaign, Pledge pledge) {
    }

    private Future<RemoteMade> remotePledge(SqlConnection tx, long campaignId, RemotePledge remote) {
        return core.campaign(tx, campaignId).compose(c -> {
            if (!visible(c, null)) {
                return Future.failedFuture(new NotFoundException(NO_SUCH_CAMPAIGN));
            }
            Map<String, Object> fields = new HashMap<>();
            fields.put("amount", remote.amount());
            fields.put("tip", remote.tip());
            fields.put("currency", remote.currency());
            fields.put("public_name", remote.publicName());
            fields.put("message", remote.message());
            fields.put("anonymous", remote.publicName() == null);
            PledgeInput input = PledgeInput.parse(fields, c, null, false);
            PledgeRepository.NewPledge p = newPledge(c, input, Pledge.DonorKind.REMOTE, null, remote.actorUri(),
                    remote.activityUri());
            return pledge(tx, campaignId, p, new CampaignAccounts.Recorder(null, "remote:" + remote.actorUri()))
                    .map(made -> new RemoteMade(c, made));
        });
    }

    private Future<Pledge> acceptRemote(SqlConnection tx, RemoteMade made, RemotePledge remote) {
        Campaign c = made.campaign();
        String collective = core.uris.collective(c.collectiveUsername());
        return core.publications.publish(tx, new CampaignActivity(Kind.ACCEPT_PLEDGE, c.id(), collective,
                CampaignDocuments.acceptPledge(core.activityId(c.id()), collective, made.pledge(),
                        core.pledgeUri(made.pledge().id()), core.campaignUri(c.id()), core.now()),
                List.of(remote.actorUri()))).map(made.pledge());
    }

    private Future<RemoteOutcome> refuseRemote(SqlConnection tx, long campaignId, RemotePledge remote, String reason) {
        return core.campaign(tx, campaignId).compose(c -> {
            String collective = core.uris.collective(c.collectiveUsername());
            return core.publications.publish(tx, new CampaignActivity(Kind.REJECT_PLEDGE, c.id(), collective,
                    CampaignDocuments.rejectPledge(core.activityId(c.id()), collective, remote.activityUri(),
                            remote.actorUri(), reason, core.now()), List.of(remote.actorUri())));
        }).map(v -> new RemoteOutcome.Refused(reason));
    }

    private static String reason(Throwable e) {
        if (e instanceof ApiException api) {
            return api.errors().isEmpty() ? api.detail()
                    : String.join("; ", api.errors().stream().map(FieldError::message).toList());
        }
        return e.getMessage() == null ? "refused" : e.getMessage();
    }

    private Long localCampaignId(String uri) {
        String prefix = core.uris.base() + "/campaigns/";
        if (uri == null || !uri.startsWith(prefix)) {
            return null;
        }
        try {
            return Long.parseLong(uri.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The donor's server withdraws a remote pledge ({@code Undo} of its {@code Offer}). Only the actor
     * who made it may; anyone else is refused and nothing is written.
     */
    public Future<RemoteOutcome> withdrawRemote(SqlConnection tx, String actorUri, String offerActivityUri) {
        return core.pledges.byRemoteActivity(tx, offerActivityUri).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(new RemoteOutcome.Refused("there is no pledge from that activity"));
            }
            if (!found.get().donorActorUri().equals(actorUri)) {
                return Future.succeededFuture(new RemoteOutcome.Refused(actorUri + " cannot change a pledge made by "
                        + found.get().donorActorUri()));
            }
            return core.pledges.lock(tx, found.get().id()).compose(locked -> {
                Pledge p = locked.orElseThrow();
                if (p.state() != PledgeState.PROMISED) {
                    return Future.succeededFuture(new RemoteOutcome.Refused("a " + p.state().value()
                            + " pledge cannot be withdrawn; ask the collective for a refund"));
                }
                return change(tx, p, PledgeState.RELEASED, new CampaignAccounts.Recorder(null, "remote:" + actorUri),
                        null, null, "withdrawn by the donor").map(changed -> new RemoteOutcome.Accepted(changed));
            });
        });
    }

    private static PledgeRepository.NewPledge newPledge(Campaign c, PledgeInput in, Pledge.DonorKind kind, Long memberId,
                                                         String actorUri, String activityUri) {
        return new PledgeRepository.NewPledge(c.id(), kind, memberId, actorUri, in.email(), in.legalName(), in.address(),
                in.publicName(), in.message(), in.amount().amount(), in.tip().amount(), c.goal().code(), activityUri);
    }

    /**
     * The one path every pledge takes, inside a transaction. The time is read once the campaign is
     * locked, so that a pledge recorded before a close is also dated before it.
     */
    private Future<Pledge> pledge(SqlConnection tx, long campaignId, PledgeRepository.NewPledge p,
                                  CampaignAccounts.Recorder by) {
        return core.lock(tx, campaignId, false).compose(c -> {
            Instant now = core.now();
            if (!c.acceptsPledgesAt(now)) {
                return Future.failedFuture(ApiException.conflict(whyClosed(c, now)));
            }
            if (!c.goal().code().equals(p.currency())) {
                return Future.failedFuture(ApiException.conflict("This campaign's currency changed; try again."));
            }
            return core.pledges.nextId(tx)
                    .compose(id -> core.pledges.insert(tx, id, p, CreditorReference.of("C" + campaignId + "P" + id).value(),
                            now).map(id))
                    .compose(id -> core.pledges.byId(tx, id).map(found -> found.orElseThrow()))
                    .compose(made -> core.accounts(tx, campaignId)
                            .compose(a -> core.ledger.record(tx, a.pledgeEvent(PledgeState.PROMISED, made, by, now,
                                    made.paymentReference(), null)))
                            .compose(v -> core.campaigns.markProgressDue(tx, campaignId, now, core.coalescing))
                            .map(made));
        });
    }

    private static String whyClosed(Campaign c, Instant now) {
        return switch (c.state()) {
            case DRAFT -> "This campaign is not published yet.";
            case OPEN -> now.isBefore(c.startsAt()) ? "This campaign opens on " + c.startsAt() + "."
                    : "This campaign has ended.";
            default -> "This campaign is " + c.state().value() + " and takes no more pledges.";
        };
    }

    private Future<Made> withInstructions(Pledge p) {
        return core.campaign(core.pool, p.campaignId())
                .compose(c -> core.funding.get(core.pool, c.collectiveId())
                        .map(settings -> new Made(p, instructions(p, c, settings))));
    }

    PaymentMethod.Instructions instructions(Pledge p, Campaign c, FundingSettings settings) {
        return bankTransfer.instructions(new PaymentMethod.PaymentRequest(p.total(), p.amount(), p.tip(),
                CreditorReference.parse(p.paymentReference()).orElseThrow(), settings.payee(c.collectiveName())));
    }

    // ---- what the treasurer records ------------------------------------------------------------

    /** A pledge's money arrived: {@code method} is bank_transfer, cash or cheque. */
    public Future<Pledge> receive(Member treasurer, long pledgeId, JsonObject body) {
        Object method = body.getValue("method");
        if (!(method instanceof String m) || !METHODS.contains(m)) {
            throw ApiException.invalid(List.of(new FieldError("method", "method must be bank_transfer, cash or cheque")));
        }
        String reference = CampaignInput.optionalText(body, "reference", 200);
        return treasurerChange(treasurer, pledgeId, PledgeState.RECEIVED, (String) method, reference,
                CampaignInput.optionalText(body, "memo", 500));
    }

    /** Received money was paid back. */
    public Future<Pledge> refund(Member treasurer, long pledgeId, JsonObject body) {
        return treasurerChange(treasurer, pledgeId, PledgeState.REFUNDED, null,
                CampaignInput.optionalText(body, "reference", 200), CampaignInput.optionalText(body, "memo", 500));
    }

    /** A promise is let go without payment. */
    public Future<Pledge> release(Member treasurer, long pledgeId, JsonObject body) {
        return treasurerChange(treasurer, pledgeId, PledgeState.RELEASED, null, null,
                CampaignInput.optionalText(body, "memo", 500));
    }

    private Future<Pledge> treasurerChange(Member treasurer, long pledgeId, PledgeState to, String method,
                                           String reference, String memo) {
        // A remote donor is told of the change; met first, should the node not know it, with no transaction open.
        return core.pledges.byId(core.pool, pledgeId)
                .compose(found -> found.filter(p -> p.donorKind() == Pledge.DonorKind.REMOTE)
                        .map(p -> core.publications.meet(List.of(p.donorActorUri())))
                        .orElseGet(Future::succeededFuture))
                .compose(v -> lockedChange(treasurer, pledgeId, to, method, reference, memo));
    }

    private Future<Pledge> lockedChange(Member treasurer, long pledgeId, PledgeState to, String method,
                                        String reference, String memo) {
        return core.pool.withTransaction(tx -> core.pledges.lock(tx, pledgeId)
                .compose(found -> found.map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(new NotFoundException("there is no pledge " + pledgeId))))
                .compose(p -> core.campaign(tx, p.campaignId()).compose(c -> {
                    CampaignCore.requireAdmin(treasurer, c);
                    if (!allowed(p.state(), to)) {
                        return Future.failedFuture(ApiException.conflict("A " + p.state().value()
                                + " pledge cannot become " + to.value() + "."));
                    }
                    return change(tx, p, to, CampaignAccounts.Recorder.member(treasurer.id(), treasurer.username()),
                            method, reference, memo);
                })));
    }

    static boolean allowed(PledgeState from, PledgeState to) {
        return switch (to) {
            case RECEIVED, RELEASED -> from == PledgeState.PROMISED;
            case REFUNDED -> from == PledgeState.RECEIVED;
            default -> false;
        };
    }

    /**
     * Records the change in the ledger and on the pledge (locked by the caller), numbers the tax
     * receipt of money received, and tells a remote donor.
     */
    private Future<Pledge> change(SqlConnection tx, Pledge p, PledgeState to, CampaignAccounts.Recorder by,
                                  String method, String reference, String memo) {
        Instant now = core.now();
        String ref = reference == null ? p.paymentReference() : reference;
        return core.accounts(tx, p.campaignId())
                .compose(a -> core.ledger.record(tx, a.pledgeEvent(to, p, by, now, ref, memo)))
                .compose(v -> core.pledges.setState(tx, p.id(), to, method, now))
                .compose(v -> core.campaigns.markProgressDue(tx, p.campaignId(), now, core.coalescing))
                .compose(v -> core.pledges.byId(tx, p.id()).map(found -> found.orElseThrow()))
                .compose(changed -> core.campaign(tx, p.campaignId())
                        .compose(c -> (to == PledgeState.RECEIVED ? receipts.onReceived(tx, c, changed)
                                : Future.<Void>succeededFuture())
                                .compose(v -> core.tellDonor(tx, c, changed))
                                .compose(v -> tellMember(tx, c, changed)))
                        .map(changed));
    }

    /** A member of this node whose pledge's money arrived is told, in the same transaction. */
    private Future<Void> tellMember(SqlConnection tx, Campaign c, Pledge p) {
        if (p.state() != PledgeState.RECEIVED || p.donorMemberId() == null) {
            return Future.succeededFuture();
        }
        return notifications.notify(tx, p.donorMemberId(), Notifications.Kind.PLEDGE_RECEIVED, new JsonObject()
                .put("campaign_id", c.id()).put("title", c.title()).put("pledge_id", p.id())
                .put("amount", p.total().plain()).put("currency", p.total().code()));
    }

    /** What the collective reports spending from the campaign's funds. */
    public Future<Long> recordExpense(Member treasurer, long campaignId, JsonObject body) {
        Instant now = core.now();
        return core.pool.withTransaction(tx -> core.lock(tx, campaignId, false).compose(c -> {
            CampaignCore.requireAdmin(treasurer, c);
            List<FieldError> errors = new ArrayList<>();
            Money amount = CampaignInput.field(errors, () -> MoneyRules.positive("amount", body.getValue("amount"), c.currency()));
            Object currency = body.getValue("currency");
            if (currency != null && !c.goal().code().equals(currency)) {
                errors.add(new FieldError("currency", "currency must be " + c.goal().code() + ", the campaign's"));
            }
            String description = CampaignInput.field(errors, () -> CampaignInput.requiredText(body, "description", 500));
            LocalDate spentOn = CampaignInput.field(errors, () -> date(body.getValue("spent_on"), now));
            if (!errors.isEmpty()) {
                return Future.failedFuture(ApiException.invalid(errors));
            }
            return core.pledges.insertExpense(tx, c.id(), amount.amount(), c.goal().code(), description, spentOn,
                            treasurer.id(), now)
                    .compose(id -> core.accounts(tx, c.id())
                            .compose(a -> core.ledger.record(tx, List.of(a.expense(id, amount,
                                    CampaignAccounts.Recorder.member(treasurer.id(), treasurer.username()), now,
                                    description))))
                            .map(id));
        }));
    }

    private static LocalDate date(Object v, Instant now) {
        if (v == null) {
            return now.atOffset(java.time.ZoneOffset.UTC).toLocalDate();
        }
        if (v instanceof String s) {
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        throw new coop.entraide.node.InvalidInputException("spent_on", "spent_on must be a date such as 2030-05-01");
    }

    // ---- reading -------------------------------------------------------------------------------

    public Future<List<Pledge>> ofMember(Member member) {
        return core.pledges.ofMember(core.pool, member.id());
    }

    /** All pledges of a campaign, with donors' private details: the collective's admins only. */
    public Future<List<Pledge>> ofCampaignForTreasurer(Member treasurer, long campaignId) {
        return core.campaign(core.pool, campaignId).compose(c -> {
            CampaignCore.requireAdmin(treasurer, c);
            return core.pledges.ofCampaign(core.pool, campaignId);
        });
    }

    public Future<Pledge> pledge(long id) {
        return core.pledges.byId(core.pool, id).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new NotFoundException("there is no pledge " + id))));
    }
}
