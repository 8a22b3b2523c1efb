package coop.entraide.protocol.html;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small Markdown people write in an offer's description, rendered to HTML that
 * {@link Sanitizer} keeps: paragraphs (blank line), line breaks, {@code **strong**},
 * {@code *emphasis*} or {@code _emphasis_}, bullet lists ({@code - } or {@code * }), numbered
 * lists ({@code 1. }) and links {@code [text](https://…)} to http and https only. Everything else,
 * HTML included, is shown as the text it is. The output always goes through the sanitiser.
 */
public final class MarkdownSubset {
    /** Longer descriptions are refused by the node long before; this bounds the work. */
    public static final int MAX_INPUT_CHARS = 20_000;

    private static final Pattern LINK = Pattern.compile("\\[([^\\[\\]\\n]{1,500})\\]\\((https?://[^\\s()<>\"]{1,2000})\\)");
    private static final Pattern STRONG = Pattern.compile("\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*");
    private static final Pattern EMPHASIS_STAR = Pattern.compile("(?<![*\\w])\\*(?=[^\\s*])(.+?)(?<=[^\\s*])\\*(?![*\\w])");
    private static final Pattern EMPHASIS_UNDERSCORE = Pattern.compile("(?<![_\\p{L}\\p{N}])_(?=\\S)(.+?)(?<=\\S)_(?![_\\p{L}\\p{N}])");
    private static final Pattern BULLET = Pattern.compile("^\\s{0,3}[-*] +(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^\\s{0,3}\\d{1,9}[.)] +(.*)$");
    /** Private-use characters mark where links were set aside while emphasis is applied. */
    private static final char MARK = '\uE000';

    private MarkdownSubset() {
    }

    /** Sanitised HTML for {@code markdown}; empty for {@code null} or blank input. */
    public static String toHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        String text = markdown.length() > MAX_INPUT_CHARS ? markdown.substring(0, MAX_INPUT_CHARS) : markdown;
        text = text.replace("\r\n", "\n").replace('\r', '\n').replace(MARK, ' ');
        StringBuilder html = new StringBuilder();
        for (String block : text.strip().split("\n[ \t]*\n")) {
            if (!block.isBlank()) {
                html.append(block(block.strip()));
            }
        }
        return Sanitizer.sanitize(html.toString());
    }

    /** Plain text, escaped: paragraphs and line breaks only, no formatting. */
    public static String plainToHtml(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        for (String block : text.replace("\r\n", "\n").strip().split("\n[ \t]*\n")) {
            if (!block.isBlank()) {
                html.append("<p>").append(escape(block.strip()).replace("\n", "<br>")).append("</p>");
            }
        }
        return Sanitizer.sanitize(html.toString());
    }

    private static String block(String block) {
        List<String> lines = List.of(block.split("\n"));
        if (lines.stream().allMatch(l -> BULLET.matcher(l).matches())) {
            return list("ul", lines, BULLET);
        }
        if (lines.stream().allMatch(l -> NUMBERED.matcher(l).matches())) {
            return list("ol", lines, NUMBERED);
        }
        List<String> rendered = new ArrayList<>();
        lines.forEach(l -> rendered.add(inline(l.strip())));
        return "<p>" + String.join("<br>", rendered) + "</p>";
    }

    private static String list(String tag, List<String> lines, Pattern item) {
        StringBuilder html = new StringBuilder("<").append(tag).append(">");
        for (String line : lines) {
            Matcher m = item.matcher(line);
            m.matches();
            html.append("<li>").append(inline(m.group(1).strip())).append("</li>");
        }
        return html.append("</").append(tag).append(">").toString();
    }

    /** Escapes the line, sets links aside, applies emphasis, then puts the links back. */
    private static String inline(String line) {
        List<String> links = new ArrayList<>();
        Matcher m = LINK.matcher(line);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(emphasis(escape(line.substring(last, m.start()))));
            links.add("<a href=\"" + escape(m.group(2)) + "\">" + emphasis(escape(m.group(1))) + "</a>");
            out.append(MARK).append(links.size() - 1).append(MARK);
            last = m.end();
        }
        out.append(emphasis(escape(line.substring(last))));
        String result = out.toString();
        for (int i = 0; i < links.size(); i++) {
            result = result.replace(MARK + Integer.toString(i) + MARK, links.get(i));
        }
        return result;
    }

    private static String emphasis(String escaped) {
        String s = STRONG.matcher(escaped).replaceAll("<strong>$1</strong>");
        s = EMPHASIS_STAR.matcher(s).replaceAll("<em>$1</em>");
        return EMPHASIS_UNDERSCORE.matcher(s).replaceAll("<em>$1</em>");
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '$' -> sb.append("&#36;"); // keeps Matcher.replaceAll from reading group references
                case '\\' -> sb.append("&#92;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
