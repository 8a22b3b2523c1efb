package coop.entraide.node.campaigns;

import coop.entraide.node.campaigns.CampaignPublications.Kind;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import coop.entraide.node.identity.Collective;
import coop.entraide.node.identity.CollectiveRepository;
import coop.entraide.node.identity.Member;
import coop.entraide.node.notifications.Notifications;
import coop.entraide.node.store.NotFoundException;
import coop.entraide.protocol.html.Sanitizer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A collective's campaigns: created as drafts by its admins, published, edited, cancelled, and
 * their news posts. Closing at the end date is the {@link CampaignScheduler}'s job.
 */
public final class CampaignService {
    /** A campaign with its totals, as shown to anyone. */
    public record Shown(Campaign campaign, Progress progress) {
    }

    private final CampaignCore core;
    private final CollectiveRepository collectives = new CollectiveRepository();
    private final Notifications notifications = new Notifications();

    CampaignService(CampaignCore core) {
        this.core = core;
    }

    public Future<Campaign> create(Member author, String collectiveName, JsonObject body) {
        Instant now = core.now();
        return collective(collectiveName)
                .compose(c -> {
                    if (!CampaignCore.isAdminOf(author, c.id())) {
                        return Future.failedFuture(ApiException.forbidden("Only an admin of " + c.username()
                                + " can create its campaigns."));
                    }
                    CampaignInput.Fields fields = CampaignInput.parse(body, now);
                    CampaignRepository.Draft draft = fields.draft(c.id(), author.id());
                    return core.pool.withTransaction(tx -> core.campaigns.insert(tx, draft, now)
                            .compose(id -> core.ledger.open(tx, CampaignAccounts.specs(id, c.id(), fields.goal().currency()))
                                    .map(id)));
                })
                .compose(id -> core.campaign(core.pool, id));
    }

