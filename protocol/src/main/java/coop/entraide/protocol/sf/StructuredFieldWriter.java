package coop.entraide.protocol.sf;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The serialisation algorithms of RFC 8941 §4.1 (and RFC 9651 §4.1.10–4.1.11). Values validate
 * themselves on construction, so serialisation cannot fail.
 */
public final class StructuredFieldWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private StructuredFieldWriter() {
    }

    /** §4.1.1 List. */
    public static String serialize(SfList list) {
        StringBuilder out = new StringBuilder();
        writeMembers(out, list.members());
        return out.toString();
    }

    /** §4.1.2 Dictionary. */
    public static String serialize(SfDictionary dictionary) {
        StringBuilder out = new StringBuilder();
        Iterator<Map.Entry<String, Member>> it = dictionary.asMap().entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Member> e = it.next();
            out.append(e.getKey());
            Member m = e.getValue();
            if (m instanceof Item item && item.value() instanceof BareItem.SfBoolean b && b.value()) {
                writeParameters(out, item.parameters());
            } else {
                out.append('=');
                writeMember(out, m);
            }
            if (it.hasNext()) {
                out.append(", ");
            }
        }
        return out.toString();
    }

    /** §4.1.3 Item. */
    public static String serialize(Item item) {
        StringBuilder out = new StringBuilder();
        writeItem(out, item);
        return out.toString();
    }

    /** §4.1.1.1 Inner List. */
    public static String serialize(InnerList list) {
        StringBuilder out = new StringBuilder();
        writeInnerList(out, list);
        return out.toString();
    }

    /** A member of a List or Dictionary on its own: an Item or an Inner List. */
    public static String serialize(Member member) {
        StringBuilder out = new StringBuilder();
        writeMember(out, member);
        return out.toString();
    }

    /** §4.1.3.1 Bare Item. */
    public static String serialize(BareItem bare) {
        StringBuilder out = new StringBuilder();
        writeBareItem(out, bare);
        return out.toString();
    }

    /** §4.1.1.2 Parameters, each with its leading {@code ;}. */
    public static String serialize(Parameters parameters) {
        StringBuilder out = new StringBuilder();
        writeParameters(out, parameters);
        return out.toString();
    }

    public static void writeMember(StringBuilder out, Member member) {
        if (member instanceof Item item) {
            writeItem(out, item);
        } else {
            writeInnerList(out, (InnerList) member);
        }
    }

    private static void writeMembers(StringBuilder out, List<Member> members) {
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            writeMember(out, members.get(i));
        }
    }

    public static void writeInnerList(StringBuilder out, InnerList list) {
        out.append('(');
        List<Item> items = list.items();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            writeItem(out, items.get(i));
        }
        out.append(')');
        writeParameters(out, list.parameters());
    }

    public static void writeItem(StringBuilder out, Item item) {
        writeBareItem(out, item.value());
        writeParameters(out, item.parameters());
    }

    public static void writeParameters(StringBuilder out, Parameters parameters) {
        for (Map.Entry<String, BareItem> e : parameters.asMap().entrySet()) {
            out.append(';').append(e.getKey());
            if (!(e.getValue() instanceof BareItem.SfBoolean b && b.value())) {
                out.append('=');
                writeBareItem(out, e.getValue());
            }
        }
    }

    public static void writeBareItem(StringBuilder out, BareItem bare) {
        if (bare instanceof BareItem.SfInteger i) {
            out.append(i.value());
        } else if (bare instanceof BareItem.SfDecimal d) {
            writeDecimal(out, d.value());
        } else if (bare instanceof BareItem.SfString s) {
            writeString(out, s.value());
        } else if (bare instanceof BareItem.SfToken t) {
            out.append(t.value());
        } else if (bare instanceof BareItem.SfByteSequence b) {
            out.append(':').append(Base64.getEncoder().encodeToString(b.unsafeBytes())).append(':');
        } else if (bare instanceof BareItem.SfBoolean b) {
            out.append(b.value() ? "?1" : "?0");
        } else if (bare instanceof BareItem.SfDate d) {
            out.append('@').append(d.epochSeconds());
        } else if (bare instanceof BareItem.SfDisplayString s) {
            writeDisplayString(out, s.value());
        } else {
            throw new AssertionError("unknown bare item " + bare);
        }
    }

    // §4.1.5: the value is already rounded to 3 places; print the shortest non-empty fraction.
    private static void writeDecimal(StringBuilder out, BigDecimal value) {
        String plain = value.toPlainString();
        int dot = plain.indexOf('.');
        int end = plain.length();
        while (end > dot + 2 && plain.charAt(end - 1) == '0') {
            end--;
        }
        out.append(plain, 0, end);
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static void writeDisplayString(StringBuilder out, String s) {
        out.append("%\"");
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '%' || c == '"' || c < 0x20 || c > 0x7e) {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                out.append((char) c);
            }
        }
        out.append('"');
    }
}
