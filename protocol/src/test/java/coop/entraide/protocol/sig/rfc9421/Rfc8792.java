package coop.entraide.protocol.sig.rfc9421;

/**
 * RFC 8792 §7 single-backslash unwrapping, so that examples can be pasted from the RFCs exactly as
 * printed: a line ending in {@code \} continues on the next line, whose leading spaces are dropped.
 */
final class Rfc8792 {

    private Rfc8792() {
    }

    static String unwrap(String wrapped) {
        String text = wrapped.startsWith("NOTE: '\\' line wrapping per RFC 8792\n\n")
                ? wrapped.substring("NOTE: '\\' line wrapping per RFC 8792\n\n".length())
                : wrapped;
        StringBuilder out = new StringBuilder(text.length());
        String[] lines = text.split("\n", -1);
        boolean continuing = false;
        for (int i = 0; i < lines.length; i++) {
            String line = continuing ? lines[i].stripLeading() : lines[i];
            if (line.endsWith("\\")) {
                out.append(line, 0, line.length() - 1);
                continuing = true;
            } else {
                out.append(line);
                if (i < lines.length - 1) {
                    out.append('\n');
                }
                continuing = false;
            }
        }
        return out.toString();
    }
}
