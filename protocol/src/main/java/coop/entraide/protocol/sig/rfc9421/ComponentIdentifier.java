package coop.entraide.protocol.sig.rfc9421;

import coop.entraide.protocol.sf.BareItem;
import coop.entraide.protocol.sf.Item;
import coop.entraide.protocol.sf.Parameters;
import coop.entraide.protocol.sf.StructuredFieldWriter;
import java.util.Locale;

/**
 * A component identifier of RFC 9421 §2: a derived component ({@code @method}) or a field name
 * ({@code content-digest}), with its parameters ({@code sf}, {@code key}, {@code bs}, {@code req},
 * {@code name}). Serialised as an sf-string Item, e.g. {@code "@query-param";name="Pet"}.
 */
public final class ComponentIdentifier {

    public static final ComponentIdentifier METHOD = of("@method");
    public static final ComponentIdentifier TARGET_URI = of("@target-uri");
    public static final ComponentIdentifier AUTHORITY = of("@authority");
    public static final ComponentIdentifier SCHEME = of("@scheme");
    public static final ComponentIdentifier REQUEST_TARGET = of("@request-target");
    public static final ComponentIdentifier PATH = of("@path");
    public static final ComponentIdentifier QUERY = of("@query");
    public static final ComponentIdentifier STATUS = of("@status");
    public static final ComponentIdentifier CONTENT_DIGEST = of("content-digest");

    private final String name;
    private final Parameters parameters;
    private final String serialized;

    private ComponentIdentifier(String name, Parameters parameters) {
        this.name = name;
        this.parameters = parameters;
        this.serialized = StructuredFieldWriter.serialize(new Item(new BareItem.SfString(name), parameters));
    }

    /** A component by name; field names are lower-cased as RFC 9421 §2.1 requires. */
    public static ComponentIdentifier of(String name) {
        return new ComponentIdentifier(name.toLowerCase(Locale.ROOT), Parameters.EMPTY);
    }

    /** {@code "@query-param";name="…"} (RFC 9421 §2.2.8); {@code encodedName} as it appears in the query. */
    public static ComponentIdentifier queryParam(String encodedName) {
        return new ComponentIdentifier("@query-param", Parameters.EMPTY.with("name", new BareItem.SfString(encodedName)));
    }

    /** Built from a parsed Signature-Input item; the caller has checked the name is lower case. */
    static ComponentIdentifier fromItem(String name, Parameters parameters) {
        return new ComponentIdentifier(name, parameters);
    }

    /** With {@code ;sf}: the field re-serialised as a structured field (§2.1.1). */
    public ComponentIdentifier sf() {
        return with("sf", BareItem.SfBoolean.TRUE);
    }

    /** With {@code ;key="member"}: one member of a Dictionary field (§2.1.2). */
    public ComponentIdentifier key(String member) {
        return with("key", new BareItem.SfString(member));
    }

    /** With {@code ;bs}: each field line wrapped as a Byte Sequence (§2.1.3). */
    public ComponentIdentifier bs() {
        return with("bs", BareItem.SfBoolean.TRUE);
    }

    /** With {@code ;req}: taken from the request a response answers (§2.4). */
    public ComponentIdentifier req() {
        return with("req", BareItem.SfBoolean.TRUE);
    }

    private ComponentIdentifier with(String key, BareItem value) {
        return new ComponentIdentifier(name, parameters.with(key, value));
    }

    public String name() {
        return name;
    }

    public Parameters parameters() {
        return parameters;
    }

    public boolean isDerived() {
        return name.startsWith("@");
    }

    public boolean has(String parameter) {
        return parameters.containsKey(parameter);
    }

    /** The Item placed in the covered-components inner list. */
    public Item toItem() {
        return new Item(new BareItem.SfString(name), parameters);
    }

    /** The identifier as it starts a signature base line, e.g. {@code "content-digest"}. */
    public String serialized() {
        return serialized;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentIdentifier c && serialized.equals(c.serialized);
    }

    @Override
    public int hashCode() {
        return serialized.hashCode();
    }

    @Override
    public String toString() {
        return serialized;
    }
}
