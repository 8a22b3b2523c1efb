package coop.entraide.node.federation.delivery;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which inboxes an activity goes to: the shared inbox of a recipient's server when it has one
 * (one request per server, not per follower, as Mastodon does), otherwise the recipient's own inbox;
 * each inbox once. Inboxes that are not absolute http(s) URLs are dropped here.
 */
public final class InboxSelection {
    /** An inbox with the server it belongs to ({@code host[:port]}, lower case). */
    public record Target(URI inbox, String host) {
    }

    private InboxSelection() {
    }

    public static List<Target> select(Collection<Recipient> recipients) {
        Map<String, Target> chosen = new LinkedHashMap<>();
        for (Recipient r : recipients) {
            URI inbox = r.sharedInbox().filter(s -> hostOf(s).isPresent()).orElse(r.inbox());
            hostOf(inbox).ifPresent(host -> chosen.putIfAbsent(inbox.toString(), new Target(inbox, host)));
        }
        return List.copyOf(chosen.values());
    }

    /** The server key of an inbox URL: {@code host} or {@code host:port}, lower case. */
    public static Optional<String> hostOf(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.getScheme() == null || uri.getRawAuthority() == null
                || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.empty();
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return Optional.of(uri.getPort() == -1 || uri.getPort() == defaultPort ? host : host + ":" + uri.getPort());
    }
}
