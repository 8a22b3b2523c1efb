package coop.entraide.node.discovery;

import coop.entraide.node.Uris;
import coop.entraide.node.Uris.LocalActorRef;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a WebFinger {@code resource} (RFC 7033 §4.1) asks this node for: an {@code acct:} handle
 * (RFC 7565), one of our actor ids, or the node itself (its base URL finds the instance actor,
 * FEP-d556). Parsing never throws: a resource that cannot be read is {@link Malformed}; one that
 * names another host or nothing of ours is {@link NotHere}.
 */
public sealed interface WebFingerResource {
    /** {@code acct:name@our-authority}; the name is not yet looked up. */
    record Account(String username) implements WebFingerResource {
    }

    /** One of our actors' ids. */
    record ActorId(LocalActorRef ref) implements WebFingerResource {
    }

    /** The node's base URL. */
    record Node() implements WebFingerResource {
    }

    /** Another host's resource, or a URL of ours that is no actor. */
    record NotHere() implements WebFingerResource {
    }

    /** Missing, unreadable, or a scheme WebFinger does not serve here. */
    record Malformed(String reason) implements WebFingerResource {
    }

    static WebFingerResource parse(String resource, Uris uris) {
        if (resource == null || resource.isBlank()) {
            return new Malformed("the resource parameter is required, e.g. resource=acct:name@" + uris.authority());
        }
        String text = resource.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("acct:")) {
            return account(text.substring(5), uris);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return url(text, uris);
        }
        if (!text.contains(":") && text.contains("@")) {
            // Some clients leave out the scheme ("name@host" or "@name@host").
            return account(text, uris);
        }
        return new Malformed("the resource must be an acct: handle or an http(s) URL");
    }

    private static WebFingerResource account(String handle, Uris uris) {
        String h = handle.startsWith("@") ? handle.substring(1) : handle;
        int at = h.lastIndexOf('@');
        if (at <= 0 || at == h.length() - 1) {
            return new Malformed("an acct: resource must look like acct:name@" + uris.authority());
        }
        String user;
        try {
            user = URLDecoder.decode(h.substring(0, at).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Malformed("the name in the acct: resource is not correctly percent-encoded");
        }
        String host = h.substring(at + 1);
        if (!host.equalsIgnoreCase(uris.authority())) {
            return new NotHere();
        }
        return new Account(user);
    }

    private static WebFingerResource url(String text, Uris uris) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return new Malformed("the resource is not a valid URL");
        }
        if (uri.getRawAuthority() == null) {
            return new Malformed("the resource URL has no host");
        }
        String normalized = uri.getScheme().toLowerCase(Locale.ROOT) + "://"
                + uri.getRawAuthority().toLowerCase(Locale.ROOT)
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (uris.isBase(normalized)) {
            return new Node();
        }
        return uris.parseActor(normalized)
                .<WebFingerResource>map(ActorId::new)
                .orElseGet(NotHere::new);
    }
}
