package coop.entraide.protocol.as;

import static coop.entraide.protocol.as.Payloads.json;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Odd input is refused with a reason that names the property, and never throws. */
class MalformedInputTest {

    private static final String NOTE = """
            {"id": "https://a.example/n/1", "type": "Note", %s}
            """;
    private static final String FOLLOW = """
            {"id": "https://a.example/f/1", "type": "Follow", "object": "https://b.example/u/2", %s}
            """;
    private static final String PERSON = """
            {"id": "https://a.example/u/1", "type": "Person", %s}
            """;

    static Stream<Arguments> badObjects() {
        return Stream.of(
                Arguments.of("{\"type\": \"Note\"}", "id: missing"),
                Arguments.of("{\"id\": \"/notes/1\", \"type\": \"Note\"}", "id: not an absolute http(s) URI"),
                Arguments.of("{\"id\": \"urn:uuid:1\", \"type\": \"Note\"}", "id: not an absolute http(s) URI"),
                Arguments.of("{\"id\": 12, \"type\": \"Note\"}", "id: expected a string, got number"),
                Arguments.of("{\"id\": \"https://a.example/n/1\"}", "type: missing"),
                Arguments.of("{\"id\": \"https://a.example/n/1\", \"type\": []}", "type: missing"),
                Arguments.of("{\"id\": \"https://a.example/n/1\", \"type\": 5}", "type: expected a type name"),
                Arguments.of("{\"id\": \"https://a.example/n/1\", \"type\": [\"Note\", 1]}", "type[1]: expected a type name"),
                Arguments.of(NOTE.formatted("\"content\": 42"), "content: expected a string, got number"),
                Arguments.of(NOTE.formatted("\"name\": {\"fr\": \"x\"}"), "name: expected a string, got object"),
                Arguments.of(NOTE.formatted("\"summary\": [\"cw\"]"), "summary: expected a string, got array"),
                Arguments.of(NOTE.formatted("\"contentMap\": [\"x\"]"), "contentMap: expected an object, got array"),
                Arguments.of(NOTE.formatted("\"contentMap\": {\"fr\": 1}"), "contentMap.fr: expected a string"),
                Arguments.of(NOTE.formatted("\"to\": 42"), "to: expected an id, got number"),
                Arguments.of(NOTE.formatted("\"cc\": [\"https://a.example/f\", true]"), "cc[1]: expected an id, got boolean"),
                Arguments.of(NOTE.formatted("\"cc\": [{\"type\": \"Collection\"}]"), "cc[0]: object without id"),
                Arguments.of(NOTE.formatted("\"to\": \"followers\""), "to: not an absolute URI"),
                Arguments.of(NOTE.formatted("\"published\": 1715000000"), "published: expected a string, got number"),
                Arguments.of(NOTE.formatted("\"published\": \"yesterday\""), "published: not an ISO 8601 date-time"),
                Arguments.of(NOTE.formatted("\"sensitive\": \"yes\""), "sensitive: expected true or false"),
                Arguments.of(NOTE.formatted("\"inReplyTo\": 7"), "inReplyTo: expected an id or an object, got number"),
                Arguments.of(NOTE.formatted("\"inReplyTo\": [\"https://a.example/1\", \"https://a.example/2\"]"),
                        "inReplyTo: expected a single value, got an array of 2"),
                Arguments.of(NOTE.formatted("\"attributedTo\": {\"id\": 3}"), "attributedTo.id: expected a string"),
                Arguments.of(NOTE.formatted("\"url\": 3"), "url: expected an object, got number"),
                Arguments.of(NOTE.formatted("\"url\": {\"type\": \"Link\"}"), "url.href: missing"),
                Arguments.of(NOTE.formatted("\"url\": [\"https://a.example/1\", {\"href\": 2}]"), "url[1].href: expected a string"),
                Arguments.of(NOTE.formatted("\"quoteUrl\": \"not a uri\""), "quoteUrl: not an absolute URI"),
                Arguments.of(NOTE.formatted("\"source\": 1"), "source: expected an object, got number"),
                Arguments.of(NOTE.formatted("\"source\": {\"mediaType\": \"text/markdown\"}"), "source.content: missing"),
                Arguments.of(NOTE.formatted("\"attachment\": 12"), "attachment: expected an attachment, got number"),
                Arguments.of(NOTE.formatted("\"attachment\": [{\"type\": \"Image\"}]"), "attachment[0].url: missing"),
                Arguments.of(NOTE.formatted("\"attachment\": [{\"type\": \"Document\", \"url\": \"https://a.example/1.png\", \"focalPoint\": \"centre\"}]"),
                        "attachment[0].focalPoint: expected [x, y]"),
                Arguments.of(NOTE.formatted("\"attachment\": {\"type\": \"Image\", \"url\": \"https://a.example/1.png\", \"width\": \"wide\"}"),
                        "attachment.width: expected an integer, got string"),
                Arguments.of(NOTE.formatted("\"tag\": [false]"), "tag[0]: expected a tag, got boolean"),
                Arguments.of(NOTE.formatted("\"tag\": [{\"type\": \"Mention\", \"href\": 1}]"), "tag[0].href: expected a string"),
                Arguments.of(NOTE.formatted("\"tag\": {\"type\": \"Emoji\", \"name\": \":x:\", \"icon\": 5}"),
                        "tag.icon: expected an object, got number"));
    }

