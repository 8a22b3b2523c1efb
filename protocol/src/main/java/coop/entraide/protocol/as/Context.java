package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The JSON-LD {@code @context} of the documents this server publishes (JSON-LD 1.1 §3.1):
 * ActivityStreams, then security/v1, data-integrity/v2 or multikey/v1 when keys or proofs are
 * present, then one object declaring the extension terms used, as Mastodon does. Terms are
 * declared with full IRIs and written sorted, so the same document always gets the same context.
 * Contexts are never fetched: consumers expand the few well-known ones from memory.
 */
public final class Context {

    public static final String KEYWORD = "@context";

    /** Documents in the order they must appear: later ones may rely on earlier ones. */
    private static final List<String> DOCUMENT_ORDER =
            List.of(As.CONTEXT, Sec.SECURITY_V1, Sec.DATA_INTEGRITY_V2, Sec.MULTIKEY_V1);

    private static final Map<String, JsonNode> EXTENSION_TERMS = extensionTerms();

    private final List<String> documents;
    private final TreeMap<String, JsonNode> terms;

    private Context(List<String> documents, TreeMap<String, JsonNode> terms) {
        this.documents = List.copyOf(documents);
        this.terms = terms;
    }

    /** Just ActivityStreams: the whole context of most activities. */
    public static Context activityStreams() {
        return new Context(List.of(As.CONTEXT), new TreeMap<>());
    }

