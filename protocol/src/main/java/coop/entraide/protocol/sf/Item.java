package coop.entraide.protocol.sf;

import java.util.Objects;

/** RFC 8941 §3.3 Item: a bare item with parameters. */
public record Item(BareItem value, Parameters parameters) implements Member {

    public Item {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(parameters, "parameters");
    }

    public static Item of(BareItem value) {
        return new Item(value, Parameters.EMPTY);
    }

    public static Item string(String s) {
        return of(new BareItem.SfString(s));
    }

    public static Item token(String s) {
        return of(new BareItem.SfToken(s));
    }

    public static Item integer(long n) {
        return of(new BareItem.SfInteger(n));
    }

    public static Item bytes(byte[] b) {
        return of(new BareItem.SfByteSequence(b));
    }

    public static Item bool(boolean b) {
        return of(b ? BareItem.SfBoolean.TRUE : BareItem.SfBoolean.FALSE);
    }

    public Item withParameter(String key, BareItem value) {
        return new Item(this.value, parameters.with(key, value));
    }
}