    @ParameterizedTest
    @MethodSource("badObjects")
    void refusesMalformedObjectWithAReason(String json, String reason) {
        Parsed<AsObject> parsed = AsObject.parse(json(json));

        assertFalse(parsed.isOk(), json);
        assertTrue(parsed.failure().orElseThrow().startsWith(reason),
                () -> "expected '" + reason + "' but got '" + parsed.failure().orElseThrow() + "'");
    }

    static Stream<Arguments> badActivities() {
        return Stream.of(
                Arguments.of(FOLLOW.formatted("\"type2\": 1"), "actor: missing"),
                Arguments.of(FOLLOW.formatted("\"actor\": null"), "actor: missing"),
                Arguments.of(FOLLOW.formatted("\"actor\": 99"), "actor: expected an id or an object, got number"),
                Arguments.of(FOLLOW.formatted("\"actor\": \"/users/1\""), "actor: not an absolute URI"),
                Arguments.of(FOLLOW.formatted("\"actor\": \"did:key:z6Mk\""), "actor: not an absolute http(s) URI"),
                Arguments.of(FOLLOW.formatted("\"actor\": {\"type\": \"Person\"}"), "actor: embedded actor without id"),
                Arguments.of(FOLLOW.formatted("\"actor\": [\"https://a.example/u/1\", \"https://a.example/u/2\"]"),
                        "actor: expected a single value"),
                Arguments.of(FOLLOW.formatted("\"actor\": \"https://a.example/u/1\", \"object\": 5"),
                        "object: expected an id or an object, got number"),
                Arguments.of(FOLLOW.formatted("\"actor\": \"https://a.example/u/1\", \"object\": [\"https://b.example/1\", {\"id\": false}]"),
                        "object[1].id: expected a string, got boolean"),
                Arguments.of(FOLLOW.formatted("\"actor\": \"https://a.example/u/1\", \"target\": []"), "target: expected a single value"),
                Arguments.of(FOLLOW.formatted("\"actor\": \"https://a.example/u/1\", \"content\": {}"), "content: expected a string"),
                Arguments.of("{\"id\": \"https://a.example/f/1\", \"actor\": \"https://a.example/u/1\"}", "type: missing"),
                Arguments.of("{\"type\": \"Follow\", \"actor\": \"https://a.example/u/1\"}", "id: missing"));
    }

    @ParameterizedTest
    @MethodSource("badActivities")
    void refusesMalformedActivityWithAReason(String json, String reason) {
        Parsed<Activity> parsed = Activity.parse(json(json));

        assertTrue(parsed.failure().orElseThrow().startsWith(reason),
                () -> "expected '" + reason + "' but got '" + parsed.failure().orElseThrow() + "'");
    }

    static Stream<Arguments> badActors() {
        String key = "\"publicKey\": {\"id\": \"https://a.example/u/1#main-key\", \"publicKeyPem\": \"PEM\"}";
        return Stream.of(
                Arguments.of(PERSON.formatted(key), "inbox: missing"),
                Arguments.of(PERSON.formatted("\"inbox\": \"inbox\", " + key), "inbox: not an absolute http(s) URI"),
                Arguments.of(PERSON.formatted("\"inbox\": \"https://a.example/inbox\""), "publicKey: missing"),
                Arguments.of(PERSON.formatted("\"inbox\": \"https://a.example/inbox\", \"publicKey\": \"https://a.example/u/1#main-key\""),
                        "publicKey: expected an object, got string"),
                Arguments.of(PERSON.formatted("\"inbox\": \"https://a.example/inbox\", \"publicKey\": {\"id\": \"https://a.example/u/1#k\"}"),
                        "publicKey.publicKeyPem: missing"),
                Arguments.of(PERSON.formatted("\"inbox\": \"https://a.example/inbox\", \"publicKey\": [{\"publicKeyPem\": \"P\"}]"),
                        "publicKey[0].id: missing"),
                Arguments.of(PERSON.formatted("\"inbox\": \"https://a.example/inbox\", \"assertionMethod\": [{\"type\": \"Multikey\"}]"),
                        "publicKey: missing"),
                Arguments.of(PERSON.formatted("\"inbox\": \"https://a.example/inbox\", \"endpoints\": \"x\", " + key),
                        "endpoints: expected an object, got string"),
                Arguments.of(PERSON.formatted("\"inbox\": \"https://a.example/inbox\", \"endpoints\": {\"sharedInbox\": 1}, " + key),
                        "endpoints.sharedInbox: expected a string"),
                Arguments.of(PERSON.formatted("\"inbox\": \"https://a.example/inbox\", \"manuallyApprovesFollowers\": \"no\", " + key),
                        "manuallyApprovesFollowers: expected true or false"),
                Arguments.of(PERSON.formatted("\"inbox\": \"https://a.example/inbox\", \"icon\": 3, " + key),
                        "icon: expected an object, got number"),
                Arguments.of(PERSON.formatted("\"inbox\": \"https://a.example/inbox\", \"alsoKnownAs\": {}, " + key),
                        "alsoKnownAs: object without id"),
                Arguments.of("{\"id\": \"https://a.example/n/1\", \"type\": \"Note\", \"inbox\": \"https://a.example/inbox\"}",
                        "type: not an actor type: Note"));
    }

