package coop.entraide.node.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.node.federation.actors.ActorDocumentCheck;
import coop.entraide.node.federation.actors.ActorLookupException;
import coop.entraide.node.federation.actors.ActorLookupException.Reason;
import coop.entraide.node.federation.actors.DocumentFetcher;
import coop.entraide.node.federation.actors.RemoteActors;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.keys.KeyFormatException;
import coop.entraide.protocol.keys.Multikey;
import coop.entraide.protocol.keys.Pem;
import coop.entraide.protocol.util.LruMap;
import io.vertx.core.Future;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the public key a signature names and the actor that owns it (PROTOCOL.md §2 key-id
 * rules, §3.2 keyId resolution):
 * <ol>
 *   <li>a key cached with its actor;</li>
 *   <li>else, for {@code actor#fragment}, the actor (fetched if need be);</li>
 *   <li>else the key id's own document (GoToSocial's {@code …/main-key} stub, or a bare key
 *       object), whose {@code owner} is fetched; the owner must list the key and live on its origin.</li>
 * </ol>
 * Parsed keys are kept in a bounded memory cache, keyed by their PEM or multibase text.
 */
final class SignerKeys {
    static final int KEY_CACHE_CAPACITY = 10_000;

    /** A key and the actor it belongs to; {@code cached} when it came from the cache without a fetch. */
    record SignerKey(Actor owner, PublicKey key, boolean cached) {
    }

    private final RemoteActors actors;
    private final DocumentFetcher documents;
    private final Map<String, PublicKey> parsed = new LruMap<>(KEY_CACHE_CAPACITY);

    SignerKeys(RemoteActors actors, DocumentFetcher documents) {
        this.actors = actors;
        this.documents = documents;
    }

    /** The key and its owner; fails with {@link ActorLookupException} when it cannot be had. */
    Future<SignerKey> find(String keyId) {
        return actors.cachedByKeyId(keyId).compose(found -> found.isPresent()
                ? keyOf(found.get(), keyId, true)
                : fetch(keyId));
    }

    /** After a failed verification with a cached key: the owner fetched again (key rotation). */
    Future<SignerKey> refetch(SignerKey stale, String keyId) {
        return actors.refresh(stale.owner().uri()).compose(owner -> keyOf(owner, keyId, false));
    }

    private Future<SignerKey> fetch(String keyId) {
        int hash = keyId.indexOf('#');
        Future<String> owner = hash > 0 ? Future.succeededFuture(keyId.substring(0, hash)) : ownerFromKeyDocument(keyId);
        return owner.compose(actors::resolve).compose(actor -> listsKey(actor, keyId)
                ? keyOf(actor, keyId, false)
                // Cached but without this key: it may be new, so look once more.
                : actors.refresh(actor.uri()).compose(fresh -> keyOf(fresh, keyId, false)));
    }

    private Future<String> ownerFromKeyDocument(String keyId) {
        URI uri;
        try {
            uri = new URI(keyId);
        } catch (URISyntaxException e) {
            return fail(Reason.INVALID, "the key id is not a URI: " + keyId);
        }
        if (uri.getHost() == null || !(keyId.startsWith("https://") || keyId.startsWith("http://"))) {
            return fail(Reason.INVALID, "the key id is not an http(s) URL: " + keyId);
        }
        return documents.get(uri).compose(outcome -> {
            if (outcome instanceof DocumentFetcher.Gone) {
                return fail(Reason.GONE, keyId + " is gone");
            }
            if (outcome instanceof DocumentFetcher.Unusable u) {
                return fail(u.status() == 404 ? Reason.NOT_FOUND : Reason.UNAVAILABLE, "key " + keyId + ": " + u.detail());
            }
            JsonNode doc = ((DocumentFetcher.Document) outcome).json();
            Optional<String> owner = ownerIn(doc, keyId);
            if (owner.isEmpty()) {
                return fail(Reason.INVALID, "the document at " + keyId + " names no owner of the key");
            }
            if (!ActorDocumentCheck.sameOrigin(uri, URI.create(owner.get()))) {
                return fail(Reason.INVALID, "the key " + keyId + " is not on the origin of its owner " + owner.get());
            }
            return Future.succeededFuture(owner.get());
        });
    }

    /** {@code owner} of a key object, or of the {@code publicKey} of a stub actor; the id itself for a full actor. */
    private static Optional<String> ownerIn(JsonNode doc, String keyId) {
        JsonNode owner = doc.get("owner");
        if (owner != null && owner.isTextual()) {
            return Optional.of(owner.textValue());
        }
        JsonNode key = doc.get("publicKey");
        if (key != null && key.isArray() && !key.isEmpty()) {
            key = key.get(0);
        }
        if (key != null && key.isObject() && key.get("owner") != null && key.get("owner").isTextual()) {
            return Optional.of(key.get("owner").textValue());
        }
        JsonNode id = doc.get("id");
        return id != null && id.isTextual() && id.textValue().equals(keyId) ? Optional.of(keyId) : Optional.empty();
    }

    private static boolean listsKey(Actor actor, String keyId) {
        return keyId.equals(actor.publicKeyId()) || keyId.equals(actor.multikeyId());
    }

    private Future<SignerKey> keyOf(Actor actor, String keyId, boolean cached) {
        try {
            if (keyId.equals(actor.publicKeyId()) && actor.publicKeyPem() != null) {
                return Future.succeededFuture(new SignerKey(actor, parse(actor.publicKeyPem(), true), cached));
            }
            if (keyId.equals(actor.multikeyId()) && actor.publicKeyMultibase() != null) {
                return Future.succeededFuture(new SignerKey(actor, parse(actor.publicKeyMultibase(), false), cached));
            }
        } catch (KeyFormatException e) {
            return fail(Reason.INVALID, "the key " + keyId + " of " + actor.uri() + " cannot be read: " + e.getMessage());
        }
        return fail(Reason.NOT_FOUND, actor.uri() + " has no key " + keyId);
    }

    private PublicKey parse(String text, boolean pem) throws KeyFormatException {
        synchronized (parsed) {
            PublicKey known = parsed.get(text);
            if (known != null) {
                return known;
            }
        }
        PublicKey key = pem ? Pem.readPublicKey(text) : Multikey.decodePublicKey(text);
        synchronized (parsed) {
            parsed.put(text, key);
        }
        return key;
    }

    private static <T> Future<T> fail(Reason reason, String detail) {
        return Future.failedFuture(new ActorLookupException(reason, detail));
    }
}