    private Future<Collective> collective(String name) {
        return collectives.byUsername(core.pool, name).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new NotFoundException("there is no collective named '" + name + "'"))));
    }

    /** A campaign for anyone to see; drafts only for the collective's admins. */
    public Future<Shown> show(long id, Member viewer) {
        return core.campaign(core.pool, id).compose(c -> {
            if (c.state() == CampaignState.DRAFT && (viewer == null || !CampaignCore.isAdminOf(viewer, c.collectiveId()))) {
                return Future.failedFuture(new NotFoundException("there is no campaign " + id));
            }
            return core.progress(core.pool, c).map(p -> new Shown(c, p));
        });
    }

    public Future<List<Campaign>> ofCollective(String collectiveName, Member viewer) {
        return collective(collectiveName).compose(c -> core.campaigns.ofCollective(core.pool, c.id(),
                viewer != null && CampaignCore.isAdminOf(viewer, c.id())));
    }

    /**
     * Edits a draft or open campaign. Once pledges exist, the goal changes only when the admin says
     * why ({@code goal_change_reason}); the change is then written to the audit trail.
     */
    public Future<Campaign> edit(Member admin, long id, JsonObject patch) {
        Instant now = core.now();
        return core.pool.withTransaction(tx -> core.lock(tx, id, true)
                .compose(c -> checkEditable(admin, c))
                .compose(c -> {
                    CampaignInput.Fields fields = CampaignInput.parse(CampaignInput.merge(CampaignInput.current(c), patch), now);
                    if (!fields.goal().currency().equals(c.currency())) {
                        throw ApiException.invalid(List.of(new FieldError("currency",
                                "the currency of a campaign cannot change; create another campaign")));
                    }
                    boolean goalChanges = fields.goal().amount().compareTo(c.goal().amount()) != 0;
                    Future<Void> goalRule = goalChanges ? guardGoalChange(tx, admin, c, fields, patch, now)
                            : Future.succeededFuture();
                    return goalRule
                            .compose(v -> core.campaigns.update(tx, id, fields.draft(c.collectiveId(), admin.id()), now))
                            .compose(v -> c.state() == CampaignState.OPEN
                                    ? core.campaigns.markProgressDueNow(tx, id, now) : Future.succeededFuture());
                }))
                .compose(v -> core.campaign(core.pool, id));
    }

    private Future<Void> guardGoalChange(SqlConnection tx, Member admin, Campaign c, CampaignInput.Fields fields,
                                         JsonObject patch, Instant now) {
        return core.pledges.countOfCampaign(tx, c.id()).compose(n -> {
            if (n == 0) {
                return Future.succeededFuture();
            }
            Object reason = patch.getValue("goal_change_reason");
            if (!(reason instanceof String r) || r.isBlank()) {
                return Future.failedFuture(ApiException.conflict("This campaign already has " + n + " pledge"
                        + (n == 1 ? "" : "s") + ": its goal changes only with goal_change_reason, which is logged."));
            }
            if (r.length() > 1000) {
                return Future.failedFuture(ApiException.invalid(List.of(new FieldError("goal_change_reason",
                        "goal_change_reason is longer than 1000 characters"))));
            }
            return core.campaigns.audit(tx, c.id(), admin.id(), "goal_changed",
                    new JsonObject().put("goal", c.goal().plain()).put("currency", c.goal().code()),
                    new JsonObject().put("goal", fields.goal().plain()).put("currency", fields.goal().code()),
                    r.strip(), now);
        });
    }

    private static Future<Campaign> checkEditable(Member admin, Campaign c) {
        CampaignCore.requireAdmin(admin, c);
        if (c.state().closed()) {
            return Future.failedFuture(ApiException.conflict("This campaign is " + c.state().value()
                    + " and can no longer change."));
        }
        return Future.succeededFuture(c);
    }

    /** Opens a draft to pledges and announces it. */
    public Future<Campaign> publish(Member admin, long id) {
        Instant now = core.now();
        return core.pool.withTransaction(tx -> core.lock(tx, id, true)
                .compose(c -> {
                    CampaignCore.requireAdmin(admin, c);
                    if (c.state() != CampaignState.DRAFT) {
                        return Future.failedFuture(ApiException.conflict("Only a draft can be published; this campaign is "
                                + c.state().value() + "."));
                    }
                    if (!c.endsAt().isAfter(now)) {
                        return Future.failedFuture(ApiException.conflict("This campaign's end date has passed; change it first."));
                    }
                    return core.campaigns.setState(tx, id, CampaignState.OPEN, now)
                            .compose(v -> core.campaign(tx, id))
                            .compose(opened -> core.announce(tx, opened, Kind.CREATE))
                            .compose(v -> core.campaigns.progressPublished(tx, id, now));
                }))
                .compose(v -> core.campaign(core.pool, id));
    }

    /** Cancels a draft or open campaign; promised pledges are released (received ones stay, to be refunded). */
    public Future<Campaign> cancel(Member admin, long id) {
        // Remote donors are told their promise is released; met first, with no transaction open.
        return core.campaign(core.pool, id)
                .compose(c -> {
                    CampaignCore.requireAdmin(admin, c);
                    return core.pledges.promisedRemoteDonors(core.pool, id);
                })
                .compose(core.publications::meet)
                .compose(v -> cancelNow(admin, id));
    }

    private Future<Campaign> cancelNow(Member admin, long id) {
        return core.pool.withTransaction(tx -> core.lock(tx, id, true)
                .compose(c -> checkEditable(admin, c))
                .compose(c -> cancelLocked(tx, admin, c)))
                .compose(v -> core.campaign(core.pool, id));
    }

    /** Runs with the campaign locked; the time is read then, after every pledge before it. */
    private Future<Void> cancelLocked(SqlConnection tx, Member admin, Campaign c) {
        Instant now = core.now();
        long id = c.id();
        return new Closing(core).releasePromised(tx, c, CampaignAccounts.Recorder.member(admin.id(),
                                admin.username()), "campaign cancelled")
                        .compose(v -> core.campaigns.setState(tx, id, CampaignState.CANCELLED, now))
                        .compose(v -> c.state() == CampaignState.OPEN
                                ? core.campaigns.markProgressDueNow(tx, id, now) : Future.succeededFuture());
    }

    /** A news post from the collective to its contributors. */
    public Future<CampaignRepository.News> postNews(Member admin, long id, JsonObject body) {
        List<FieldError> errors = new ArrayList<>();
        String title = CampaignInput.field(errors, () -> CampaignInput.requiredText(body, "title", 200));
        String content = CampaignInput.field(errors, () -> CampaignInput.requiredText(body, "content", 20_000));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        // Remote contributors the node never met are fetched first, with no transaction open.
        return core.campaign(core.pool, id).compose(c -> {
                    CampaignCore.requireAdmin(admin, c);
                    return core.pledges.contributorsToTell(core.pool, id);
                })
                .compose(to -> core.publications.meet(to.remoteActors()))
                .compose(v -> addNews(admin, id, title, content));
    }

    private Future<CampaignRepository.News> addNews(Member admin, long id, String title, String content) {
        Instant now = core.now();
        return core.pool.withTransaction(tx -> core.lock(tx, id, false).compose(c -> {
            CampaignCore.requireAdmin(admin, c);
            if (c.state() == CampaignState.DRAFT) {
                return Future.failedFuture(ApiException.conflict("Publish the campaign before posting news."));
            }
            return core.campaigns.addNews(tx, id, admin.id(), title, Sanitizer.sanitize(content), now)
                    .compose(news -> core.pledges.contributorsToTell(tx, id)
                            .compose(to -> tellContributors(tx, c, news, to))
                            .map(v -> news));
        }));
    }

    /** Each member who pledged gets a notification; remote contributors get the Note by federation. */
    private Future<Void> tellContributors(SqlConnection tx, Campaign c, CampaignRepository.News news,
                                          PledgeRepository.Contributors to) {
        JsonObject data = new JsonObject().put("campaign_id", c.id()).put("campaign", c.title())
                .put("news_id", news.id()).put("title", news.title());
        Future<Void> chain = Future.succeededFuture();
        for (long member : to.members()) {
            chain = chain.compose(v -> notifications.notify(tx, member, Notifications.Kind.CAMPAIGN_NEWS, data));
        }
        return chain.compose(v -> core.announceNews(tx, c, news, to.remoteActors()));
    }

    public Future<List<CampaignRepository.News>> news(long id) {
        return core.campaign(core.pool, id).compose(c -> c.state() == CampaignState.DRAFT
                ? Future.failedFuture(new NotFoundException("there is no campaign " + id))
                : core.campaigns.news(core.pool, id));
    }

    /** The collective's funding settings (admins only). */
    public Future<FundingSettings> fundingSettings(Member admin, String collectiveName) {
        return collective(collectiveName).compose(c -> {
            if (!CampaignCore.isAdminOf(admin, c.id())) {
                return Future.failedFuture(ApiException.forbidden("Only an admin of " + c.username() + " can see this."));
            }
            return core.funding.get(core.pool, c.id());
        });
    }

    public Future<FundingSettings> setFundingSettings(Member admin, String collectiveName, JsonObject body) {
        return collective(collectiveName).compose(c -> {
            if (!CampaignCore.isAdminOf(admin, c.id())) {
                return Future.failedFuture(ApiException.forbidden("Only an admin of " + c.username() + " can change this."));
            }
            List<FieldError> errors = FundingSettings.newErrors();
            FundingSettings settings = FundingSettings.fromRequest(body, errors);
            if (!errors.isEmpty()) {
                return Future.failedFuture(ApiException.invalid(errors));
            }
            return core.funding.put(core.pool, c.id(), settings).map(settings);
        });
    }

    /** The campaign's federated object, signed by its collective; not for drafts. */
    public Future<com.fasterxml.jackson.databind.node.ObjectNode> federated(long id) {
        return core.campaign(core.pool, id).compose(c -> c.state() == CampaignState.DRAFT
                ? Future.failedFuture(new NotFoundException("there is no campaign " + id))
                : core.signedObject(core.pool, c));
    }
}
