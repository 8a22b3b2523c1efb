package coop.entraide.node.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
    private static TestNode node;
    private static Browser browser;

    @BeforeAll
    static void start() {
        if (!Browser.installed()) {
            return; // each test then reports itself skipped, with the reason
        }
        node = TestNode.start();
        node.await(node.identity().createCollective(new NewCollective("capucins", "Les Capucins", null, false)));
        node.await(node.identity().createMember(
                new NewMember("alice", "capucins", "Alice Martin", null, Role.ADMIN, ADMIN_PASSWORD)));
        node.await(node.identity().createMember(
                new NewMember("bruno", "capucins", "Bruno", null, Role.MEMBER, MEMBER_PASSWORD)));
        node.await(node.identity().createMember(
                new NewMember("chloe", "capucins", "Chloé", null, Role.MODERATOR, MEMBER_PASSWORD)));
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

    private static void go(String path) {
        browser.driver().get(node.base() + path);
    }

    private static WebElement find(String css) {
        return browser.visible(By.cssSelector(css));
    }

    private static String lang() {
        return browser.driver().findElement(By.tagName("html")).getAttribute("lang");
    }

    /** No text of the page, nor any label read to screen readers, is a missing translation. */
    private static void assertFullyTranslated() {
        String source = browser.driver().getPageSource();
        assertFalse(source.contains("[missing:"), "untranslated text on " + browser.driver().getCurrentUrl());
    }

    private static void signIn(String username, String password) {
        find("input[name=username]").clear();
        find("input[name=username]").sendKeys(username);
        find("input[name=password]").sendKeys(password);
        find("form button[type=submit]").click();
    }

    private static void openMenuOnPhone() {
        WebElement menu = find(".menu-button");
        if ("false".equals(menu.getAttribute("aria-expanded"))) {
            menu.click();
        }
        find("#nav");
    }

    @Test
    void anAdministratorSignsInSwitchesLanguageBlocksADomainAndSignsOut() {
        go("/");
        browser.heading("Connexion");
        assertEquals("fr", lang(), "a browser preferring French gets French");
        assertTrue(browser.driver().getCurrentUrl().endsWith("/app/sign-in?next=%2Fapp%2F"));
        assertFullyTranslated();
        browser.screenshot("sign-in-phone");

        signIn("alice", ADMIN_PASSWORD);
        browser.heading("Bonjour, Alice Martin");
        assertFullyTranslated();
        browser.screenshot("home-phone");

        find("button.language").click();
        browser.heading("Hello, Alice Martin");
        assertEquals("en", lang());
        assertEquals("language", browser.driver().switchTo().activeElement().getAttribute("class").split(" ")[1],
                "focus stays on the language switch");
        browser.driver().navigate().refresh();
        browser.heading("Hello, Alice Martin");
        assertEquals("en", lang(), "the choice is remembered");
        find("button.language").click();
        browser.heading("Bonjour, Alice Martin");
        assertEquals("fr", lang());
        find("button.language").click();
        browser.heading("Hello, Alice Martin");

        openMenuOnPhone();
        browser.screenshot("menu-phone");
        find("#nav a[href='/app/federation']").click();
        browser.heading("Federation");
        find(".policy-list, p.empty");
        assertFullyTranslated();
        browser.screenshot("federation-phone");

        WebElement domain = find("input[name=domain]");
        domain.sendKeys("not a domain!");
        find("#policy-form button[type=submit]").click();
        browser.waiting().until(ExpectedConditions.attributeToBe(domain, "aria-invalid", "true"));
        assertErrorNextTo(domain, "");

        domain = find("input[name=domain]");
        domain.clear();
        domain.sendKeys("spam.example");
        new Select(find("select[name=policy]")).selectByValue("block");
        find("textarea[name=publicComment]").sendKeys("Waves of spam");
        find("textarea[name=privateNote]").sendKeys("Reported by three members");
        find("#policy-form button[type=submit]").click();
        WebElement item = find("li[data-domain='spam.example']");
        assertTrue(item.getText().contains("Blocked"), item.getText());
        assertTrue(item.getText().contains("Waves of spam"), item.getText());
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "spam.example"));
        assertFullyTranslated();
        browser.script("arguments[0].scrollIntoView()", item);
        browser.screenshot("federation-blocked-phone");

        HttpResponse<String> stored = node.get("/api/v1/admin/domain-policies/spam.example",
                "Authorization", "Bearer " + token("alice", ADMIN_PASSWORD));
        assertEquals(200, stored.statusCode(), stored.body());
        assertEquals("block", new JsonObject(stored.body()).getString("policy"));
        assertEquals("alice", new JsonObject(stored.body()).getString("createdBy"));

        browser.size(Browser.DESKTOP);
        browser.driver().navigate().refresh();
        find("li[data-domain='spam.example']");
        browser.screenshot("federation-desktop");
        browser.script("document.getElementById('mode-title').scrollIntoView()");
        browser.screenshot("federation-mode-desktop");

        find("li[data-domain='spam.example'] button.danger").click();
        browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("li[data-domain='spam.example']")));
        find("p.empty");
        assertEquals(404, node.get("/api/v1/admin/domain-policies/spam.example",
                "Authorization", "Bearer " + token("alice", ADMIN_PASSWORD)).statusCode());

        find("a[href='/app/']").click();
        browser.heading("Hello, Alice Martin");
        browser.screenshot("home-desktop");

        find(".account button").click();
        browser.heading("Sign in");
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "signed out"));
        assertNull(browser.driver().manage().getCookieNamed("entraide_session"), "the session cookie is gone");
        go("/app/federation");
        browser.heading("Sign in");
        assertTrue(browser.driver().getCurrentUrl().endsWith("/app/sign-in?next=%2Fapp%2Ffederation"));
    }

    /** The field's error is shown, visible, and tied to the field for screen readers. */
    private static void assertErrorNextTo(WebElement input, String expected) {
        String describedBy = input.getAttribute("aria-describedby");
        String errorId = input.getAttribute("id") + "-error";
        assertTrue(describedBy != null && List.of(describedBy.split(" ")).contains(errorId), describedBy);
        WebElement error = browser.driver().findElement(By.id(errorId));
        assertTrue(error.isDisplayed());
        assertFalse(error.getText().isBlank());
        if (!expected.isEmpty()) {
            assertEquals(expected, error.getText());
        }
        WebElement field = input.findElement(By.xpath("ancestor::div[contains(@class,'field')][1]"));
        assertEquals(field, error.findElement(By.xpath("ancestor::div[contains(@class,'field')][1]")),
                "the error sits in the same field as its input");
    }

    @Test
    void aWrongPasswordIsShownNextToThePasswordField() {
        go("/app/sign-in");
        browser.heading("Connexion");
        signIn("alice", "pas le bon");
        WebElement password = find("input[name=password]");
        browser.waiting().until(ExpectedConditions.attributeToBe(password, "aria-invalid", "true"));
        assertErrorNextTo(password, "Nom ou mot de passe incorrect.");
        assertEquals(password, browser.driver().switchTo().activeElement(), "focus goes to the field in error");
        assertEquals("", password.getAttribute("value"), "the wrong password is cleared");
        browser.screenshot("sign-in-error-phone");

        find("form button[type=submit]").click();
        assertErrorNextTo(find("input[name=password]"), "Remplissez ce champ.");
        assertNull(find("input[name=username]").getAttribute("aria-invalid"), "the name was given");
    }

    @Test
    void aMemberGetsNoAdministrationScreens() {
        go("/app/sign-in");
        signIn("bruno", MEMBER_PASSWORD);
        browser.heading("Bonjour, Bruno");
        openMenuOnPhone();
        List<String> links = browser.driver().findElements(By.cssSelector("#nav a")).stream()
                .map(a -> a.getAttribute("pathname")).toList();
        assertEquals(List.of("/app/", "/app/offers", "/app/campaigns", "/app/follows", "/app/notifications"), links);
        assertTrue(browser.driver().findElements(By.cssSelector("a[href='/app/federation']")).isEmpty());

        go("/app/federation");
        browser.heading("Accès refusé");
        assertTrue(browser.driver().findElements(By.cssSelector("input[name=domain]")).isEmpty());
        assertFullyTranslated();
        browser.screenshot("forbidden-phone");
        assertEquals(403, node.get("/api/v1/admin/domain-policies",
                "Authorization", "Bearer " + token("bruno", MEMBER_PASSWORD)).statusCode());
    }

    @Test
    void aModeratorGetsModerationButNotFederation() {
        go("/app/sign-in");
        signIn("chloe", MEMBER_PASSWORD);
        browser.heading("Bonjour, Chloé");
        openMenuOnPhone();
        List<String> links = browser.driver().findElements(By.cssSelector("#nav a")).stream()
                .map(a -> a.getAttribute("pathname")).toList();
        assertEquals(List.of("/app/", "/app/offers", "/app/campaigns", "/app/follows", "/app/notifications",
                "/app/moderation", "/app/members"), links);
        find(".menu-button").sendKeys(Keys.ESCAPE);
        assertEquals("false", find(".menu-button").getAttribute("aria-expanded"), "Escape closes the menu");
        go("/app/moderation");
        browser.heading("Modération");
        go("/app/settings");
        browser.heading("Accès refusé");
    }

    @Test
    void aSignedOutVisitorIsAskedToSignInThenTakenWhereTheyWereGoing() {
        go("/app/profile");
        browser.heading("Connexion");
        signIn("bruno", MEMBER_PASSWORD);
        browser.heading("Mon profil");
        assertTrue(browser.driver().getCurrentUrl().endsWith("/app/profile"));
        String facts = find("dl.facts").getText();
        assertTrue(facts.contains("@bruno@" + node.authority()), facts);
        assertTrue(facts.contains("Membre"), facts);
        assertTrue(facts.contains("capucins"), facts);
        assertFullyTranslated();
        browser.screenshot("profile-phone");

        openMenuOnPhone();
        find("#nav a[href='/app/notifications']").click();
        browser.heading("Notifications");
        assertTrue(find("main .unread-summary").getText().contains("Tout est lu"), "a new member has nothing unread");
        assertTrue(browser.driver().findElements(By.cssSelector("main li.notification")).isEmpty(), "no made-up data");
        browser.screenshot("notifications-empty-phone");
        go("/app/nowhere");
        browser.heading("Page introuvable");
    }

    @Test
    void theKeyboardReachesTheSkipLinkFirstAndItLeadsToTheContent() {
        go("/app/sign-in");
        browser.heading("Connexion");
        browser.driver().findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement first = browser.driver().switchTo().activeElement();
        assertEquals("skip-link", first.getAttribute("class"));
        assertTrue(first.isDisplayed(), "the skip link shows when focused");
        first.sendKeys(Keys.ENTER);
        assertEquals("main", browser.driver().switchTo().activeElement().getAttribute("id"));
        browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        assertEquals("username", browser.driver().switchTo().activeElement().getAttribute("name"),
                "after the content's start comes the first field");
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePhotoFieldRefusesAPhotoWithoutADescription() {
        go("/app/sign-in");
        browser.heading("Connexion");
        Object outcome = browser.driver().executeAsyncScript("""
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
        go("/app/sign-in");
        signIn("bruno", MEMBER_PASSWORD);
        browser.waiting().until((driver) -> !driver.getCurrentUrl().contains("/sign-in"));
        Object outcome = browser.driver().executeAsyncScript("""
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
        HttpResponse<String> served = node.get(java.net.URI.create(preview).getPath());
        assertEquals(200, served.statusCode());
        assertEquals("image/jpeg", served.headers().firstValue("Content-Type").orElse(""),
                "the device sent a JPEG it drew from the WebP");
    }

    private static String token(String username, String password) {
        HttpResponse<String> r = node.send(node.request("/api/v1/sessions")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(new JsonObject().put("username", username).put("password", password).encode())));
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getString("token");
    }
}
