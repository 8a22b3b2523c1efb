package coop.entraide.node.federation.actors;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.node.identity.ActorType;
import coop.entraide.protocol.as.Actor;
import coop.entraide.protocol.as.Link;
import coop.entraide.protocol.as.Media;
import coop.entraide.protocol.as.Multikey;
import coop.entraide.protocol.as.Parsed;
import coop.entraide.protocol.as.PublicKey;
import coop.entraide.protocol.html.Sanitizer;
import coop.entraide.protocol.keys.KeyFormatException;
import coop.entraide.protocol.keys.Pem;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a fetched (or embedded) actor document may be cached, and turns it into a row
 * (PROTOCOL.md §2, key-id rules):
 * <ul>
 *   <li>its {@code id} is the URL it was fetched from after redirects, or on the same origin;</li>
 *   <li>a {@code publicKey} counts only if its {@code owner} is the actor (or it has no owner and
 *       is a fragment of the actor's id), it lives on the actor's origin and its PEM is a key;
 *       a Multikey only if its {@code controller} is the actor and it lives on the actor's origin;</li>
 *   <li>the summary is sanitised to the HTML subset Mastodon keeps; the name is cut to
 *       {@value #MAX_NAME} characters;</li>
 *   <li>the first {@code icon} is kept as the avatar if its URL is http(s), its name (the
 *       description) cut to {@value #MAX_ALT} characters.</li>
 * </ul>
 * Keys that fail are dropped, not the actor, unless no key is left at all.
 */
public final class ActorDocumentCheck {
    static final int MAX_NAME = 200;
    static final int MAX_USERNAME = 200;
    static final int MAX_ALT = 1500;

    /** The outcome: a row to store, or why not. */
    public sealed interface Result {
    }

    public record Accepted(RemoteActorDraft draft) implements Result {
    }

    public record Refused(String why) implements Result {
    }

    private ActorDocumentCheck() {
    }

    /**
     * @param document  the JSON as received
     * @param fetchedAt the URL that answered (after redirects); for an embedded document, the id
     *                  it must have
     */
    public static Result check(JsonNode document, URI fetchedAt) {
        Parsed<Actor> parsed = Actor.parse(document);
        if (!(parsed instanceof Parsed.Ok<Actor> ok)) {
            return new Refused("not an actor: " + parsed.failure().orElse("?"));
        }
        Actor actor = ok.value();
        URI id;
        try {
            id = new URI(actor.id());
        } catch (java.net.URISyntaxException e) {
            return new Refused("the id is not a URI");
        }
        if (!actor.id().equals(fetchedAt.toString()) && !sameOrigin(id, fetchedAt)) {
            return new Refused("the document's id " + actor.id() + " is not on the origin of " + fetchedAt);
        }
        Optional<PublicKey> key = actor.publicKeys().stream().filter(k -> ownKey(actor.id(), id, k)).findFirst();
        Optional<Multikey> multikey = actor.assertionMethod().stream()
                .filter(m -> m.controller().equals(actor.id()) && sameOrigin(id, m.id()))
                .findFirst();
        if (key.isEmpty() && multikey.isEmpty()) {
            return new Refused("no key of the document belongs to the actor " + actor.id());
        }
        return new Accepted(draft(actor, id, key, multikey, document));
    }

    private static RemoteActorDraft draft(Actor actor, URI id, Optional<PublicKey> key, Optional<Multikey> multikey,
                                          JsonNode document) {
        ActorType type = actor.types().stream()
                .map(ActorType::fromAsName)
                .flatMap(Optional::stream)
                .findFirst()
                .orElse(ActorType.PERSON);
        Optional<Media> icon = actor.avatar().filter(i -> isHttp(i.href()));
        return new RemoteActorDraft(
                actor.id(),
                type,
                username(actor.preferredUsername()),
                id.getRawAuthority().toLowerCase(Locale.ROOT),
                name(actor.name()),
                Sanitizer.sanitize(actor.summary()),
                actor.url().stream().map(Link::href).filter(ActorDocumentCheck::isHttp).findFirst().orElse(null),
                actor.inbox(),
                actor.outbox(),
                actor.sharedInbox(),
                actor.followers(),
                actor.following(),
                key.map(PublicKey::id).orElse(null),
                key.map(PublicKey::publicKeyPem).orElse(null),
                multikey.map(Multikey::id).orElse(null),
                multikey.map(Multikey::publicKeyMultibase).orElse(null),
                actor.manuallyApprovesFollowers(),
                !Boolean.FALSE.equals(actor.discoverable()),
                actor.movedTo(),
                actor.alsoKnownAs(),
                icon.map(Media::href).orElse(null),
                icon.map(Media::name).map(alt -> cut(alt, MAX_ALT)).orElse(null),
                document.toString());
    }

    private static boolean ownKey(String actorId, URI id, PublicKey key) {
        boolean owned = key.owner() == null ? key.id().startsWith(actorId + "#") : key.owner().equals(actorId);
        if (!owned || !sameOrigin(id, key.id())) {
            return false;
        }
        try {
            Pem.readPublicKey(key.publicKeyPem());
            return true;
        } catch (KeyFormatException e) {
            return false;
        }
    }

    private static String username(String preferred) {
        if (preferred == null || preferred.isBlank() || preferred.length() > MAX_USERNAME) {
            return null;
        }
        return preferred.strip();
    }

    private static String name(String name) {
        if (name == null) {
            return "";
        }
        return cut(name, MAX_NAME);
    }

    /** The text stripped, then cut to at most {@code max} code points. */
    private static String cut(String text, int max) {
        String s = text.strip();
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max));
    }

    private static boolean isHttp(String href) {
        return href != null && (href.startsWith("https://") || href.startsWith("http://"));
    }

    static boolean sameOrigin(URI a, String b) {
        try {
            return sameOrigin(a, new URI(b));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Scheme, host and port equal (default ports made explicit). */
    public static boolean sameOrigin(URI a, URI b) {
        if (a.getScheme() == null || b.getScheme() == null || a.getHost() == null || b.getHost() == null) {
            return false;
        }
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** The Tombstone types a deleted actor's id may answer with. */
    static boolean isTombstone(JsonNode document) {
        JsonNode type = document.get("type");
        if (type == null) {
            return false;
        }
        if (type.isTextual()) {
            return type.textValue().equals("Tombstone");
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (t.isTextual() && t.textValue().equals("Tombstone")) {
                    return true;
                }
            }
        }
        return false;
    }
}
