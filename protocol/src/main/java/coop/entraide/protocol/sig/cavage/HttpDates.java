package coop.entraide.protocol.sig.cavage;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** The HTTP {@code Date} header (RFC 9110 §5.6.7): written as IMF-fixdate, read leniently as RFC 1123. */
final class HttpDates {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
                    .withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    static Optional<Instant> parse(String value) {
        String trimmed = value.trim();
        Instant fast = imfFixdate(trimmed);
        if (fast != null) {
            return Optional.of(fast);
        }
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(trimmed)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    /**
     * {@code Sun, 06 Nov 1994 08:49:37 GMT} read by hand, as every server writes it: the JDK's
     * formatter costs several microseconds on each signed request. Null for any other text, and for
     * a date whose day name is wrong, so that the formatter decides those exactly as before.
     */
    static Instant imfFixdate(String s) {
        if (s.length() != 29 || s.charAt(3) != ',' || s.charAt(4) != ' ' || s.charAt(7) != ' ' || s.charAt(11) != ' '
                || s.charAt(16) != ' ' || s.charAt(19) != ':' || s.charAt(22) != ':' || !s.endsWith(" GMT")) {
            return null;
        }
        int day = digits(s, 5, 2);
        int month = indexOf(MONTHS, s, 8) + 1;
        int year = digits(s, 12, 4);
        int hour = digits(s, 17, 2);
        int minute = digits(s, 20, 2);
        int second = digits(s, 23, 2);
        int dayOfWeek = indexOf(DAYS, s, 0) + 1;
        if ((day | year | hour | minute | second) < 0 || month == 0 || dayOfWeek == 0
                || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
        if (date.getDayOfWeek().getValue() != dayOfWeek) {
            return null;
        }
        return Instant.ofEpochSecond(date.toEpochDay() * 86_400 + hour * 3600L + minute * 60L + second);
    }

    private static int indexOf(String[] names, String s, int from) {
        for (int i = 0; i < names.length; i++) {
            if (s.startsWith(names[i], from)) {
                return i;
            }
        }
        return -1;
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
