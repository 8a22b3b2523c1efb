package coop.entraide.protocol.sig.rfc9421;

import coop.entraide.protocol.sf.BareItem;
import coop.entraide.protocol.sf.InnerList;
import coop.entraide.protocol.sf.Item;
import coop.entraide.protocol.sf.Member;
import coop.entraide.protocol.sf.Parameters;
import coop.entraide.protocol.sf.SfDictionary;
import coop.entraide.protocol.sf.StructuredFieldException;
import coop.entraide.protocol.sf.StructuredFieldParser;
import coop.entraide.protocol.sf.StructuredFieldWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code Accept-Signature} field of RFC 9421 §5.1: the signatures a verifier asks for, each
 * under a label, with the components to cover and the parameters to use. In a response it asks
 * the client to sign its next requests so (RFC 9421 §5).
 *
 * <p>Reading is strict and bounded, since the field comes from servers we do not control: a value
 * longer than {@value #MAX_FIELD_LENGTH} characters, with more than {@value #MAX_REQUESTS}
 * members or {@value #MAX_COMPONENTS} components in one, that is not a Dictionary of Inner Lists of
 * lower-case component names, or whose {@code created} or {@code expires} carries a value (they ask
 * the signer to add one, RFC 9421 §5.1), is {@link Read.Malformed}. Unknown parameters are kept and
 * ignored, as RFC 9421 §2.3 asks of a signer.
 */
public final class AcceptSignature {

    /** The field's name. */
    public static final String HEADER = "Accept-Signature";
    /** A few requests with their components fit in a few hundred characters. */
    public static final int MAX_FIELD_LENGTH = 4096;
    public static final int MAX_REQUESTS = 16;
    public static final int MAX_COMPONENTS = 32;

    /**
     * One requested signature: its label, the components to cover, and the requested
     * parameters ({@code alg}, {@code keyid}, {@code tag}, {@code nonce} with values;
     * {@code created}, {@code expires} as flags).
     */
    public record Request(String label, List<ComponentIdentifier> components, Parameters parameters) {
        public Request {
            if (!Parameters.isValidKey(label)) {
                throw new IllegalArgumentException("a label must be a structured field key: " + label);
            }
            components = List.copyOf(components);
            Objects.requireNonNull(parameters, "parameters");
        }

        /** The algorithm asked for ({@code alg}), by registry name. */
        public Optional<String> alg() {
            return string("alg");
        }

        /** The key asked for ({@code keyid}). */
        public Optional<String> keyId() {
            return string("keyid");
        }

        public Optional<String> tag() {
            return string("tag");
        }

        public Optional<String> nonce() {
            return string("nonce");
        }

        /** Whether the signer is asked to add {@code created}. */
        public boolean wantsCreated() {
            return parameters.containsKey("created");
        }

        /** Whether the signer is asked to add {@code expires}. */
        public boolean wantsExpires() {
            return parameters.containsKey("expires");
        }

        /** Whether a component of this name is asked for, for the message itself (not {@code ;req}). */
        public boolean covers(String componentName) {
            return components.stream().anyMatch(c -> c.name().equals(componentName) && !c.has("req"));
        }

        private Optional<String> string(String key) {
            return parameters.get(key).map(v -> ((BareItem.SfString) v).value());
        }

        InnerList toInnerList() {
            return new InnerList(components.stream().map(ComponentIdentifier::toItem).toList(), parameters);
        }
    }

    /** What reading the field gave: the requests, or why the field is unusable. */
    public sealed interface Read {
        /** The field was well formed; it may hold no request at all (an empty Dictionary). */
        record Parsed(AcceptSignature field) implements Read {
        }

        record Malformed(String why) implements Read {
        }
    }

    private final List<Request> requests;

    private AcceptSignature(List<Request> requests) {
        this.requests = List.copyOf(requests);
    }

    /** A field with these requests, in order; labels must differ. */
    public static AcceptSignature of(List<Request> requests) {
        if (requests.size() > MAX_REQUESTS) {
            throw new IllegalArgumentException("at most " + MAX_REQUESTS + " requests");
        }
        if (requests.stream().map(Request::label).distinct().count() != requests.size()) {
            throw new IllegalArgumentException("two requests share a label");
        }
        return new AcceptSignature(requests);
    }

    /**
     * A request for a signature by {@code algorithm} over {@code components}, with
     * {@code created}; no key named, since any actor's key will do.
     */
    public static Request request(String label, SignatureAlgorithm algorithm, ComponentIdentifier... components) {
        Map<String, BareItem> parameters = new LinkedHashMap<>();
        parameters.put("alg", new BareItem.SfString(algorithm.id()));
        parameters.put("created", BareItem.SfBoolean.TRUE);
        return new Request(label, List.of(components), Parameters.of(parameters));
    }

    /** Reads the field from its lines (absent: no lines), as RFC 8941 §4.2 combines them. */
    public static Read parse(List<String> fieldLines) {
        if (fieldLines.isEmpty()) {
            return new Read.Malformed("no " + HEADER + " field");
        }
        long length = 0;
        for (String line : fieldLines) {
            length += line == null ? 0 : line.length() + 2;
        }
        if (length > MAX_FIELD_LENGTH) {
            return new Read.Malformed("longer than " + MAX_FIELD_LENGTH + " characters");
        }
        if (fieldLines.stream().anyMatch(Objects::isNull)) {
            return new Read.Malformed("a field line is missing");
        }
        SfDictionary dictionary;
        try {
            dictionary = StructuredFieldParser.parseDictionary(fieldLines);
        } catch (StructuredFieldException e) {
            return new Read.Malformed("not a structured field Dictionary: " + e.getMessage());
        }
        if (dictionary.size() > MAX_REQUESTS) {
            return new Read.Malformed("more than " + MAX_REQUESTS + " requests");
        }
        List<Request> requests = new ArrayList<>(dictionary.size());
        for (Map.Entry<String, Member> e : dictionary.asMap().entrySet()) {
            Optional<String> problem = check(e.getKey(), e.getValue());
            if (problem.isPresent()) {
                return new Read.Malformed(problem.get());
            }
            InnerList list = (InnerList) e.getValue();
            List<ComponentIdentifier> components = new ArrayList<>(list.items().size());
            for (Item item : list.items()) {
                components.add(ComponentIdentifier.fromItem(((BareItem.SfString) item.value()).value(), item.parameters()));
            }
            requests.add(new Request(e.getKey(), components, list.parameters()));
        }
        return new Read.Parsed(new AcceptSignature(requests));
    }

    private static Optional<String> check(String label, Member member) {
        if (!(member instanceof InnerList list)) {
            return Optional.of(label + " is not an inner list of components");
        }
        if (list.items().size() > MAX_COMPONENTS) {
            return Optional.of(label + " asks for more than " + MAX_COMPONENTS + " components");
        }
        for (Item item : list.items()) {
            if (!(item.value() instanceof BareItem.SfString name) || name.value().isEmpty()
                    || !name.value().equals(name.value().toLowerCase(Locale.ROOT))) {
                return Optional.of(label + ": a component is not a lower-case string");
            }
        }
        for (Map.Entry<String, BareItem> p : list.parameters().asMap().entrySet()) {
            boolean flag = p.getValue() instanceof BareItem.SfBoolean b && b.value();
            boolean text = p.getValue() instanceof BareItem.SfString;
            boolean ok = switch (p.getKey()) {
                case "created", "expires" -> flag;
                case "alg", "keyid", "tag", "nonce" -> text;
                default -> true;
            };
            if (!ok) {
                return Optional.of(label + ": parameter " + p.getKey() + " has a value of the wrong type");
            }
        }
        return Optional.empty();
    }

    public List<Request> requests() {
        return requests;
    }

    public Optional<Request> request(String label) {
        return requests.stream().filter(r -> r.label().equals(label)).findFirst();
    }

    /** The field value, serialised as RFC 8941 §4.1 says. */
    public String serialize() {
        Map<String, Member> members = new LinkedHashMap<>();
        for (Request r : requests) {
            members.put(r.label(), r.toInnerList());
        }
        return StructuredFieldWriter.serialize(SfDictionary.of(members));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AcceptSignature a && requests.equals(a.requests);
    }

    @Override
    public int hashCode() {
        return requests.hashCode();
    }

    @Override
    public String toString() {
        return serialize();
    }
}
