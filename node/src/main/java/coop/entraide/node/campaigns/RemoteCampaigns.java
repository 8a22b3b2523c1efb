package coop.entraide.node.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.federation.social.ActorLookup;
import coop.entraide.node.federation.social.Audience;
import coop.entraide.node.federation.social.ObjectRepository;
import coop.entraide.node.federation.social.SocialContext;
import coop.entraide.node.federation.social.StoredObject;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import coop.entraide.node.identity.Member;
import coop.entraide.node.ledger.Money;
import coop.entraide.node.ledger.MoneyRules;
import coop.entraide.protocol.as.EntraideCampaigns;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Campaigns of other Entraide nodes, as our members meet them: the campaign objects that reached
 * this node (through a collective one of ours follows, kept up to date by its Updates), and the
 * pledges our members send them, followed until the campaign's node reports them received,
 * refunded or released.
 */
public final class RemoteCampaigns {
    static final int MAX_MESSAGE = 1000;
    static final int MAX_NAME = 100;

    private final Pool pool;
    private final SocialContext social;
    private final SentPledgeRepository sent = new SentPledgeRepository();
    private final ObjectRepository objects = new ObjectRepository();
    private final ActorLookup actors = new ActorLookup();

    public RemoteCampaigns(Pool pool, SocialContext social) {
        this.pool = pool;
        this.social = social;
    }

    SentPledgeRepository sent() {
        return sent;
    }

