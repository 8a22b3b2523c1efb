package coop.entraide.node.federation.actors;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.node.federation.fetch.FetchRequest;
import coop.entraide.node.federation.fetch.FetchResult;
import coop.entraide.node.federation.fetch.SafeFetcher;
import coop.entraide.protocol.json.JsonReadResult;
import coop.entraide.protocol.json.StrictJsonReader;
import io.vertx.core.Future;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Finds the actor id of a handle through WebFinger (RFC 7033; PROTOCOL.md §1.1): the {@code self}
 * link whose type is {@code application/activity+json} or ActivityStreams {@code ld+json}.
 *
 * <p>Which scheme is asked: {@code https}, always, on the public network. When the node allows
 * private networks (a demo or tests on loopback), a loopback host ({@code localhost},
 * {@code 127.0.0.0/8}, {@code [::1]}) is asked with the scheme of the node's own base URL, and any
 * other host with {@code https} first, then {@code http} if https got no HTTP answer at all.
 */
public final class WebFingerClient {
    private static final String ACCEPT = "application/jrd+json, application/json";

    private final SafeFetcher fetcher;
    private final boolean allowPrivateNetwork;
    private final String ownScheme;
    private final StrictJsonReader reader = StrictJsonReader.withDefaults();

    public WebFingerClient(SafeFetcher fetcher, boolean allowPrivateNetwork, String ownScheme) {
        this.fetcher = fetcher;
        this.allowPrivateNetwork = allowPrivateNetwork;
        this.ownScheme = ownScheme.toLowerCase(Locale.ROOT);
    }

    /** The schemes tried for a host, in order (see the class comment). */
    List<String> schemesFor(Handle handle) {
        if (!allowPrivateNetwork) {
            return List.of("https");
        }
        if (isLoopback(handle.hostName())) {
            return List.of(ownScheme);
        }
        return List.of("https", "http");
    }

    /** The actor id the handle names; fails with {@link ActorLookupException}. */
    public Future<String> actorId(Handle handle) {
        return attempt(handle, schemesFor(handle), 0);
    }

    private Future<String> attempt(Handle handle, List<String> schemes, int index) {
        URI uri = URI.create(schemes.get(index) + "://" + handle.host() + "/.well-known/webfinger?resource="
                + URLEncoder.encode(handle.acct(), StandardCharsets.UTF_8));
        return fetcher.fetch(FetchRequest.get(uri, ACCEPT)).compose(result -> {
            if (result instanceof FetchResult.Failed failed && index + 1 < schemes.size()) {
                return attempt(handle, schemes, index + 1);
            }
            return selfLink(handle, result);
        });
    }

    private Future<String> selfLink(Handle handle, FetchResult result) {
        if (result instanceof FetchResult.Failed failed) {
            return fail(ActorLookupException.Reason.UNAVAILABLE, "WebFinger for " + handle + ": " + failed.reason()
                    + " " + failed.detail());
        }
        if (result instanceof FetchResult.HttpError error) {
            return fail(error.status() == 404 || error.status() == 410 ? ActorLookupException.Reason.NOT_FOUND
                    : ActorLookupException.Reason.UNAVAILABLE, "WebFinger for " + handle + ": HTTP " + error.status());
        }
        JsonReadResult read = reader.readObject(((FetchResult.Ok) result).body());
        if (!(read instanceof JsonReadResult.Parsed parsed)) {
            return fail(ActorLookupException.Reason.INVALID, "WebFinger for " + handle + " is not JSON: " + read);
        }
        JsonNode links = parsed.value().get("links");
        if (links != null && links.isArray()) {
            for (JsonNode link : links) {
                if (isSelf(link)) {
                    return Future.succeededFuture(link.get("href").textValue());
                }
            }
        }
        return fail(ActorLookupException.Reason.NOT_FOUND, "WebFinger for " + handle + " has no ActivityPub self link");
    }

    private static boolean isSelf(JsonNode link) {
        JsonNode rel = link.get("rel");
        JsonNode type = link.get("type");
        JsonNode href = link.get("href");
        if (rel == null || !"self".equals(rel.asText()) || type == null || !type.isTextual()
                || href == null || !href.isTextual()) {
            return false;
        }
        String t = type.textValue().toLowerCase(Locale.ROOT);
        boolean activityStreams = t.startsWith("application/activity+json")
                || t.startsWith("application/ld+json") && t.contains("https://www.w3.org/ns/activitystreams");
        String h = href.textValue();
        return activityStreams && (h.startsWith("https://") || h.startsWith("http://"));
    }

    static boolean isLoopback(String hostName) {
        String h = hostName.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
                || h.equals("[::1]");
    }

    private static <T> Future<T> fail(ActorLookupException.Reason reason, String detail) {
        return Future.failedFuture(new ActorLookupException(reason, detail));
    }
}
