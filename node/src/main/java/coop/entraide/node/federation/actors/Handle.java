package coop.entraide.node.federation.actors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A fediverse handle, {@code name@host} ({@code @name@host} and {@code acct:name@host} too),
 * the {@code acct:} URI of RFC 7565 that WebFinger resolves (PROTOCOL.md §1.1).
 *
 * @param host {@code host} or {@code host:port}, lower case
 */
public record Handle(String name, String host) {

    public static Optional<Handle> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.regionMatches(true, 0, "acct:", 0, 5)) {
            s = s.substring(5);
        }
        if (s.startsWith("@")) {
            s = s.substring(1);
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            return Optional.empty();
        }
        String name = s.substring(0, at);
        String host = s.substring(at + 1).toLowerCase(Locale.ROOT);
        if (name.contains("@") || name.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '?' || c == '#')) {
            return Optional.empty();
        }
        try {
            URI probe = new URI("https://" + host + "/");
            if (probe.getHost() == null || !host.equals(probe.getRawAuthority())) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(new Handle(name, host));
    }

    /** The host without a port, brackets kept for IPv6. */
    public String hostName() {
        if (host.startsWith("[")) {
            return host.substring(0, host.indexOf(']') + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    public String acct() {
        return "acct:" + name + "@" + host;
    }

    @Override
    public String toString() {
        return "@" + name + "@" + host;
    }
}