    OffsetDateTime now() {
        return social.clock().instant().atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** Other nodes' campaigns known here, newest first: public, not deleted. */
    public Future<List<StoredObject>> known(int limit) {
        return pool.preparedQuery("""
                        SELECT o.uri FROM objects o
                        WHERE 'Campaign' = ANY (o.types) AND NOT o.local AND o.deleted_at IS NULL
                          AND o.hidden_at IS NULL AND o.visibility IN ('public', 'unlisted')
                        ORDER BY o.published_at DESC, o.id DESC LIMIT $1""")
                .execute(Tuple.of(limit))
                .compose(rows -> {
                    List<String> uris = new ArrayList<>();
                    rows.forEach(r -> uris.add(r.getString("uri")));
                    List<StoredObject> found = new ArrayList<>();
                    Future<Void> chain = Future.succeededFuture();
                    for (String uri : uris) {
                        chain = chain.compose(v -> objects.byUri(pool, uri)).map(o -> {
                            o.ifPresent(found::add);
                            return null;
                        });
                    }
                    return chain.map(found);
                });
    }

    /**
     * A member pledges to another node's campaign known here: the signed {@code Offer} of a
     * {@code Pledge} goes to the campaign's collective, and the pledge waits for its answer.
     */
    public Future<SentPledge> pledge(Member member, JsonObject body) {
        Object campaign = body.getValue("campaign");
        if (!(campaign instanceof String campaignUri) || campaignUri.isBlank()) {
            throw ApiException.invalid(List.of(new FieldError("campaign", "campaign must be the id (URI) of a campaign")));
        }
        return pool.withTransaction(tx -> campaignObject(tx, campaignUri).compose(stored -> {
            ObjectNode document = stored.documentNode();
            String state = document.path(EntraideCampaigns.CAMPAIGN_STATE).asText("");
            if (!state.equals(CampaignState.OPEN.value())) {
                return Future.failedFuture(ApiException.conflict("This campaign is " + (state.isEmpty() ? "closed" : state)
                        + " and takes no more pledges."));
            }
            Input input = input(member, body, document);
            return actors.byId(tx, stored.actorId()).map(Optional::orElseThrow).compose(collective -> {
                String activityId = social.uris().newActivity();
                OffsetDateTime now = now();
                ObjectNode offer = CampaignDocuments.pledgeOffer(activityId, member.actor().uri(), collective.uri(),
                        campaignUri, input.amount(), input.tip(), input.publicName(), input.message(), now.toInstant());
                return sent.insert(tx, member.id(), collective.id(), campaignUri, activityId, input.amount(), input.tip(),
                                input.publicName(), input.message(), now)
                        .compose(row -> social.publisher().publish(tx, member.actor(), offer,
                                Audience.direct(collective)).map(row));
            });
        })).onSuccess(x -> social.wakeDelivery().run());
    }

    private record Input(Money amount, Money tip, String publicName, String message) {
    }

    private static Input input(Member member, JsonObject body, JsonNode campaign) {
        List<FieldError> errors = new ArrayList<>();
        Currency currency = CampaignInput.field(errors, () -> MoneyRules.currency("currency",
                campaign.path(EntraideCampaigns.CURRENCY).asText("EUR")));
        Object asked = body.getValue("currency");
        if (currency != null && asked != null && !currency.getCurrencyCode().equals(asked)) {
            errors.add(new FieldError("currency", "currency must be " + currency.getCurrencyCode() + ", the campaign's"));
        }
        Money amount = currency == null ? null
                : CampaignInput.field(errors, () -> MoneyRules.positive("amount", body.getValue("amount"), currency));
        Money tip = currency == null ? null
                : CampaignInput.field(errors, () -> MoneyRules.zeroOrMore("tip", body.getValue("tip"), currency));
        Boolean anonymous = CampaignInput.field(errors, () -> CampaignInput.bool(body, "anonymous", false));
        String name = CampaignInput.field(errors, () -> CampaignInput.optionalText(body, "public_name", MAX_NAME));
        String message = CampaignInput.field(errors, () -> CampaignInput.optionalText(body, "message", MAX_MESSAGE));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String shown = Boolean.TRUE.equals(anonymous) ? null : name != null ? name : displayName(member);
        return new Input(amount, tip, shown, message);
    }

    private static String displayName(Member member) {
        String name = member.actor().displayName();
        return name == null || name.isBlank() ? member.username() : name;
    }

    private Future<StoredObject> campaignObject(SqlConnection tx, String uri) {
        return objects.byUri(tx, uri).compose(found -> {
            if (found.isEmpty() || found.get().local() || found.get().deleted()
                    || !found.get().types().contains(EntraideCampaigns.CAMPAIGN)) {
                return Future.failedFuture(ApiException.invalid(List.of(new FieldError("campaign",
                        "no campaign of another node is known here by this id; follow its collective first"))));
            }
            return Future.succeededFuture(found.get());
        });
    }

    /** The member's pledges to other nodes' campaigns, newest first. */
    public Future<List<SentPledge>> mine(Member member) {
        return pool.withConnection(c -> sent.ofMember(c, member.id()));
    }

    /**
     * The member takes back a pledge not yet paid: an {@code Undo} of its Offer goes to the
     * collective, whose node releases it and says so with an Update.
     */
    public Future<SentPledge> withdraw(Member member, UUID publicId) {
        return pool.withTransaction(tx -> sent.byPublicId(tx, publicId).compose(found -> {
            if (found.isEmpty() || found.get().memberId() != member.id()) {
                return Future.failedFuture(ApiException.notFound("You have no pledge with this id."));
            }
            SentPledge p = found.get();
            if (!p.state().equals(SentPledge.SENT) && !p.state().equals("promised")) {
                return Future.failedFuture(ApiException.conflict("A " + p.state()
                        + " pledge cannot be withdrawn; ask the collective."));
            }
            return actors.byId(tx, p.collectiveId()).map(Optional::orElseThrow).compose(collective -> social.publisher()
                    .publish(tx, member.actor(), CampaignDocuments.undoPledge(social.uris().newActivity(),
                            member.actor().uri(), collective.uri(), p.activityUri(), social.clock().instant()),
                            Audience.direct(collective))
                    .map(p));
        })).onSuccess(x -> social.wakeDelivery().run());
    }
}
