package coop.entraide.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static NodeConfig withBase(String base) {
        return Settings.parse(base, "127.0.0.1", 8080, "/tmp/entraide-test", null, false);
    }

    @Test
    void defaultsTheBaseUrlToTheListenAddress() {
        NodeConfig c = Settings.parse(null, "127.0.0.1", 8081, "data", "", false);
        assertEquals(URI.create("http://127.0.0.1:8081"), c.baseUrl());
        assertEquals("127.0.0.1:8081", c.authority());
        assertTrue(c.dataDir().isAbsolute());
        assertTrue(c.databaseUrl().isEmpty());
    }

    @Test
    void aWildcardBindGivesALocalhostBaseUrl() {
        assertEquals(URI.create("http://localhost:80"), Settings.parse(null, "0.0.0.0", 80, "d", null, false).baseUrl());
        assertEquals(URI.create("http://[::1]:80"), Settings.parse(null, "::1", 80, "d", null, false).baseUrl());
    }

    @ParameterizedTest
    @CsvSource({
            "https://Voisins.Example, https://voisins.example",
            "https://voisins.example/, https://voisins.example",
            "http://127.0.0.1:8080, http://127.0.0.1:8080",
            "HTTPS://voisins.example:8443, https://voisins.example:8443",
    })
    void normalisesTheBaseUrl(String given, String expected) {
        assertEquals(URI.create(expected), withBase(given).baseUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://voisins.example", "voisins.example", "https://", "https://voisins.example/app",
            "https://voisins.example?x=1", "https://user@voisins.example", "https://voisins example", "https://voisins.example#top"})
    void refusesABaseUrlThatIsNotAnOrigin(String given) {
        ConfigException e = assertThrows(ConfigException.class, () -> withBase(given));
        assertEquals("--base-url", e.setting());
        assertTrue(e.getMessage().startsWith("--base-url: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536, 100000})
    void refusesAPortOutOfRange(int port) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.parse(null, "127.0.0.1", port, "d", null, false));
        assertEquals("--port", e.setting());
    }

    @Test
    void refusesABlankBindOrDataDir() {
        assertEquals("--bind", assertThrows(ConfigException.class,
                () -> Settings.parse(null, " ", 1, "d", null, false)).setting());
        assertEquals("--data-dir", assertThrows(ConfigException.class,
                () -> Settings.parse(null, "127.0.0.1", 1, "", null, false)).setting());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://h/db", "postgres:///db", "not a url", "jdbc:postgresql://h/db"})
    void refusesADatabaseUrlThatIsNotPostgres(String given) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.parse(null, "127.0.0.1", 1, "d", given, false));
        assertEquals("--database-url", e.setting());
        assertFalse(e.getMessage().contains("secret"));
    }

    @Test
    void acceptsBothPostgresSchemes() {
        assertEquals("db.example", Settings.parse(null, "127.0.0.1", 1, "d", "postgresql://u:p@db.example:5432/e", false)
                .databaseUrl().orElseThrow().getHost());
        assertEquals("db.example", Settings.parse(null, "127.0.0.1", 1, "d", "postgres://db.example/e", false)
                .databaseUrl().orElseThrow().getHost());
    }

    @Test
    void redactsThePasswordOfADatabaseUrl() {
        assertEquals("postgres://entraide:***@db.example:5432/entraide",
                Settings.redacted(URI.create("postgres://entraide:s3cret@db.example:5432/entraide")));
        assertEquals("postgres://db.example/e", Settings.redacted(URI.create("postgres://db.example/e")));
        assertEquals("postgres://user@db.example/e", Settings.redacted(URI.create("postgres://user@db.example/e")));
    }
}
