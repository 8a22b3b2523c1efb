package coop.entraide.protocol.as;

import static coop.entraide.protocol.as.Payloads.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** parse → toJson → parse gives the same value, and nothing the sender wrote is lost. */
class RoundTripTest {

    static Iterable<String> payloads() {
        return Payloads.ALL;
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void survivesParseWriteParse(String name) {
        JsonNode original = Payloads.load(name);
        Parsed<Actor> actor = Actor.parse(original);
        Parsed<Activity> activity = Activity.parse(original);
        if (actor.isOk()) {
            check(original, actor.orElseThrow(), Actor::toJson, Actor::parse, Actor::extra);
        } else if (activity.isOk()) {
            check(original, activity.orElseThrow(), Activity::toJson, Activity::parse, Activity::extra);
        } else {
            check(original, AsObject.parse(original).orElseThrow(), AsObject::toJson, AsObject::parse,
                    AsObject::extra);
        }
    }

    private static <T> void check(JsonNode original, T parsed, Function<T, ObjectNode> write,
            Function<JsonNode, Parsed<T>> read, Function<T, Map<String, JsonNode>> extra) {
        ObjectNode written = write.apply(parsed);

        assertEquals(parsed, read.apply(written).orElseThrow(), "same value after a round trip");
        extra.apply(parsed).forEach((property, value) ->
                assertEquals(original.get(property), written.get(property), property));
        original.fieldNames().forEachRemaining(property -> {
            JsonNode value = original.get(property);
            boolean meaningless = value.isNull() || value.isArray() && value.isEmpty();
            if (!meaningless && !RENAMED.contains(property)) {
                assertTrue(written.has(property), () -> property + " was lost");
            }
        });
    }

    /** Properties written back under their normal name: Misskey's top-level sharedInbox goes to endpoints. */
    private static final Set<String> RENAMED = Set.of(As.SHARED_INBOX);

    @Test
    void keepsUnknownPropertiesNestedInsideKnownOnes() {
        JsonNode original = json("""
                {"id": "https://a.example/n/1", "type": "Note",
                 "attachment": [{"type": "Image", "url": "https://a.example/1.png", "fep-1234:thumb": {"w": 1}}],
                 "tag": [{"type": "Hashtag", "name": "#a", "href": "https://a.example/tags/a", "x-order": 1},
                         {"type": "Mention", "href": "https://b.example/u/2", "name": "@b", "x-note": "n"}],
                 "url": {"type": "Link", "href": "https://a.example/@a/1", "hreflang": "fr"}}
                """);

        ObjectNode written = AsObject.parse(original).orElseThrow().toJson();

        assertEquals(1, written.get("attachment").get(0).get("fep-1234:thumb").get("w").intValue());
        assertEquals(1, written.get("tag").get(0).get("x-order").intValue());
        assertEquals("n", written.get("tag").get(1).get("x-note").textValue());
        assertEquals("fr", written.get("url").get("hreflang").textValue());
    }

    @Test
    void writesMisskeySourceUnderBothNamesAndQuotesUnderEveryAlias() {
        ObjectNode written = Payloads.object("misskey-note-quote.json").toJson();

        assertEquals("今日のパン $[tada 🍞]", written.get(Misskey.CONTENT).textValue());
        assertEquals(Misskey.MFM_MEDIA_TYPE, written.get(As.SOURCE).get(As.MEDIA_TYPE).textValue());
        for (String alias : new String[] {"quote", "quoteUri", "_misskey_quote", "quoteUrl"}) {
            assertEquals("https://ruche.example/users/camille/statuses/112233", written.get(alias).textValue(), alias);
        }
    }

    @Test
    void writesParsedValuesDefensivelyCopied() {
        Activity accept = Payloads.activity("mastodon-accept-follow.json");
        ((ObjectNode) accept.toJson().get("object")).put("id", "https://evil.example/changed");
        ((ObjectNode) accept.object().orElseThrow().node()).put("id", "https://evil.example/changed");

        assertEquals("https://ruche.example/4f1c2a9e-8b7d-4e6f-a5c4-b3d2e1f0a9b8",
                accept.object().orElseThrow().node().get("id").textValue());
    }
}