    @ParameterizedTest
    @MethodSource("badActors")
    void refusesMalformedActorWithAReason(String json, String reason) {
        Parsed<Actor> parsed = Actor.parse(json(json));

        assertTrue(parsed.failure().orElseThrow().startsWith(reason),
                () -> "expected '" + reason + "' but got '" + parsed.failure().orElseThrow() + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"Note\"", "42", "null", "true"})
    void refusesDocumentsThatAreNotObjects(String json) {
        JsonNode node = json(json);

        assertEquals("expected a JSON object, got " + Normalize.kind(node),
                AsObject.parse(node).failure().orElseThrow());
        assertFalse(Activity.parse(node).isOk());
        assertFalse(Actor.parse(node).isOk());
    }

    @Test
    void refusesTextThatIsNotJson() {
        assertTrue(AsJson.read("{\"id\": ").failure().orElseThrow().startsWith("not JSON"));
        assertTrue(AsJson.read("").failure().orElseThrow().startsWith("not JSON"));
        assertTrue(AsJson.read(new byte[] {(byte) 0xff, 0x00}).failure().orElseThrow().startsWith("not JSON"));
        assertFalse(AsJson.read("[" .repeat(5000)).isOk(), "nesting is bounded by the parser");
        assertTrue(AsJson.read("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)).isOk());
    }

    @Test
    void keepsErrorMessagesShortWhenValuesAreHuge() {
        String huge = "x".repeat(100_000);
        String reason = AsObject.parse(json(NOTE.formatted("\"to\": \"" + huge + "\""))).failure().orElseThrow();

        assertTrue(reason.length() < 200, reason);
    }

    /**
     * Every property of every test payload, at every depth, replaced by every JSON kind: the
     * parsers answer with a value each time and never throw.
     */
    @Test
    void neverThrowsWhateverKindAnyPropertyHas() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        List<JsonNode> replacements = List.of(nodes.numberNode(42), nodes.numberNode(-1.5), nodes.booleanNode(true),
                nodes.textNode(""), nodes.textNode("relative/path"), nodes.objectNode(), nodes.arrayNode(),
                nodes.nullNode(), nodes.arrayNode().add(42), nodes.arrayNode().add(nodes.objectNode()));
        int parses = 0;
        for (String name : Payloads.ALL) {
            JsonNode original = Payloads.load(name);
            for (Consumer<JsonNode> setter : setters(original)) {
                for (JsonNode replacement : replacements) {
                    setter.accept(replacement);
                    assertDoesNotThrow(() -> {
                        AsObject.parse(original);
                        Activity.parse(original);
                        Actor.parse(original);
                    }, name);
                    parses++;
                }
                setter.accept(null);
            }
        }
        assertTrue(parses > 5_000, "the mutation walk reached " + parses + " variants");
    }

    /** For each value in the tree, a setter that replaces it (and restores it when given null). */
    private static List<Consumer<JsonNode>> setters(JsonNode root) {
        List<Consumer<JsonNode>> setters = new ArrayList<>();
        collect(root, setters);
        return setters;
    }

    private static void collect(JsonNode node, List<Consumer<JsonNode>> setters) {
        if (node instanceof ObjectNode object) {
            for (String field : List.copyOf(iterable(object))) {
                JsonNode original = object.get(field);
                setters.add(value -> object.set(field, value == null ? original : value));
                collect(original, setters);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                JsonNode original = array.get(i);
                setters.add(value -> array.set(index, value == null ? original : value));
                collect(original, setters);
            }
        }
    }

    private static List<String> iterable(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
