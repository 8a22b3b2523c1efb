package coop.entraide.node.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Our actors as ActivityStreams documents (ActivityPub §4.1), shaped as Mastodon expects them
 * (publicKey with an RSA key) with the Ed25519 key as a FEP-521a Multikey in
 * {@code assertionMethod}. A Group's members are not listed.
 */
public final class ActorDocuments {
    /** ActivityStreams, the security vocabulary of {@code publicKey}, Multikey, and a few inline terms. */
    static final JsonArray CONTEXT = new JsonArray()
            .add("https://www.w3.org/ns/activitystreams")
            .add("https://w3id.org/security/v1")
            .add("https://w3id.org/security/multikey/v1")
            .add(new JsonObject()
                    .put("manuallyApprovesFollowers", "as:manuallyApprovesFollowers")
                    .put("toot", "http://joinmastodon.org/ns#")
                    .put("discoverable", "toot:discoverable")
                    .put("wf", "https://purl.archive.org/socialweb/webfinger#")
                    .put("webfinger", new JsonObject().put("@id", "wf:webfinger").put("@type", "xsd:string")));

    private ActorDocuments() {
    }

    /** The document of a local actor. {@code authority} completes its FEP-2c59 {@code webfinger} address. */
    public static JsonObject toAs(Actor actor, String authority) {
        JsonObject doc = new JsonObject()
                .put("@context", CONTEXT.copy())
                .put("id", actor.uri())
                .put("type", actor.type().asName())
                .put("preferredUsername", actor.username())
                .put("webfinger", actor.username() + "@" + authority)
                .put("name", actor.displayName())
                .put("summary", actor.summary())
                .put("url", actor.url() == null ? actor.uri() : actor.url())
                .put("inbox", actor.inbox())
                .put("outbox", actor.outbox())
                .put("followers", actor.followers())
                .put("following", actor.following())
                .put("endpoints", new JsonObject().put("sharedInbox", actor.sharedInbox()))
                .put("manuallyApprovesFollowers", actor.manuallyApprovesFollowers())
                .put("discoverable", actor.discoverable())
                .put("published", published(actor))
                .put("publicKey", new JsonObject()
                        .put("id", actor.publicKeyId())
                        .put("owner", actor.uri())
                        .put("publicKeyPem", actor.publicKeyPem()))
                .put("assertionMethod", new JsonArray().add(new JsonObject()
                        .put("id", actor.multikeyId())
                        .put("type", "Multikey")
                        .put("controller", actor.uri())
                        .put("publicKeyMultibase", actor.publicKeyMultibase())));
        if (actor.avatarUrl() != null) {
            JsonObject icon = new JsonObject().put("type", "Image").put("url", actor.avatarUrl());
            if (actor.avatarAlt() != null && !actor.avatarAlt().isEmpty()) {
                icon.put("name", actor.avatarAlt());
            }
            doc.put("icon", icon);
        }
        return doc;
    }

    /** Like Mastodon, only the day an actor was created: the time of day says nothing useful. */
    private static String published(Actor actor) {
        return DateTimeFormatter.ISO_INSTANT.format(
                actor.createdAt().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant());
    }
}
