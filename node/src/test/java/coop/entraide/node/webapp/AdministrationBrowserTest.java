package coop.entraide.node.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.identity.Member;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    @RegisterExtension
    static final WebAppInBrowser app = new WebAppInBrowser(app -> {
        member("alice", "Alice Martin", Role.ADMIN);
        member("mo", "Mona", Role.MODERATOR);
        member("bruno", "Bruno", Role.MEMBER);
        member("chloe", "Chloé", Role.MEMBER);
    });

    private static Member member(String username, String name, Role role) {
        return app.member(username, name, role, PASSWORD);
    }

    private static void signIn(String username, String greeting) {
        app.signIn(username);
        app.heading("Bonjour, " + greeting);
    }

    private static void sql(String sql, Object... params) {
        app.node().await(app.node().node().context().pool().preparedQuery(sql).execute(Tuple.from(params)));
    }

    // ---- the screens ---------------------------------------------------------------------------

    @Test
    void aModeratorHidesAReportedPostAndTheAuditLogShowsIt() {
        String uri = app.postJson("bruno", "/api/v1/posts", new JsonObject()
                .put("content", "Vends des pilules miracles, prix imbattables").put("visibility", "public")).getString("uri");
        long report = app.postJson("chloe", "/api/v1/reports", new JsonObject()
                .put("objects", new JsonArray().add(uri)).put("comment", "Arnaque manifeste")).getLong("id");

        signIn("mo", "Mona");
        app.go("/app/moderation");
        app.heading("Modération");
        WebElement card = app.find("li[data-report='" + report + "']");
        assertTrue(card.getText().contains("Arnaque manifeste"), card.getText());
        assertTrue(card.getText().contains("pilules miracles"), card.getText());
        assertTrue(card.getText().contains("Bruno"), card.getText());
        app.screenshot("moderation-report-phone");

        card.findElement(By.cssSelector("textarea[name=reason]")).sendKeys("Publicité trompeuse");
        card.findElement(By.cssSelector("button[data-action=hide]")).click();
        app.waitForStatus("Masquer");
        card = app.find("li[data-report='" + report + "']");
        assertTrue(card.findElement(By.cssSelector(".badge.state-hidden")).isDisplayed());
        assertTrue(card.findElements(By.cssSelector("button[data-action=hide]")).isEmpty(), "nothing left to hide");
        WebElement entry = app.find(".audit-log li");
        assertTrue(entry.getText().contains("mo a masqué " + uri), entry.getText());
        assertTrue(entry.getText().contains("Publicité trompeuse"), entry.getText());
        app.script("arguments[0].scrollIntoView()", entry);
        app.screenshot("moderation-audit-phone");

        app.find("li[data-report='" + report + "'] button[data-action=resolve]").click();
        app.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("li[data-report='" + report + "']")));
        app.find("button.tab[aria-pressed=false]").click();
        app.find("li[data-report='" + report + "'] .badge.report-resolved");
        app.size(Browser.DESKTOP);
        app.screenshot("moderation-resolved-desktop");
        assertEquals("resolved", app.getJson("mo", "/api/v1/admin/reports/" + report).getString("state"));
    }

    @Test
    void anAdministratorInvitesSomeoneWhoJoinsWithTheLink() {
        signIn("alice", "Alice Martin");
        app.go("/app/members");
        app.heading("Membres");
        app.screenshot("members-phone");
        new Select(app.find("#invite-form select[name=role]")).selectByValue("member");
        WebElement days = app.find("#invite-form input[name=expires_in_days]");
        days.clear();
        days.sendKeys("3");
        app.find("#invite-form button[type=submit]").click();
        String link = app.find("input.invitation-link").getAttribute("value");
        assertTrue(link.startsWith(app.node().base() + "/app/sign-up?invitation="), link);
        app.find("li[data-invitation] .badge.state-open");
        app.screenshot("members-invited-phone");

        app.newVisitor();
        app.driver().get(link);
        app.heading("Rejoindre");
        assertTrue(app.find(".invited").getText().contains("capucins"), app.find(".invited").getText());
        app.screenshot("sign-up-invited-phone");
        app.find("input[name=username]").sendKeys("dora");
        app.find("input[name=display_name]").sendKeys("Dora Lefèvre");
        app.find("input[name=password]").sendKeys("une autre phrase");
        app.find("#sign-up-form button[type=submit]").click();
        app.heading("Connexion");
        app.waitForStatus("Bienvenue, dora");
        app.submitSignIn("dora", "une autre phrase");
        app.heading("Bonjour, Dora Lefèvre");

        app.newVisitor();
        app.driver().get(link);
        app.heading("Rejoindre");
        assertTrue(app.find("p.form-error").getText().contains("déjà servi"), "a used link says so");
    }

    @Test
    void anAdministratorChangesARoleAndSuspendsAMember() {
        member("karim", "Karim", Role.MEMBER);
        String session = app.token("karim");
        signIn("alice", "Alice Martin");
        app.go("/app/members");
        app.heading("Membres");
        WebElement karim = app.find("li[data-member=karim]");
        new Select(karim.findElement(By.cssSelector("select[name=role]"))).selectByValue("moderator");
        karim.findElement(By.cssSelector(".inline-form button[type=submit]")).click();
        app.waitForStatus("karim est maintenant");
        karim = app.find("li[data-member=karim]");
        assertTrue(karim.findElement(By.cssSelector(".badge.role-moderator")).isDisplayed());

        WebElement self = app.find("li[data-member=alice]");
        assertTrue(self.findElements(By.cssSelector("select[name=role], details.suspend")).isEmpty(),
                "an administrator manages others, not themself");

        karim.findElement(By.cssSelector("details.suspend summary")).click();
        karim.findElement(By.cssSelector("textarea[name=reason]")).sendKeys("Messages agressifs");
        app.script("arguments[0].scrollIntoView()", karim);
        app.screenshot("members-suspend-phone");
        karim.findElement(By.cssSelector(".suspend-form button[type=submit]")).click();
        app.acceptConfirm();
        app.waitForStatus("karim est suspendu");
        karim = app.find("li[data-member=karim]");
        assertTrue(karim.findElement(By.cssSelector(".badge.suspended")).isDisplayed());
        app.script("arguments[0].scrollIntoView()", karim);
        app.screenshot("members-suspended-phone");

        JsonObject listed = app.getJson("alice", "/api/v1/admin/members").getJsonArray("members").stream()
                .map(JsonObject.class::cast).filter(m -> m.getString("username").equals("karim")).findFirst().orElseThrow();
        assertEquals("moderator", listed.getString("role"));
        assertTrue(listed.getBoolean("suspended"));
        assertEquals(401, app.node().get("/api/v1/me", "Authorization", "Bearer " + session).statusCode(), "signed out");
        app.size(Browser.DESKTOP);
        app.driver().navigate().refresh();
        app.find("li[data-member=karim]");
        app.screenshot("members-desktop");
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
        signIn("alice", "Alice Martin");
        app.go("/app/federation");
        app.find("a.tab[href='/app/federation/health']").click();
        app.heading("Santé de la fédération");
        WebElement chart = app.find("svg.queue-chart");
        assertEquals(3, chart.findElements(By.cssSelector("polyline.series")).size(), "waiting, retrying, failed");
        String points = chart.findElement(By.cssSelector("polyline.series-pending")).getAttribute("points");
        assertTrue(points.split(" ").length >= 30, points);
        assertTrue(chart.findElement(By.tagName("title")).getAttribute("textContent").contains("24 heures"));
        assertEquals("12", app.find("li[data-reason=BAD_SIGNATURE] .bar-count").getText());
        assertEquals("4", app.find("li[data-reason=CLOCK_SKEW] .bar-count").getText());
        assertTrue(app.find("li[data-reason=CLOCK_SKEW]").getText().contains("Horloge trop décalée"));
        app.screenshot("federation-health-phone");
        app.script("document.getElementById('rejections-title').scrollIntoView()");
        app.screenshot("federation-rejections-phone");
        app.size(Browser.DESKTOP);
        app.driver().navigate().refresh();
        app.find("svg.queue-chart polyline");
        app.screenshot("federation-health-desktop");
    }

    @Test
    void settingsAreSavedAndShownToPeopleWhoJoin() {
        signIn("alice", "Alice Martin");
        app.go("/app/settings");
        app.heading("Réglages");
        WebElement name = app.find("input[name=name]");
        name.clear();
        name.sendKeys("Entraide des Capucins");
        app.find("textarea[name=rules]").sendKeys("Soyez aimables.\nPas de vente.");
        WebElement tip = app.find("input[name=default_tip_percent]");
        tip.clear();
        tip.sendKeys("80");
        app.find("#settings-form input[name=registrations][value=approval]").click();
        app.find("#settings-form button[type=submit]").click();
        app.waiting().until(ExpectedConditions.attributeToBe(By.cssSelector("input[name=default_tip_percent]"),
                "aria-invalid", "true"));
        app.screenshot("settings-error-phone");
        tip = app.find("input[name=default_tip_percent]");
        tip.clear();
        tip.sendKeys("8");
        app.find("#settings-form button[type=submit]").click();
        app.waitForStatus("Entraide des Capucins");
        app.driver().navigate().refresh();
        app.heading("Réglages");
        assertEquals("Entraide des Capucins", app.find("input[name=name]").getAttribute("value"));
        assertEquals("8", app.find("input[name=default_tip_percent]").getAttribute("value"));
        assertTrue(app.find("#settings-form input[name=registrations][value=approval]").isSelected());
        app.screenshot("settings-phone");

        JsonObject nodeinfo = new JsonObject(app.node().get("/nodeinfo/2.1").body());
        assertTrue(nodeinfo.getBoolean("openRegistrations"));
        assertEquals("Entraide des Capucins", nodeinfo.getJsonObject("metadata").getString("nodeName"));

        app.newVisitor();
        app.go("/app/sign-up");
        app.heading("Rejoindre");
        assertTrue(app.find(".lead").getText().contains("Entraide des Capucins"));
        assertEquals(List.of("Soyez aimables.", "Pas de vente."),
                app.driver().findElements(By.cssSelector("ul.rules li")).stream().map(WebElement::getText).toList());
        app.find("textarea[name=reason]");
        app.screenshot("sign-up-approval-phone");
    }

    @Test
    void theBellCountsANewNotificationAndTheListMarksItRead() {
        signIn("bruno", "Bruno");
        WebElement count = app.driver().findElement(By.cssSelector(".bell .bell-count"));
        assertFalse(count.isDisplayed(), "nothing unread yet");
        JsonObject offer = app.postJson("bruno", "/api/v1/offers", new JsonObject().put("kind", "give")
                .put("title", "Pots de confiture vides").put("category", "other"));
        app.postJson("chloe", "/api/v1/offers/" + offer.getString("id") + "/responses", new JsonObject().put("message", "Je prends !"));

        app.driver().navigate().refresh();
        app.heading("Bonjour, Bruno");
        app.waiting().until(ExpectedConditions.textToBe(By.cssSelector(".bell .bell-count"), "1"));
        assertEquals("Notifications non lues\u00a0: 1", app.find(".bell").getAttribute("aria-label"));
        app.screenshot("bell-phone");
        app.find(".bell").click();
        app.heading("Notifications");
        WebElement item = app.find("li.notification.unread");
        assertTrue(item.getText().contains("Nouvelle réponse à votre offre « Pots de confiture vides »"), item.getText());
        app.screenshot("notifications-phone");
        item.findElement(By.cssSelector("button.link-button")).click();
        app.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("li.notification.unread")));
        app.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".bell .bell-count")));
        assertEquals(0L, app.getJson("bruno", "/api/v1/notifications/unread-count").getLong("unread"));
    }
}
