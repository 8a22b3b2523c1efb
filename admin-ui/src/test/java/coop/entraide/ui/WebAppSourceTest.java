package coop.entraide.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules the web app's sources keep, checked without a browser: the two catalogues say the same
 * things, every text comes from them, nothing writes HTML from strings, the page has no inline
 * script or style and loads nothing from elsewhere, and every module it imports exists.
 */
class WebAppSourceTest {
    private static final Path WEB = Path.of("src", "main", "web");
    private static final Pattern T_CALL = Pattern.compile("\\bt\\(\\s*'([^']+)'");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final Pattern IMPORT = Pattern.compile("(?:from\\s+|import\\()\\s*'(\\.{1,2}/[^']+)'");
    private static final List<String> HTML_SINKS = List.of(
            "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute('on");

    /** KeyboardEvent.key names: code, not text, though they look like capitalised words. */
    private static final Set<String> KEY_NAMES = Set.of("Escape", "Enter", "Tab", "Space");

    private static Map<String, String> sources;
    private static Map<String, String> french;
    private static Map<String, String> english;

    @BeforeAll
    static void read() throws IOException {
        sources = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(WEB)) {
            for (Path p : (Iterable<Path>) paths.filter(p -> p.toString().endsWith(".js"))::iterator) {
                sources.put(WEB.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        french = catalogue("fr");
        english = catalogue("en");
    }

    private static Map<String, String> catalogue(String lang) throws IOException {
        JsonNode json = new ObjectMapper().readTree(WEB.resolve("i18n/" + lang + ".json").toFile());
        Map<String, String> out = new LinkedHashMap<>();
        json.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : null));
        return out;
    }

