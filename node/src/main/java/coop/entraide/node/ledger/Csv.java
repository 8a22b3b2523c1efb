package coop.entraide.node.ledger;

import java.util.List;

/**
 * CSV as RFC 4180 writes it (CRLF line ends; fields holding a comma, quote or line break are quoted,
 * quotes doubled), made safe to open in a spreadsheet: a cell that starts with {@code = + - @}, a
 * tab or a carriage return gets a leading apostrophe, so that it is never run as a formula.
 */
public final class Csv {
    private final StringBuilder out = new StringBuilder();

    public Csv row(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    public Csv row(String... cells) {
        return row(java.util.Arrays.asList(cells));
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
