package coop.entraide.node.config;

import java.util.Locale;

/**
 * A token-bucket budget: {@code perSecond} requests per second on average, up to {@code burst} at
 * once. Written {@code RATE} or {@code RATE:BURST} (e.g. {@code 50:200}), or {@code off}.
 */
public record RateLimit(double perSecond, int burst) {
    public static final RateLimit OFF = new RateLimit(0, 0);
    /** Per remote server, before the inboxes: a busy Mastodon server rarely sends more than a few per second. */
    public static final RateLimit DEFAULT_INBOX = new RateLimit(50, 200);
    /** Per client address: higher than per server, as several servers may share an address. */
    public static final RateLimit DEFAULT_INBOX_IP = new RateLimit(100, 400);
    /** A burst of this many seconds' worth when only the rate is given. */
    private static final int DEFAULT_BURST_SECONDS = 4;

    public RateLimit {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond) || burst < 0 || (perSecond > 0 && burst < 1)) {
            throw new IllegalArgumentException("invalid rate limit " + perSecond + ":" + burst);
        }
    }

    public boolean isOff() {
        return perSecond == 0;
    }

    /** Reads a setting's text; the message of a failure names the setting. */
    public static RateLimit parse(String setting, String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("off") || s.equals("0")) {
            return OFF;
        }
        String[] parts = s.split(":", -1);
        if (s.isEmpty() || parts.length > 2) {
            throw new ConfigException(setting, "must be RATE or RATE:BURST (requests per second, burst size) or off, got '" + text + "'");
        }
        double rate;
        try {
            rate = Double.parseDouble(parts[0]);
        } catch (NumberFormatException e) {
            throw new ConfigException(setting, "the rate must be a number of requests per second, got '" + parts[0] + "'");
        }
        if (!(rate > 0) || rate > 1_000_000 || parts[0].matches(".*[a-z].*")) {
            throw new ConfigException(setting, "the rate must be a positive number of requests per second (or off), got '" + parts[0] + "'");
        }
        int burst = (int) Math.max(1, Math.ceil(rate * DEFAULT_BURST_SECONDS));
        if (parts.length == 2) {
            try {
                burst = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new ConfigException(setting, "the burst must be a whole number of requests, got '" + parts[1] + "'");
            }
            if (burst < 1) {
                throw new ConfigException(setting, "the burst must be at least 1, got " + burst);
            }
        }
        return new RateLimit(rate, burst);
    }

    @Override
    public String toString() {
        if (isOff()) {
            return "off";
        }
        String rate = perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond);
        return rate + ":" + burst;
    }
}
