package coop.entraide.node.federation.actors;

import coop.entraide.node.identity.ActorType;
import java.util.List;

/**
 * A validated remote actor document, in the shape of an {@code actors} row: summary sanitised,
 * keys checked to belong to the actor, {@code raw} the document as fetched.
 *
 * @param domain    the authority ({@code host[:port]}) of the actor's id, lower case
 * @param avatarUrl the http(s) URL of its {@code icon}, if any; {@code avatarAlt} the icon's name
 */
public record RemoteActorDraft(
        String uri,
        ActorType type,
        String username,
        String domain,
        String displayName,
        String summaryHtml,
        String url,
        String inbox,
        String outbox,
        String sharedInbox,
        String followers,
        String following,
        String publicKeyId,
        String publicKeyPem,
        String multikeyId,
        String publicKeyMultibase,
        boolean manuallyApprovesFollowers,
        boolean discoverable,
        String movedTo,
        List<String> alsoKnownAs,
        String avatarUrl,
        String avatarAlt,
        String rawJson) {

    public RemoteActorDraft {
        alsoKnownAs = List.copyOf(alsoKnownAs);
    }
}
