package coop.entraide.node.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.payments.CreditorReference;
import coop.entraide.protocol.keys.Multikey;
import coop.entraide.protocol.proof.ObjectIntegrityProofs;
import coop.entraide.protocol.proof.ProofResult;
import coop.entraide.protocol.proof.VerificationMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Campaigns through the real HTTP API of a node on embedded PostgreSQL. */
class CampaignApiTest {
    private static CampaignWorld world;

    @BeforeAll
    static void start() {
        world = new CampaignWorld();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static JsonObject json(HttpResponse<String> r) {
        return new JsonObject(r.body());
    }

    private static void assertProblem(HttpResponse<String> r, int status, String field, String words) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.body());
        JsonObject problem = json(r);
        assertEquals(status, problem.getInteger("status"));
        if (field != null) {
            JsonArray errors = problem.getJsonArray("errors");
            boolean found = false;
            for (int i = 0; i < errors.size(); i++) {
                JsonObject e = errors.getJsonObject(i);
                if (e.getString("field").equals(field) && e.getString("message").contains(words)) {
                    found = true;
                }
            }
            assertTrue(found, "no error on " + field + " saying '" + words + "': " + r.body());
        } else if (words != null) {
            assertTrue(problem.getString("detail").contains(words), r.body());
        }
    }

    // ---- campaigns -----------------------------------------------------------------------------

    @Test
    void lifecycleFromDraftToPledgesAndTreasurer() {
        HttpResponse<String> created = world.post("alice", "/api/v1/collectives/capucins/campaigns",
                CampaignWorld.campaignBody("Un four à pain"));
        assertEquals(201, created.statusCode(), created.body());
        JsonObject c = json(created);
        long id = c.getLong("id");
        assertEquals("draft", c.getString("state"));
        assertEquals(world.node.base() + "/campaigns/" + id, c.getString("uri"));
        assertFalse(c.getString("description_html").contains("script"), c.getString("description_html"));
        assertTrue(c.getString("description_html").contains("<b>quartier</b>"));
        assertEquals("1000.00", c.getJsonObject("goal").getString("amount"));
        assertEquals(10, c.getInteger("suggested_tip_percent"));

        assertEquals(404, world.get(null, "/api/v1/campaigns/" + id).statusCode(), "drafts are not public");
        assertEquals(200, world.get("alice", "/api/v1/campaigns/" + id).statusCode());
        HttpResponse<String> readDraft = world.get("bruno", "/api/v1/campaigns/" + id);
        assertEquals(404, readDraft.statusCode(), readDraft.body());
        CampaignWorld.Counts beforeDraftPledges = world.counts();
        for (String outsider : List.of("bruno", "zoe")) {
            HttpResponse<String> toDraft = world.pledge(outsider, id, "10", null);
            assertProblem(toDraft, 404, null, null);
            assertEquals(json(readDraft).getString("detail"), json(toDraft).getString("detail"),
                    "pledging to a draft tells no more than reading it");
        }
        assertProblem(world.pledge("alice", id, "10", null), 409, null, "not published");
        assertEquals(beforeDraftPledges, world.counts());
        assertProblem(world.post("bruno", "/api/v1/campaigns/" + id + "/publish", null), 403, null, "admin");
        assertProblem(world.post("zoe", "/api/v1/campaigns/" + id + "/publish", null), 403, null, "admin");
        assertEquals(200, world.post("alice", "/api/v1/campaigns/" + id + "/publish", null).statusCode());
        assertProblem(world.post("alice", "/api/v1/campaigns/" + id + "/publish", null), 409, null, "Only a draft");

        HttpResponse<String> pledged = world.pledge("bruno", id, "25.50", "2.55");
        assertEquals(201, pledged.statusCode(), pledged.body());
        JsonObject pledge = json(pledged);
        long pledgeId = pledge.getLong("id");
        assertEquals("promised", pledge.getString("state"));
        assertEquals("Bruno", pledge.getString("public_name"));
        assertTrue(CreditorReference.parse(pledge.getString("payment_reference")).isPresent(), pledge.encode());
        assertFalse(pledge.getJsonObject("payment").getBoolean("available"), "no IBAN given yet");

        HttpResponse<String> funding = world.node.send(world.as("alice", "/api/v1/collectives/capucins/funding")
                .header("Content-Type", "application/json").PUT(BodyPublishers.ofString(new JsonObject()
                        .put("legal_name", "Association Les Capucins").put("address", "3 rue des Capucins, Lyon")
                        .put("object", "Vie de quartier").put("iban", "FR14 2004 1010 0505 0001 3M02 606")
                        .put("tax_receipts", true).encode())));
        assertEquals(200, funding.statusCode(), funding.body());
        JsonObject withIban = json(world.pledge("bruno", id, "10", null));
        JsonObject payment = withIban.getJsonObject("payment");
        assertTrue(payment.getBoolean("available"), payment.encode());
        assertEquals("FR14 2004 1010 0505 0001 3M02 606", payment.getJsonObject("details").getString("iban"));
        assertEquals(CreditorReference.parse(withIban.getString("payment_reference")).orElseThrow().printed(),
                payment.getJsonObject("details").getString("reference"));

        JsonObject progress = json(world.get(null, "/api/v1/campaigns/" + id + "/progress"));
        assertEquals("35.50", progress.getJsonObject("promised").getString("amount"));
        assertEquals("0.00", progress.getJsonObject("received").getString("amount"));
        assertEquals("2.55", progress.getJsonObject("tips_promised").getString("amount"));
        assertEquals(2, progress.getInteger("contributors"));
        assertEquals(3, progress.getInteger("percent"));
        assertTrue(progress.getInteger("days_left") >= 29, progress.encode());

        assertProblem(world.post("bruno", "/api/v1/pledges/" + pledgeId + "/receive", new JsonObject().put("method", "cash")),
                403, null, "admin");
        assertProblem(world.post("alice", "/api/v1/pledges/" + pledgeId + "/receive", new JsonObject().put("method", "bitcoin")),
                422, "method", "bank_transfer");
        HttpResponse<String> received = world.post("alice", "/api/v1/pledges/" + pledgeId + "/receive",
                new JsonObject().put("method", "bank_transfer"));
        assertEquals(200, received.statusCode(), received.body());
        assertEquals("received", json(received).getString("state"));
        assertProblem(world.post("alice", "/api/v1/pledges/" + pledgeId + "/receive", new JsonObject().put("method", "cash")),
                409, null, "received pledge cannot become received");
        assertProblem(world.post("alice", "/api/v1/pledges/" + pledgeId + "/release", new JsonObject()), 409, null, "cannot");

        progress = json(world.get(null, "/api/v1/campaigns/" + id + "/progress"));
        assertEquals("25.50", progress.getJsonObject("received").getString("amount"));
        assertEquals("10.00", progress.getJsonObject("promised").getString("amount"));
        assertEquals("2.55", progress.getJsonObject("tips_received").getString("amount"));

        HttpResponse<String> mine = world.get("bruno", "/api/v1/me/pledges");
        assertEquals(200, mine.statusCode());
        assertTrue(json(mine).getJsonArray("items").size() >= 2);

        HttpResponse<String> refunded = world.post("alice", "/api/v1/pledges/" + pledgeId + "/refund", new JsonObject());
        assertEquals("refunded", json(refunded).getString("state"));
        progress = json(world.get(null, "/api/v1/campaigns/" + id + "/progress"));
        assertEquals("0.00", progress.getJsonObject("received").getString("amount"));
        assertEquals(1, progress.getInteger("contributors"));
        assertLedgerReconciles(id);
    }

    @Test
    void publicCampaignRoutesIgnoreAnEmptySessionCookie() {
        long id = world.openCampaign(CampaignWorld.campaignBody("Cookie vide"));
        for (String path : List.of("/api/v1/campaigns/" + id, "/api/v1/collectives/capucins/campaigns")) {
            HttpResponse<String> r = world.node.send(world.as(null, path).header("Cookie", "entraide_session=").GET());
            assertEquals(200, r.statusCode(), path + ": " + r.body());
        }
        HttpResponse<String> stale = world.node.send(world.as(null, "/api/v1/campaigns/" + id)
                .header("Cookie", "entraide_session=no-such-session").GET());
        assertEquals(401, stale.statusCode(), "a cookie that names no session is still refused: " + stale.body());
    }

    @Test
    void badCampaignsAreRefusedAndWriteNothing() {
        CampaignWorld.Counts before = world.counts();
        String path = "/api/v1/collectives/capucins/campaigns";
        assertProblem(world.post("alice", path, CampaignWorld.campaignBody("x").put("goal", "-100")), 422, "goal", "positive");
        assertProblem(world.post("alice", path, CampaignWorld.campaignBody("x").put("goal", "0")), 422, "goal", "more than zero");
        assertProblem(world.post("alice", path, CampaignWorld.campaignBody("x").put("goal", "10000000.01")), 422, "goal", "exceed");
        assertProblem(world.post("alice", path, CampaignWorld.campaignBody("x").put("currency", "ZZZ")), 422, "currency", "ISO 4217");
        assertProblem(world.postRaw("alice", path, CampaignWorld.campaignBody("x").put("goal", "GOAL").encode()
                .replace("\"GOAL\"", "1000.125")), 422, "goal", "more than 2 decimals");
        assertProblem(world.post("alice", path, CampaignWorld.campaignBody("x").put("ends_at", "2001-01-01T00:00:00Z")),
                422, "ends_at", "after starts_at");
        assertProblem(world.post("alice", path, CampaignWorld.campaignBody("x").put("rule", "winner_takes_all")), 422, "rule", "all_or_nothing");
        assertProblem(world.post("alice", path, CampaignWorld.campaignBody("x").put("tiers",
                new JsonArray().add(new JsonObject().put("amount", "-5")))), 422, "tiers/0/amount", "positive");
        HttpResponse<String> several = world.post("alice", path, new JsonObject().put("goal", "-1"));
        assertEquals(422, several.statusCode());
        assertTrue(json(several).getJsonArray("errors").size() >= 3, several.body());
        assertProblem(world.post("zoe", path, CampaignWorld.campaignBody("x")), 403, null, "admin");
        assertProblem(world.post("bruno", path, CampaignWorld.campaignBody("x")), 403, null, "admin");
        assertEquals(401, world.post(null, path, CampaignWorld.campaignBody("x")).statusCode());
        assertEquals(404, world.post("alice", "/api/v1/collectives/nobody/campaigns", CampaignWorld.campaignBody("x")).statusCode());
        assertEquals(before, world.counts());
    }

    @Test
    void badPledgesAreRefusedAndWriteNothing() {
        long id = world.openCampaign(CampaignWorld.campaignBody("Pledges refused"));
        CampaignWorld.Counts before = world.counts();
        String path = "/api/v1/campaigns/" + id + "/pledges";
        assertProblem(world.pledge("bruno", id, "-10", null), 422, "amount", "positive");
        assertProblem(world.pledge("bruno", id, "0", null), 422, "amount", "more than zero");
        assertProblem(world.pledge("bruno", id, "20000000", null), 422, "amount", "exceed");
        assertProblem(world.postRaw("bruno", path, "{\"amount\": 12.345}"), 422, "amount", "more than 2 decimals");
        assertProblem(world.pledge("bruno", id, "12.345", null), 422, "amount", "more than 2 decimals");
        assertProblem(world.post("bruno", path, new JsonObject().put("amount", "10").put("currency", "USD")), 422,
                "currency", "EUR");
        assertProblem(world.post("bruno", path, new JsonObject().put("amount", "10").put("currency", "ZZZ")), 422,
                "currency", "EUR");
        assertProblem(world.pledge("bruno", id, "10", "-1"), 422, "tip", "negative");
        assertProblem(world.pledge("bruno", id, "10", "1.001"), 422, "tip", "decimals");
        assertProblem(world.postRaw("bruno", path, "{\"amount\": 1e400}"), 422, "amount", null == null ? "" : "");
        assertEquals(404, world.pledge("bruno", 999_999, "10", null).statusCode());
        assertEquals(before, world.counts());
        // An exact JSON number is fine.
        assertEquals(201, world.postRaw("bruno", path, "{\"amount\": 12.10}").statusCode());
        assertEquals("12.10", world.node.await(world.node.node().context().pool()
                .preparedQuery("SELECT amount::numeric(18,2)::text AS a FROM pledges ORDER BY id DESC LIMIT 1").execute())
                .iterator().next().getString("a"));
    }

    @Test
    void tiersOnlyCampaignTakesOnlyTierAmounts() {
        long id = world.openCampaign(CampaignWorld.campaignBody("Tiers only").put("free_amount", false));
        CampaignWorld.Counts before = world.counts();
        assertProblem(world.pledge("bruno", id, "21", null), 422, "amount", "tiers");
        assertEquals(before, world.counts());
        assertEquals(201, world.pledge("bruno", id, "20.00", null).statusCode());
    }

    @Test
    void pledgeToAClosedCampaignIsRefusedAndWritesNothing() {
        long id = world.openCampaign(CampaignWorld.campaignBody("To be cancelled"));
        JsonObject p = json(world.pledge("bruno", id, "40", "4"));
        HttpResponse<String> cancelled = world.post("alice", "/api/v1/campaigns/" + id + "/cancel", null);
        assertEquals("cancelled", json(cancelled).getString("state"));
        assertEquals("released", json(world.get("alice", "/api/v1/campaigns/" + id + "/pledges"))
                .getJsonArray("items").getJsonObject(0).getString("state"));
        CampaignWorld.Counts before = world.counts();
        assertProblem(world.pledge("bruno", id, "10", null), 409, null, "cancelled");
        assertProblem(world.post("alice", "/api/v1/campaigns/" + id + "/cancel", null), 409, null, "cancelled");
        assertProblem(world.patch("alice", "/api/v1/campaigns/" + id, new JsonObject().put("title", "Again")), 409, null, "cancelled");
        assertEquals(before, world.counts());
        assertEquals("0.00", json(world.get(null, "/api/v1/campaigns/" + id + "/progress")).getJsonObject("promised").getString("amount"));
        assertTrue(p.getLong("id") > 0);
        assertLedgerReconciles(id);
    }

    @Test
    void goalChangesAfterPledgesOnlyWithALoggedReason() {
        long id = world.openCampaign(CampaignWorld.campaignBody("Goal edits"));
        HttpResponse<String> early = world.patch("alice", "/api/v1/campaigns/" + id, new JsonObject().put("goal", "1200"));
        assertEquals(200, early.statusCode(), early.body());
        assertEquals(0, world.count("SELECT count(*) FROM campaign_audit WHERE campaign_id = $1", id));
        world.pledge("bruno", id, "30", null);

        CampaignWorld.Counts before = world.counts();
        assertProblem(world.patch("alice", "/api/v1/campaigns/" + id, new JsonObject().put("goal", "1500")), 409, null,
                "goal_change_reason");
        assertProblem(world.patch("bruno", "/api/v1/campaigns/" + id, new JsonObject().put("goal", "1500")
                .put("goal_change_reason", "x")), 403, null, "admin");
        assertProblem(world.patch("alice", "/api/v1/campaigns/" + id, new JsonObject().put("currency", "CHF")), 422,
                "currency", "cannot change");
        assertEquals(before, world.counts());
        assertEquals("1200.00", json(world.get(null, "/api/v1/campaigns/" + id)).getJsonObject("goal").getString("amount"));

        assertEquals(200, world.patch("alice", "/api/v1/campaigns/" + id, new JsonObject().put("title", "Goal edits, still")).statusCode());
        HttpResponse<String> changed = world.patch("alice", "/api/v1/campaigns/" + id, new JsonObject().put("goal", "1500")
                .put("goal_change_reason", "Le devis du four a augmenté"));
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals("1500.00", json(changed).getJsonObject("goal").getString("amount"));
        assertEquals(1, world.count("SELECT count(*) FROM campaign_audit WHERE campaign_id = $1 AND action = 'goal_changed' "
                + "AND before ->> 'goal' = '1200.00' AND after ->> 'goal' = '1500.00'", id));
    }

    // ---- the ledger ----------------------------------------------------------------------------

    @Test
    void ledgerIsAppendOnly() {
        long id = world.openCampaign(CampaignWorld.campaignBody("Append only"));
        world.pledge("bruno", id, "10", "1");
        long entries = world.count("SELECT count(*) FROM ledger_entries");
        var pool = world.node.node().context().pool();
        for (String sql : List.of("UPDATE ledger_entries SET amount = amount + 1",
                "DELETE FROM ledger_entries", "TRUNCATE ledger_entries CASCADE",
                "UPDATE ledger_accounts SET currency = 'USD'", "DELETE FROM ledger_accounts",
                "TRUNCATE tax_receipts")) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> world.node.await(pool.query(sql).execute()), sql);
            assertTrue(e.getMessage().contains("append-only"), sql + ": " + e.getMessage());
        }
        assertEquals(entries, world.count("SELECT count(*) FROM ledger_entries"));
        RuntimeException zero = assertThrows(RuntimeException.class, () -> world.node.await(pool.query(
                "INSERT INTO ledger_entries (kind, from_account_id, to_account_id, amount, currency, subject_kind, subject_id,"
                        + " recorded_by, recorded_at) SELECT 'pledge_promised', a.id, b.id, 0, 'EUR', 'pledge', 1, 'test', now()"
                        + " FROM ledger_accounts a, ledger_accounts b WHERE a.id <> b.id LIMIT 1").execute()));
        assertTrue(zero.getMessage().contains("check"), zero.getMessage());
        RuntimeException mixed = assertThrows(RuntimeException.class, () -> world.node.await(pool.query(
                "INSERT INTO ledger_entries (kind, from_account_id, to_account_id, amount, currency, subject_kind, subject_id,"
                        + " recorded_by, recorded_at) SELECT 'pledge_promised', a.id, b.id, 1, 'USD', 'pledge', 1, 'test', now()"
                        + " FROM ledger_accounts a, ledger_accounts b WHERE a.id <> b.id AND a.currency = 'EUR' LIMIT 1").execute()));
        assertTrue(mixed.getMessage().contains("foreign key"), mixed.getMessage());
    }

    /** Balances of a campaign's accounts add up to zero, and the API's totals are the ledger's sums. */
    private static void assertLedgerReconciles(long id) {
        assertEquals(0, world.count("SELECT count(*) FROM (SELECT sum(balance) AS s FROM ledger_balances "
                + "WHERE scope_kind = 'campaign' AND scope_id = $1 HAVING sum(balance) <> 0) x", id));
        JsonObject progress = json(world.get(null, "/api/v1/campaigns/" + id + "/progress"));
        BigDecimal promisedEntries = sumOf(id, "pledge_promised").subtract(sumOf(id, "pledge_received"))
                .subtract(sumOf(id, "pledge_released"));
        BigDecimal receivedEntries = sumOf(id, "pledge_received").subtract(sumOf(id, "pledge_refunded"));
        assertEquals(0, promisedEntries.compareTo(new BigDecimal(progress.getJsonObject("promised").getString("amount"))),
                progress.encode());
        assertEquals(0, receivedEntries.compareTo(new BigDecimal(progress.getJsonObject("received").getString("amount"))),
                progress.encode());
        // Each pledge's state is what its latest ledger entry says.
        assertEquals(0, world.count("""
                SELECT count(*) FROM pledges p WHERE p.campaign_id = $1 AND p.state <> (
                    SELECT substr(e.kind, 8) FROM ledger_entries e
                    WHERE e.subject_kind = 'pledge' AND e.subject_id = p.id AND e.kind LIKE 'pledge_%'
                    ORDER BY e.id DESC LIMIT 1)""", id));
        assertEquals(world.count("SELECT count(*) FROM pledges WHERE campaign_id = $1 AND state IN ('promised', 'received')", id),
                (long) progress.getInteger("contributors"));
    }

    private static BigDecimal sumOf(long campaign, String kind) {
        return world.node.await(world.node.node().context().pool().preparedQuery("""
                        SELECT coalesce(sum(e.amount), 0) AS s FROM ledger_entries e JOIN pledges p
                        ON e.subject_kind = 'pledge' AND e.subject_id = p.id WHERE p.campaign_id = $1 AND e.kind = $2""")
                .execute(io.vertx.sqlclient.Tuple.of(campaign, kind))).iterator().next().getBigDecimal("s");
    }

    // ---- concurrency ---------------------------------------------------------------------------

    @Test
    void concurrentPledgesAreNeitherLostNorDoubled() throws Exception {
        long id = world.openCampaign(CampaignWorld.campaignBody("Many at once"));
        int n = 200;
        List<HttpResponse<String>> answers = concurrently(n, 32, i -> world.as("bruno", "/api/v1/campaigns/" + id + "/pledges")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"amount\": \"" + (1 + i % 7) + ".25\", \"tip\": \"0.10\"}")));
        BigDecimal expected = BigDecimal.ZERO;
        Set<String> references = new HashSet<>();
        for (int i = 0; i < n; i++) {
            assertEquals(201, answers.get(i).statusCode(), answers.get(i).body());
            references.add(json(answers.get(i)).getString("payment_reference"));
            expected = expected.add(new BigDecimal((1 + i % 7) + ".25"));
        }
        assertEquals(n, references.size());
        assertEquals(n, world.count("SELECT count(*) FROM pledges WHERE campaign_id = $1", id));
        JsonObject progress = json(world.get(null, "/api/v1/campaigns/" + id + "/progress"));
        assertEquals(0, expected.compareTo(new BigDecimal(progress.getJsonObject("promised").getString("amount"))));
        assertEquals("20.00", progress.getJsonObject("tips_promised").getString("amount"));
        assertEquals(n, progress.getInteger("contributors"));
        assertLedgerReconciles(id);
    }

    @Test
    void pledgesRacingACloseAreEitherRecordedBeforeItOrRefused() throws Exception {
        long id = world.openCampaign(CampaignWorld.campaignBody("Racing the close"));
        int n = 60;
        ExecutorService canceller = Executors.newSingleThreadExecutor();
        Future<HttpResponse<String>> cancel = canceller.submit(() -> {
            Thread.sleep(150);
            return world.post("alice", "/api/v1/campaigns/" + id + "/cancel", null);
        });
        List<HttpResponse<String>> answers = concurrently(n, 8, i -> world.as("bruno", "/api/v1/campaigns/" + id + "/pledges")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"amount\": \"5\"}")));
        assertEquals(200, cancel.get().statusCode(), cancel.get().body());
        canceller.shutdown();
        long accepted = answers.stream().filter(r -> r.statusCode() == 201).count();
        long refused = answers.stream().filter(r -> r.statusCode() == 409).count();
        assertEquals(n, accepted + refused, "every pledge was either recorded or refused as closed");
        assertEquals(accepted, world.count("SELECT count(*) FROM pledges WHERE campaign_id = $1", id));
        Instant closedAt = world.node.await(world.node.node().context().pool()
                .preparedQuery("SELECT closed_at FROM campaigns WHERE id = $1").execute(io.vertx.sqlclient.Tuple.of(id)))
                .iterator().next().getOffsetDateTime("closed_at").toInstant();
        assertEquals(0, world.count("SELECT count(*) FROM pledges WHERE campaign_id = $1 AND created_at > $2", id,
                closedAt.atOffset(java.time.ZoneOffset.UTC)));
        assertEquals(0, world.count("SELECT count(*) FROM pledges WHERE campaign_id = $1 AND state <> 'released'", id));
        assertLedgerReconciles(id);
    }

    interface RequestFor {
        HttpRequest.Builder build(int i);
    }

    /** Sends {@code n} requests with at most {@code parallel} in flight; answers in request order. */
    static List<HttpResponse<String>> concurrently(int n, int parallel, RequestFor request) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore slots = new Semaphore(parallel);
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            all.add(client.sendAsync(request.build(i).build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> slots.release()));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : all) {
            answers.add(f.get());
        }
        return answers;
    }

    // ---- receipts, CSV, expenses, transparency -----------------------------------------------

    private static void issueTaxReceipts(boolean issue) {
        HttpResponse<String> r = world.node.send(world.as("alice", "/api/v1/collectives/capucins/funding")
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(new JsonObject().put("legal_name", "Association Les Capucins")
                        .put("address", "3 rue des Capucins, Lyon").put("object", "Vie de quartier")
                        .put("tax_receipts", issue).encode())));
        assertEquals(200, r.statusCode(), r.body());
    }

    private static long lastReceiptNumber(long campaign) {
        return world.count("SELECT coalesce(max(number), 0) FROM tax_receipts WHERE collective_id = "
                + "(SELECT collective_id FROM campaigns WHERE id = $1)", campaign);
    }

    /** Each pledge's receipt number; the numbers must be exactly those after {@code before}. */
    private static List<Long> assertNumberedWithoutGaps(List<Long> pledges, long before) {
        List<Long> numbers = new ArrayList<>();
        for (long p : pledges) {
            numbers.add(world.count("SELECT number FROM tax_receipts WHERE pledge_id = $1", p));
        }
        assertEquals(pledges.size(), new HashSet<>(numbers).size(), numbers.toString());
        for (long expected = before + 1; expected <= before + pledges.size(); expected++) {
            assertTrue(numbers.contains(expected), "number " + expected + " is missing from " + numbers);
        }
        return numbers;
    }

    @Test
    void receiptNumbersAreGivenWhenTheMoneyArrivesWithoutGapsEvenAtOnce() throws Exception {
        long id = world.openCampaign(CampaignWorld.campaignBody("Receipts"));
        issueTaxReceipts(true);
        int n = 12;
        List<Long> pledges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pledges.add(json(world.pledge("bruno", id, "123.50", null)).getLong("id"));
        }
        long promised = json(world.pledge("bruno", id, "5", null)).getLong("id");
        CampaignWorld.Counts untouched = world.counts();
        assertProblem(world.get("alice", "/api/v1/pledges/" + promised + "/receipt.pdf"), 404, null, "once the pledge is received");
        assertProblem(world.post("alice", "/api/v1/pledges/" + promised + "/receipt", null), 409, null, "once the pledge is received");
        assertEquals(untouched, world.counts(), "asking for a receipt too early writes nothing");

        long before = lastReceiptNumber(id);
        // The treasurer records every payment at once: each pledge gets one number, the numbers follow each other.
        List<HttpResponse<String>> received = concurrently(n, 12, i -> world.as("alice",
                "/api/v1/pledges/" + pledges.get(i) + "/receive").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"method\": \"cheque\"}")));
        received.forEach(r -> assertEquals(200, r.statusCode(), r.body()));
        List<Long> numbers = assertNumberedWithoutGaps(pledges, before);

        // Reading receipts, many at once, by the donor and the treasurer, allocates nothing.
        long receipts = world.count("SELECT count(*) FROM tax_receipts");
        List<HttpResponse<String>> read = concurrently(2 * n, 12, i -> world.as(i % 2 == 0 ? "alice" : "bruno",
                "/api/v1/pledges/" + pledges.get(i / 2) + "/receipt.pdf").GET());
        read.forEach(r -> assertEquals(200, r.statusCode(), r.body()));
        assertEquals(receipts, world.count("SELECT count(*) FROM tax_receipts"));
        assertEquals(before + n, lastReceiptNumber(id));

        HttpResponse<byte[]> pdf = pdf("bruno", pledges.get(0));
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains("Reçu n° " + numbers.get(0)), text);
            assertTrue(text.contains("cent vingt-trois euros et cinquante centimes"), text);
            assertTrue(text.contains("Mode de versement : chèque"), text);
        }
        assertEquals(403, world.get("zoe", "/api/v1/pledges/" + pledges.get(0) + "/receipt.pdf").statusCode());
        HttpResponse<String> again = world.post("alice", "/api/v1/pledges/" + pledges.get(0) + "/receipt", null);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(numbers.get(0), json(again).getLong("number"));
        assertEquals(receipts, world.count("SELECT count(*) FROM tax_receipts"));
    }

    @Test
    void pledgesReceivedBeforeReceiptsWereIssuedGetThemOnlyWhenTheTreasurerAsks() throws Exception {
        long id = world.openCampaign(CampaignWorld.campaignBody("Reçus après coup"));
        issueTaxReceipts(false);
        int n = 6;
        List<Long> pledges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long p = json(world.pledge("bruno", id, "40", null)).getLong("id");
            assertEquals(200, world.post("alice", "/api/v1/pledges/" + p + "/receive", new JsonObject().put("method", "cash"))
                    .statusCode());
            pledges.add(p);
        }
        try {
            assertEquals(0, world.count("SELECT count(*) FROM tax_receipts t JOIN pledges p ON p.id = t.pledge_id "
                    + "WHERE p.campaign_id = $1", id), "no receipt while the collective issues none");
            String first = "/api/v1/pledges/" + pledges.get(0);
            assertProblem(world.get("bruno", first + "/receipt.pdf"), 404, null, "does not issue tax receipts");
            assertProblem(world.post("alice", first + "/receipt", null), 409, null, "does not issue tax receipts");

            issueTaxReceipts(true);
            CampaignWorld.Counts untouched = world.counts();
            assertProblem(world.get("alice", first + "/receipt.pdf"), 404, null, "POST " + first + "/receipt");
            assertProblem(world.post("bruno", first + "/receipt", null), 403, null, "admin");
            assertProblem(world.post("zoe", first + "/receipt", null), 403, null, "admin");
            // A page on another site making the treasurer's browser ask, with the session cookie.
            HttpResponse<String> forged = world.node.send(world.node.request(first + "/receipt")
                    .header("Cookie", "entraide_session=" + world.token("alice"))
                    .header("Origin", "https://elsewhere.example").header("Sec-Fetch-Site", "cross-site")
                    .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{}")));
            assertEquals(403, forged.statusCode(), forged.body());
            HttpResponse<String> crossSiteRead = world.node.send(world.node.request(first + "/receipt.pdf")
                    .header("Cookie", "entraide_session=" + world.token("alice")).header("Sec-Fetch-Site", "cross-site").GET());
            assertEquals(404, crossSiteRead.statusCode(), crossSiteRead.body());
            assertEquals(untouched, world.counts(), "reading, or a refused request, allocates nothing");

            long before = lastReceiptNumber(id);
            // Each asked for twice at once: one request allocates (201), the other finds it (200).
            List<HttpResponse<String>> answers = concurrently(2 * n, 12, i -> world.as("alice",
                    "/api/v1/pledges/" + pledges.get(i / 2) + "/receipt").header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString("{}")));
            List<Long> numbers = assertNumberedWithoutGaps(pledges, before);
            for (int i = 0; i < n; i++) {
                HttpResponse<String> a = answers.get(2 * i);
                HttpResponse<String> b = answers.get(2 * i + 1);
                assertEquals(Set.of(200, 201), Set.of(a.statusCode(), b.statusCode()), a.body() + " / " + b.body());
                assertEquals(numbers.get(i), json(a).getLong("number"));
                assertEquals(numbers.get(i), json(b).getLong("number"));
            }
            assertEquals(200, world.get("bruno", first + "/receipt.pdf").statusCode());
        } finally {
            issueTaxReceipts(true);
        }
    }

    private static HttpResponse<byte[]> pdf(String who, long pledge) throws Exception {
        return HttpClient.newHttpClient().send(world.as(who, "/api/v1/pledges/" + pledge + "/receipt.pdf").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void treasurerExportsTheLedgerAsSafeCsv() {
        long id = world.openCampaign(CampaignWorld.campaignBody("CSV"));
        long p = json(world.post("bruno", "/api/v1/campaigns/" + id + "/pledges", new JsonObject().put("amount", "15")
                .put("public_name", "=HYPERLINK(\"http://evil\",\"x\")").put("tip", "1.50"))).getLong("id");
        world.post("alice", "/api/v1/pledges/" + p + "/receive", new JsonObject().put("method", "cash").put("reference", "caisse, 12"));
        HttpResponse<String> expense = world.post("alice", "/api/v1/campaigns/" + id + "/expenses", new JsonObject()
                .put("amount", "4.20").put("description", "Farine").put("spent_on", "2030-01-02"));
        assertEquals(201, expense.statusCode(), expense.body());
        CampaignWorld.Counts before = world.counts();
        assertProblem(world.post("alice", "/api/v1/campaigns/" + id + "/expenses", new JsonObject().put("amount", "-4")
                .put("description", "x")), 422, "amount", "positive");
        assertProblem(world.post("bruno", "/api/v1/campaigns/" + id + "/expenses", new JsonObject().put("amount", "4")
                .put("description", "x")), 403, null, "admin");
        assertEquals(before, world.counts());

        HttpResponse<String> csv = world.get("alice", "/api/v1/campaigns/" + id + "/ledger.csv");
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertEquals("entry,recorded_at,kind,amount,currency,subject,donor,email,public_name,payment_method,reference,recorded_by,memo",
                lines[0]);
        assertEquals(6, lines.length, csv.body());
        assertTrue(csv.body().contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","), csv.body());
        assertTrue(csv.body().contains("\"caisse, 12\""), csv.body());
        assertTrue(csv.body().contains("expense_recorded,4.20,EUR"), csv.body());
        assertEquals(403, world.get("bruno", "/api/v1/campaigns/" + id + "/ledger.csv").statusCode());
        assertEquals(403, world.get("zoe", "/api/v1/campaigns/" + id + "/ledger.csv").statusCode());

        JsonObject progress = json(world.get(null, "/api/v1/campaigns/" + id + "/progress"));
        assertEquals("15.00", progress.getJsonObject("received").getString("amount"));
        assertEquals("4.20", progress.getJsonObject("spent").getString("amount"));
        assertLedgerReconciles(id);

        HttpResponse<String> page = world.get(null, "/campaigns/" + id + "/transparency");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Farine"), page.body());
        assertTrue(page.body().contains("=HYPERLINK(&quot;http://evil&quot;"), "escaped, not raw HTML");
        assertTrue(page.body().contains("10.80 EUR"), "available = received - spent: " + page.body());
        assertTrue(page.body().contains("1.50 EUR"), "tips reported apart: " + page.body());
        JsonObject ledger = json(world.get(null, "/api/v1/campaigns/" + id + "/ledger"));
        assertEquals(5, ledger.getJsonArray("entries").size(), ledger.encode());
        assertFalse(ledger.encode().contains("evil"), "the public ledger names no one");
    }

    @Test
    void anonymousPledgesStayAnonymousInPublic() {
        long id = world.openCampaign(CampaignWorld.campaignBody("Anonymous"));
        world.post("bruno", "/api/v1/campaigns/" + id + "/pledges", new JsonObject().put("amount", "9").put("anonymous", true));
        String page = world.get(null, "/campaigns/" + id + "/transparency").body();
        assertTrue(page.contains("Anonymous"), page);
        assertFalse(page.contains("Bruno"), page);
    }

    @Test
    void newsReachesEachMemberWhoPledgedOnceAndNobodyElse() {
        long id = world.openCampaign(CampaignWorld.campaignBody("Nouvelles"));
        assertEquals(201, world.pledge("bruno", id, "10", null).statusCode());
        assertEquals(201, world.pledge("bruno", id, "15", null).statusCode());
        long zoeBefore = campaignNews("zoe").size();

        HttpResponse<String> byMember = world.post("bruno", "/api/v1/campaigns/" + id + "/updates",
                new JsonObject().put("title", "Pas moi").put("content", "<p>Non</p>"));
        assertProblem(byMember, 403, null, null);
        assertEquals(List.of(), campaignNews("bruno"), "a refused post tells nobody");

        HttpResponse<String> posted = world.post("alice", "/api/v1/campaigns/" + id + "/updates",
                new JsonObject().put("title", "Le four est commandé").put("content", "<p>Merci à tous</p>"));
        assertEquals(201, posted.statusCode(), posted.body());

        List<JsonObject> told = campaignNews("bruno");
        assertEquals(1, told.size(), "one notification however many pledges: " + told);
        JsonObject data = told.get(0).getJsonObject("data");
        assertEquals(id, data.getLong("campaign_id"));
        assertEquals("Nouvelles", data.getString("campaign"));
        assertEquals("Le four est commandé", data.getString("title"));
        assertEquals(json(posted).getLong("id"), data.getLong("news_id"));
        assertEquals(zoeBefore, campaignNews("zoe").size(), "zoe did not pledge");
        assertEquals(List.of(), campaignNews("alice"), "the author did not pledge");

        String campaignUri = world.node.base() + "/campaigns/" + id;
        assertEquals(1, world.count("""
                SELECT count(*) FROM outbox WHERE type = 'Create' AND visibility = 'followers'
                  AND document -> 'object' ->> 'type' = 'Note' AND document -> 'object' ->> 'context' = $1
                  AND document -> 'object' -> 'proof' IS NOT NULL""", campaignUri), "the Note is published, signed");
    }

    private static List<JsonObject> campaignNews(String who) {
        HttpResponse<String> r = world.get(who, "/api/v1/notifications");
        assertEquals(200, r.statusCode(), r.body());
        return json(r).getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(n -> n.getString("kind").equals("campaign_news")).toList();
    }

    // ---- the public page and its form ----------------------------------------------------------

    @Test
    void visitorsPledgeThroughTheFormWithForgeryProtection() {
        long id = world.openCampaign(CampaignWorld.campaignBody("Visitors"));
        HttpResponse<String> page = world.get(null, "/campaigns/" + id);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<h1>Visitors</h1>"), page.body());
        assertTrue(page.body().contains("suggested: 10 %"), page.body());
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertTrue(m.find());
        String token = m.group(1);

        CampaignWorld.Counts before = world.counts();
        String form = "amount=15&tip=1.50&email=zoe%40example.org&public_name=Zo%C3%A9";
        assertEquals(403, postForm(id, form + "&csrf=" + token, null, null).statusCode(), "no cookie");
        assertEquals(403, postForm(id, form, cookie, null).statusCode(), "no token");
        assertEquals(403, postForm(id, form + "&csrf=forged", cookie, null).statusCode());
        assertEquals(403, postForm(id, form + "&csrf=" + token, cookie, "https://evil.example").statusCode());
        HttpResponse<String> invalid = postForm(id, "amount=-3&csrf=" + token, cookie, null);
        assertEquals(422, invalid.statusCode());
        assertTrue(invalid.body().contains("email is required"), invalid.body());
        assertTrue(invalid.body().contains("amount must be positive"), invalid.body());
        assertEquals(before, world.counts());

        HttpResponse<String> thanks = postForm(id, form + "&csrf=" + token, cookie, world.node.base());
        assertEquals(201, thanks.statusCode(), thanks.body());
        assertTrue(thanks.body().contains("Payment reference: <strong>RF"), thanks.body());
        assertEquals(1, world.count("SELECT count(*) FROM pledges WHERE campaign_id = $1 AND donor_kind = 'public' "
                + "AND donor_email = 'zoe@example.org' AND public_name = 'Zoé' AND tip = 1.50", id));
    }

    private static HttpResponse<String> postForm(long id, String body, String cookie, String origin) {
        HttpRequest.Builder b = world.node.request("/campaigns/" + id + "/pledge")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return world.node.send(b);
    }

    @Test
    void serversGetTheSignedCampaignObject() {
        long id = world.openCampaign(CampaignWorld.campaignBody("Federated"));
        HttpResponse<String> r = world.get(null, "/campaigns/" + id + "?x");
        assertEquals(200, r.statusCode());
        HttpResponse<String> as = world.node.get("/campaigns/" + id, "Accept", "application/activity+json");
        assertEquals(200, as.statusCode(), as.body());
        JsonObject o = json(as);
        assertEquals(world.node.base() + "/campaigns/" + id, o.getString("id"));
        assertEquals(new JsonArray().add("Note").add("Campaign"), o.getJsonArray("type"));
        assertEquals("eddsa-jcs-2022", o.getJsonObject("proof").getString("cryptosuite"));
        assertEquals(world.node.base() + "/c/capucins#ed25519-key", o.getJsonObject("proof").getString("verificationMethod"));
        assertNotEquals(null, o.getString("endTime"));
        assertEquals(406, world.node.get("/campaigns/" + id, "Accept", "image/png").statusCode());
    }

    @Test
    void campaignProofsVerifyWithTheCollectivesPublishedKeyOnEverySignature() throws Exception {
        long id = world.openCampaign(CampaignWorld.campaignBody("Proven"));
        JsonObject collective = json(world.node.get("/c/capucins", "Accept", "application/activity+json"));
        JsonObject multikey = collective.getJsonArray("assertionMethod").getJsonObject(0);
        VerificationMethod method = new VerificationMethod(multikey.getString("id"), collective.getString("id"),
                Multikey.decodePublicKey(multikey.getString("publicKeyMultibase")));
        ObjectMapper mapper = new ObjectMapper();
        // The first signature reads the key, the later ones use the kept signer: all must verify.
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> as = world.node.get("/campaigns/" + id, "Accept", "application/activity+json");
            assertEquals(200, as.statusCode(), as.body());
            JsonNode served = mapper.readTree(as.body());
            assertInstanceOf(ProofResult.Verified.class, ObjectIntegrityProofs.verify(served, method, Instant.now()), as.body());
            ObjectNode tampered = ((ObjectNode) served).put("name", "Forged");
            assertFalse(ObjectIntegrityProofs.verify(tampered, method, Instant.now()) instanceof ProofResult.Verified);
        }
    }
}
