package coop.entraide.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NegotiationTest {
    private static final List<MediaType> ACTOR = List.of(MediaType.HTML, MediaType.ACTIVITY_JSON, MediaType.LD_JSON_AS, MediaType.JSON);

    private static Optional<MediaType> choose(String accept) {
        return Negotiation.choose(accept, ACTOR);
    }

    @Test
    void activityJsonAsMastodonAsks() {
        assertEquals(Optional.of(MediaType.ACTIVITY_JSON), choose("application/activity+json, application/ld+json"));
    }

    @Test
    void ldJsonWithTheActivityStreamsProfile() {
        assertEquals(Optional.of(MediaType.LD_JSON_AS),
                choose("application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\""));
        assertEquals(Optional.of(MediaType.LD_JSON_AS), choose("application/ld+json"));
    }

    @Test
    void ldJsonWithAnotherProfileIsNotServed() {
        assertEquals(Optional.empty(), choose("application/ld+json; profile=\"https://example.com/other\""));
    }

    @Test
    void browserGetsHtml() {
        assertEquals(Optional.of(MediaType.HTML),
                choose("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"));
    }

    @Test
    void explicitTypeBeatsWildcardAtEqualQuality() {
        assertEquals(Optional.of(MediaType.ACTIVITY_JSON), choose("application/activity+json, */*"));
        assertEquals(Optional.of(MediaType.JSON), choose("application/json, text/*;q=0.5"));
    }

    @Test
    void qualityDecides() {
        assertEquals(Optional.of(MediaType.ACTIVITY_JSON), choose("text/html;q=0.1, application/activity+json;q=0.9"));
    }

    @Test
    void zeroQualityExcludes() {
        assertEquals(Optional.of(MediaType.ACTIVITY_JSON), choose("*/*, text/html;q=0"));
    }

    @Test
    void missingOrWildcardTakesServerPreference() {
        assertEquals(Optional.of(MediaType.HTML), choose(null));
        assertEquals(Optional.of(MediaType.HTML), choose("*/*"));
    }

    @Test
    void unservableTypesGiveNothing() {
        assertEquals(Optional.empty(), choose("image/png"));
        assertEquals(Optional.empty(), choose("application/xml, image/*"));
    }

    @Test
    void malformedRangesAreIgnored() {
        assertEquals(Optional.of(MediaType.ACTIVITY_JSON), choose("garbage, application/activity+json;q=abc, application/activity+json"));
        assertEquals(Optional.empty(), choose("image/png;q=2, image/png"));
    }
}