    /**
     * The context {@code body} needs: the key documents for the key and proof properties it
     * uses, and a declaration for every known extension term found in its properties or types.
     */
    public static Context forDocument(JsonNode body) {
        Context context = activityStreams();
        List<JsonNode> pending = new ArrayList<>(List.of(body));
        while (!pending.isEmpty()) {
            JsonNode node = pending.remove(pending.size() - 1);
            if (node.isArray()) {
                node.forEach(pending::add);
            } else if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (!field.getKey().equals(KEYWORD)) {
                        context = context.using(field.getKey());
                        pending.add(field.getValue());
                    }
                }
                for (String type : Normalize.typesOf(node)) {
                    context = context.using(type);
                }
            }
        }
        return context;
    }

    /** The complete document: {@code body} with the context it needs first, unless it already has one. */
    public static ObjectNode documentOf(ObjectNode body) {
        return body.has(KEYWORD) ? body : forDocument(body).wrap(body);
    }

    /** Adds a context document by URL (placed after the well-known ones). */
    public Context with(String documentUrl) {
        if (documents.contains(documentUrl)) {
            return this;
        }
        List<String> more = new ArrayList<>(documents);
        more.add(documentUrl);
        more.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        return new Context(more, terms);
    }

    /** Declares {@code term} as a plain property or type with the given IRI. */
    public Context term(String term, String iri) {
        return term(term, TextNode.valueOf(iri));
    }

    /** Declares {@code term} as a property whose string values are ids ({@code "@type": "@id"}). */
    public Context idTerm(String term, String iri) {
        ObjectNode definition = JsonOut.NODES.objectNode();
        definition.put("@id", iri);
        definition.put("@type", "@id");
        return term(term, definition);
    }

    public Context term(String term, JsonNode definition) {
        Objects.requireNonNull(definition, "definition");
        JsonNode existing = terms.get(term);
        if (existing != null) {
            if (existing.equals(definition)) {
                return this;
            }
            throw new IllegalArgumentException("term " + term + " is already declared as " + existing);
        }
        TreeMap<String, JsonNode> more = new TreeMap<>(terms);
        more.put(term, definition.deepCopy());
        return new Context(documents, more);
    }

    /** The value of {@code @context}: a single string when nothing else is needed, else an array. */
    public JsonNode toJson() {
        if (documents.size() == 1 && terms.isEmpty()) {
            return TextNode.valueOf(documents.get(0));
        }
        ArrayNode array = JsonOut.NODES.arrayNode();
        documents.forEach(array::add);
        if (!terms.isEmpty()) {
            ObjectNode declarations = array.addObject();
            terms.forEach((term, definition) -> declarations.set(term, definition.deepCopy()));
        }
        return array;
    }

    /** A copy of {@code body} with this context as its first property. */
    public ObjectNode wrap(ObjectNode body) {
        ObjectNode document = JsonOut.NODES.objectNode();
        document.set(KEYWORD, toJson());
        body.properties().forEach(field -> {
            if (!field.getKey().equals(KEYWORD)) {
                document.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return document;
    }

    private Context using(String name) {
        switch (name) {
            case Sec.PUBLIC_KEY:
                return with(Sec.SECURITY_V1);
            case Sec.PROOF:
                return with(Sec.DATA_INTEGRITY_V2);
            case Sec.ASSERTION_METHOD:
                return with(Sec.MULTIKEY_V1);
            default:
                JsonNode definition = EXTENSION_TERMS.get(name);
                return definition == null ? this : term(name, definition);
        }
    }

    private static int rank(String document) {
        int index = DOCUMENT_ORDER.indexOf(document);
        return index < 0 ? DOCUMENT_ORDER.size() : index;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Context c && documents.equals(c.documents) && terms.equals(c.terms);
    }

    @Override
    public int hashCode() {
        return Objects.hash(documents, terms);
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    /** Terms outside ActivityStreams that this vocabulary reads and writes (Mastodon context_helper.rb). */
    private static Map<String, JsonNode> extensionTerms() {
        Context c = activityStreams()
                .term(Toot.SENSITIVE, As.NS + "sensitive")
                .term(Toot.HASHTAG, As.NS + "Hashtag")
                .term(Toot.MANUALLY_APPROVES_FOLLOWERS, As.NS + "manuallyApprovesFollowers")
                .idTerm(Toot.MOVED_TO, As.NS + "movedTo")
                .idTerm(Toot.ALSO_KNOWN_AS, As.NS + "alsoKnownAs")
                .term(Toot.EMOJI, Toot.NS + "Emoji")
                .term(Toot.BLURHASH, Toot.NS + "blurhash")
                .idTerm(Toot.FEATURED, Toot.NS + "featured")
                .idTerm(Toot.FEATURED_TAGS, Toot.NS + "featuredTags")
                .term(Toot.DISCOVERABLE, Toot.NS + "discoverable")
                .term(Toot.INDEXABLE, Toot.NS + "indexable")
                .term(Toot.SUSPENDED, Toot.NS + "suspended")
                .term(Toot.MEMORIAL, Toot.NS + "memorial")
                .term(Toot.VOTERS_COUNT, Toot.NS + "votersCount")
                .term(Toot.PROPERTY_VALUE, Toot.SCHEMA_NS + "PropertyValue")
                .term(Toot.VALUE, Toot.SCHEMA_NS + "value")
                .idTerm(Toot.QUOTE, Toot.QUOTE_IRI)
                .term(Toot.QUOTE_URI, Toot.QUOTE_URI_IRI)
                .term(Misskey.QUOTE_URL, As.NS + "quoteUrl")
                .term(Misskey.CONTENT, Misskey.NS + Misskey.CONTENT)
                .term(Misskey.QUOTE, Misskey.NS + Misskey.QUOTE)
                .term(Misskey.REACTION, Misskey.NS + Misskey.REACTION);
        ObjectNode focalPoint = JsonOut.NODES.objectNode();
        focalPoint.put("@container", "@list");
        focalPoint.put("@id", Toot.NS + "focalPoint");
        c = c.term(Toot.FOCAL_POINT, focalPoint);
        for (String vf : List.of(Vf.PROPOSAL, Vf.INTENT, Vf.AGREEMENT, Vf.COMMITMENT, Vf.PURPOSE, Vf.PUBLISHES,
                Vf.RECIPROCAL, Vf.UNIT_BASED, Vf.ACTION, Vf.RESOURCE_CONFORMS_TO, Vf.RESOURCE_QUANTITY,
                Vf.AVAILABLE_QUANTITY, Vf.MINIMUM_QUANTITY, Vf.STIPULATES, Vf.STIPULATES_RECIPROCAL,
                Vf.SATISFIES)) {
            c = c.term(vf, Vf.NS + vf);
        }
        c = c.term(Vf.HAS_UNIT, Vf.OM2_NS + Vf.HAS_UNIT).term(Vf.HAS_NUMERICAL_VALUE, Vf.OM2_NS + Vf.HAS_NUMERICAL_VALUE);
        return Map.copyOf(c.terms);
    }
}
