package coop.entraide.node.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The member screens in a real headless Chromium against a real node: an offer published with a
 * photo (resized in the browser before upload), answered by a neighbour, accepted, lent and
 * returned; a campaign created and published by the collective's administrator, a pledge with a
 * tip, recorded as received by the treasurer; following someone by handle after a preview.
 * Screenshots of each screen, phone-sized, go to target/screenshots/.
 */
class MemberScreensBrowserTest {
    private static final String PASSWORD = "la grainothèque";
    private static TestNode node;
    private static Browser browser;

    @BeforeAll
    static void start() {
        if (!Browser.installed()) {
            return; // each test then reports itself skipped, with the reason
        }
        node = TestNode.start();
        node.await(node.identity().createCollective(new NewCollective("capucins", "Les Capucins", null, false)));
        node.await(node.identity().createMember(new NewMember("alice", "capucins", "Alice Martin", null, Role.ADMIN, PASSWORD)));
        node.await(node.identity().createMember(new NewMember("bruno", "capucins", "Bruno", null, Role.MEMBER, PASSWORD)));
        node.await(node.identity().createMember(new NewMember("chloe", "capucins", "Chloé", null, Role.MEMBER, PASSWORD)));
        browser = Browser.open("fr-FR,fr");
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
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static void go(String path) {
        browser.driver().get(node.base() + path);
    }

    private static WebElement find(String css) {
        return browser.visible(By.cssSelector(css));
    }

    private static void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    private static void waitForText(String css, String text) {
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    private static void signInAs(String username) {
        browser.forgetEverything(node.base());
        go("/app/sign-in");
        browser.heading("Connexion");
        type("input[name=username]", username);
        type("input[name=password]", PASSWORD);
        find("form button[type=submit]").click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "Bonjour"));
    }

    private static void assertFullyTranslated() {
        assertFalse(browser.driver().getPageSource().contains("[missing:"),
                "untranslated text on " + browser.driver().getCurrentUrl());
    }

    /** The field's error is visible, tied to the field, and says this. */
    private static void assertErrorNextTo(String inputCss, String expected) {
        WebElement input = find(inputCss);
        browser.waiting().until(ExpectedConditions.attributeToBe(input, "aria-invalid", "true"));
        String errorId = input.getAttribute("id") + "-error";
        assertTrue(List.of(input.getAttribute("aria-describedby").split(" ")).contains(errorId));
        WebElement error = browser.driver().findElement(By.id(errorId));
        assertTrue(error.isDisplayed());
        assertEquals(expected, error.getText());
    }

    private static void accept() {
        browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();
    }

