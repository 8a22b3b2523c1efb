package coop.entraide.node.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coop.entraide.node.NodeContext;
import coop.entraide.node.TestNode;
import coop.entraide.node.Uris;
import coop.entraide.node.campaigns.CampaignFederation;
import coop.entraide.node.campaigns.CampaignScheduler;
import coop.entraide.node.campaigns.Campaigns;
import coop.entraide.node.federation.social.SocialFederation;
import coop.entraide.node.identity.IdentityService;
import coop.entraide.node.identity.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the API publishes to remote actors by name (a collective's news to its remote contributors,
 * a pledge's new state to its remote donor) goes to actors the node may never have met; those are
 * fetched from their server before the transaction opens, so that a slow server holds no database
 * connection and no campaign lock. A real node, its HTTP API, and a fake server whose answers are
 * delayed.
 */
class PublishFetchOutsideTransactionTest {
    private static final String PASSWORD = "une phrase de passe";

    @RegisterExtension
    static final SlowServer slow = SlowServer.start("127.0.0.7");
    private static final TestNode node = slow.node;
    private static final FakeServer remote = slow.remote;
    private static String token;

    @BeforeAll
    static void start() {
        node.await(node.identity().createMember(
                new IdentityService.NewMember("louise", "pentes", "Louise", "", Role.ADMIN, PASSWORD)));
        token = node.sessionToken("louise", PASSWORD);
    }

    @Test
    void anUnknownContributorIsFetchedWithNoTransactionOpenThenSentTheNote() throws Exception {
        long campaign = openCampaign("Un four à pain");
        FakeActor ada = remote.actor("ada-" + UUID.randomUUID());
        String path = "/users/" + ada.name;
        pledgeFrom(campaign, ada.id);
        assertEquals(0, count("SELECT count(*) FROM actors WHERE uri = $1", ada.id), "never met");

        CompletableFuture<HttpResponse<String>> posting = postWhileFetching(ada, "the contributor",
                "/api/v1/campaigns/" + campaign + "/updates", news());
        assertEquals(0, count("SELECT count(*) FROM campaign_updates WHERE campaign_id = $1", campaign),
                "nothing written before the contributor is known");

        HttpResponse<String> posted = answer(posting);
        assertEquals(201, posted.statusCode(), posted.body());
        assertEquals(1, inboxesQueued(campaign, ada.inbox()), "the Note is queued for the contributor's inbox");
        assertEquals(1, remote.arrived(path), "fetched once");
    }

    @Test
    void aContributorWhoseServerFailsIsLeftOutAndTheNewsIsPostedAnyway() throws Exception {
        long campaign = openCampaign("Une grainothèque");
        FakeActor away = remote.actor("away-" + UUID.randomUUID());
        FakeActor ada = remote.actor("ada-" + UUID.randomUUID());
        remote.answer("/users/" + away.name, 503);
        pledgeFrom(campaign, away.id);
        pledgeFrom(campaign, ada.id);

        HttpResponse<String> posted = postNews(campaign);

        assertEquals(201, posted.statusCode(), posted.body());
        assertEquals(1, count("SELECT count(*) FROM campaign_updates WHERE campaign_id = $1", campaign));
        assertEquals(0, inboxesQueued(campaign, away.inbox()), "no inbox known for it");
        assertEquals(1, inboxesQueued(campaign, ada.inbox()), "the others still get the Note");
    }

    @Test
    void aMemberWhoIsNotAdminFetchesNothing() throws Exception {
        long campaign = openCampaign("Un composteur");
        FakeActor ada = remote.actor("ada-" + UUID.randomUUID());
        pledgeFrom(campaign, ada.id);
        node.await(node.identity().createMember(
                new IdentityService.NewMember("hugo_" + campaign, "pentes", "Hugo", "", Role.MEMBER, PASSWORD)));
        String hugo = node.sessionToken("hugo_" + campaign, PASSWORD);

        HttpResponse<String> refused = node.send(node.request("/api/v1/campaigns/" + campaign + "/updates")
                .header("Authorization", "Bearer " + hugo).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(news().encode())));

        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals(0, remote.arrived("/users/" + ada.name), "a refused post reaches out to nobody");
    }

    @Test
    void aReleasedPledgesUnknownDonorIsFetchedWithNoTransactionOpenThenTold() throws Exception {
        long campaign = openCampaign("Un pressoir");
        FakeActor ada = remote.actor("ada-" + UUID.randomUUID());
        long pledge = pledgeFrom(campaign, ada.id);

        postedWhileTheDonorIsFetchedThenTold(ada, "/api/v1/pledges/" + pledge + "/release", "the donor is told its pledge changed");
    }

    @Test
    void aCancelledCampaignsUnknownDonorsAreFetchedWithNoTransactionOpenThenTold() throws Exception {
        long campaign = openCampaign("Une cabane à outils");
        FakeActor ada = remote.actor("ada-" + UUID.randomUUID());
        pledgeFrom(campaign, ada.id);

        postedWhileTheDonorIsFetchedThenTold(ada, "/api/v1/campaigns/" + campaign + "/cancel", "the donor is told its promise is released");
    }

    @Test
    void aClosedCampaignsUnknownDonorIsFetchedWithNoTransactionOpenThenTold() throws Exception {
        long campaign = openCampaign("Un séchoir solaire", "all_or_nothing");
        FakeActor ada = remote.actor("ada-" + UUID.randomUUID());
        pledgeFrom(campaign, ada.id);
        assertEquals(0, count("SELECT count(*) FROM actors WHERE uri = $1", ada.id), "never met");

        Future<CampaignScheduler.Sweep> sweeping = slow.whileFetching("/users/" + ada.name, 1, "the donor",
                () -> afterTheEnd().sweep());
        assertEquals("open", state(campaign), "not closed before the donor is known");

        node.await(sweeping);
        assertEquals("failed", state(campaign), "short of its all-or-nothing goal");
        assertEquals(1, count("SELECT count(*) FROM delivery_jobs WHERE inbox = $1", ada.inbox()),
                "the donor is told its promise is released");
    }

    @Test
    void aClosedCampaignsDonorWhoseServerDoesNotAnswerIsLeftOutAndTheCampaignClosesAnyway() {
        long campaign = openCampaign("Une ruche", "all_or_nothing");
        // Nothing listens at this address: the connection is refused.
        String nowhere = "http://127.0.0.11:" + remote.authority().split(":")[1] + "/users/away-" + UUID.randomUUID();
        FakeActor ada = remote.actor("ada-" + UUID.randomUUID());
        pledgeFrom(campaign, nowhere);
        pledgeFrom(campaign, ada.id);

        node.await(afterTheEnd().sweep());

        assertEquals("failed", state(campaign));
        assertEquals(2, count("SELECT count(*) FROM pledges WHERE campaign_id = $1 AND state = 'released'", campaign),
                "both promises are released");
        assertEquals(0, count("SELECT count(*) FROM actors WHERE uri = $1", nowhere), "never met");
        assertEquals(1, count("SELECT count(*) FROM delivery_jobs WHERE inbox = $1", ada.inbox()),
                "the other donor is still told");
    }

    // --- helpers -------------------------------------------------------------------------------

    /**
     * Louise (an admin) posts an empty object to {@code path} while the server holds back {@code donor}'s
     * document: no transaction is open meanwhile, the request succeeds, and the donor is sent one
     * activity ({@code why} says what it tells them).
     */
    private static void postedWhileTheDonorIsFetchedThenTold(FakeActor donor, String path, String why) throws Exception {
        HttpResponse<String> posted = answer(postWhileFetching(donor, "the donor", path, new JsonObject()));
        assertEquals(200, posted.statusCode(), posted.body());
        assertEquals(1, count("SELECT count(*) FROM delivery_jobs WHERE inbox = $1", donor.inbox()), why);
    }

    private static JsonObject news() {
        return new JsonObject().put("title", "Le four est commandé").put("content", "<p>Merci à tous</p>");
    }

    private static HttpResponse<String> postNews(long campaign) {
        return post("/api/v1/campaigns/" + campaign + "/updates", news());
    }

    /** Starts a POST to the API while the server holds back its answer about {@code fetched}. */
    private static CompletableFuture<HttpResponse<String>> postWhileFetching(FakeActor fetched, String what, String path,
                                                                              JsonObject body) throws Exception {
        return slow.whileFetching("/users/" + fetched.name, 1, what, () -> CompletableFuture.supplyAsync(() -> post(path, body)));
    }

    private static HttpResponse<String> answer(CompletableFuture<HttpResponse<String>> request) throws Exception {
        return request.get(20, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> post(String path, JsonObject body) {
        return node.send(node.request(path)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body.encode())));
    }

    /**
     * The node's campaign scheduler as it will run once the campaigns above have ended (they end
     * in 30 days), publishing through the node's federation.
     */
    private static CampaignScheduler afterTheEnd() {
        NodeContext context = node.node().context();
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(31)), ZoneOffset.UTC);
        return new Campaigns(context.vertx(), context.pool(), later, new Uris(context.config().baseUrl()),
                new CampaignFederation(SocialFederation.create(context).context()), Campaigns.COALESCING).scheduler();
    }

    private static String state(long campaign) {
        return query("SELECT state FROM campaigns WHERE id = $1", campaign).iterator().next().getString("state");
    }

    private static long openCampaign(String title) {
        return openCampaign(title, "keep_what_is_raised");
    }

    private static long openCampaign(String title, String rule) {
        Instant now = Instant.now();
        JsonObject body = new JsonObject().put("title", title).put("description", "<p>Pour le quartier</p>")
                .put("goal", "1000.00").put("currency", "EUR")
                .put("starts_at", now.minus(Duration.ofMinutes(1)).toString())
                .put("ends_at", now.plus(Duration.ofDays(30)).toString())
                .put("rule", rule);
        HttpResponse<String> created = node.send(node.request("/api/v1/collectives/pentes/campaigns")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body.encode())));
        assertEquals(201, created.statusCode(), created.body());
        long id = new JsonObject(created.body()).getLong("id");
        HttpResponse<String> published = node.send(node.request("/api/v1/campaigns/" + id + "/publish")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{}")));
        assertEquals(200, published.statusCode(), published.body());
        return id;
    }

    /** A pledge as one arriving from another server leaves it, without the node meeting its author. */
    private static long pledgeFrom(long campaign, String actorUri) {
        return query("""
                INSERT INTO pledges (campaign_id, donor_kind, donor_actor_uri, amount, currency, payment_reference,
                                     remote_activity_uri, created_at, updated_at)
                VALUES ($1, 'remote', $2, 10, 'EUR', $3, $4, now(), now()) RETURNING id""",
                campaign, actorUri, "RF" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                actorUri + "#pledge-" + UUID.randomUUID()).iterator().next().getLong("id");
    }

    /** Deliveries of the campaign's news Note queued for this inbox. */
    private static long inboxesQueued(long campaign, String inbox) {
        return count("""
                SELECT count(*) FROM delivery_jobs j JOIN outgoing_activities a ON a.id = j.activity
                JOIN outbox o ON o.activity_uri = a.activity_id
                WHERE j.inbox = $1 AND o.document -> 'object' ->> 'type' = 'Note'
                  AND o.document -> 'object' ->> 'context' = $2""", inbox, node.base() + "/campaigns/" + campaign);
    }


    private static RowSet<Row> query(String sql, Object... params) {
        return node.await(node.node().context().pool().preparedQuery(sql).execute(Tuple.from(params)));
    }

    private static long count(String sql, Object... params) {
        return query(sql, params).iterator().next().getLong(0);
    }

}
