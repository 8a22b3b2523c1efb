package coop.entraide.node.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web app in a real headless Chromium against a real node: signing in and out, languages,
 * roles, the federation screen, errors next to their fields. Screenshots of each main screen, on
 * a phone-sized and a desktop window, go to target/screenshots/ for people to look at.
 */
class WebAppBrowserTest {
    private static final String ADMIN_PASSWORD = "le jardin partagé";
    private static final String MEMBER_PASSWORD = "la grainothèque";

    @RegisterExtension
    static final WebAppInBrowser app = new WebAppInBrowser(app -> {
        app.member("alice", "Alice Martin", Role.ADMIN, ADMIN_PASSWORD);
        app.member("bruno", "Bruno", Role.MEMBER, MEMBER_PASSWORD);
        app.member("chloe", "Chloé", Role.MODERATOR, MEMBER_PASSWORD);
    });

    private static String lang() {
        return app.driver().findElement(By.tagName("html")).getAttribute("lang");
    }

    private static void openMenuOnPhone() {
        WebElement menu = app.find(".menu-button");
        if ("false".equals(menu.getAttribute("aria-expanded"))) {
            menu.click();
        }
        app.find("#nav");
    }

    @Test
    void anAdministratorSignsInSwitchesLanguageBlocksADomainAndSignsOut() {
        app.go("/");
        app.heading("Connexion");
        assertEquals("fr", lang(), "a browser preferring French gets French");
        assertTrue(app.driver().getCurrentUrl().endsWith("/app/sign-in?next=%2Fapp%2F"));
        app.assertFullyTranslated();
        app.screenshot("sign-in-phone");

        app.submitSignIn("alice", ADMIN_PASSWORD);
        app.heading("Bonjour, Alice Martin");
        app.assertFullyTranslated();
        app.screenshot("home-phone");

        app.find("button.language").click();
        app.heading("Hello, Alice Martin");
        assertEquals("en", lang());
        assertEquals("language", app.driver().switchTo().activeElement().getAttribute("class").split(" ")[1],
                "focus stays on the language switch");
        app.driver().navigate().refresh();
        app.heading("Hello, Alice Martin");
        assertEquals("en", lang(), "the choice is remembered");
        app.find("button.language").click();
        app.heading("Bonjour, Alice Martin");
        assertEquals("fr", lang());
        app.find("button.language").click();
        app.heading("Hello, Alice Martin");

        openMenuOnPhone();
        app.screenshot("menu-phone");
        app.find("#nav a[href='/app/federation']").click();
        app.heading("Federation");
        app.find(".policy-list, p.empty");
        app.assertFullyTranslated();
        app.screenshot("federation-phone");

        WebElement domain = app.find("input[name=domain]");
        domain.sendKeys("not a domain!");
        app.find("#policy-form button[type=submit]").click();
        app.waiting().until(ExpectedConditions.attributeToBe(domain, "aria-invalid", "true"));
        app.assertErrorNextTo(domain, "");

        domain = app.find("input[name=domain]");
        domain.clear();
        domain.sendKeys("spam.example");
        new Select(app.find("select[name=policy]")).selectByValue("block");
        app.find("textarea[name=publicComment]").sendKeys("Waves of spam");
        app.find("textarea[name=privateNote]").sendKeys("Reported by three members");
        app.find("#policy-form button[type=submit]").click();
        WebElement item = app.find("li[data-domain='spam.example']");
        assertTrue(item.getText().contains("Blocked"), item.getText());
        assertTrue(item.getText().contains("Waves of spam"), item.getText());
        app.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "spam.example"));
        app.assertFullyTranslated();
        app.script("arguments[0].scrollIntoView()", item);
        app.screenshot("federation-blocked-phone");

        HttpResponse<String> stored = app.node().get("/api/v1/admin/domain-policies/spam.example",
                "Authorization", "Bearer " + app.token("alice"));
        assertEquals(200, stored.statusCode(), stored.body());
        assertEquals("block", new JsonObject(stored.body()).getString("policy"));
        assertEquals("alice", new JsonObject(stored.body()).getString("createdBy"));

        app.size(Browser.DESKTOP);
        app.driver().navigate().refresh();
        app.find("li[data-domain='spam.example']");
        app.screenshot("federation-desktop");
        app.script("document.getElementById('mode-title').scrollIntoView()");
        app.screenshot("federation-mode-desktop");

        app.find("li[data-domain='spam.example'] button.danger").click();
        app.waiting().until(ExpectedConditions.alertIsPresent()).accept();
        app.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("li[data-domain='spam.example']")));
        app.find("p.empty");
        assertEquals(404, app.node().get("/api/v1/admin/domain-policies/spam.example",
                "Authorization", "Bearer " + app.token("alice")).statusCode());

        app.find("a[href='/app/']").click();
        app.heading("Hello, Alice Martin");
        app.screenshot("home-desktop");

        app.find(".account button").click();
        app.heading("Sign in");
        app.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "signed out"));
        assertNull(app.driver().manage().getCookieNamed("entraide_session"), "the session cookie is gone");
        app.go("/app/federation");
        app.heading("Sign in");
        assertTrue(app.driver().getCurrentUrl().endsWith("/app/sign-in?next=%2Fapp%2Ffederation"));
    }

    @Test
    void aWrongPasswordIsShownNextToThePasswordField() {
        app.go("/app/sign-in");
        app.heading("Connexion");
        app.submitSignIn("alice", "pas le bon");
        WebElement password = app.find("input[name=password]");
        app.waiting().until(ExpectedConditions.attributeToBe(password, "aria-invalid", "true"));
        app.assertErrorNextTo(password, "Nom ou mot de passe incorrect.");
        assertEquals(password, app.driver().switchTo().activeElement(), "focus goes to the field in error");
        assertEquals("", password.getAttribute("value"), "the wrong password is cleared");
        app.screenshot("sign-in-error-phone");

        app.find("form button[type=submit]").click();
        app.assertErrorNextTo(app.find("input[name=password]"), "Remplissez ce champ.");
        assertNull(app.find("input[name=username]").getAttribute("aria-invalid"), "the name was given");
    }

    @Test
    void aMemberGetsNoAdministrationScreens() {
        app.go("/app/sign-in");
        app.submitSignIn("bruno", MEMBER_PASSWORD);
        app.heading("Bonjour, Bruno");
        openMenuOnPhone();
        List<String> links = app.driver().findElements(By.cssSelector("#nav a")).stream()
                .map(a -> a.getAttribute("pathname")).toList();
        assertEquals(List.of("/app/", "/app/offers", "/app/campaigns", "/app/follows", "/app/notifications"), links);
        assertTrue(app.driver().findElements(By.cssSelector("a[href='/app/federation']")).isEmpty());

        app.go("/app/federation");
        app.heading("Accès refusé");
        assertTrue(app.driver().findElements(By.cssSelector("input[name=domain]")).isEmpty());
        app.assertFullyTranslated();
        app.screenshot("forbidden-phone");
        assertEquals(403, app.node().get("/api/v1/admin/domain-policies",
                "Authorization", "Bearer " + app.token("bruno")).statusCode());
    }

    @Test
    void aModeratorGetsModerationButNotFederation() {
        app.go("/app/sign-in");
        app.submitSignIn("chloe", MEMBER_PASSWORD);
        app.heading("Bonjour, Chloé");
        openMenuOnPhone();
        List<String> links = app.driver().findElements(By.cssSelector("#nav a")).stream()
                .map(a -> a.getAttribute("pathname")).toList();
        assertEquals(List.of("/app/", "/app/offers", "/app/campaigns", "/app/follows", "/app/notifications",
                "/app/moderation", "/app/members"), links);
        app.find(".menu-button").sendKeys(Keys.ESCAPE);
        assertEquals("false", app.find(".menu-button").getAttribute("aria-expanded"), "Escape closes the menu");
        app.go("/app/moderation");
        app.heading("Modération");
        app.go("/app/settings");
        app.heading("Accès refusé");
    }

    @Test
    void aSignedOutVisitorIsAskedToSignInThenTakenWhereTheyWereGoing() {
        app.go("/app/profile");
        app.heading("Connexion");
        app.submitSignIn("bruno", MEMBER_PASSWORD);
        app.heading("Mon profil");
        assertTrue(app.driver().getCurrentUrl().endsWith("/app/profile"));
        String facts = app.find("dl.facts").getText();
        assertTrue(facts.contains("@bruno@" + app.node().authority()), facts);
        assertTrue(facts.contains("Membre"), facts);
        assertTrue(facts.contains("capucins"), facts);
        app.assertFullyTranslated();
        app.screenshot("profile-phone");

        openMenuOnPhone();
        app.find("#nav a[href='/app/notifications']").click();
        app.heading("Notifications");
        assertTrue(app.find("main .unread-summary").getText().contains("Tout est lu"), "a new member has nothing unread");
        assertTrue(app.driver().findElements(By.cssSelector("main li.notification")).isEmpty(), "no made-up data");
        app.screenshot("notifications-empty-phone");
        app.go("/app/nowhere");
        app.heading("Page introuvable");
    }

    @Test
    void theKeyboardReachesTheSkipLinkFirstAndItLeadsToTheContent() {
        app.go("/app/sign-in");
        app.heading("Connexion");
        app.driver().findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement first = app.driver().switchTo().activeElement();
        assertEquals("skip-link", first.getAttribute("class"));
        assertTrue(first.isDisplayed(), "the skip link shows when focused");
        first.sendKeys(Keys.ENTER);
        assertEquals("main", app.driver().switchTo().activeElement().getAttribute("id"));
        app.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        assertEquals("username", app.driver().switchTo().activeElement().getAttribute("name"),
                "after the content's start comes the first field");
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePhotoFieldRefusesAPhotoWithoutADescription() {
        app.go("/app/sign-in");
        app.heading("Connexion");
        Object outcome = app.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const base = document.querySelector('script[type=module]').src.replace(/app[.]js$/, '');
                import(base + 'forms.js').then((forms) => {
                  const form = document.createElement('form');
                  form.append(forms.photoField({ name: 'photo', label: 'photo', altLabel: 'alt' }));
                  document.querySelector('main').append(form);
                  const empty = forms.photoProblems(form, 'photo').length;
                  const files = new DataTransfer();
                  files.items.add(new File([new Uint8Array([137, 80, 78, 71])], 'ladder.png', { type: 'image/png' }));
                  form.querySelector('input[name=photo]').files = files.files;
                  const without = forms.photoProblems(form, 'photo');
                  forms.showProblems(form, without);
                  const alt = form.querySelector('[name=photoAlt]');
                  const invalid = alt.getAttribute('aria-invalid');
                  alt.value = 'Une échelle contre un mur';
                  const labelled = [...form.querySelectorAll('input, textarea')]
                    .every((el) => form.querySelector('label[for="' + el.id + '"]') !== null);
                  done({ empty, without: without.map((p) => p.field + ': ' + p.message), invalid,
                         withAlt: forms.photoProblems(form, 'photo').length, labelled });
                }).catch((e) => done({ error: String(e) }));
                """);
        java.util.Map<String, Object> result = (java.util.Map<String, Object>) outcome;
        assertNull(result.get("error"));
        assertEquals(0L, result.get("empty"), "no photo, nothing to describe");
        assertEquals(List.of("photoAlt: Une photo a besoin d’une description."), result.get("without"));
        assertEquals("true", result.get("invalid"));
        assertEquals(0L, result.get("withAlt"));
        assertEquals(true, result.get("labelled"));
    }

    /** Chromium decodes WebP on the device: the photo list redraws it as a JPEG and uploads that. */
    @Test
    @SuppressWarnings("unchecked")
    void aWebpPhotoIsResizedOnTheDeviceAndUploaded() throws java.io.IOException {
        byte[] webp;
        try (var in = WebAppBrowserTest.class.getResourceAsStream("/media/webp/lossless-alpha.webp")) {
            webp = in.readAllBytes();
        }
        app.go("/app/sign-in");
        app.submitSignIn("bruno", MEMBER_PASSWORD);
        app.waiting().until((driver) -> !driver.getCurrentUrl().contains("/sign-in"));
        Object outcome = app.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const bytes = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));
                const base = document.querySelector('script[type=module]').src.replace(/app[.]js$/, '');
                import(base + 'views/photoUploads.js').then((module) => {
                  const photos = module.photoList({ max: 4, announce: () => {} });
                  document.querySelector('main').append(photos.element);
                  const input = photos.element.querySelector('input[type=file]');
                  const files = new DataTransfer();
                  files.items.add(new File([bytes], 'disc.webp', { type: 'image/webp' }));
                  input.files = files.files;
                  input.dispatchEvent(new Event('change'));
                  const started = Date.now();
                  const wait = setInterval(() => {
                    const error = photos.element.querySelector('.field-error:not([hidden])');
                    if (photos.value().length > 0 || error || Date.now() - started > 10000) {
                      clearInterval(wait);
                      const img = photos.element.querySelector('img.photo-preview');
                      done({ photos: photos.value().length, error: error ? error.textContent : null,
                             preview: img ? img.getAttribute('src') : null });
                    }
                  }, 50);
                }).catch((e) => done({ error: String(e) }));
                """, java.util.Base64.getEncoder().encodeToString(webp));
        java.util.Map<String, Object> result = (java.util.Map<String, Object>) outcome;
        assertNull(result.get("error"));
        assertEquals(1L, result.get("photos"));
        String preview = (String) result.get("preview");
        assertTrue(preview != null && preview.matches(".*/media/[0-9a-f]{64}[.]jpg"), preview);
        HttpResponse<String> served = app.node().get(java.net.URI.create(preview).getPath());
        assertEquals(200, served.statusCode());
        assertEquals("image/jpeg", served.headers().firstValue("Content-Type").orElse(""),
                "the device sent a JPEG it drew from the WebP");
    }
}
