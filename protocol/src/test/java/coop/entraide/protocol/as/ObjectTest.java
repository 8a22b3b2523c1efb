package coop.entraide.protocol.as;

import static coop.entraide.protocol.as.Payloads.activity;
import static coop.entraide.protocol.as.Payloads.json;
import static coop.entraide.protocol.as.Payloads.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObjectTest {

    @Test
    void parsesMastodonCreateNoteWithAttachmentHashtagMentionAndContentWarning() {
        Activity create = activity("mastodon-create-note.json");
        AsObject note = create.object().orElseThrow().asObject().orElseThrow();

        assertTrue(note.is(As.NOTE));
        assertEquals("https://ruche.example/users/camille/statuses/112233", note.id());
        assertEquals(Optional.of("https://ruche.example/users/camille"), note.attributedToId());
        assertEquals(Optional.of("Piqûres d'abeilles (photo)"), note.contentWarning());
        assertTrue(note.isSensitive());
        assertEquals("https://jardin.example/users/bastien/statuses/9", note.inReplyTo().id());
        assertFalse(note.inReplyTo().isEmbedded());
        assertEquals("https://ruche.example/@camille/112233", note.htmlUrl());
        assertEquals(Instant.parse("2025-05-01T12:00:00Z"), note.published());
        assertTrue(note.addressing().isPublic());
        assertEquals(List.of("https://ruche.example/users/camille/followers", "https://jardin.example/users/bastien"),
                note.addressing().cc());

        Media photo = note.media().get(0);
        assertEquals(List.of(As.DOCUMENT), photo.types());
        assertEquals("image/jpeg", photo.mediaType());
        assertEquals("Un rayon de miel operculé", photo.name());
        assertEquals("UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH", photo.blurhash());
        assertEquals(new Media.FocalPoint(0.25, -0.5), photo.focalPoint());
        assertEquals(1200, photo.width());

        Tag.Mention mention = note.tags(Tag.Mention.class).get(0);
        assertEquals("https://jardin.example/users/bastien", mention.href());
        assertEquals("@bastien@jardin.example", mention.name());
        Tag.Hashtag hashtag = note.tags(Tag.Hashtag.class).get(0);
        assertEquals("miel", hashtag.label());
        assertTrue(note.contentFor(List.of("fr")).orElseThrow().contains("#<span>miel</span>"));

        assertTrue(note.extra().containsKey("replies"));
        assertTrue(note.extra().containsKey("atomUri"));
    }

    @Test
    void parsesMisskeyNoteWithQuote() {
        AsObject note = object("misskey-note-quote.json");

        assertEquals("https://ruche.example/users/camille/statuses/112233", note.quote());
        assertTrue(note.source().isMisskeyMarkdown());
        assertEquals("今日のパン $[tada 🍞]", note.source().content());
        assertNull(note.inReplyTo(), "inReplyTo: null means no reply");
        assertEquals(Boolean.FALSE, note.sensitive());
        assertEquals(":blobcat_bread:", note.tags(Tag.Emoji.class).get(0).name());
        assertEquals(Instant.parse("2025-05-02T08:30:00.123Z"), note.published());
        assertFalse(note.extra().containsKey("_misskey_quote"), "quote aliases are normalised into quote");
    }

    @Test
    void readsEveryQuoteAliasAndMisskeyContentWithoutSource() {
        for (String property : List.of("quote", "quoteUri", "_misskey_quote", "quoteUrl")) {
            AsObject note = AsObject.parse(json("""
                    {"id": "https://a.example/n/1", "type": "Note", "%s": "https://b.example/n/2",
                     "_misskey_content": "**bold**"}
                    """.formatted(property))).orElseThrow();
            assertEquals("https://b.example/n/2", note.quote(), property);
            assertEquals(new Source("**bold**", Misskey.MFM_MEDIA_TYPE), note.source());
        }
    }

    @Test
    void parsesGoToSocialNoteAddressedWithSingleStrings() {
        Activity create = activity("gotosocial-create-note.json");
        AsObject note = create.object().orElseThrow().asObject().orElseThrow();

        assertEquals(List.of(As.PUBLIC), create.addressing().to());
        assertEquals(List.of("https://velo.example/users/dominique/followers"), note.addressing().cc());
        assertTrue(note.contentWarning().isEmpty(), "an empty summary is no content warning");
        assertTrue(note.extra().get("interactionPolicy").has("canAnnounce"));
        assertEquals("https://velo.example/users/dominique/statuses/01JABCDEF0123456789XYZWVUT/replies",
                note.extra().get("replies").textValue());
    }

    @Test
    void parsesLemmyPage() {
        AsObject page = object("lemmy-page.json");

        assertTrue(page.is(As.PAGE));
        assertEquals("Troc de graines de tomates anciennes", page.name());
        assertEquals(List.of("https://forum.example/c/jardins_partages"), page.addressing().audience());
        assertEquals(new Source("J'ai des **Cœur de bœuf** en trop.", "text/markdown"), page.source());
        assertEquals("text/html", page.mediaType());
        Link link = assertInstanceOf(Link.class, page.attachment().get(0));
        assertEquals("https://forum.example/pictrs/image/tomates.png", link.href());
        assertInstanceOf(Tag.Other.class, page.tag().get(0), "CommunityPostTag is kept, not interpreted");
        assertEquals("https://forum.example/c/jardins_partages", page.tags(Tag.Mention.class).get(0).href());
        assertTrue(page.extra().containsKey("image"));
        assertTrue(page.extra().containsKey("language"));
        assertEquals(page.id(), page.htmlUrl(), "without url, the id is the page");
    }

    @Test
    void parsesMobilizonEvent() {
        AsObject event = object("mobilizon-event.json");

        assertTrue(event.is(As.EVENT));
        assertEquals("Repair café de mai", event.name());
        assertEquals("Banner", event.media().get(0).name());
        assertEquals(List.of("Reparation", "ZeroDechet"),
                event.tags(Tag.Hashtag.class).stream().map(Tag.Hashtag::label).toList());
        assertEquals(Instant.parse("2025-04-21T09:39:18Z"), event.updated());
        assertEquals("2025-05-17T14:00:00+02:00", event.extra().get("startTime").textValue());
        assertEquals("Lyon", event.extra().get("location").get("address").get("addressLocality").textValue());
        assertEquals("CONFIRMED", event.extra().get("ical:status").textValue());
    }

    @Test
    void keepsEveryTypeOfATypeArray() {
        AsObject proposal = AsObject.parse(json("""
                {"id": "https://market.example/proposals/1", "type": ["Note", "Proposal"], "purpose": "offer"}
                """)).orElseThrow();

        assertEquals(List.of(As.NOTE, Vf.PROPOSAL), proposal.types());
        assertTrue(proposal.is(Vf.PROPOSAL));
        assertEquals("offer", proposal.extra().get(Vf.PURPOSE).textValue());
    }

    @Test
    void normalisesPublicAliasesAndObjectRecipients() {
        AsObject note = AsObject.parse(json("""
                {"id": "https://a.example/n/1", "type": "Note", "to": "as:Public",
                 "cc": ["Public", {"id": "https://a.example/u/1/followers", "type": "OrderedCollection"}],
                 "bcc": "https://b.example/u/2"}
                """)).orElseThrow();

        assertEquals(List.of(As.PUBLIC), note.addressing().to());
        assertEquals(List.of(As.PUBLIC, "https://a.example/u/1/followers"), note.addressing().cc());
        assertEquals(List.of("https://a.example/u/1/followers", "https://b.example/u/2"),
                List.copyOf(note.addressing().recipients()));
        assertTrue(note.addressing().withoutBlind().bcc().isEmpty());
    }

    @Test
    void readsUrlAsStringLinkOrArray() {
        AsObject fromLinks = AsObject.parse(json("""
                {"id": "https://v.example/videos/1", "type": "Video", "url": [
                  {"type": "Link", "mediaType": "application/x-mpegURL", "href": "https://v.example/1.m3u8"},
                  {"type": "Link", "mediaType": "text/html", "href": "https://v.example/w/1"}]}
                """)).orElseThrow();
        AsObject fromLink = AsObject.parse(json("""
                {"id": "https://a.example/n/1", "type": "Note", "url": {"type": "Link", "href": "https://a.example/@a/1"}}
                """)).orElseThrow();

        assertEquals("https://v.example/w/1", fromLinks.htmlUrl());
        assertEquals("https://a.example/@a/1", fromLink.htmlUrl());
    }

    @Test
    void takesTheMediaTypeOfAMediaFromItsLink() {
        AsObject audio = AsObject.parse(json("""
                {"id": "https://f.example/tracks/1", "type": "Note", "attachment": [
                  {"type": "Audio", "url": {"type": "Link", "href": "https://f.example/1.ogg", "mediaType": "audio/ogg"}}]}
                """)).orElseThrow();

        assertEquals(Optional.of("audio/ogg"), audio.media().get(0).effectiveMediaType());
    }

    @Test
    void keepsAnEmbeddedInReplyTo() {
        AsObject reply = AsObject.parse(json("""
                {"id": "https://a.example/n/2", "type": "Note",
                 "inReplyTo": {"id": "https://a.example/n/1", "type": "Note", "content": "first"}}
                """)).orElseThrow();

        assertTrue(reply.inReplyTo().isEmbedded());
        assertEquals("https://a.example/n/1", reply.inReplyTo().id());
        assertEquals("first", reply.inReplyTo().asObject().orElseThrow().content());
    }

    @Test
    void choosesContentByLanguage() {
        AsObject note = AsObject.parse(json("""
                {"id": "https://a.example/n/1", "type": "Note", "content": "<p>bonjour</p>",
                 "contentMap": {"fr": "<p>bonjour</p>", "en-GB": "<p>hello</p>"}}
                """)).orElseThrow();
        AsObject mapOnly = AsObject.parse(json("""
                {"id": "https://a.example/n/1", "type": "Note", "contentMap": {"de": "<p>hallo</p>"}}
                """)).orElseThrow();

        assertEquals(Optional.of("<p>hello</p>"), note.contentFor(List.of("en")));
        assertEquals(Optional.of("<p>hello</p>"), note.contentFor(List.of("es", "en-GB")));
        assertEquals(Optional.of("<p>bonjour</p>"), note.contentFor(List.of("es")));
        assertEquals(Optional.of("<p>hallo</p>"), mapOnly.contentFor(List.of("fr")));
        assertEquals(Map.of("de", "<p>hallo</p>"), mapOnly.contentMap());
    }

    @Test
    void readsDatesWithOffsetsAndWithout() {
        AsObject note = AsObject.parse(json("""
                {"id": "https://a.example/n/1", "type": "Note", "published": "2025-05-17T14:00:00+02:00",
                 "updated": "2025-05-17T12:30:00"}
                """)).orElseThrow();

        assertEquals(Instant.parse("2025-05-17T12:00:00Z"), note.published());
        assertEquals(Instant.parse("2025-05-17T12:30:00Z"), note.updated());
    }
}