    private static String token(String username) {
        HttpResponse<String> r = node.send(node.request("/api/v1/sessions").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(new JsonObject().put("username", username).put("password", PASSWORD).encode())));
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getString("token");
    }

    private static JsonObject api(String username, String path) {
        HttpResponse<String> r = node.get(path, "Authorization", "Bearer " + token(username));
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    /** A photo as a phone takes it: larger than the app sends, so that we can see it resized. */
    private static Path photo(Path dir) {
        BufferedImage image = new BufferedImage(2400, 1800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xE8, 0xE4, 0xD8));
        g.fillRect(0, 0, 2400, 1800);
        g.setColor(new Color(0x0B, 0x5D, 0x4B));
        g.fillRect(600, 500, 1200, 500);
        g.setColor(new Color(0xB3, 0x26, 0x1E));
        g.fillOval(1500, 1000, 400, 400);
        g.dispose();
        Path file = dir.resolve("perceuse.jpg");
        try {
            ImageIO.write(image, "jpg", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The device says it is in Lyon, a little more precisely than the app will ever send. */
    private static void placeTheDeviceInLyon() {
        browser.driver().executeCdpCommand("Browser.grantPermissions",
                Map.of("origin", node.base(), "permissions", List.of("geolocation")));
        browser.driver().executeCdpCommand("Emulation.setGeolocationOverride",
                Map.of("latitude", 45.77123, "longitude", 4.83456, "accuracy", 10));
    }

    // ---- offers --------------------------------------------------------------------------------

    @Test
    void anOfferWithAPhotoIsAnsweredAcceptedLentAndReturned(@TempDir Path dir) {
        signInAs("chloe");
        placeTheDeviceInLyon();
        go("/app/offers/new");
        browser.heading("Publier une offre");
        assertFullyTranslated();
        browser.screenshot("offer-new-phone");

        new Select(find("select[name=kind]")).selectByValue("lend");
        assertTrue(find("input[name=deposit]").isDisplayed(), "a loan asks for a deposit");
        assertFalse(browser.driver().findElement(By.cssSelector("input[name=price]")).isDisplayed(), "but not a price");
        type("input[name=title]", "Perceuse à percussion");
        type("textarea[name=description]", "Avec sa mallette et deux forets.\n\nÀ rendre propre.");
        new Select(find("select[name=category]")).selectByValue("tools");
        new Select(find("select[name=condition]")).selectByValue("good");
        type("input[name=deposit]", "vingt");
        type("input[name=loan_period_days]", "7");
        type("input[name=neighbourhood]", "Les Capucins");
        find("#offer-form button[type=submit]").click();
        assertErrorNextTo("input[name=deposit]", "Écrivez un montant comme 12,50, avec au plus deux décimales.");
        assertErrorNextTo("input[name=neighbourhood]",
                "Un quartier va avec une position approximative : utilisez votre position, ou laissez le quartier vide.");

        type("input[name=deposit]", "20");
        find(".location button.secondary").click();
        waitForText(".location .position", "45.77, 4.83");

        find("input[name=photo]").sendKeys(photo(dir).toAbsolutePath().toString());
        WebElement preview = find(".photo-item img.photo-preview");
        waitForText(".upload-status", "Photo ajoutée.");
        assertTrue(preview.getAttribute("src").contains("/media/"), preview.getAttribute("src"));
        find("#offer-form button[type=submit]").click();
        assertErrorNextTo(".photo-item textarea", "Une photo a besoin d’une description.");
        browser.script("arguments[0].scrollIntoView()", find(".photos"));
        browser.screenshot("offer-new-photo-phone");
        type(".photo-item textarea", "Une perceuse verte dans sa mallette");
        find("#offer-form button[type=submit]").click();

        browser.heading("Perceuse à percussion");
        waitForText("#status", "« Perceuse à percussion » est publiée.");
        WebElement shown = find(".gallery img");
        assertEquals("Une perceuse verte dans sa mallette", shown.getAttribute("alt"));
        assertTrue((Boolean) browser.script("return arguments[0].complete && arguments[0].naturalWidth > 0", shown),
                "the photo loads from the node");
        assertTrue(find("dl.facts").getText().contains("20,00"), find("dl.facts").getText());
        assertFullyTranslated();
        browser.screenshot("offer-page-phone");

        JsonObject mine = api("chloe", "/api/v1/me/offers").getJsonArray("items").getJsonObject(0);
        String id = mine.getString("id");
        JsonObject stored = mine.getJsonArray("photos").getJsonObject(0);
        assertEquals(1600, stored.getInteger("width"), "resized in the browser to 1600 px on its longer side");
        assertEquals(1200, stored.getInteger("height"));
        assertEquals("image/jpeg", stored.getString("media_type"));
        assertEquals(45.77, mine.getJsonObject("location").getDouble("latitude"));
        assertEquals(4.83, mine.getJsonObject("location").getDouble("longitude"));
        assertEquals("Les Capucins", mine.getJsonObject("location").getString("neighbourhood"));
        assertEquals("20.00", mine.getJsonObject("deposit").getString("amount"));

        // A neighbour finds it on the home page and responds.
        signInAs("bruno");
        WebElement card = find("li.offer-card[data-offer='" + id + "']");
        assertEquals("Une perceuse verte dans sa mallette", card.findElement(By.cssSelector("img.thumb")).getAttribute("alt"));
        assertFullyTranslated();
        browser.screenshot("home-feed-phone");
        card.findElement(By.cssSelector("h3 a")).click();
        browser.heading("Perceuse à percussion");
        type("#respond-form textarea[name=message]", "Je peux passer samedi matin ?");
        find("#respond-form button[type=submit]").click();
        waitForText("li.response", "En attente de réponse");
        assertTrue(browser.driver().findElements(By.id("respond-form")).isEmpty(), "one response at a time");
        browser.screenshot("offer-responded-phone");

        // The author sees it waiting, accepts, lends, gets it back and thanks.
        signInAs("chloe");
        go("/app/offers");
        browser.heading("Mes offres");
        waitForText("li.offer-card[data-offer='" + id + "']", "1 réponse en attente");
        browser.screenshot("my-offers-phone");
        find("li.offer-card[data-offer='" + id + "'] h3 a").click();
        browser.heading("Perceuse à percussion");
        WebElement response = find("li.response");
        assertTrue(response.getText().contains("@bruno"), response.getText());
        assertTrue(response.getText().contains("Je peux passer samedi matin ?"), response.getText());
        response.findElement(By.xpath(".//button[normalize-space()='Accepter']")).click();
        waitForText(".tags .badge.state", "Réservée");
        waitForText("#status", "Vous avez accepté la réponse de @bruno.");
        find("li.response .badge.response-accepted");

        find(".actions").findElement(By.xpath(".//button[normalize-space()='Marquer comme prêtée']")).click();
        waitForText(".tags .badge.state", "Prêtée");
        String due = find("p.loan").getText();
        assertTrue(due.startsWith("Prêtée jusqu’au "), due);
        browser.screenshot("offer-lent-phone");

        find(".actions").findElement(By.xpath(".//button[normalize-space()='Marquer comme rendue']")).click();
        waitForText(".tags .badge.state", "Rendue");
        type("#feedback-form textarea[name=text]", "Rendue propre et à l’heure, merci !");
        find("#feedback-form button[type=submit]").click();
        waitForText("#status", "Merci, votre mot est envoyé.");
        assertFullyTranslated();
        browser.screenshot("offer-returned-phone");

        JsonObject after = api("chloe", "/api/v1/offers/" + id);
        assertEquals("returned", after.getString("state"));
        JsonArray history = api("chloe", "/api/v1/offers/" + id + "/transitions").getJsonArray("items");
        assertEquals(List.of("available", "reserved", "lent", "returned"),
                history.stream().map(t -> ((JsonObject) t).getString("to")).toList());
        JsonArray thanks = api("bruno", "/api/v1/members/bruno/feedback").getJsonArray("items");
        assertEquals("Rendue propre et à l’heure, merci !", thanks.getJsonObject(0).getString("text"));

        browser.size(Browser.DESKTOP);
        browser.driver().navigate().refresh();
        browser.heading("Perceuse à percussion");
        find(".gallery img");
        browser.screenshot("offer-page-desktop");
    }

    @Test
    void searchFiltersAreCheckedAndAnEmptySearchSaysSo() {
        signInAs("bruno");
        find(".more-filters summary").click();
        new Select(find("select[name=kind]")).selectByValue("sell");
        type("input[name=q]", "trampoline introuvable");
        find("form.filters button[type=submit]").click();
        waitForText("section[aria-labelledby=home-feed] > p.muted", "Rien ne correspond pour l’instant.");
        assertTrue(browser.driver().findElements(By.cssSelector("ul.feed > li")).isEmpty());
        assertFullyTranslated();
        browser.screenshot("home-search-empty-phone");
    }

    // ---- profile -------------------------------------------------------------------------------

    @Test
    void aMemberChangesTheirProfileAndSeesIt() {
        signInAs("chloe");
        go("/app/profile");
        browser.heading("Mon profil");
        WebElement name = find("form input[name=display_name]");
        name.clear();
        find("form button[type=submit]").click();
        browser.waiting().until(ExpectedConditions.attributeToBe(name, "aria-invalid", "true"));

        type("form input[name=display_name]", "Chloé Dupont");
        type("form input[name=neighbourhood]", "Les Pentes");
        find("input[name=languages][value=es]").click();
        find("form button[type=submit]").click();
        waitForText(".profile-facts dl", "Chloé Dupont");
        waitForText(".profile-facts dl", "Español");
        assertFullyTranslated();
        browser.screenshot("profile-edited-phone");

        go("/app/profile");
        waitForText(".profile-facts dl", "Les Pentes");
        assertEquals("Chloé Dupont", find("form input[name=display_name]").getAttribute("value"));
    }

    // ---- campaigns -----------------------------------------------------------------------------

    @Test
    void aPledgeWithAnHonestTipIsRecordedReceivedByTheTreasurer() {
        HttpResponse<String> funding = node.send(node.request("/api/v1/collectives/capucins/funding")
                .header("Authorization", "Bearer " + token("alice")).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(new JsonObject().put("legal_name", "Association Les Capucins")
                        .put("address", "3 rue des Capucins, Lyon").put("object", "Vie de quartier")
                        .put("iban", "FR14 2004 1010 0505 0001 3M02 606").encode())));
        assertEquals(200, funding.statusCode(), funding.body());

        // The collective's administrator creates and publishes the campaign.
        signInAs("alice");
        go("/app/campaigns");
        browser.heading("Cagnottes");
        find("a[href='/app/campaigns/new']").click();
        browser.heading("Créer une cagnotte");
        type("input[name=title]", "Un four à pain pour le jardin");
        type("textarea[name=description]", "Pour cuire ensemble le samedi.");
        type("input[name=goal]", "1500");
        find("#campaign-form button[type=submit]").click();
        assertErrorNextTo("input[name=ends_at]", "Remplissez ce champ.");
        browser.script("arguments[0].value = arguments[1]", find("input[name=ends_at]"),
                LocalDate.now().plusDays(30).toString());
        find("#campaign-form button[type=submit]").click();
        browser.heading("Un four à pain pour le jardin");
        waitForText(".tags .badge.state", "Brouillon");
        assertFullyTranslated();
        browser.screenshot("campaign-draft-phone");
        find(".treasurer .actions button").click();
        accept();
        waitForText(".tags .badge.state", "Ouverte");
        String url = browser.driver().getCurrentUrl();
        String campaignId = url.substring(url.lastIndexOf('/') + 1);

        // A member pledges 20 € to the collective and chooses their tip, shown apart.
        signInAs("bruno");
        go("/app/campaigns");
        find("li.campaign-card[data-campaign='" + campaignId + "'] h3 a").click();
        browser.heading("Un four à pain pour le jardin");
        type("#pledge-form input[name=amount]", "20");
        assertEquals("2.00", find("#pledge-form input[name=tip]").getAttribute("value"), "10 % suggested");
        waitForText(".pledge-summary", "22,00");
        String summary = find(".pledge-summary").getText();
        assertTrue(summary.contains("Pour Les Capucins") && summary.contains("20,00"), summary);
        assertTrue(summary.contains("Pourboire à la coopérative du nœud") && summary.contains("2,00"), summary);
        find(".tip button").click();
        assertEquals("0.00", find("#pledge-form input[name=tip]").getAttribute("value"), "a tip can be 0");
        browser.waiting().until(d -> !find(".pledge-summary").getText().contains("22,00"));
        type("#pledge-form input[name=tip]", "1,50");
        waitForText(".pledge-summary", "21,50");
        browser.script("arguments[0].scrollIntoView()", find(".tip"));
        assertFullyTranslated();
        browser.screenshot("campaign-pledge-form-phone");
        find("#pledge-form button[type=submit]").click();
        String payment = find("#payment").getText();
        assertTrue(payment.contains("FR14 2004 1010 0505 0001 3M02 606"), payment);
        assertTrue(payment.contains("Référence (à recopier telle quelle)"), payment);
        browser.screenshot("campaign-pledged-phone");

        go("/app/campaigns");
        WebElement mine = find("li.pledge");
        assertTrue(mine.getText().contains("Un four à pain pour le jardin"), mine.getText());
        assertTrue(mine.getText().contains("Promis"), mine.getText());
        JsonObject pledge = api("bruno", "/api/v1/me/pledges").getJsonArray("items").getJsonObject(0);
        assertEquals("20.00", pledge.getJsonObject("amount").getString("amount"));
        assertEquals("1.50", pledge.getJsonObject("tip").getString("amount"));
        String pledgeReference = pledge.getString("payment_reference");
        assertTrue(payment.replace(" ", "").contains(pledgeReference.replace(" ", "")), payment + " / " + pledgeReference);
        browser.screenshot("campaigns-phone");

        // The treasurer matches the transfer by its reference and records it received.
        signInAs("alice");
        go("/app/campaigns/" + campaignId);
        WebElement item = find("li.pledge[data-pledge='" + pledge.getLong("id") + "']");
        assertTrue(item.getText().contains(pledgeReference), item.getText());
        assertEquals(pledgeReference, item.findElement(By.cssSelector("input[name=reference]")).getAttribute("value"));
        String csv = find(".treasurer a[download]").getAttribute("href");
        assertTrue(csv.endsWith("/api/v1/campaigns/" + campaignId + "/ledger.csv"), csv);
        browser.script("arguments[0].scrollIntoView()", item);
        browser.screenshot("campaign-treasurer-phone");
        item.findElement(By.cssSelector(".receive-form button[type=submit]")).click();
        waitForText("li.pledge[data-pledge='" + pledge.getLong("id") + "'] .badge", "Reçu");
        waitForText("#status", "enregistré comme reçu");
        assertFullyTranslated();

        JsonObject progress = api("alice", "/api/v1/campaigns/" + campaignId).getJsonObject("progress");
        assertEquals("20.00", progress.getJsonObject("received").getString("amount"));
        assertEquals("1.50", progress.getJsonObject("tips_received").getString("amount"), "the tip is counted apart");
        assertEquals("received", api("bruno", "/api/v1/me/pledges").getJsonArray("items").getJsonObject(0).getString("state"));
        HttpResponse<String> ledger = node.get("/api/v1/campaigns/" + campaignId + "/ledger.csv",
                "Authorization", "Bearer " + token("alice"));
        assertEquals(200, ledger.statusCode());
        assertTrue(ledger.body().contains(pledgeReference), ledger.body());
    }

    // ---- follows -------------------------------------------------------------------------------

    @Test
    void aMemberFollowsSomeoneAfterSeeingWhoTheyAreAndUnfollows() {
        signInAs("bruno");
        go("/app/follows");
        browser.heading("Abonnements");
        type("input[name=handle]", "pas un identifiant");
        find("#follow-form button[type=submit]").click();
        assertErrorNextTo("input[name=handle]", "Un identifiant ressemble à @nom@example.org.");
        type("input[name=handle]", "@personne@" + node.authority());
        find("#follow-form button[type=submit]").click();
        assertErrorNextTo("input[name=handle]", "Personne n’a cet identifiant.");

        type("input[name=handle]", "@alice@" + node.authority());
        find("#follow-form button[type=submit]").click();
        WebElement preview = find("#follow-preview");
        assertEquals("Alice Martin", preview.findElement(By.tagName("h2")).getText());
        assertTrue(preview.getText().contains("Personne"), preview.getText());
        assertTrue(preview.getText().contains("@alice@" + node.authority()), preview.getText());
        assertTrue(browser.driver().findElements(By.cssSelector("li[data-handle='alice@" + node.authority() + "']")).isEmpty(),
                "nothing is followed before the member says so");
        assertFullyTranslated();
        browser.script("arguments[0].scrollIntoView()", preview);
        browser.screenshot("follows-preview-phone");

        preview.findElement(By.cssSelector("button.button:not(.secondary)")).click();
        waitForText("#status", "Alice Martin");
        WebElement followed = find("ul.following li[data-handle='alice@" + node.authority() + "']");
        assertTrue(followed.getText().contains("Alice Martin"), followed.getText());
        assertEquals(1, api("bruno", "/api/v1/follows").getJsonArray("items").size());
        browser.screenshot("follows-phone");

        followed.findElement(By.cssSelector("button.danger")).click();
        accept();
        waitForText("#status", "Vous ne suivez plus Alice Martin.");
        find("section[aria-labelledby=following] p.empty");
        assertEquals(0, api("bruno", "/api/v1/follows").getJsonArray("items").size());
    }
}
