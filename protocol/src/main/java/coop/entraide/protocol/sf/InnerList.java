package coop.entraide.protocol.sf;

import java.util.List;
import java.util.Objects;

/** RFC 8941 §3.1.1 Inner List: items between parentheses, with parameters of its own. */
public record InnerList(List<Item> items, Parameters parameters) implements Member {

    public InnerList {
        items = List.copyOf(items);
        Objects.requireNonNull(parameters, "parameters");
    }

    public static InnerList of(List<Item> items) {
        return new InnerList(items, Parameters.EMPTY);
    }

    public InnerList withParameter(String key, BareItem value) {
        return new InnerList(items, parameters.with(key, value));
    }
}
