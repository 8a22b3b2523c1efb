package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who an object or activity is addressed to (ActivityPub §6.1 and PROTOCOL.md §5.6). Each list
 * holds ids; the Public aliases are already normalised to {@link As#PUBLIC}.
 */
public record Addressing(List<String> to, List<String> cc, List<String> bto, List<String> bcc,
        List<String> audience) {

    public static final Addressing NONE = new Addressing(List.of(), List.of(), List.of(), List.of(), List.of());

    static final Set<String> PROPERTIES = Set.of(As.TO, As.CC, As.BTO, As.BCC, As.AUDIENCE);

    public Addressing {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bto = List.copyOf(bto);
        bcc = List.copyOf(bcc);
        audience = List.copyOf(audience);
    }

    public static Addressing of(List<String> to, List<String> cc) {
        return new Addressing(to, cc, List.of(), List.of(), List.of());
    }

    /** Whether anyone may see it: Public in to or cc (public or unlisted). */
    public boolean isPublic() {
        return to.contains(As.PUBLIC) || cc.contains(As.PUBLIC);
    }

    /** Every addressed id once, in order, without Public (which is no inbox). */
    public Set<String> recipients() {
        Set<String> all = new LinkedHashSet<>();
        List.of(to, cc, bto, bcc, audience).forEach(all::addAll);
        all.remove(As.PUBLIC);
        return all;
    }

    /** The copy to publish: {@code bto} and {@code bcc} must not leave the server (ActivityPub §7.1). */
    public Addressing withoutBlind() {
        return new Addressing(to, cc, List.of(), List.of(), audience);
    }

    void writeTo(ObjectNode out) {
        JsonOut.putIds(out, As.TO, to);
        JsonOut.putIds(out, As.CC, cc);
        JsonOut.putIds(out, As.BTO, bto);
        JsonOut.putIds(out, As.BCC, bcc);
        // Lemmy reads audience as a single value, so one community is written bare.
        JsonOut.putAll(out, As.AUDIENCE, audience, TextNode::valueOf);
    }

    static Addressing from(ObjectNode node) throws Normalize.Malformed {
        return new Addressing(Normalize.ids(node, As.TO), Normalize.ids(node, As.CC), Normalize.ids(node, As.BTO),
                Normalize.ids(node, As.BCC), Normalize.ids(node, As.AUDIENCE));
    }
}
