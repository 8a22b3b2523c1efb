package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entraide's extension terms (namespace {@code https://entraide.coop/ns#}), for what FEP-0837 and
 * ValueFlows do not say about a neighbourhood offer: its kind, its state, a loan's deposit and
 * period, how coarse its location is, its category and condition. Documented in
 * {@code docs/offers-vocabulary.md}. They are declared inline in every document that uses them
 * ({@link #declare}), as Mastodon does for {@code toot:}, so no consumer needs to fetch the
 * context document ({@link #contextDocument}) to read an offer.
 */
public final class Entraide {

    public static final String NS = "https://entraide.coop/ns#";
    /** The prefix the context document binds to {@link #NS}. */
    public static final String PREFIX = "entraide";
    static final String XSD_NS = "http://www.w3.org/2001/XMLSchema#";

    /** give, lend, swap, sell, service or request. */
    public static final String KIND = "kind";
    /** Where the offer is in its life: available, reserved, lent, returned, given… */
    public static final String STATE = "state";
    /** A loan's deposit: an object with {@code hasNumericalValue} (decimal string) and {@code currency}. */
    public static final String DEPOSIT = "deposit";
    /** How long a loan lasts, an {@code xsd:duration} such as {@code P14D}. */
    public static final String LOAN_PERIOD = "loanPeriod";
    /** The size in metres of the grid the offer's point was rounded to: never an exact address. */
    public static final String LOCATION_PRECISION = "locationPrecision";
    /** One key of the fixed category list (tools, kitchen, children…). */
    public static final String CATEGORY = "category";
    /** The state of an item: new, like_new, good, fair, for_parts. */
    public static final String CONDITION = "condition";
    /** An ISO 4217 code, on a price (the reciprocal Intent) or a deposit. */
    public static final String CURRENCY = "currency";

    private static final Map<String, JsonNode> TERMS = terms();

    private Entraide() {
    }

    /** {@code context} with every Entraide term declared (and nothing else changed). */
    public static Context declare(Context context) {
        Context c = context;
        for (Map.Entry<String, JsonNode> term : TERMS.entrySet()) {
            c = c.term(term.getKey(), term.getValue());
        }
        return c;
    }

    /**
     * The JSON-LD context document a node serves for the namespace: the same definitions as the
     * inline declarations, plus the {@code entraide} prefix.
     */
    public static ObjectNode contextDocument() {
        ObjectNode document = JsonOut.NODES.objectNode();
        ObjectNode context = document.putObject(Context.KEYWORD);
        context.put(PREFIX, NS);
        context.put("xsd", XSD_NS);
        TERMS.forEach((term, definition) -> context.set(term, definition.deepCopy()));
        return document;
    }

    private static Map<String, JsonNode> terms() {
        Map<String, JsonNode> terms = new LinkedHashMap<>();
        for (String plain : new String[] {KIND, STATE, DEPOSIT, CATEGORY, CONDITION, CURRENCY}) {
            terms.put(plain, JsonOut.NODES.textNode(NS + plain));
        }
        terms.put(LOAN_PERIOD, typed(NS + LOAN_PERIOD, XSD_NS + "duration"));
        terms.put(LOCATION_PRECISION, typed(NS + LOCATION_PRECISION, XSD_NS + "integer"));
        return Map.copyOf(terms);
    }

    private static JsonNode typed(String iri, String type) {
        ObjectNode definition = JsonOut.NODES.objectNode();
        definition.put("@id", iri);
        definition.put("@type", type);
        return definition;
    }
}
