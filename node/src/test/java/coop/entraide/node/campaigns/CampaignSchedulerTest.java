package coop.entraide.node.campaigns;

import coop.entraide.node.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.Uris;
import coop.entraide.node.campaigns.CampaignDocuments.RemotePledge;
import coop.entraide.node.campaigns.CampaignPublications.Kind;
import coop.entraide.node.campaigns.PledgeService.RemoteOutcome;
import coop.entraide.node.identity.Member;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler with a clock moved by hand, and pledges from other servers, on a real database.
 * The clock starts ten days ahead of the real one so that the node's own scheduler (on the real
 * clock) never touches these campaigns.
 */
class CampaignSchedulerTest {
    private static final String DONOR = "https://b.example/u/dalia";
    private static CampaignWorld world;
    private static Member alice;
    private static Member bruno;
    private MutableClock clock;
    private RecordedPublications published;
    private Campaigns campaigns;

    @BeforeAll
    static void start() {
        world = new CampaignWorld();
        alice = world.node.await(world.node.identity().member("alice"));
        bruno = world.node.await(world.node.identity().member("bruno"));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @BeforeEach
    void fresh() {
        clock = new MutableClock(Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS));
        published = new RecordedPublications();
        campaigns = instance(published);
    }

    private Campaigns instance(CampaignPublications publications) {
        return new Campaigns(world.node.node().context().vertx(), pool(), clock, new Uris(URI.create(world.node.base())),
                publications, Duration.ofMinutes(5));
    }

    private static Pool pool() {
        return world.node.node().context().pool();
    }

    private <T> T await(Future<T> f) {
        return world.node.await(f);
    }

    private long open(String rule, String goal, Duration length) {
        JsonObject body = new JsonObject().put("title", "Campaign " + rule).put("goal", goal).put("rule", rule)
                .put("ends_at", clock.instant().plus(length).toString()).put("tiers", new JsonArray());
        long id = await(campaigns.campaigns().create(alice, "capucins", body)).id();
        await(campaigns.campaigns().publish(alice, id));
        return id;
    }

    private Pledge pledge(long campaign, String amount) {
        return await(campaigns.pledges().pledgeAsMember(bruno, campaign, Map.of("amount", amount, "tip", "1"))).pledge();
    }

    private Campaign campaign(long id) {
        return await(campaigns.core().campaign(pool(), id));
    }

    private BigDecimal balance(long campaign, String kind) {
        return await(campaigns.core().ledger.balances(pool(), CampaignAccounts.SCOPE, campaign)).get(kind);
    }

    // ---- closing at the end date ---------------------------------------------------------------

    @Test
    void allOrNothingShortOfItsGoalFailsAndReleasesPromises() {
        long id = open("all_or_nothing", "1000", Duration.ofHours(1));
        Pledge kept = pledge(id, "50");
        pledge(id, "100");
        await(campaigns.pledges().receive(alice, kept.id(), new JsonObject().put("method", "cash")));
        assertEquals(new CampaignScheduler.Sweep(0, 0), await(campaigns.scheduler().sweep()), "not yet due");

        clock.advance(Duration.ofHours(1));
        CampaignScheduler.Sweep sweep = await(campaigns.scheduler().sweep());
        assertEquals(1, sweep.closed());
        Campaign c = campaign(id);
        assertEquals(CampaignState.FAILED, c.state());
        assertEquals(clock.instant(), c.closedAt());
        assertEquals(0, BigDecimal.ZERO.compareTo(balance(id, CampaignAccounts.PLEDGES_PROMISED)));
        assertEquals(0, BigDecimal.ZERO.compareTo(balance(id, CampaignAccounts.TIPS_PROMISED)));
        assertEquals(0, new BigDecimal("50").compareTo(balance(id, CampaignAccounts.FUNDS_RECEIVED)), "received stays, to be refunded");
        assertEquals(1, world.count("SELECT count(*) FROM pledges WHERE campaign_id = $1 AND state = 'released'", id));
        assertEquals(1, world.count("SELECT count(*) FROM ledger_entries WHERE kind = 'pledge_released' AND recorded_by LIKE 'node:%' "
                + "AND subject_id IN (SELECT id FROM pledges WHERE campaign_id = $1)", id));
        var updates = published.of(id, Kind.UPDATE);
        assertEquals(1, updates.size(), "one Update at the close");
        assertEquals("failed", updates.get(0).document().get("object").get("campaignState").asText());
        assertEquals(new CampaignScheduler.Sweep(0, 0), await(campaigns.scheduler().sweep()), "closed once");
    }

