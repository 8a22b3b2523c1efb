package coop.entraide.node.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Turns the raw text of flags and environment variables into a validated {@link NodeConfig}. */
public final class Settings {
    private Settings() {
    }

    /** With the default inbox rate limits. */
    public static NodeConfig parse(String baseUrl, String bind, int port, String dataDir,
                                   String databaseUrl, boolean allowPrivateNetwork) {
        return parse(baseUrl, bind, port, dataDir, databaseUrl, allowPrivateNetwork,
                RateLimit.DEFAULT_INBOX.toString(), RateLimit.DEFAULT_INBOX_IP.toString());
    }

    public static NodeConfig parse(String baseUrl, String bind, int port, String dataDir,
                                   String databaseUrl, boolean allowPrivateNetwork,
                                   String inboxRate, String inboxIpRate) {
        if (port < 0 || port > 65535) {
            throw new ConfigException("--port", "must be between 0 and 65535, got " + port);
        }
        if (bind == null || bind.isBlank()) {
            throw new ConfigException("--bind", "must be an address to listen on, such as 127.0.0.1 or 0.0.0.0");
        }
        URI base = baseUrl == null || baseUrl.isBlank()
                ? URI.create("http://" + (bind.equals("0.0.0.0") || bind.equals("::") ? "localhost" : hostLiteral(bind)) + ":" + port)
                : baseUrl(baseUrl);
        if (dataDir == null || dataDir.isBlank()) {
            throw new ConfigException("--data-dir", "must be a directory path");
        }
        Optional<URI> db = databaseUrl == null || databaseUrl.isBlank()
                ? Optional.empty()
                : Optional.of(databaseUrl(databaseUrl));
        return new NodeConfig(base, bind, port, Path.of(dataDir).toAbsolutePath().normalize(), db, allowPrivateNetwork,
                RateLimit.parse("--inbox-rate", inboxRate), RateLimit.parse("--inbox-ip-rate", inboxIpRate));
    }

    private static String hostLiteral(String bind) {
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }

    /** The public origin: scheme http(s), a host, an optional port, nothing else. */
    static URI baseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException("--base-url", "'" + text + "' is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigException("--base-url", "must start with https:// (or http:// for local testing), got '" + text + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new ConfigException("--base-url", "must name a host, such as https://voisins.example, got '" + text + "'");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new ConfigException("--base-url", "must be an origin only (scheme, host and port, no path), got '" + text + "'");
        }
        String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
        return URI.create(scheme + "://" + authority);
    }

    static URI databaseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException("--database-url", "is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("postgres") || scheme.equals("postgresql"))) {
            throw new ConfigException("--database-url", "must look like postgres://user:password@host:5432/database");
        }
        if (uri.getHost() == null) {
            throw new ConfigException("--database-url", "must name a host, as in postgres://user:password@host:5432/database");
        }
        return uri;
    }

    /** A database URL with its password masked, safe to print or log. */
    public static String redacted(URI databaseUrl) {
        String userInfo = databaseUrl.getRawUserInfo();
        if (userInfo == null || !userInfo.contains(":")) {
            return databaseUrl.toString();
        }
        String user = userInfo.substring(0, userInfo.indexOf(':'));
        return databaseUrl.toString().replace(userInfo + "@", user + ":***@");
    }
}
