package coop.entraide.node.campaigns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.Uris;
import coop.entraide.node.campaigns.CampaignPublications.CampaignActivity;
import coop.entraide.node.campaigns.CampaignPublications.Kind;
import coop.entraide.node.federation.social.ObjectSigner;
import coop.entraide.node.federation.social.SigningKeys;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.identity.Member;
import coop.entraide.node.identity.Role;
import coop.entraide.node.ledger.Ledger;
import coop.entraide.node.store.NotFoundException;
import coop.entraide.protocol.as.As;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** What the campaign services share: storage, time, ids, and announcing changes to followers. */
final class CampaignCore {
    final Pool pool;
    final Clock clock;
    final Uris uris;
    final CampaignPublications publications;
    final Duration coalescing;
    final CampaignRepository campaigns = new CampaignRepository();
    final PledgeRepository pledges = new PledgeRepository();
    final FundingSettingsRepository funding = new FundingSettingsRepository();
    final Ledger ledger = new Ledger();
    /** Collectives sign every campaign object and news post; their keys are read and prepared once. */
    private final SigningKeys signers = new SigningKeys();
    /** A campaign's accounts never change once opened, so their ids are kept once read. */
    private final Map<Long, CampaignAccounts> accounts = new ConcurrentHashMap<>();

    CampaignCore(Pool pool, Clock clock, Uris uris, CampaignPublications publications, Duration coalescing) {
        this.pool = pool;
        this.clock = clock;
        this.uris = uris;
        this.publications = publications;
        this.coalescing = coalescing;
    }

    Instant now() {
        return clock.instant();
    }

    String campaignUri(long id) {
        return uris.campaign(id);
    }

    String pledgeUri(long id) {
        return uris.pledge(id);
    }

    /** A fresh id for an activity about a campaign. */
    String activityId(long campaignId) {
        return campaignUri(campaignId) + "/activities/" + UUID.randomUUID();
    }

    CampaignDocuments.Addresses addresses(Campaign c) {
        String collective = uris.collective(c.collectiveUsername());
        return new CampaignDocuments.Addresses(campaignUri(c.id()), collective, uris.followers(collective));
    }

    Future<CampaignAccounts> accounts(SqlClient client, long campaignId) {
        CampaignAccounts known = accounts.get(campaignId);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        return ledger.accounts(client, CampaignAccounts.SCOPE, campaignId).map(found -> {
            CampaignAccounts a = CampaignAccounts.of(found);
            accounts.put(campaignId, a);
            return a;
        });
    }

    Future<Campaign> campaign(SqlClient client, long id) {
        return campaigns.byId(client, id).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new NotFoundException("there is no campaign " + id))));
    }

    Future<Campaign> lock(SqlClient tx, long id, boolean exclusive) {
        return campaigns.lock(tx, id, exclusive).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new NotFoundException("there is no campaign " + id))));
    }

    /** The campaign's totals, summed from the ledger as seen by {@code client}. */
    Future<Progress> progress(SqlClient client, Campaign c) {
        return ledger.balances(client, CampaignAccounts.SCOPE, c.id())
                .compose(b -> pledges.contributors(client, c.id()).map(n -> CampaignAccounts.progress(c.goal(), b, n)));
    }

    static boolean isAdminOf(Member m, long collectiveId) {
        return m.role() == Role.ADMIN && m.collectiveId() == collectiveId && !m.suspended();
    }

    static void requireAdmin(Member m, Campaign c) {
        if (!isAdminOf(m, c.collectiveId())) {
            throw ApiException.forbidden("Only an admin of " + c.collectiveUsername() + " can do this.");
        }
    }

    /** The campaign object with its current totals, signed with the collective's key. */
    Future<ObjectNode> signedObject(SqlClient client, Campaign c) {
        return signedObject(client, c, null);
    }

    /**
     * The same, stamped {@code updated} at {@code changed} when given: a progress Update changes the
     * totals without editing the campaign, and receivers apply only Updates newer than their copy.
     */
    private Future<ObjectNode> signedObject(SqlClient client, Campaign c, Instant changed) {
        return progress(client, c).compose(p -> signer(client, c).map(signer -> {
            ObjectNode object = CampaignDocuments.toAs(c, p, addresses(c));
            if (changed != null && changed.isAfter(c.updatedAt())) {
                object.put("updated", CampaignDocuments.time(changed));
            }
            return signed(object, signer);
        }));
    }

    /** The collective's proof signer; empty (its documents go unsigned) if it has no keys. */
    private Future<Optional<ObjectSigner>> signer(SqlClient client, Campaign c) {
        return signers.signerFor(client, c.collectiveId(), uris.ed25519Key(uris.collective(c.collectiveUsername())));
    }

    /** A campaign document signed as it is: its context already declares our terms (FEP-8b32). */
    private ObjectNode signed(ObjectNode document, Optional<ObjectSigner> signer) {
        return signer.map(s -> s.signAsIs(document, now())).orElse(document);
    }

    /** Announces the campaign to the collective's followers: {@code Create} or {@code Update}. */
    Future<Void> announce(SqlConnection tx, Campaign c, Kind kind) {
        String type = kind == Kind.CREATE ? As.CREATE : As.UPDATE;
        return signedObject(tx, c, kind == Kind.UPDATE ? now() : null).compose(object -> publications.publish(tx,
                new CampaignActivity(kind, c.id(),
                uris.collective(c.collectiveUsername()),
                CampaignDocuments.activity(type, activityId(c.id()), object, addresses(c), now()), List.of())));
    }

    /**
     * Sends a news post to the fediverse: a {@code Note} signed by the collective (FEP-8b32), for
     * its followers and the remote contributors named in {@code contributors}.
     */
    Future<Void> announceNews(SqlConnection tx, Campaign c, CampaignRepository.News news, List<String> contributors) {
        CampaignDocuments.Addresses at = addresses(c);
        ObjectNode note = CampaignDocuments.newsNote(campaignUri(c.id()) + "/updates/" + news.id(), news.title(),
                news.contentHtml(), at, contributors, news.publishedAt());
        return signer(tx, c).compose(signer -> publications.publish(tx, new CampaignActivity(Kind.NEWS, c.id(),
                at.collectiveUri(), CampaignDocuments.newsActivity(activityId(c.id()), signed(note, signer), now()),
                contributors)));
    }

    /** Tells a remote donor their pledge changed state. */
    Future<Void> tellDonor(SqlConnection tx, Campaign c, Pledge p) {
        if (p.donorKind() != Pledge.DonorKind.REMOTE) {
            return Future.succeededFuture();
        }
        String collective = uris.collective(c.collectiveUsername());
        return publications.publish(tx, new CampaignActivity(Kind.PLEDGE_STATE, c.id(), collective,
                CampaignDocuments.pledgeStateChanged(activityId(c.id()), collective, p, pledgeUri(p.id()),
                        campaignUri(c.id()), now()), List.of(p.donorActorUri())));
    }
}
