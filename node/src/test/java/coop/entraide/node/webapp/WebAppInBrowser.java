package coop.entraide.node.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Member;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app of a real node on loopback, open in one headless Chromium that prefers French,
 * shared by the tests of a class; and the steps those tests take on its pages. Register it on a
 * static field with {@code @RegisterExtension}. The node has one collective, "capucins", whose
 * members the class names when it creates the fixture.
 *
 * <p>Before each test the browser is a new visitor on a phone-sized window; after each, the page
 * must have shown no script error, no policy violation and no missing translation. Without
 * Chromium the node is not started and every test reports itself skipped, loudly.
 */
final class WebAppInBrowser implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    static final String COLLECTIVE = "capucins";
    private static final String LANGUAGES = "fr-FR,fr";

    private final Consumer<WebAppInBrowser> members;
    private final Map<String, String> passwords = new HashMap<>();
    private TestNode node;
    private Browser browser;

    /** {@code members} adds the collective's first members, through {@link #member}. */
    WebAppInBrowser(Consumer<WebAppInBrowser> members) {
        this.members = members;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!Browser.installed()) {
            return; // each test then reports itself skipped, with the reason
        }
        node = TestNode.start();
        node.await(node.identity().createCollective(new NewCollective(COLLECTIVE, "Les Capucins", null, false)));
        members.accept(this);
        browser = Browser.open(LANGUAGES);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Browser.assumeInstalled();
        browser.size(Browser.PHONE);
        newVisitor();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser == null) {
            return;
        }
        assertEquals(List.of(), browser.pageProblems(), "script errors or policy violations");
        assertFullyTranslated();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
        if (node != null) {
            node.close();
        }
    }

    // ---- the node ------------------------------------------------------------------------------

    TestNode node() {
        return node;
    }

    /** A member of the collective, whose password is remembered for {@link #token}. */
    Member member(String username, String displayName, Role role, String password) {
        passwords.put(username, password);
        return node.await(node.identity().createMember(
                new NewMember(username, COLLECTIVE, displayName, null, role, password)));
    }

    /** A new API session of this member's. */
    String token(String username) {
        return node.sessionToken(username, passwords.get(username));
    }

    /** GET as this member, which must answer 200 with JSON. */
    JsonObject getJson(String username, String path) {
        HttpResponse<String> r = node.get(path, "Authorization", "Bearer " + token(username));
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    /** POST JSON as this member, which must succeed with JSON. */
    JsonObject postJson(String username, String path, JsonObject body) {
        HttpResponse<String> r = node.send(node.request(path).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token(username))
                .POST(BodyPublishers.ofString(body.encode())));
        assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
        return new JsonObject(r.body());
    }

    // ---- the browser ---------------------------------------------------------------------------

    ChromeDriver driver() {
        return browser.driver();
    }

    WebDriverWait waiting() {
        return browser.waiting();
    }

    /** Waits until the main heading reads exactly this, and returns it. */
    WebElement heading(String text) {
        return browser.heading(text);
    }

    Object script(String js, Object... args) {
        return browser.script(js, args);
    }

    void size(Dimension size) {
        browser.size(size);
    }

    /** Saves what the window shows as target/screenshots/NAME.png. */
    Path screenshot(String name) {
        return browser.screenshot(name);
    }

    /** Forgets the session cookie and the remembered language, as a new visitor. */
    void newVisitor() {
        browser.forgetEverything(node.base());
    }

    // ---- the pages -----------------------------------------------------------------------------

    /** Opens a path of the node, such as {@code /app/offers}. */
    void go(String path) {
        browser.driver().get(node.base() + path);
    }

    WebElement find(String css) {
        return browser.visible(By.cssSelector(css));
    }

    /** Replaces what the field holds with this text. */
    void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    void waitForText(String css, String text) {
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    /** Waits for the live status line, read out to screen readers, to say this. */
    void waitForStatus(String text) {
        waitForText("#status", text);
    }

    /** Says yes to the confirmation the page asks for. */
    void acceptConfirm() {
        browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();
    }

    /** Fills in and sends the sign-in form already on the page. */
    void submitSignIn(String username, String password) {
        type("input[name=username]", username);
        type("input[name=password]", password);
        find("form button[type=submit]").click();
    }

    /** Signs in from the sign-in page, with the password the member was created with, and waits for the greeting. */
    void signIn(String username) {
        go("/app/sign-in");
        heading("Connexion");
        submitSignIn(username, passwords.get(username));
        waitForText("main h1", "Bonjour");
    }

    /** No text of the page, nor any label read to screen readers, is a missing translation. */
    void assertFullyTranslated() {
        assertFalse(driver().getPageSource().contains("[missing:"), "untranslated text on " + driver().getCurrentUrl());
    }

    /**
     * The field is marked invalid, and its error is shown, visible, in the same field and tied to
     * it for screen readers; with {@code expected} not empty, the error says exactly that.
     */
    void assertErrorNextTo(WebElement input, String expected) {
        waiting().until(ExpectedConditions.attributeToBe(input, "aria-invalid", "true"));
        String describedBy = input.getAttribute("aria-describedby");
        String errorId = input.getAttribute("id") + "-error";
        assertTrue(describedBy != null && List.of(describedBy.split(" ")).contains(errorId), describedBy);
        WebElement error = driver().findElement(By.id(errorId));
        assertTrue(error.isDisplayed());
        assertFalse(error.getText().isBlank());
        if (!expected.isEmpty()) {
            assertEquals(expected, error.getText());
        }
        WebElement field = input.findElement(By.xpath("ancestor::div[contains(@class,'field')][1]"));
        assertEquals(field, error.findElement(By.xpath("ancestor::div[contains(@class,'field')][1]")),
                "the error sits in the same field as its input");
    }

    void assertErrorNextTo(String inputCss, String expected) {
        assertErrorNextTo(find(inputCss), expected);
    }
}
