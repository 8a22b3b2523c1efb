package coop.entraide.node.federation.policy;

import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host a request's signature claims to come from, read from the {@code keyId} of a
 * draft-cavage {@code Signature} or the {@code keyid} of an RFC 9421 {@code Signature-Input}
 * (PROTOCOL.md §3). Nothing is verified here: it is cheap enough to key a rate limit or reject a
 * blocked domain before the real verification.
 */
public final class SignerHost {
    private static final Pattern KEY_ID = Pattern.compile("(?i)(?:^|[,;\\s])keyid\\s*=\\s*\"([^\"]{1,2048})\"");

    private static final String CONTEXT_KEY = SignerHost.class.getName();
    private static final Object NONE = new Object();
    /**
     * Hosts of the key ids seen lately: a server's few keys sign all its requests, and reading a
     * host (IDN rules included) costs more than the rest of this class. Emptied when full; at most
     * about 2 MB, whatever key ids senders make up.
     */
    private static final Map<String, Object> HOSTS = new ConcurrentHashMap<>();
    static final int MAX_REMEMBERED = 4096;
    static final int MAX_REMEMBERED_LENGTH = 256;

    private SignerHost() {
    }

    /**
     * The normalised host, or null if the request is unsigned or its key id has no valid host.
     * Read once per request: the rate limiter and the domain policy both ask.
     */
    public static String of(RoutingContext ctx) {
        Object known = ctx.get(CONTEXT_KEY);
        if (known != null) {
            return known == NONE ? null : (String) known;
        }
        String host = fromHeader(ctx.request().getHeader("Signature-Input"));
        if (host == null) {
            host = fromHeader(ctx.request().getHeader("Signature"));
        }
        ctx.put(CONTEXT_KEY, host == null ? NONE : host);
        return host;
    }

    static String fromHeader(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = KEY_ID.matcher(header);
        if (!m.find()) {
            return null;
        }
        String keyId = m.group(1);
        if (keyId.length() > MAX_REMEMBERED_LENGTH) {
            return hostOf(keyId);
        }
        Object known = HOSTS.get(keyId);
        if (known == null) {
            String host = hostOf(keyId);
            known = host == null ? NONE : host;
            if (HOSTS.size() >= MAX_REMEMBERED) {
                HOSTS.clear();
            }
            HOSTS.put(keyId, known);
        }
        return known == NONE ? null : (String) known;
    }

    private static String hostOf(String text) {
        try {
            URI keyId = URI.create(text);
            // java.net.URI leaves the host empty for Unicode names; the authority still has it.
            String host = keyId.getHost() != null ? keyId.getHost() : keyId.getAuthority();
            if (host != null && host.contains("@")) {
                host = host.substring(host.lastIndexOf('@') + 1);
            }
            return host != null && DomainName.parse(host) instanceof DomainName.Valid valid ? valid.domain().value() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
