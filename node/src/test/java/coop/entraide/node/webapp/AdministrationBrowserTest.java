package coop.entraide.node.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Member;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The moderators' and administrators' screens in a real headless Chromium against a real node:
 * handling a report, inviting someone who then joins, roles and suspensions, federation health,
 * settings, and the notification bell. Screenshots go to target/screenshots/.
 */
class AdministrationBrowserTest {
    private static final String PASSWORD = "le jardin partagé";
    private static TestNode node;
    private static Browser browser;

    @BeforeAll
    static void start() {
        if (!Browser.installed()) {
            return;
        }
        node = TestNode.start();
        node.await(node.identity().createCollective(new NewCollective("capucins", "Les Capucins", null, false)));
        member("alice", "Alice Martin", Role.ADMIN);
        member("mo", "Mona", Role.MODERATOR);
        member("bruno", "Bruno", Role.MEMBER);
        member("chloe", "Chloé", Role.MEMBER);
        browser = Browser.open("fr-FR,fr");
    }

    private static Member member(String username, String name, Role role) {
        return node.await(node.identity().createMember(new NewMember(username, "capucins", name, null, role, PASSWORD)));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void newVisitor() {
        Browser.assumeInstalled();
        browser.size(Browser.PHONE);
        browser.forgetEverything(node.base());
    }

    @AfterEach
    void nothingWentWrongOnThePage() {
        if (browser == null) {
            return;
        }
        assertEquals(List.of(), browser.pageProblems(), "script errors or policy violations");
        assertFalse(browser.driver().getPageSource().contains("[missing:"), "untranslated text");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static void go(String path) {
        browser.driver().get(node.base() + path);
    }

    private static WebElement find(String css) {
        return browser.visible(By.cssSelector(css));
    }

    private static void signIn(String username, String password, String greeting) {
        go("/app/sign-in");
        browser.heading("Connexion");
        find("input[name=username]").sendKeys(username);
        find("input[name=password]").sendKeys(password);
        find("form button[type=submit]").click();
        browser.heading("Bonjour, " + greeting);
    }

    private static void waitForStatus(String text) {
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), text));
    }

    private static void acceptConfirm() {
        browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();
    }

    private static String token(String username, String password) {
        HttpResponse<String> r = node.send(node.request("/api/v1/sessions").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(new JsonObject().put("username", username).put("password", password).encode())));
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getString("token");
    }

    private static JsonObject post(String username, String path, JsonObject body) {
        HttpResponse<String> r = node.send(node.request(path).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token(username, PASSWORD))
                .POST(BodyPublishers.ofString(body.encode())));
        assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
        return new JsonObject(r.body());
    }

    private static JsonObject get(String username, String path) {
        HttpResponse<String> r = node.get(path, "Authorization", "Bearer " + token(username, PASSWORD));
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static void sql(String sql, Object... params) {
        node.await(node.node().context().pool().preparedQuery(sql).execute(Tuple.from(params)));
    }

    // ---- the screens ---------------------------------------------------------------------------

    @Test
    void aModeratorHidesAReportedPostAndTheAuditLogShowsIt() {
        String uri = post("bruno", "/api/v1/posts", new JsonObject()
                .put("content", "Vends des pilules miracles, prix imbattables").put("visibility", "public")).getString("uri");
        long report = post("chloe", "/api/v1/reports", new JsonObject()
                .put("objects", new JsonArray().add(uri)).put("comment", "Arnaque manifeste")).getLong("id");

        signIn("mo", PASSWORD, "Mona");
        go("/app/moderation");
        browser.heading("Modération");
        WebElement card = find("li[data-report='" + report + "']");
        assertTrue(card.getText().contains("Arnaque manifeste"), card.getText());
        assertTrue(card.getText().contains("pilules miracles"), card.getText());
        assertTrue(card.getText().contains("Bruno"), card.getText());
        browser.screenshot("moderation-report-phone");

        card.findElement(By.cssSelector("textarea[name=reason]")).sendKeys("Publicité trompeuse");
        card.findElement(By.cssSelector("button[data-action=hide]")).click();
        waitForStatus("Masquer");
        card = find("li[data-report='" + report + "']");
        assertTrue(card.findElement(By.cssSelector(".badge.state-hidden")).isDisplayed());
        assertTrue(card.findElements(By.cssSelector("button[data-action=hide]")).isEmpty(), "nothing left to hide");
        WebElement entry = find(".audit-log li");
        assertTrue(entry.getText().contains("mo a masqué " + uri), entry.getText());
        assertTrue(entry.getText().contains("Publicité trompeuse"), entry.getText());
        browser.script("arguments[0].scrollIntoView()", entry);
        browser.screenshot("moderation-audit-phone");

        find("li[data-report='" + report + "'] button[data-action=resolve]").click();
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("li[data-report='" + report + "']")));
        find("button.tab[aria-pressed=false]").click();
        find("li[data-report='" + report + "'] .badge.report-resolved");
        browser.size(Browser.DESKTOP);
        browser.screenshot("moderation-resolved-desktop");
        assertEquals("resolved", get("mo", "/api/v1/admin/reports/" + report).getString("state"));
    }

    @Test
    void anAdministratorInvitesSomeoneWhoJoinsWithTheLink() {
        signIn("alice", PASSWORD, "Alice Martin");
        go("/app/members");
        browser.heading("Membres");
        browser.screenshot("members-phone");
        new Select(find("#invite-form select[name=role]")).selectByValue("member");
        WebElement days = find("#invite-form input[name=expires_in_days]");
        days.clear();
        days.sendKeys("3");
        find("#invite-form button[type=submit]").click();
        String link = find("input.invitation-link").getAttribute("value");
        assertTrue(link.startsWith(node.base() + "/app/sign-up?invitation="), link);
        find("li[data-invitation] .badge.state-open");
        browser.screenshot("members-invited-phone");

        browser.forgetEverything(node.base());
        browser.driver().get(link);
        browser.heading("Rejoindre");
        assertTrue(find(".invited").getText().contains("capucins"), find(".invited").getText());
        browser.screenshot("sign-up-invited-phone");
        find("input[name=username]").sendKeys("dora");
        find("input[name=display_name]").sendKeys("Dora Lefèvre");
        find("input[name=password]").sendKeys("une autre phrase");
        find("#sign-up-form button[type=submit]").click();
        browser.heading("Connexion");
        waitForStatus("Bienvenue, dora");
        find("input[name=username]").sendKeys("dora");
        find("input[name=password]").sendKeys("une autre phrase");
        find("form button[type=submit]").click();
        browser.heading("Bonjour, Dora Lefèvre");

        browser.forgetEverything(node.base());
        browser.driver().get(link);
        browser.heading("Rejoindre");
        assertTrue(find("p.form-error").getText().contains("déjà servi"), "a used link says so");
    }

    @Test
    void anAdministratorChangesARoleAndSuspendsAMember() {
        member("karim", "Karim", Role.MEMBER);
        String session = token("karim", PASSWORD);
        signIn("alice", PASSWORD, "Alice Martin");
        go("/app/members");
        browser.heading("Membres");
        WebElement karim = find("li[data-member=karim]");
        new Select(karim.findElement(By.cssSelector("select[name=role]"))).selectByValue("moderator");
        karim.findElement(By.cssSelector(".inline-form button[type=submit]")).click();
        waitForStatus("karim est maintenant");
        karim = find("li[data-member=karim]");
        assertTrue(karim.findElement(By.cssSelector(".badge.role-moderator")).isDisplayed());

        WebElement self = find("li[data-member=alice]");
        assertTrue(self.findElements(By.cssSelector("select[name=role], details.suspend")).isEmpty(),
                "an administrator manages others, not themself");

        karim.findElement(By.cssSelector("details.suspend summary")).click();
        karim.findElement(By.cssSelector("textarea[name=reason]")).sendKeys("Messages agressifs");
        browser.script("arguments[0].scrollIntoView()", karim);
        browser.screenshot("members-suspend-phone");
        karim.findElement(By.cssSelector(".suspend-form button[type=submit]")).click();
        acceptConfirm();
        waitForStatus("karim est suspendu");
        karim = find("li[data-member=karim]");
        assertTrue(karim.findElement(By.cssSelector(".badge.suspended")).isDisplayed());
        browser.script("arguments[0].scrollIntoView()", karim);
        browser.screenshot("members-suspended-phone");

        JsonObject listed = get("alice", "/api/v1/admin/members").getJsonArray("members").stream()
                .map(JsonObject.class::cast).filter(m -> m.getString("username").equals("karim")).findFirst().orElseThrow();
        assertEquals("moderator", listed.getString("role"));
        assertTrue(listed.getBoolean("suspended"));
        assertEquals(401, node.get("/api/v1/me", "Authorization", "Bearer " + session).statusCode(), "signed out");
        browser.size(Browser.DESKTOP);
        browser.driver().navigate().refresh();
        find("li[data-member=karim]");
        browser.screenshot("members-desktop");
    }

    @Test
    void theFederationHealthScreenDrawsTheQueueChartAndCountsRejectedSignatures() {
        sql("""
                INSERT INTO signature_rejections (day, host, reason, count)
                VALUES (current_date, 'masto.example', 'CLOCK_SKEW', 4), (current_date, 'evil.example', 'BAD_SIGNATURE', 12)""");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int i = 1; i <= 30; i++) {
            sql("INSERT INTO delivery_queue_snapshots (minute, pending, retrying, failed) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                    now.minus(31 - i, ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC), (long) (i % 7) * 3, (long) (i / 6), (long) (i > 20 ? 2 : 0));
        }
        signIn("alice", PASSWORD, "Alice Martin");
        go("/app/federation");
        find("a.tab[href='/app/federation/health']").click();
        browser.heading("Santé de la fédération");
        WebElement chart = find("svg.queue-chart");
        assertEquals(3, chart.findElements(By.cssSelector("polyline.series")).size(), "waiting, retrying, failed");
        String points = chart.findElement(By.cssSelector("polyline.series-pending")).getAttribute("points");
        assertTrue(points.split(" ").length >= 30, points);
        assertTrue(chart.findElement(By.tagName("title")).getAttribute("textContent").contains("24 heures"));
        assertEquals("12", find("li[data-reason=BAD_SIGNATURE] .bar-count").getText());
        assertEquals("4", find("li[data-reason=CLOCK_SKEW] .bar-count").getText());
        assertTrue(find("li[data-reason=CLOCK_SKEW]").getText().contains("Horloge trop décalée"));
        browser.screenshot("federation-health-phone");
        browser.script("document.getElementById('rejections-title').scrollIntoView()");
        browser.screenshot("federation-rejections-phone");
        browser.size(Browser.DESKTOP);
        browser.driver().navigate().refresh();
        find("svg.queue-chart polyline");
        browser.screenshot("federation-health-desktop");
    }

    @Test
    void settingsAreSavedAndShownToPeopleWhoJoin() {
        signIn("alice", PASSWORD, "Alice Martin");
        go("/app/settings");
        browser.heading("Réglages");
        WebElement name = find("input[name=name]");
        name.clear();
        name.sendKeys("Entraide des Capucins");
        find("textarea[name=rules]").sendKeys("Soyez aimables.\nPas de vente.");
        WebElement tip = find("input[name=default_tip_percent]");
        tip.clear();
        tip.sendKeys("80");
        find("#settings-form input[name=registrations][value=approval]").click();
        find("#settings-form button[type=submit]").click();
        browser.waiting().until(ExpectedConditions.attributeToBe(By.cssSelector("input[name=default_tip_percent]"),
                "aria-invalid", "true"));
        browser.screenshot("settings-error-phone");
        tip = find("input[name=default_tip_percent]");
        tip.clear();
        tip.sendKeys("8");
        find("#settings-form button[type=submit]").click();
        waitForStatus("Entraide des Capucins");
        browser.driver().navigate().refresh();
        browser.heading("Réglages");
        assertEquals("Entraide des Capucins", find("input[name=name]").getAttribute("value"));
        assertEquals("8", find("input[name=default_tip_percent]").getAttribute("value"));
        assertTrue(find("#settings-form input[name=registrations][value=approval]").isSelected());
        browser.screenshot("settings-phone");

        JsonObject nodeinfo = new JsonObject(node.get("/nodeinfo/2.1").body());
        assertTrue(nodeinfo.getBoolean("openRegistrations"));
        assertEquals("Entraide des Capucins", nodeinfo.getJsonObject("metadata").getString("nodeName"));

        browser.forgetEverything(node.base());
        go("/app/sign-up");
        browser.heading("Rejoindre");
        assertTrue(find(".lead").getText().contains("Entraide des Capucins"));
        assertEquals(List.of("Soyez aimables.", "Pas de vente."),
                browser.driver().findElements(By.cssSelector("ul.rules li")).stream().map(WebElement::getText).toList());
        find("textarea[name=reason]");
        browser.screenshot("sign-up-approval-phone");
    }

    @Test
    void theBellCountsANewNotificationAndTheListMarksItRead() {
        signIn("bruno", PASSWORD, "Bruno");
        WebElement count = browser.driver().findElement(By.cssSelector(".bell .bell-count"));
        assertFalse(count.isDisplayed(), "nothing unread yet");
        JsonObject offer = post("bruno", "/api/v1/offers", new JsonObject().put("kind", "give")
                .put("title", "Pots de confiture vides").put("category", "other"));
        post("chloe", "/api/v1/offers/" + offer.getString("id") + "/responses", new JsonObject().put("message", "Je prends !"));

        browser.driver().navigate().refresh();
        browser.heading("Bonjour, Bruno");
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector(".bell .bell-count"), "1"));
        assertEquals("Notifications non lues\u00a0: 1", find(".bell").getAttribute("aria-label"));
        browser.screenshot("bell-phone");
        find(".bell").click();
        browser.heading("Notifications");
        WebElement item = find("li.notification.unread");
        assertTrue(item.getText().contains("Nouvelle réponse à votre offre « Pots de confiture vides »"), item.getText());
        browser.screenshot("notifications-phone");
        item.findElement(By.cssSelector("button.link-button")).click();
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("li.notification.unread")));
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".bell .bell-count")));
        assertEquals(0L, get("bruno", "/api/v1/notifications/unread-count").getLong("unread"));
    }
}