    @Test
    void keepWhatIsRaisedSucceedsAndKeepsPromises() {
        long id = open("keep_what_is_raised", "1000", Duration.ofHours(1));
        pledge(id, "10");
        clock.advance(Duration.ofHours(2));
        assertEquals(1, await(campaigns.scheduler().sweep()).closed());
        assertEquals(CampaignState.SUCCEEDED, campaign(id).state());
        assertEquals(0, new BigDecimal("10").compareTo(balance(id, CampaignAccounts.PLEDGES_PROMISED)));
    }

    @Test
    void allOrNothingThatReachedItsGoalSucceeds() {
        long id = open("all_or_nothing", "100", Duration.ofHours(1));
        pledge(id, "60");
        pledge(id, "40");
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        await(campaigns.scheduler().sweep());
        assertEquals(CampaignState.SUCCEEDED, campaign(id).state());
        assertEquals(2, world.count("SELECT count(*) FROM pledges WHERE campaign_id = $1 AND state = 'promised'", id));
    }

    @Test
    void severalSchedulersCloseEachCampaignOnce() {
        long[] ids = new long[6];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = open("all_or_nothing", "1000", Duration.ofMinutes(10));
            pledge(ids[i], "5");
        }
        clock.advance(Duration.ofMinutes(11));
        Campaigns other = instance(published);
        var both = await(Future.all(campaigns.scheduler().sweep(), other.scheduler().sweep(), instance(published).scheduler().sweep()));
        int closed = 0;
        for (int i = 0; i < 3; i++) {
            closed += both.<CampaignScheduler.Sweep>resultAt(i).closed();
        }
        assertEquals(ids.length, closed);
        for (long id : ids) {
            assertEquals(CampaignState.FAILED, campaign(id).state());
            assertEquals(1, world.count("SELECT count(*) FROM ledger_entries WHERE kind = 'pledge_released' "
                    + "AND subject_id IN (SELECT id FROM pledges WHERE campaign_id = $1)", id));
            // Another scheduler may have published the progress that was due before the close
            // (committed before it, so delivered first); the last Update always tells the close.
            var updates = published.of(id, Kind.UPDATE);
            assertTrue(updates.size() == 1 || updates.size() == 2, updates.toString());
            assertEquals("failed", updates.get(updates.size() - 1).document().get("object").get("campaignState").asText());
        }
    }

    @Test
    void progressUpdatesAreCoalesced() {
        long id = open("keep_what_is_raised", "1000", Duration.ofDays(3));
        assertEquals(1, published.of(id, Kind.CREATE).size());
        pledge(id, "10");
        clock.advance(Duration.ofSeconds(30));
        pledge(id, "20");
        assertEquals(0, await(campaigns.scheduler().sweep()).published(), "the last publication is too recent");
        clock.advance(Duration.ofMinutes(2));
        pledge(id, "30");
        assertEquals(0, await(campaigns.scheduler().sweep()).published());
        clock.advance(Duration.ofMinutes(3));
        assertEquals(1, await(campaigns.scheduler().sweep()).published(), "one Update for three pledges");
        var updates = published.of(id, Kind.UPDATE);
        assertEquals(1, updates.size());
        assertEquals("60.00", updates.get(0).document().get("object").get("raised").asText());
        assertEquals(3, updates.get(0).document().get("object").get("contributors").asInt());
        assertEquals(0, await(campaigns.scheduler().sweep()).published(), "nothing new");
        clock.advance(Duration.ofHours(1));
        assertEquals(0, await(campaigns.scheduler().sweep()).published(), "no pledge, no Update");
        pledge(id, "1");
        assertEquals(1, await(campaigns.scheduler().sweep()).published(), "long after the last one, at once");
    }

    // ---- pledges from other servers ------------------------------------------------------------

    private RemoteOutcome remote(RemotePledge p) {
        return await(pool().withTransaction(tx -> campaigns.pledges().pledgeRemote(tx, p)));
    }

    private RemotePledge offer(long campaign, String activity, Object amount, String currency) {
        return new RemotePledge("https://b.example/activities/" + activity, DONOR, world.node.base() + "/campaigns/" + campaign,
                amount, "2.00", currency, "Dalia", "Courage !");
    }

    @Test
    void remotePledgeIsRecordedOnceAndAcknowledged() {
        long id = open("keep_what_is_raised", "1000", Duration.ofDays(3));
        RemoteOutcome first = remote(offer(id, "p1", "20.00", "EUR"));
        Pledge p = assertInstanceOf(RemoteOutcome.Accepted.class, first).pledge();
        assertEquals(Pledge.DonorKind.REMOTE, p.donorKind());
        assertEquals("Dalia", p.publicName());
        var accepts = published.of(id, Kind.ACCEPT_PLEDGE);
        assertEquals(1, accepts.size());
        assertEquals(java.util.List.of(DONOR), accepts.get(0).recipients());
        assertEquals("https://b.example/activities/p1", accepts.get(0).document().get("object").asText());
        assertEquals(p.paymentReference(), accepts.get(0).document().get("result").get("paymentReference").asText());

        CampaignWorld.Counts before = world.counts();
        assertInstanceOf(RemoteOutcome.AlreadyKnown.class, remote(offer(id, "p1", "20.00", "EUR")));
        assertEquals(before, world.counts());
        assertEquals(1, published.of(id, Kind.ACCEPT_PLEDGE).size());

        await(campaigns.pledges().receive(alice, p.id(), new JsonObject().put("method", "bank_transfer")));
        var told = published.of(id, Kind.PLEDGE_STATE);
        assertEquals(1, told.size());
        assertEquals("received", told.get(0).document().get("object").get("pledgeState").asText());
        assertEquals(java.util.List.of(DONOR), told.get(0).recipients());
    }

    @Test
    void badRemotePledgesAreRejectedAndWriteNothing() {
        long id = open("keep_what_is_raised", "1000", Duration.ofDays(3));
        long closed = open("keep_what_is_raised", "1000", Duration.ofDays(3));
        await(campaigns.campaigns().cancel(alice, closed));
        CampaignWorld.Counts before = world.counts();
        String[][] cases = {{"-5", "EUR", "positive"}, {"0", "EUR", "more than zero"}, {"99999999", "EUR", "exceed"},
                {"1.234", "EUR", "decimals"}, {"10", "USD", "EUR"}, {"10", "ZZZ", "EUR"}};
        int i = 0;
        for (String[] c : cases) {
            RemoteOutcome o = remote(offer(id, "bad" + i++, c[0], c[1]));
            assertTrue(assertInstanceOf(RemoteOutcome.Refused.class, o).reason().contains(c[2]), o.toString());
        }
        RemoteOutcome toClosed = remote(offer(closed, "closed", "10", "EUR"));
        assertTrue(assertInstanceOf(RemoteOutcome.Refused.class, toClosed).reason().contains("cancelled"), toClosed.toString());
        RemoteOutcome nowhere = remote(new RemotePledge("https://b.example/activities/x", DONOR,
                "https://elsewhere.example/campaigns/1", "10", null, "EUR", null, null));
        assertInstanceOf(RemoteOutcome.Refused.class, nowhere);
        assertEquals(before, world.counts());
        assertEquals(cases.length, published.of(id, Kind.REJECT_PLEDGE).size());
        assertEquals(1, published.of(closed, Kind.REJECT_PLEDGE).size());
    }

    @Test
    void aRemoteActorCannotChangeSomeoneElsesPledge() {
        long id = open("keep_what_is_raised", "1000", Duration.ofDays(3));
        Pledge p = ((RemoteOutcome.Accepted) remote(offer(id, "mine", "15", "EUR"))).pledge();
        CampaignWorld.Counts before = world.counts();
        RemoteOutcome intruder = await(pool().withTransaction(tx -> campaigns.pledges().withdrawRemote(tx,
                "https://c.example/u/mallory", "https://b.example/activities/mine")));
        assertTrue(assertInstanceOf(RemoteOutcome.Refused.class, intruder).reason().contains("cannot change"), intruder.toString());
        assertEquals(before, world.counts());
        assertEquals(PledgeState.PROMISED, await(campaigns.pledges().pledge(p.id())).state());

        RemoteOutcome owner = await(pool().withTransaction(tx -> campaigns.pledges().withdrawRemote(tx, DONOR,
                "https://b.example/activities/mine")));
        assertEquals(PledgeState.RELEASED, assertInstanceOf(RemoteOutcome.Accepted.class, owner).pledge().state());
        assertEquals("released", published.of(id, Kind.PLEDGE_STATE).get(0).document().get("object").get("pledgeState").asText());
        RemoteOutcome again = await(pool().withTransaction(tx -> campaigns.pledges().withdrawRemote(tx, DONOR,
                "https://b.example/activities/mine")));
        assertInstanceOf(RemoteOutcome.Refused.class, again);
    }
}
