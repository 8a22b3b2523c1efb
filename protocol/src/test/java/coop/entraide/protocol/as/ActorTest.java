package coop.entraide.protocol.as;

import static coop.entraide.protocol.as.Payloads.actor;
import static coop.entraide.protocol.as.Payloads.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActorTest {

    @Test
    void parsesMastodonActor() {
        Actor camille = actor("mastodon-person.json");

        assertEquals("https://ruche.example/users/camille", camille.id());
        assertEquals(List.of(As.PERSON), camille.types());
        assertEquals("camille", camille.preferredUsername());
        assertEquals("Camille :bee:", camille.name());
        assertEquals("https://ruche.example/users/camille/inbox", camille.inbox());
        assertEquals("https://ruche.example/users/camille/outbox", camille.outbox());
        assertEquals("https://ruche.example/users/camille/followers", camille.followers());
        assertEquals("https://ruche.example/users/camille/following", camille.following());
        assertEquals("https://ruche.example/users/camille/collections/featured", camille.featured());
        assertEquals("https://ruche.example/inbox", camille.sharedInbox());
        assertEquals("https://ruche.example/inbox", camille.deliveryInbox());
        PublicKey key = camille.publicKey().orElseThrow();
        assertEquals("https://ruche.example/users/camille#main-key", key.id());
        assertEquals(camille.id(), key.owner());
        assertTrue(key.publicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----\nMIIBIjAN"));
        assertFalse(camille.manuallyApprovesFollowers());
        assertEquals(Boolean.TRUE, camille.discoverable());
        assertEquals("https://ruche.example/system/accounts/avatars/camille.png", camille.avatar().orElseThrow().href());
        assertEquals("image/jpeg", camille.image().get(0).mediaType());
        assertEquals("https://ruche.example/@camille", camille.url().get(0).href());
        assertEquals(List.of("https://ancien.example/users/camille"), camille.alsoKnownAs());
        assertEquals(List.of("Site", "Pronoms"), camille.fields().stream().map(PropertyValue::name).toList());
        Tag.Emoji bee = assertInstanceOf(Tag.Emoji.class, camille.tag().get(0));
        assertEquals(":bee:", bee.name());
        assertEquals("https://ruche.example/system/custom_emojis/bee.png", bee.icon().href());
        assertEquals(Instant.parse("2023-04-12T00:00:00Z"), camille.published());
        assertTrue(camille.extra().containsKey("featuredTags"));
        assertTrue(camille.extra().containsKey("indexable"));
        assertFalse(camille.extra().containsKey("endpoints"), "sharedInbox was the only endpoint");
        assertFalse(camille.isBot());
    }

    @Test
    void parsesGoToSocialActorWhoseKeyHasItsOwnDocument() {
        Actor dominique = actor("gotosocial-person.json");

        assertTrue(dominique.publicKey("https://velo.example/users/dominique/main-key").isPresent());
        assertTrue(dominique.publicKey("https://velo.example/users/dominique#main-key").isEmpty());
        assertTrue(dominique.manuallyApprovesFollowers());
        assertEquals(Boolean.FALSE, dominique.discoverable());
        assertNull(dominique.sharedInbox(), "GoToSocial actors here have no endpoints");
        assertEquals(dominique.inbox(), dominique.deliveryInbox());
        assertEquals(List.of("vélos réparés le samedi", "fr, en"),
                dominique.fields().stream().map(PropertyValue::value).toList());
    }

    @Test
    void parsesMisskeyActorWithTopLevelSharedInboxAndNulls() {
        Actor mochi = actor("misskey-person.json");

        assertEquals("https://neko.example/inbox", mochi.sharedInbox());
        assertNull(mochi.name());
        assertNull(mochi.summary());
        assertTrue(mochi.icon().isEmpty());
        assertEquals(Boolean.TRUE, mochi.discoverable());
        assertEquals("Key", mochi.publicKey().orElseThrow().extra().get("type").textValue());
        assertTrue(mochi.extra().get("isCat").booleanValue());
        assertEquals("2001-02-12", mochi.extra().get("vcard:bday").textValue());
    }

    @Test
    void parsesLemmyGroup() {
        Actor group = actor("lemmy-group.json");

        assertTrue(group.is(As.GROUP));
        assertEquals("jardins_partages", group.preferredUsername());
        assertEquals("https://forum.example/inbox", group.sharedInbox());
        assertEquals("https://forum.example/pictrs/image/graines.webp", group.avatar().orElseThrow().href());
        assertEquals("https://forum.example/c/jardins_partages/moderators",
                group.extra().get("attributedTo").textValue(), "FEP-1b12 moderators stay available");
        assertFalse(group.extra().get("postingRestrictedToMods").booleanValue());
    }

    @Test
    void parsesMobilizonGroupAndKeepsItsOtherEndpoints() {
        Actor group = actor("mobilizon-group.json");

        assertTrue(group.is(As.GROUP));
        assertEquals("https://agenda.example/inbox", group.sharedInbox());
        assertTrue(group.publicKey().orElseThrow().publicKeyPem().startsWith("-----BEGIN RSA PUBLIC KEY-----"));
        assertNull(group.image().get(0).mediaType(), "Mobilizon sends mediaType: null");
        var endpoints = group.extra().get("endpoints");
        assertEquals("https://agenda.example/@quartier_nord/members", endpoints.get("members").textValue());
        assertFalse(endpoints.has("sharedInbox"));
        assertEquals("open", group.extra().get("openness").textValue());
    }

    @Test
    void parsesMitraPersonWithAssertionMethodMultikeys() {
        Actor sasha = actor("mitra-person.json");

        assertEquals(2, sasha.assertionMethod().size());
        Multikey ed25519 = sasha.multikey("https://mitra.example/users/sasha#ed25519-key").orElseThrow();
        assertEquals(sasha.id(), ed25519.controller());
        assertTrue(ed25519.publicKeyMultibase().startsWith("z6Mk"));
        assertTrue(sasha.multikey("https://mitra.example/users/sasha#main-key").orElseThrow()
                .publicKeyMultibase().startsWith("z4MX"));
        assertEquals(1, sasha.fields().size());
        Link payment = assertInstanceOf(Link.class, sasha.attachment().get(1));
        assertEquals("payto://iban/FR7630006000011234567890189", payment.href());
        assertEquals(List.of("payment", Vf.NS + "Proposal"), payment.rel());
        assertTrue(sasha.extra().containsKey("authentication"));
        assertEquals("https://mitra.example/users/sasha/subscribers", sasha.extra().get("subscribers").textValue());
    }

    @Test
    void acceptsMitraActorWithOnlyAMultikeyAndIgnoresNonConformantEntries() {
        Actor actor = actor("mitra-person-multikey-only.json");

        assertTrue(actor.publicKeys().isEmpty());
        assertEquals(List.of("https://mitra.example/users/nokey#ed25519-key"),
                actor.assertionMethod().stream().map(Multikey::id).toList());
    }

    @Test
    void keepsEveryKeyWhenPublicKeyIsAnArray() {
        Actor actor = Actor.parse(json("""
                {"id": "https://a.example/u/1", "type": "Person", "inbox": "https://a.example/u/1/inbox",
                 "publicKey": [
                   {"id": "https://a.example/u/1#main-key", "owner": "https://a.example/u/1", "publicKeyPem": "A"},
                   {"id": "https://a.example/u/1#other-key", "owner": "https://a.example/u/1", "publicKeyPem": "B"}]}
                """)).orElseThrow();

        assertEquals(2, actor.publicKeys().size());
        assertEquals("B", actor.publicKey("https://a.example/u/1#other-key").orElseThrow().publicKeyPem());
    }

    @Test
    void recognisesBotsAndEveryActorTypeMastodonAccepts() {
        for (String type : List.of(As.APPLICATION, As.SERVICE, As.ORGANIZATION, As.GROUP, As.PERSON)) {
            Parsed<Actor> parsed = Actor.parse(json("""
                    {"id": "https://a.example/actor", "type": "%s", "inbox": "https://a.example/inbox",
                     "publicKey": {"id": "https://a.example/actor#main-key", "publicKeyPem": "A"}}
                    """.formatted(type)));
            assertTrue(parsed.isOk(), type);
            assertEquals(type.equals(As.APPLICATION) || type.equals(As.SERVICE), parsed.orElseThrow().isBot());
        }
    }

    @Test
    void acceptsAnActorTypeAmongOthers() {
        Actor actor = Actor.parse(json("""
                {"id": "https://a.example/actor", "type": ["Service", "Channel"], "inbox": "https://a.example/inbox",
                 "publicKey": {"id": "https://a.example/actor#main-key", "publicKeyPem": "A"}}
                """)).orElseThrow();

        assertEquals(List.of("Service", "Channel"), actor.types());
    }

    @Test
    void buildsAnActorThatReadsBack() {
        Actor built = Actor.builder("https://entraide.example/users/ada", As.PERSON,
                        "https://entraide.example/users/ada/inbox")
                .preferredUsername("ada")
                .name("Ada")
                .collections("https://entraide.example/users/ada/outbox",
                        "https://entraide.example/users/ada/followers",
                        "https://entraide.example/users/ada/following")
                .sharedInbox("https://entraide.example/inbox")
                .publicKey(PublicKey.of("https://entraide.example/users/ada#main-key",
                        "https://entraide.example/users/ada", "PEM"))
                .assertionMethod(new Multikey("https://entraide.example/users/ada#ed25519-key",
                        "https://entraide.example/users/ada", "z6MkvJRyyyhWVn8xFYUTjwkX4euLruK94xZVWycSTNqF2FiZ"))
                .icon(Media.image("https://entraide.example/media/ada.png", "image/png"))
                .attachment(List.of(PropertyValue.of("Coopérative", "Les Ateliers")))
                .discoverable(true)
                .build();

        var document = Context.documentOf(built.toJson());
        Actor read = Actor.parse(document).orElseThrow();

        assertEquals(built.id(), read.id());
        assertEquals(built.publicKeys(), read.publicKeys());
        assertEquals(built.assertionMethod(), read.assertionMethod());
        assertEquals(built.icon(), read.icon());
        assertEquals(built.fields(), read.fields());
        assertEquals("https://entraide.example/inbox", document.get("endpoints").get("sharedInbox").textValue());
    }
}
