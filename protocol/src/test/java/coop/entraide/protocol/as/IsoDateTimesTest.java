package coop.entraide.protocol.as;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoDateTimesTest {

    /** What the JDK's formatters make of the text: the meaning the hand-written reader must keep. */
    private static Optional<Instant> byFormatters(String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-05-01T10:00:00Z", "2026-05-01T10:00:00.1Z", "2026-05-01T10:00:00.123456789Z",
            "2026-05-01T10:00:00+02:00", "2026-05-01T10:00:00-09:30", "2026-05-01T00:30:00+18:00",
            "2024-02-29T23:59:59.5-18:00", "1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "2026-05-01T10:00:00-00:00"})
    void commonShapesAreReadByHandWithTheFormattersMeaning(String value) {
        Instant fast = IsoDateTimes.common(value);
        assertNotNull(fast, value);
        assertEquals(byFormatters(value), Optional.of(fast));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // not the common shape, left to the formatters (some valid, some not)
            "2026-05-01T10:00Z", "2026-05-01t10:00:00Z", "2026-05-01T10:00:00z", "2026-05-01T10:00:00",
            "2026-05-01T10:00:00+02:00:30", "2026-05-01T10:00:00+0200", "+12026-05-01T10:00:00Z",
            // impossible values
            "2026-02-29T10:00:00Z", "2026-04-31T10:00:00Z", "2026-13-01T10:00:00Z", "2026-00-10T10:00:00Z",
            "2026-05-01T24:00:00Z", "2026-05-01T10:60:00Z", "2026-05-01T10:00:60Z", "2026-05-01T10:00:00+18:01",
            "2026-05-01T10:00:00+19:00", "2026-05-01T10:00:00.Z", "2026-05-01T10:00:00.1234567890Z",
            "2026-05-01T10:00:00ZZ", "2026-05-01T10:00:00Z ", " 2026-05-01T10:00:00Z", "2026-05-0aT10:00:00Z",
            "2026-05-01T10:00:00+02:0a", "2026-05-01T10:00:00 02:00", ""})
    void everythingElseIsLeftToTheFormattersAndMeansWhatTheySay(String value) {
        assertNull(IsoDateTimes.common(value), value);
        assertEquals(byFormatters(value), IsoDateTimes.parse(value), value);
    }

    @Test
    void readsTheSameInstantsAsTheFormattersOverThousandsOfDates() {
        Random random = new Random(42);
        DateTimeFormatter[] writers = {
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"),
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX"),
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")};
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 60_000_000_000L), random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 4, 18 * 4 + 1) * 15 * 60);
            String text = writers[i % writers.length].format(instant.atOffset(offset));
            assertEquals(byFormatters(text), Optional.ofNullable(IsoDateTimes.common(text)), text);
        }
    }
}
