package coop.entraide.protocol.sf;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The parsing algorithms of RFC 8941 §4.2 (and RFC 9651 §4.2.9–4.2.10 for Date and Display
 * String), strict: any departure from the grammar fails the whole field.
 *
 * <p>Two tolerances are those the RFC asks for in §4.2.7: Byte Sequences without {@code =} padding
 * and with non-zero pad bits are accepted.
 */
public final class StructuredFieldParser {

    private final String input;
    private int pos;

    private StructuredFieldParser(String input) {
        this.input = input;
    }

    /** RFC 8941 §4.2 with type "item". */
    public static Item parseItem(String fieldValue) throws StructuredFieldException {
        StructuredFieldParser p = start(fieldValue);
        Item item = p.item();
        p.finish();
        return item;
    }

    /** RFC 8941 §4.2 with type "list"; an empty value is an empty list. */
    public static SfList parseList(String fieldValue) throws StructuredFieldException {
        StructuredFieldParser p = start(fieldValue);
        SfList list = p.list();
        p.finish();
        return list;
    }

    /** RFC 8941 §4.2 with type "dictionary"; an empty value is an empty dictionary. */
    public static SfDictionary parseDictionary(String fieldValue) throws StructuredFieldException {
        StructuredFieldParser p = start(fieldValue);
        SfDictionary dictionary = p.dictionary();
        p.finish();
        return dictionary;
    }

    /** A List spread over several field lines, combined as RFC 8941 §4.2 says (comma-joined). */
    public static SfList parseList(List<String> fieldLines) throws StructuredFieldException {
        return parseList(combine(fieldLines));
    }

    /** A Dictionary spread over several field lines, combined as RFC 8941 §4.2 says. */
    public static SfDictionary parseDictionary(List<String> fieldLines) throws StructuredFieldException {
        return parseDictionary(combine(fieldLines));
    }

    /** An Item given as several field lines: RFC 8941 §4.2 combines them, which fails for more than one. */
    public static Item parseItem(List<String> fieldLines) throws StructuredFieldException {
        return parseItem(combine(fieldLines));
    }

    private static String combine(List<String> fieldLines) {
        return fieldLines.size() == 1 ? fieldLines.get(0) : String.join(", ", fieldLines);
    }

    private static StructuredFieldParser start(String fieldValue) throws StructuredFieldException {
        if (fieldValue == null) {
            throw new StructuredFieldException("no field value", -1);
        }
        for (int i = 0; i < fieldValue.length(); i++) {
            if (fieldValue.charAt(i) > 0x7f) {
                throw new StructuredFieldException("non-ASCII character", i);
            }
        }
        StructuredFieldParser p = new StructuredFieldParser(fieldValue);
        p.skipSp();
        return p;
    }

    private void finish() throws StructuredFieldException {
        skipSp();
        if (pos < input.length()) {
            throw fail("unexpected character '" + input.charAt(pos) + "'");
        }
    }

    // §4.2.1
    private SfList list() throws StructuredFieldException {
        List<Member> members = new ArrayList<>();
        while (!atEnd()) {
            members.add(itemOrInnerList());
            skipOws();
            if (atEnd()) {
                break;
            }
            if (input.charAt(pos++) != ',') {
                throw fail("expected ',' between list members", pos - 1);
            }
            skipOws();
            if (atEnd()) {
                throw fail("trailing comma");
            }
        }
        return new SfList(members);
    }

    // §4.2.1.1
    private Member itemOrInnerList() throws StructuredFieldException {
        return peek() == '(' ? innerList() : item();
    }

    // §4.2.1.2
    private InnerList innerList() throws StructuredFieldException {
        pos++; // '('
        List<Item> items = new ArrayList<>();
        while (!atEnd()) {
            skipSp();
            if (peek() == ')') {
                pos++;
                return new InnerList(items, parameters());
            }
            items.add(item());
            int c = peek();
            if (c != ' ' && c != ')') {
                throw fail("expected ' ' or ')' in inner list");
            }
        }
        throw fail("inner list not closed");
    }

