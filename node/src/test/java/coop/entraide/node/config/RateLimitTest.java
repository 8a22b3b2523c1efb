package coop.entraide.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitTest {

    @ParameterizedTest
    @CsvSource({
            "50:200, 50.0, 200",
            "' 10 ', 10.0, 40",
            "0.5, 0.5, 2",
            "0.1:1, 0.1, 1",
            "OFF, 0.0, 0",
            "0, 0.0, 0"})
    void readsRateAndBurst(String text, double rate, int burst) {
        RateLimit limit = RateLimit.parse("--inbox-rate", text);
        assertEquals(rate, limit.perSecond());
        assertEquals(burst, limit.burst());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "-1", "NaN", "Infinity", "1e3", "50:", "50:0", "50:-3", "50:2.5", "1:2:3", "0:10"})
    void refusesWhatIsNotARate(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> RateLimit.parse("--inbox-ip-rate", text));
        assertEquals("--inbox-ip-rate", e.setting());
        assertTrue(e.getMessage().startsWith("--inbox-ip-rate: "), e.getMessage());
    }

    @Test
    void printsAsItIsWritten() {
        assertEquals("50:200", RateLimit.DEFAULT_INBOX.toString());
        assertEquals("0.5:2", RateLimit.parse("x", "0.5").toString());
        assertEquals("off", RateLimit.OFF.toString());
        assertEquals(RateLimit.DEFAULT_INBOX, RateLimit.parse("x", RateLimit.DEFAULT_INBOX.toString()));
    }

    @Test
    void theShortSettingsKeepTheDefaultLimits() {
        NodeConfig c = Settings.parse(null, "127.0.0.1", 8080, "data", null, false);
        assertEquals(RateLimit.DEFAULT_INBOX, c.inboxRate());
        assertEquals(RateLimit.DEFAULT_INBOX_IP, c.inboxIpRate());
        assertEquals(RateLimit.DEFAULT_INBOX, c.withPort(9090).inboxRate());
        NodeConfig custom = Settings.parse(null, "127.0.0.1", 8080, "data", null, false, "5:10", "off");
        assertEquals(new RateLimit(5, 10), custom.withBaseUrl(java.net.URI.create("https://v.example")).inboxRate());
        assertTrue(custom.inboxIpRate().isOff());
    }
}
