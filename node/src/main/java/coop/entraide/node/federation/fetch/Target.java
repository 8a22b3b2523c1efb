package coop.entraide.node.federation.fetch;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * A URL the fetcher is willing to request: absolute http or https, a host, no user info.
 *
 * @param authority    {@code host[:port]} as sent in {@code Host}, the port only when not the default
 * @param host         lower-cased host name or IP literal, without IPv6 brackets
 * @param pathAndQuery the request target, never empty
 */
record Target(URI uri, boolean https, String host, int port, String authority, String pathAndQuery) {

    static Optional<Target> parse(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.isOpaque() || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean https = scheme.equals("https");
        if (!https && !scheme.equals("http")) {
            return Optional.empty();
        }
        String rawHost = uri.getHost();
        if (rawHost == null || rawHost.isEmpty()) {
            return Optional.empty();
        }
        String bracketed = rawHost.toLowerCase(Locale.ROOT);
        String host = bracketed.startsWith("[") && bracketed.endsWith("]") ? bracketed.substring(1, bracketed.length() - 1) : bracketed;
        int defaultPort = https ? 443 : 80;
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        String authority = port == defaultPort ? bracketed : bracketed + ":" + port;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return Optional.of(new Target(uri, https, host, port, authority, pathAndQuery));
    }

    /** A redirect's {@code Location}, relative or absolute, against this target. */
    Optional<URI> resolve(String location) {
        try {
            return Optional.of(uri.resolve(new URI(location.trim())));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