    // §4.2.2
    private SfDictionary dictionary() throws StructuredFieldException {
        LinkedHashMap<String, Member> members = new LinkedHashMap<>();
        while (!atEnd()) {
            String key = key();
            Member member;
            if (peek() == '=') {
                pos++;
                member = itemOrInnerList();
            } else {
                member = new Item(BareItem.SfBoolean.TRUE, parameters());
            }
            members.put(key, member);
            skipOws();
            if (atEnd()) {
                break;
            }
            if (input.charAt(pos++) != ',') {
                throw fail("expected ',' between dictionary members", pos - 1);
            }
            skipOws();
            if (atEnd()) {
                throw fail("trailing comma");
            }
        }
        return SfDictionary.wrap(members);
    }

    // §4.2.3
    private Item item() throws StructuredFieldException {
        BareItem value = bareItem();
        return new Item(value, parameters());
    }

    // §4.2.3.1
    private BareItem bareItem() throws StructuredFieldException {
        int c = peek();
        if (c == '-' || Chars.isDigit(c)) {
            return number();
        }
        if (c == '"') {
            return string();
        }
        if (c == ':') {
            return byteSequence();
        }
        if (c == '?') {
            return bool();
        }
        if (Chars.isTokenStart(c)) {
            return token();
        }
        if (c == '@') {
            return date();
        }
        if (c == '%') {
            return displayString();
        }
        throw fail(c < 0 ? "item expected, end of input found" : "no item starts with '" + (char) c + "'");
    }

    // §4.2.3.2
    private Parameters parameters() throws StructuredFieldException {
        LinkedHashMap<String, BareItem> params = null;
        while (peek() == ';') {
            pos++;
            skipSp();
            String key = key();
            BareItem value = BareItem.SfBoolean.TRUE;
            if (peek() == '=') {
                pos++;
                value = bareItem();
            }
            if (params == null) {
                params = new LinkedHashMap<>();
            }
            params.put(key, value);
        }
        return params == null ? Parameters.EMPTY : Parameters.wrap(params);
    }

    // §4.2.3.3
    private String key() throws StructuredFieldException {
        if (!Chars.isKeyStart(peek())) {
            throw fail("key expected");
        }
        int start = pos;
        while (pos < input.length() && Chars.isKeyChar(input.charAt(pos))) {
            pos++;
        }
        return input.substring(start, pos);
    }