    @Test
    void bothCataloguesHaveExactlyTheSameKeysAndPlaceholders() {
        assertTrue(english.size() > 50, "the catalogues were read");
        Set<String> onlyFrench = new TreeSet<>(french.keySet());
        onlyFrench.removeAll(english.keySet());
        Set<String> onlyEnglish = new TreeSet<>(english.keySet());
        onlyEnglish.removeAll(french.keySet());
        assertEquals(Set.of(), onlyFrench, "keys missing from en.json");
        assertEquals(Set.of(), onlyEnglish, "keys missing from fr.json");
        for (String key : english.keySet()) {
            assertTrue(english.get(key) != null && !english.get(key).isBlank(), "en: " + key + " is empty or not text");
            assertTrue(french.get(key) != null && !french.get(key).isBlank(), "fr: " + key + " is empty or not text");
            assertEquals(placeholders(english.get(key)), placeholders(french.get(key)), "placeholders of " + key);
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everyTranslatedKeyExistsAndEveryKeyIsUsed() {
        Set<String> asked = new TreeSet<>();
        Set<String> literals = new TreeSet<>();
        sources.forEach((file, js) -> {
            Matcher m = T_CALL.matcher(js);
            while (m.find()) {
                asked.add(m.group(1));
            }
            literals.addAll(JsLiterals.of(js));
        });
        Set<String> unknown = new TreeSet<>(asked);
        unknown.removeAll(english.keySet());
        assertEquals(Set.of(), unknown, "t('…') with keys no catalogue has");
        Set<String> unused = new TreeSet<>(english.keySet());
        unused.removeAll(literals);
        assertEquals(Set.of(), unused, "catalogue keys no module mentions (write dynamic keys out in full)");
    }

    @Test
    void noTextForPeopleIsWrittenInTheScripts() {
        List<String> found = new ArrayList<>();
        sources.forEach((file, js) -> {
            for (String literal : JsLiterals.of(js)) {
                if (looksLikeText(literal)) {
                    found.add(file + ": \"" + literal + "\"");
                }
            }
        });
        assertEquals(List.of(), found, "put these texts in i18n/en.json and i18n/fr.json and use t('key')");
    }

    /** Prose: accented letters, words with capitals, a sentence; or one capitalised word. */
    static boolean looksLikeText(String literal) {
        String s = literal.strip();
        if (s.codePoints().anyMatch(c -> c > 127 && Character.isLetter(c))) {
            return true;
        }
        boolean words = Pattern.compile("[A-Za-z]{2,}\\s+[A-Za-z]{2,}").matcher(s).find();
        if (words && (s.chars().anyMatch(Character::isUpperCase) || s.matches(".*[A-Za-z][.!?]$"))) {
            return true;
        }
        return s.matches("[A-Z][a-z]{2,}") && !KEY_NAMES.contains(s);
    }

    @Test
    void theTextDetectorCatchesTextAndLetsCodeThrough() {
        assertTrue(looksLikeText("Sign in"));
        assertTrue(looksLikeText("Se déconnecter"));
        assertTrue(looksLikeText("wrong name or password."));
        assertTrue(looksLikeText("Remove"));
        assertFalse(looksLikeText("button secondary"));
        assertFalse(looksLikeText("input[name=\"mode\"]:checked"));
        assertFalse(looksLikeText("application/json, application/problem+json"));
        assertFalse(looksLikeText("nav.signOut"));
        assertFalse(looksLikeText("GET"));
        assertFalse(looksLikeText(" · "));
        assertFalse(looksLikeText("Escape"));
    }

    @Test
    void nothingWritesHtmlFromStrings() {
        List<String> found = new ArrayList<>();
        sources.forEach((file, js) -> HTML_SINKS.stream().filter(js::contains).forEach(s -> found.add(file + ": " + s)));
        assertEquals(List.of(), found, "build elements with h() so that text can never become markup");
    }

    @Test
    void thePageHasNoInlineScriptOrStyleAndLoadsNothingFromElsewhere() throws IOException {
        String page = Files.readString(WEB.resolve(UiBundle.INDEX));
        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(page);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertTrue(scripts.group(1).contains("src=\"" + UiBundle.ASSETS_MARKER + "/"), scripts.group());
            assertTrue(scripts.group(2).isBlank(), "inline script: " + scripts.group());
        }
        assertEquals(1, count, "one entry module");
        assertFalse(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(page).find(), "inline handler");
        assertFalse(page.contains("<style") || page.contains("style="), "inline style");
        assertFalse(page.contains("http://") || page.contains("https://") || page.contains("//cdn"), "another origin");
        Matcher assets = Pattern.compile("(?:href|src)=\"" + Pattern.quote(UiBundle.ASSETS_MARKER) + "/([^\"]+)\"").matcher(page);
        while (assets.find()) {
            assertTrue(Files.isRegularFile(WEB.resolve(assets.group(1))), "the page names a missing file: " + assets.group(1));
        }
    }

    @Test
    void everyImportedModuleExists() {
        List<String> missing = new ArrayList<>();
        sources.forEach((file, js) -> {
            Matcher m = IMPORT.matcher(js);
            while (m.find()) {
                Path target = WEB.resolve(file).getParent() == null
                        ? WEB.resolve(m.group(1)) : WEB.resolve(file).getParent().resolve(m.group(1));
                if (!Files.isRegularFile(target.normalize())) {
                    missing.add(file + " imports " + m.group(1));
                }
            }
        });
        assertEquals(List.of(), missing);
        assertTrue(sources.size() >= 10, sources.keySet().toString());
    }

    @Test
    void theBundleVersionFollowsTheContent(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(UiBundle.INDEX), "<script src=\"" + UiBundle.ASSETS_MARKER + "/app.js\"></script>");
        Files.createDirectories(dir.resolve("i18n"));
        Files.writeString(dir.resolve("i18n/en.json"), "{}");
        UiBundle first = UiBundle.fromDirectory(dir);
        assertEquals(first.version(), UiBundle.fromDirectory(dir).version(), "stable");
        assertTrue(first.version().matches("[0-9a-f]{12}"), first.version());
        assertEquals(Set.of("index.html", "i18n/en.json"), first.files().keySet());
        assertEquals("<script src=\"/static/v1/app.js\"></script>", first.indexPage("/static/v1"));
        Files.writeString(dir.resolve("i18n/en.json"), "{\"a\": \"b\"}");
        assertFalse(first.version().equals(UiBundle.fromDirectory(dir).version()), "a changed file changes the version");
    }
}
