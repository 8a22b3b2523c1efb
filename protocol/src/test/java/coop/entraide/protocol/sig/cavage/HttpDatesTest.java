package coop.entraide.protocol.sig.cavage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDatesTest {

    /** What the JDK's RFC 1123 formatter makes of the text: the meaning the hand-written reader must keep. */
    private static Optional<Instant> byFormatter(String value) {
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim())));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    @Test
    void theExampleOfRfc9110IsReadByHand() {
        // RFC 9110 §5.6.7, preferred format.
        assertEquals(Instant.parse("1994-11-06T08:49:37Z"), HttpDates.imfFixdate("Sun, 06 Nov 1994 08:49:37 GMT"));
        assertEquals(Optional.of(Instant.parse("1994-11-06T08:49:37Z")), HttpDates.parse("  Sun, 06 Nov 1994 08:49:37 GMT "));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // other shapes the formatter reads
            "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49 GMT", "06 Nov 1994 08:49:37 GMT",
            "sun, 06 nov 1994 08:49:37 gmt", "Sun, 06 Nov 1994 08:49:37 +0000", "Sun, 06 Nov 1994 10:49:37 +0200",
            // wrong day name, impossible dates and times, other formats
            "Mon, 06 Nov 1994 08:49:37 GMT", "Sun, 31 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:60:37 GMT", "Sun, 06 Nov 1994 08:49:60 GMT", "Sun, 06 Nox 1994 08:49:37 GMT",
            "Sux, 06 Nov 1994 08:49:37 GMT", "Sun, 0a Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37Z", ""})
    void everythingElseIsLeftToTheFormatterAndMeansWhatItSays(String value) {
        assertNull(HttpDates.imfFixdate(value.trim()), value);
        assertEquals(byFormatter(value), HttpDates.parse(value), value);
    }

    @Test
    void readsWhatItWritesAsTheFormatterDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_799L));
            String text = HttpDates.format(instant);
            Instant fast = HttpDates.imfFixdate(text);
            assertNotNull(fast, text);
            assertEquals(byFormatter(text), Optional.of(fast), text);
        }
    }
}
