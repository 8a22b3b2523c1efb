package coop.entraide.node.webapp;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through Debian's {@code chromedriver}, with the paths given explicitly
 * so that Selenium never looks for (or downloads) a driver or a browser of its own. Each browser
 * has a fresh profile. Without Chromium installed, tests that need one are skipped, loudly.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("entraide.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("entraide.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Dimension PHONE = new Dimension(390, 844);
    static final Dimension DESKTOP = new Dimension(1280, 800);

    /**
     * Collects what should never happen on a page of the app: script errors, rejected promises and
     * Content-Security-Policy violations. Installed before any script of the page runs.
     */
    private static final String WATCH_PAGE = """
            window.__entraideProblems = [];
            document.addEventListener('securitypolicyviolation', e =>
                window.__entraideProblems.push('CSP ' + e.violatedDirective + ' ' + e.blockedURI));
            window.addEventListener('error', e => window.__entraideProblems.push('error ' + e.message));
            window.addEventListener('unhandledrejection', e =>
                window.__entraideProblems.push('rejection ' + (e.reason && e.reason.message || e.reason)));
            """;

    private static boolean toldTheConsole;

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    }

    /** Skips the calling test, saying why on stderr, when no Chromium or driver is installed. */
    static void assumeInstalled() {
        if (installed()) {
            return;
        }
        String message = "BROWSER TESTS SKIPPED: no " + (Files.isExecutable(CHROMIUM) ? DRIVER : CHROMIUM)
                + ". Install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver),"
                + " or point -Dentraide.chromium and -Dentraide.chromedriver at them.";
        String bar = "!".repeat(100);
        System.err.println(bar + "\n" + message + "\n" + bar);
        // The build redirects test output to files; say it on the process's own stderr as well,
        // so that it shows in the build log and a skipped browser test is never missed.
        if (!toldTheConsole) {
            toldTheConsole = true;
            @SuppressWarnings("resource")
            PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            console.println(bar + "\n" + message + "\n" + bar);
        }
        Assumptions.abort(message);
    }

    /** A fresh headless browser whose preferred languages are the given Accept-Language list. */
    static Browser open(String acceptLanguages) {
        Path profile;
        try {
            profile = Files.createTempDirectory("entraide-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--user-data-dir=" + profile,
                "--lang=" + acceptLanguages.split(",")[0],
                "--window-size=" + PHONE.getWidth() + "," + PHONE.getHeight());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguages));
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH_PAGE));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    WebElement visible(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the main heading reads exactly this, and returns it. */
    WebElement heading(String text) {
        waiting().until(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
        return driver.findElement(By.cssSelector("main h1"));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    void size(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /** Forgets the session cookie and the remembered language, as a new visitor. */
    void forgetEverything(String base) {
        driver.get(base + "/health/live");
        driver.manage().deleteAllCookies();
        script("window.localStorage.clear()");
    }

    /** Script errors and policy violations seen since the page loaded. */
    @SuppressWarnings("unchecked")
    List<String> pageProblems() {
        Object found = script("return window.__entraideProblems || []");
        return (List<String>) found;
    }

    /** Saves what the window shows as target/screenshots/NAME.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.move(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
