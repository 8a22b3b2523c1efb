package coop.entraide.node.http;

/** Escaping for text placed in HTML, and plain text turned into safe HTML paragraphs. */
public final class Html {
    private Html() {
    }

    /** Escapes text for an element's content or a quoted attribute value. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Plain text as HTML: blank lines separate paragraphs, single line breaks become {@code <br>},
     * everything else is escaped. Empty text gives an empty string.
     */
    public static String paragraphs(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String para : text.strip().replace("\r\n", "\n").split("\n\\s*\n")) {
            sb.append("<p>").append(escape(para.strip()).replace("\n", "<br>")).append("</p>");
        }
        return sb.toString();
    }
}
