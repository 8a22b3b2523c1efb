package coop.entraide.node;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that mints the ids of local objects. Every id is an absolute URL under the node's
 * base URL and, once published, never changes: other servers key their caches (and our actors'
 * keys) by it.
 *
 * <ul>
 *   <li>{@code /actor}: the instance actor (an {@code Application}, FEP-d556)</li>
 *   <li>{@code /c/{name}}: a collective ({@code Group})</li>
 *   <li>{@code /u/{name}}: a member ({@code Person})</li>
 *   <li>{@code {actor}/inbox}, {@code /outbox}, {@code /followers}, {@code /following}</li>
 *   <li>{@code {actor}#main-key} (RSA) and {@code {actor}#ed25519-key} (Multikey)</li>
 *   <li>{@code /inbox}: the shared inbox</li>
 *   <li>{@code /campaigns/{id}}: a crowdfunding campaign, {@code /pledges/{id}}: a pledge to one</li>
 *   <li>{@code /o/{key}}: an object published here (a post, an offer…); {@code /a/{key}}: an activity</li>
 *   <li>{@code /offers/{uuid}}: an offer (its page and its ActivityStreams document)</li>
 *   <li>{@code /media/{file}}: an uploaded photo; {@code /tags/{name}}: offers with a hashtag</li>
 *   <li>{@code /ns}: the JSON-LD context of Entraide's extension terms</li>
 * </ul>
 *
 * <p>Object and activity keys are random (128 bits, base32): they reveal neither how many things
 * were published nor in which order, and can be minted before anything is stored, so that a
 * document is signed once with its final id.
 */
public final class Uris {
    /** Which kind of local actor a path names. */
    public enum LocalActorKind { INSTANCE, COLLECTIVE, MEMBER }

    /** A local actor named by a URL: its kind and, except for the instance actor, its username. */
    public record LocalActorRef(LocalActorKind kind, String username) {
    }

    private static final Pattern ACTOR_PATH = Pattern.compile("/([cu])/([^/?#]+)");
    private static final Pattern KEY = Pattern.compile("[a-z2-7]{26}");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String base;
    private final String authority;

    public Uris(URI baseUrl) {
        String text = baseUrl.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.authority = baseUrl.getRawAuthority();
    }

    /** The base URL without a trailing slash, e.g. {@code https://voisins.example}. */
    public String base() {
        return base;
    }

    /** {@code host} or {@code host:port}, the domain part of {@code acct:} handles. */
    public String authority() {
        return authority;
    }

    public String instanceActor() {
        return base + "/actor";
    }

    public String collective(String username) {
        return base + "/c/" + username;
    }

    public String member(String username) {
        return base + "/u/" + username;
    }

    public String sharedInbox() {
        return base + "/inbox";
    }

    public String campaign(long id) {
        return base + "/campaigns/" + id;
    }

    public String pledge(long id) {
        return base + "/pledges/" + id;
    }

    public String inbox(String actorUri) {
        return actorUri + "/inbox";
    }

    public String outbox(String actorUri) {
        return actorUri + "/outbox";
    }

    public String followers(String actorUri) {
        return actorUri + "/followers";
    }

    public String following(String actorUri) {
        return actorUri + "/following";
    }

    /** The RSA key's id, as Mastodon expects it: a fragment of the actor's id. */
    public String mainKey(String actorUri) {
        return actorUri + "#main-key";
    }

    /** The Ed25519 Multikey's id (FEP-521a recommends a fragment of the actor's id). */
    public String ed25519Key(String actorUri) {
        return actorUri + "#ed25519-key";
    }

    /** A new random key for {@link #object} or {@link #activity}. */
    public static String newKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        StringBuilder key = new StringBuilder(26);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                key.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        key.append(BASE32[(buffer << (5 - bits)) & 31]);
        return key.toString();
    }

    /** Whether {@code key} has the shape {@link #newKey} gives; checked before any lookup. */
    public static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /** A local object: a post, an offer, a campaign… */
    public String object(String key) {
        return base + "/o/" + key;
    }

    /** A local activity (Create, Announce, Follow, Accept…). */
    public String activity(String key) {
        return base + "/a/" + key;
    }

    /** A new object id. */
    public String newObject() {
        return object(newKey());
    }

    /** A new activity id. */
    public String newActivity() {
        return activity(newKey());
    }

    /** Whether a URL is under this node's base URL, i.e. names something of ours. */
    public boolean isLocal(String url) {
        return url != null && url.startsWith(base + "/");
    }

    public String offer(java.util.UUID publicId) {
        return base + "/offers/" + publicId;
    }

    /** The HTML search page of offers. */
    public String offers() {
        return base + "/offers";
    }

    /** The page of offers a hashtag such as {@code give} or {@code tools} links to. */
    public String tag(String name) {
        return base + "/tags/" + name;
    }

    /** A collective's Atom feed of its public offers. */
    public String offersFeed(String collectiveUsername) {
        return collective(collectiveUsername) + "/offers.atom";
    }

    public String media(String fileName) {
        return base + "/media/" + fileName;
    }

    /** Where this node serves the context document of the {@code https://entraide.coop/ns#} terms. */
    public String vocabulary() {
        return base + "/ns";
    }

    /** {@code acct:name@authority}, the WebFinger subject of a local actor. */
    public String acct(String username) {
        return "acct:" + username + "@" + authority;
    }

    /** Whether a URL is the node itself ({@code https://host} or {@code https://host/}). */
    public boolean isBase(String url) {
        return url.equals(base) || url.equals(base + "/");
    }

    /**
     * The local actor a URL names, if it is one of ours. Only the exact id matches: no query, no
     * fragment, no trailing slash.
     */
    public Optional<LocalActorRef> parseActor(String url) {
        if (url.equals(instanceActor())) {
            return Optional.of(new LocalActorRef(LocalActorKind.INSTANCE, null));
        }
        if (!url.startsWith(base + "/")) {
            return Optional.empty();
        }
        Matcher m = ACTOR_PATH.matcher(url.substring(base.length()));
        if (!m.matches()) {
            return Optional.empty();
        }
        LocalActorKind kind = m.group(1).equals("c") ? LocalActorKind.COLLECTIVE : LocalActorKind.MEMBER;
        return Optional.of(new LocalActorRef(kind, m.group(2)));
    }
}
