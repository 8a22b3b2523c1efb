package coop.entraide.node.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    @RegisterExtension
    static final WebAppInBrowser app = new WebAppInBrowser(app -> {
        app.member("alice", "Alice Martin", Role.ADMIN, PASSWORD);
        app.member("bruno", "Bruno", Role.MEMBER, PASSWORD);
        app.member("chloe", "Chloé", Role.MEMBER, PASSWORD);
    });

    /** Signs in as a new visitor would, without the previous member's session. */
    private static void signInAs(String username) {
        app.newVisitor();
        app.signIn(username);
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
        app.driver().executeCdpCommand("Browser.grantPermissions",
                Map.of("origin", app.node().base(), "permissions", List.of("geolocation")));
        app.driver().executeCdpCommand("Emulation.setGeolocationOverride",
                Map.of("latitude", 45.77123, "longitude", 4.83456, "accuracy", 10));
    }

    // ---- offers --------------------------------------------------------------------------------

    @Test
    void anOfferWithAPhotoIsAnsweredAcceptedLentAndReturned(@TempDir Path dir) {
        signInAs("chloe");
        placeTheDeviceInLyon();
        app.go("/app/offers/new");
        app.heading("Publier une offre");
        app.assertFullyTranslated();
        app.screenshot("offer-new-phone");

        new Select(app.find("select[name=kind]")).selectByValue("lend");
        assertTrue(app.find("input[name=deposit]").isDisplayed(), "a loan asks for a deposit");
        assertFalse(app.driver().findElement(By.cssSelector("input[name=price]")).isDisplayed(), "but not a price");
        app.type("input[name=title]", "Perceuse à percussion");
        app.type("textarea[name=description]", "Avec sa mallette et deux forets.\n\nÀ rendre propre.");
        new Select(app.find("select[name=category]")).selectByValue("tools");
        new Select(app.find("select[name=condition]")).selectByValue("good");
        app.type("input[name=deposit]", "vingt");
        app.type("input[name=loan_period_days]", "7");
        app.type("input[name=neighbourhood]", "Les Capucins");
        app.find("#offer-form button[type=submit]").click();
        app.assertErrorNextTo("input[name=deposit]", "Écrivez un montant comme 12,50, avec au plus deux décimales.");
        app.assertErrorNextTo("input[name=neighbourhood]",
                "Un quartier va avec une position approximative : utilisez votre position, ou laissez le quartier vide.");

        app.type("input[name=deposit]", "20");
        app.find(".location button.secondary").click();
        app.waitForText(".location .position", "45.77, 4.83");

        app.find("input[name=photo]").sendKeys(photo(dir).toAbsolutePath().toString());
        WebElement preview = app.find(".photo-item img.photo-preview");
        app.waitForText(".upload-status", "Photo ajoutée.");
        assertTrue(preview.getAttribute("src").contains("/media/"), preview.getAttribute("src"));
        app.find("#offer-form button[type=submit]").click();
        app.assertErrorNextTo(".photo-item textarea", "Une photo a besoin d’une description.");
        app.script("arguments[0].scrollIntoView()", app.find(".photos"));
        app.screenshot("offer-new-photo-phone");
        app.type(".photo-item textarea", "Une perceuse verte dans sa mallette");
        app.find("#offer-form button[type=submit]").click();

        app.heading("Perceuse à percussion");
        app.waitForText("#status", "« Perceuse à percussion » est publiée.");
        WebElement shown = app.find(".gallery img");
        assertEquals("Une perceuse verte dans sa mallette", shown.getAttribute("alt"));
        assertTrue((Boolean) app.script("return arguments[0].complete && arguments[0].naturalWidth > 0", shown),
                "the photo loads from the node");
        assertTrue(app.find("dl.facts").getText().contains("20,00"), app.find("dl.facts").getText());
        app.assertFullyTranslated();
        app.screenshot("offer-page-phone");

        JsonObject mine = app.getJson("chloe", "/api/v1/me/offers").getJsonArray("items").getJsonObject(0);
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
        WebElement card = app.find("li.offer-card[data-offer='" + id + "']");
        assertEquals("Une perceuse verte dans sa mallette", card.findElement(By.cssSelector("img.thumb")).getAttribute("alt"));
        app.assertFullyTranslated();
        app.screenshot("home-feed-phone");
        card.findElement(By.cssSelector("h3 a")).click();
        app.heading("Perceuse à percussion");
        app.type("#respond-form textarea[name=message]", "Je peux passer samedi matin ?");
        app.find("#respond-form button[type=submit]").click();
        app.waitForText("li.response", "En attente de réponse");
        assertTrue(app.driver().findElements(By.id("respond-form")).isEmpty(), "one response at a time");
        app.screenshot("offer-responded-phone");

        // The author sees it waiting, accepts, lends, gets it back and thanks.
        signInAs("chloe");
        app.go("/app/offers");
        app.heading("Mes offres");
        app.waitForText("li.offer-card[data-offer='" + id + "']", "1 réponse en attente");
        app.screenshot("my-offers-phone");
        app.find("li.offer-card[data-offer='" + id + "'] h3 a").click();
        app.heading("Perceuse à percussion");
        WebElement response = app.find("li.response");
        assertTrue(response.getText().contains("@bruno"), response.getText());
        assertTrue(response.getText().contains("Je peux passer samedi matin ?"), response.getText());
        response.findElement(By.xpath(".//button[normalize-space()='Accepter']")).click();
        app.waitForText(".tags .badge.state", "Réservée");
        app.waitForText("#status", "Vous avez accepté la réponse de @bruno.");
        app.find("li.response .badge.response-accepted");

        app.find(".actions").findElement(By.xpath(".//button[normalize-space()='Marquer comme prêtée']")).click();
        app.waitForText(".tags .badge.state", "Prêtée");
        String due = app.find("p.loan").getText();
        assertTrue(due.startsWith("Prêtée jusqu’au "), due);
        app.screenshot("offer-lent-phone");

        app.find(".actions").findElement(By.xpath(".//button[normalize-space()='Marquer comme rendue']")).click();
        app.waitForText(".tags .badge.state", "Rendue");
        app.type("#feedback-form textarea[name=text]", "Rendue propre et à l’heure, merci !");
        app.find("#feedback-form button[type=submit]").click();
        app.waitForText("#status", "Merci, votre mot est envoyé.");
        app.assertFullyTranslated();
        app.screenshot("offer-returned-phone");

        JsonObject after = app.getJson("chloe", "/api/v1/offers/" + id);
        assertEquals("returned", after.getString("state"));
        JsonArray history = app.getJson("chloe", "/api/v1/offers/" + id + "/transitions").getJsonArray("items");
        assertEquals(List.of("available", "reserved", "lent", "returned"),
                history.stream().map(t -> ((JsonObject) t).getString("to")).toList());
        JsonArray thanks = app.getJson("bruno", "/api/v1/members/bruno/feedback").getJsonArray("items");
        assertEquals("Rendue propre et à l’heure, merci !", thanks.getJsonObject(0).getString("text"));

        app.size(Browser.DESKTOP);
        app.driver().navigate().refresh();
        app.heading("Perceuse à percussion");
        app.find(".gallery img");
        app.screenshot("offer-page-desktop");
    }

    @Test
    void searchFiltersAreCheckedAndAnEmptySearchSaysSo() {
        signInAs("bruno");
        app.find(".more-filters summary").click();
        new Select(app.find("select[name=kind]")).selectByValue("sell");
        app.type("input[name=q]", "trampoline introuvable");
        app.find("form.filters button[type=submit]").click();
        app.waitForText("section[aria-labelledby=home-feed] > p.muted", "Rien ne correspond pour l’instant.");
        assertTrue(app.driver().findElements(By.cssSelector("ul.feed > li")).isEmpty());
        app.assertFullyTranslated();
        app.screenshot("home-search-empty-phone");
    }

    // ---- profile -------------------------------------------------------------------------------

    @Test
    void aMemberChangesTheirProfileAndSeesIt() {
        signInAs("chloe");
        app.go("/app/profile");
        app.heading("Mon profil");
        WebElement name = app.find("form input[name=display_name]");
        name.clear();
        app.find("form button[type=submit]").click();
        app.waiting().until(ExpectedConditions.attributeToBe(name, "aria-invalid", "true"));

        app.type("form input[name=display_name]", "Chloé Dupont");
        app.type("form input[name=neighbourhood]", "Les Pentes");
        app.find("input[name=languages][value=es]").click();
        app.find("form button[type=submit]").click();
        app.waitForText(".profile-facts dl", "Chloé Dupont");
        app.waitForText(".profile-facts dl", "Español");
        app.assertFullyTranslated();
        app.screenshot("profile-edited-phone");

        app.go("/app/profile");
        app.waitForText(".profile-facts dl", "Les Pentes");
        assertEquals("Chloé Dupont", app.find("form input[name=display_name]").getAttribute("value"));
    }

    // ---- campaigns -----------------------------------------------------------------------------

    @Test
    void aPledgeWithAnHonestTipIsRecordedReceivedByTheTreasurer() {
        HttpResponse<String> funding = app.node().send(app.node().request("/api/v1/collectives/capucins/funding")
                .header("Authorization", "Bearer " + app.token("alice")).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(new JsonObject().put("legal_name", "Association Les Capucins")
                        .put("address", "3 rue des Capucins, Lyon").put("object", "Vie de quartier")
                        .put("iban", "FR14 2004 1010 0505 0001 3M02 606").encode())));
        assertEquals(200, funding.statusCode(), funding.body());

        // The collective's administrator creates and publishes the campaign.
        signInAs("alice");
        app.go("/app/campaigns");
        app.heading("Cagnottes");
        app.find("a[href='/app/campaigns/new']").click();
        app.heading("Créer une cagnotte");
        app.type("input[name=title]", "Un four à pain pour le jardin");
        app.type("textarea[name=description]", "Pour cuire ensemble le samedi.");
        app.type("input[name=goal]", "1500");
        app.find("#campaign-form button[type=submit]").click();
        app.assertErrorNextTo("input[name=ends_at]", "Remplissez ce champ.");
        app.script("arguments[0].value = arguments[1]", app.find("input[name=ends_at]"),
                LocalDate.now().plusDays(30).toString());
        app.find("#campaign-form button[type=submit]").click();
        app.heading("Un four à pain pour le jardin");
        app.waitForText(".tags .badge.state", "Brouillon");
        app.assertFullyTranslated();
        app.screenshot("campaign-draft-phone");
        app.find(".treasurer .actions button").click();
        app.acceptConfirm();
        app.waitForText(".tags .badge.state", "Ouverte");
        String url = app.driver().getCurrentUrl();
        String campaignId = url.substring(url.lastIndexOf('/') + 1);

        // A member pledges 20 € to the collective and chooses their tip, shown apart.
        signInAs("bruno");
        app.go("/app/campaigns");
        app.find("li.campaign-card[data-campaign='" + campaignId + "'] h3 a").click();
        app.heading("Un four à pain pour le jardin");
        app.type("#pledge-form input[name=amount]", "20");
        assertEquals("2.00", app.find("#pledge-form input[name=tip]").getAttribute("value"), "10 % suggested");
        app.waitForText(".pledge-summary", "22,00");
        String summary = app.find(".pledge-summary").getText();
        assertTrue(summary.contains("Pour Les Capucins") && summary.contains("20,00"), summary);
        assertTrue(summary.contains("Pourboire à la coopérative du nœud") && summary.contains("2,00"), summary);
        app.find(".tip button").click();
        assertEquals("0.00", app.find("#pledge-form input[name=tip]").getAttribute("value"), "a tip can be 0");
        app.waiting().until(d -> !app.find(".pledge-summary").getText().contains("22,00"));
        app.type("#pledge-form input[name=tip]", "1,50");
        app.waitForText(".pledge-summary", "21,50");
        app.script("arguments[0].scrollIntoView()", app.find(".tip"));
        app.assertFullyTranslated();
        app.screenshot("campaign-pledge-form-phone");
        app.find("#pledge-form button[type=submit]").click();
        String payment = app.find("#payment").getText();
        assertTrue(payment.contains("FR14 2004 1010 0505 0001 3M02 606"), payment);
        assertTrue(payment.contains("Référence (à recopier telle quelle)"), payment);
        app.screenshot("campaign-pledged-phone");

        app.go("/app/campaigns");
        WebElement mine = app.find("li.pledge");
        assertTrue(mine.getText().contains("Un four à pain pour le jardin"), mine.getText());
        assertTrue(mine.getText().contains("Promis"), mine.getText());
        JsonObject pledge = app.getJson("bruno", "/api/v1/me/pledges").getJsonArray("items").getJsonObject(0);
        assertEquals("20.00", pledge.getJsonObject("amount").getString("amount"));
        assertEquals("1.50", pledge.getJsonObject("tip").getString("amount"));
        String pledgeReference = pledge.getString("payment_reference");
        assertTrue(payment.replace(" ", "").contains(pledgeReference.replace(" ", "")), payment + " / " + pledgeReference);
        app.screenshot("campaigns-phone");

        // The treasurer matches the transfer by its reference and records it received.
        signInAs("alice");
        app.go("/app/campaigns/" + campaignId);
        WebElement item = app.find("li.pledge[data-pledge='" + pledge.getLong("id") + "']");
        assertTrue(item.getText().contains(pledgeReference), item.getText());
        assertEquals(pledgeReference, item.findElement(By.cssSelector("input[name=reference]")).getAttribute("value"));
        String csv = app.find(".treasurer a[download]").getAttribute("href");
        assertTrue(csv.endsWith("/api/v1/campaigns/" + campaignId + "/ledger.csv"), csv);
        app.script("arguments[0].scrollIntoView()", item);
        app.screenshot("campaign-treasurer-phone");
        item.findElement(By.cssSelector(".receive-form button[type=submit]")).click();
        app.waitForText("li.pledge[data-pledge='" + pledge.getLong("id") + "'] .badge", "Reçu");
        app.waitForText("#status", "enregistré comme reçu");
        app.assertFullyTranslated();

        JsonObject progress = app.getJson("alice", "/api/v1/campaigns/" + campaignId).getJsonObject("progress");
        assertEquals("20.00", progress.getJsonObject("received").getString("amount"));
        assertEquals("1.50", progress.getJsonObject("tips_received").getString("amount"), "the tip is counted apart");
        assertEquals("received", app.getJson("bruno", "/api/v1/me/pledges").getJsonArray("items").getJsonObject(0).getString("state"));
        HttpResponse<String> ledger = app.node().get("/api/v1/campaigns/" + campaignId + "/ledger.csv",
                "Authorization", "Bearer " + app.token("alice"));
        assertEquals(200, ledger.statusCode());
        assertTrue(ledger.body().contains(pledgeReference), ledger.body());
    }

    // ---- follows -------------------------------------------------------------------------------

    @Test
    void aMemberFollowsSomeoneAfterSeeingWhoTheyAreAndUnfollows() {
        signInAs("bruno");
        app.go("/app/follows");
        app.heading("Abonnements");
        app.type("input[name=handle]", "pas un identifiant");
        app.find("#follow-form button[type=submit]").click();
        app.assertErrorNextTo("input[name=handle]", "Un identifiant ressemble à @nom@example.org.");
        app.type("input[name=handle]", "@personne@" + app.node().authority());
        app.find("#follow-form button[type=submit]").click();
        app.assertErrorNextTo("input[name=handle]", "Personne n’a cet identifiant.");

        app.type("input[name=handle]", "@alice@" + app.node().authority());
        app.find("#follow-form button[type=submit]").click();
        WebElement preview = app.find("#follow-preview");
        assertEquals("Alice Martin", preview.findElement(By.tagName("h2")).getText());
        assertTrue(preview.getText().contains("Personne"), preview.getText());
        assertTrue(preview.getText().contains("@alice@" + app.node().authority()), preview.getText());
        assertTrue(app.driver().findElements(By.cssSelector("li[data-handle='alice@" + app.node().authority() + "']")).isEmpty(),
                "nothing is followed before the member says so");
        app.assertFullyTranslated();
        app.script("arguments[0].scrollIntoView()", preview);
        app.screenshot("follows-preview-phone");

        preview.findElement(By.cssSelector("button.button:not(.secondary)")).click();
        app.waitForText("#status", "Alice Martin");
        WebElement followed = app.find("ul.following li[data-handle='alice@" + app.node().authority() + "']");
        assertTrue(followed.getText().contains("Alice Martin"), followed.getText());
        assertEquals(1, app.getJson("bruno", "/api/v1/follows").getJsonArray("items").size());
        app.screenshot("follows-phone");

        followed.findElement(By.cssSelector("button.danger")).click();
        app.acceptConfirm();
        app.waitForText("#status", "Vous ne suivez plus Alice Martin.");
        app.find("section[aria-labelledby=following] p.empty");
        assertEquals(0, app.getJson("bruno", "/api/v1/follows").getJsonArray("items").size());
    }
}