    // §4.2.4
    private BareItem number() throws StructuredFieldException {
        int start = pos;
        boolean negative = false;
        if (peek() == '-') {
            negative = true;
            pos++;
        }
        if (!Chars.isDigit(peek())) {
            throw fail("digit expected");
        }
        int digitsStart = pos;
        int dot = -1;
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (Chars.isDigit(c)) {
                pos++;
            } else if (dot < 0 && c == '.') {
                if (pos - digitsStart > 12) {
                    throw fail("more than 12 digits before the decimal point", start);
                }
                dot = pos++;
            } else {
                break;
            }
            int length = pos - digitsStart;
            if (dot < 0 && length > 15) {
                throw fail("integer has more than 15 digits", start);
            }
            if (dot >= 0 && length > 16) {
                throw fail("decimal has more than 16 characters", start);
            }
        }
        if (dot < 0) {
            long value = Long.parseLong(input, digitsStart, pos, 10);
            return new BareItem.SfInteger(negative ? -value : value);
        }
        int fraction = pos - dot - 1;
        if (fraction == 0) {
            throw fail("decimal ends with '.'", start);
        }
        if (fraction > 3) {
            throw fail("decimal has more than 3 fractional digits", start);
        }
        return new BareItem.SfDecimal(new BigDecimal(input.substring(start, pos)));
    }

    // §4.2.5
    private BareItem string() throws StructuredFieldException {
        pos++; // '"'
        StringBuilder out = null;
        int runStart = pos;
        while (pos < input.length()) {
            char c = input.charAt(pos++);
            if (c == '\\') {
                if (pos >= input.length()) {
                    throw fail("string ends inside an escape");
                }
                char next = input.charAt(pos++);
                if (next != '"' && next != '\\') {
                    throw fail("only \\\" and \\\\ may be escaped", pos - 1);
                }
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(input, runStart, pos - 2).append(next);
                runStart = pos;
            } else if (c == '"') {
                String tail = input.substring(runStart, pos - 1);
                return new BareItem.SfString(out == null ? tail : out.append(tail).toString());
            } else if (c < 0x20 || c > 0x7e) {
                throw fail("control character in string", pos - 1);
            }
        }
        throw fail("string not closed");
    }

    // §4.2.6
    private BareItem token() {
        int start = pos++;
        while (pos < input.length() && Chars.isTokenChar(input.charAt(pos))) {
            pos++;
        }
        return new BareItem.SfToken(input.substring(start, pos));
    }

    // §4.2.7
    private BareItem byteSequence() throws StructuredFieldException {
        int start = ++pos;
        int end = input.indexOf(':', start);
        if (end < 0) {
            throw fail("byte sequence not closed");
        }
        int padding = 0;
        for (int i = start; i < end; i++) {
            char c = input.charAt(i);
            if (c == '=') {
                padding++;
            } else if (padding > 0 || !(Chars.isAlpha(c) || Chars.isDigit(c) || c == '+' || c == '/')) {
                throw fail("not a base64 character in byte sequence", i);
            }
        }
        int dataLength = end - start - padding;
        if (padding > 2 || dataLength % 4 == 1 || (padding > 0 && (dataLength + padding) % 4 != 0)) {
            throw fail("badly formed base64 in byte sequence", start);
        }
        pos = end + 1;
        try {
            // The JDK decoder accepts missing padding and ignores pad bits, as §4.2.7 recommends.
            return new BareItem.SfByteSequence(Base64.getDecoder().decode(input.substring(start, end - padding)));
        } catch (IllegalArgumentException e) {
            throw fail("badly formed base64 in byte sequence", start);
        }
    }

    // §4.2.8
    private BareItem bool() throws StructuredFieldException {
        pos++; // '?'
        int c = peek();
        if (c == '1' || c == '0') {
            pos++;
            return c == '1' ? BareItem.SfBoolean.TRUE : BareItem.SfBoolean.FALSE;
        }
        throw fail("boolean must be ?0 or ?1");
    }

    // RFC 9651 §4.2.9
    private BareItem date() throws StructuredFieldException {
        int start = pos++;
        BareItem n = number();
        if (n instanceof BareItem.SfInteger i) {
            return new BareItem.SfDate(i.value());
        }
        throw fail("date must be an integer", start);
    }

    // RFC 9651 §4.2.10
    private BareItem displayString() throws StructuredFieldException {
        int start = pos;
        if (pos + 1 >= input.length() || input.charAt(pos + 1) != '"') {
            throw fail("display string must start with %\"");
        }
        pos += 2;
        ByteBuffer bytes = ByteBuffer.allocate(input.length());
        while (pos < input.length()) {
            char c = input.charAt(pos++);
            if (c < 0x20 || c > 0x7e) {
                throw fail("control character in display string", pos - 1);
            }
            if (c == '%') {
                int hi = pos + 1 < input.length() ? lowerHex(input.charAt(pos)) : -1;
                int lo = hi >= 0 ? lowerHex(input.charAt(pos + 1)) : -1;
                if (lo < 0) {
                    throw fail("'%' must be followed by two lower-case hex digits", pos - 1);
                }
                bytes.put((byte) (hi << 4 | lo));
                pos += 2;
            } else if (c == '"') {
                bytes.flip();
                try {
                    return new BareItem.SfDisplayString(StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(bytes).toString());
                } catch (CharacterCodingException e) {
                    throw fail("display string is not valid UTF-8", start);
                }
            } else {
                bytes.put((byte) c);
            }
        }
        throw fail("display string not closed");
    }

    private static int lowerHex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private int peek() {
        return pos < input.length() ? input.charAt(pos) : -1;
    }

    private boolean atEnd() {
        return pos >= input.length();
    }

    private void skipSp() {
        while (pos < input.length() && input.charAt(pos) == ' ') {
            pos++;
        }
    }

    private void skipOws() {
        while (pos < input.length() && (input.charAt(pos) == ' ' || input.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private StructuredFieldException fail(String message) {
        return fail(message, pos);
    }

    private StructuredFieldException fail(String message, int at) {
        return new StructuredFieldException(message, at);
    }
}
