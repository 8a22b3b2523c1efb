package coop.entraide.protocol.html;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeFilter;

/**
 * Reduces HTML received from other servers to the subset Mastodon keeps (PROTOCOL.md §5.4,
 * Mastodon's {@code MASTODON_STRICT} sanitize config, 4.2+): text formatting, lists, quotes, code
 * and links with safe schemes; headings become bold paragraphs; everything else is dropped, its
 * text kept, except for elements whose content is code or chrome (script, style, iframe, svg…).
 * Stateless and thread-safe.
 */
public final class Sanitizer {

    /** Larger input is cut before parsing: Mastodon itself never reads a document over 1 MiB. */
    public static final int MAX_INPUT_CHARS = 1 << 20;

    /**
     * Elements nested deeper than this become plain text. Jsoup's cleaner slows down with depth
     * (seconds for a few thousand levels), and no real post nests more than a dozen levels.
     */
    public static final int MAX_DEPTH = 64;

    static final String LINK_REL = "nofollow noopener noreferrer";

    /** Schemes Mastodon keeps on links; a link with any other scheme, or none, becomes its text. */
    static final Set<String> LINK_SCHEMES =
            Set.of("http", "https", "dat", "dweb", "ipfs", "ipns", "ssb", "gopher", "xmpp", "magnet", "gemini");

    private static final List<String> ELEMENTS = List.of("p", "br", "span", "a", "del", "s", "pre", "blockquote",
            "code", "b", "strong", "u", "i", "em", "ul", "ol", "li", "ruby", "rt", "rp");

    /** Removed with everything inside: their content is not text meant for a reader. */
    private static final String DROPPED_WITH_CONTENT = "script, style, iframe, frame, frameset, object, embed, "
            + "applet, noscript, noembed, noframes, template, svg, math, xmp, plaintext, title, head, select, "
            + "audio, video, canvas";

    private static final Pattern SCHEME = Pattern.compile("^[\\x00-\\x20]*([A-Za-z][A-Za-z0-9+.-]*):");
    private static final Pattern ALLOWED_CLASS =
            Pattern.compile("(?:h|p|u|dt|e)-[\\w-]+|mention|hashtag|ellipsis|invisible|quote-inline");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*");

    private static final Cleaner CLEANER = new Cleaner(safelist());

    private Sanitizer() {
    }

    /** The safe subset of {@code html}; {@code null} gives the empty string. */
    public static String sanitize(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document dirty = Jsoup.parseBodyFragment(capped(html));
        Element body = dirty.body();
        flattenBeyond(body, MAX_DEPTH);
        body.select(DROPPED_WITH_CONTENT).remove();
        body.select("h1, h2, h3, h4, h5, h6").forEach(Sanitizer::headingToBoldParagraph);
        Document clean = CLEANER.clean(dirty);
        // Checked on the cleaned tree, the one that is written out.
        clean.body().select("a").forEach(Sanitizer::unwrapUnsafeLink);
        clean.body().select("[class]").forEach(Sanitizer::keepAllowedClasses);
        clean.body().select("ol[start], li[value]").forEach(Sanitizer::keepNumericAttributes);
        clean.body().select("[lang]").forEach(e -> {
            if (!LANGUAGE_TAG.matcher(e.attr("lang")).matches()) {
                e.removeAttr("lang");
            }
        });
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }

    /**
     * The text of {@code html} for search indexes, previews and notifications: paragraphs and
     * line breaks kept as newlines, entities decoded, at most {@code maxLength} characters
     * (code points) with an ellipsis when cut. The result is text, not HTML: escape it to show it.
     */
    public static String toPlainText(String html, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
        }
        if (html == null || html.isBlank()) {
            return "";
        }
        Element body = Jsoup.parseBodyFragment(capped(html)).body();
        body.select(DROPPED_WITH_CONTENT).remove();
        TextCollector text = new TextCollector(maxLength);
        body.filter(text);
        return truncate(text.result(), maxLength);
    }

    private static String capped(String html) {
        return html.length() <= MAX_INPUT_CHARS ? html : html.substring(0, MAX_INPUT_CHARS);
    }

    /** Replaces every element deeper than {@code maxDepth} by its text, in one iterative walk. */
    private static void flattenBeyond(Element root, int maxDepth) {
        List<Element> tooDeep = new ArrayList<>();
        root.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (depth > maxDepth && node instanceof Element element) {
                    tooDeep.add(element);
                    return FilterResult.SKIP_ENTIRELY;
                }
                return FilterResult.CONTINUE;
            }
        });
        for (Element element : tooDeep) {
            element.replaceWith(new TextNode(element.text()));
        }
    }

    private static Safelist safelist() {
        Safelist safelist = new Safelist()
                .addTags(ELEMENTS.toArray(String[]::new))
                .addAttributes(":all", "lang")
                .addAttributes("a", "href", "rel", "class")
                .addAttributes("span", "class")
                .addAttributes("p", "class")
                .addAttributes("ol", "start", "reversed")
                .addAttributes("li", "value")
                .addEnforcedAttribute("a", "rel", LINK_REL)
                .addEnforcedAttribute("a", "target", "_blank");
        return safelist;
    }

    /** Mastodon 4.2+: a heading keeps its emphasis but not its size. */
    private static void headingToBoldParagraph(Element heading) {
        heading.tagName("strong");
        heading.clearAttributes();
        heading.wrap("<p></p>");
    }

    private static void unwrapUnsafeLink(Element link) {
        String scheme = scheme(link.attr("href"));
        if (scheme == null || !LINK_SCHEMES.contains(scheme)) {
            link.unwrap();
        }
    }

    /** The scheme as a browser would read it, or null for a relative or unparseable reference. */
    static String scheme(String href) {
        if (href == null || href.isEmpty()) {
            return null;
        }
        Matcher matcher = SCHEME.matcher(href);
        return matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : null;
    }

    private static void keepAllowedClasses(Element element) {
        String kept = Arrays.stream(element.className().split("[\\t\\n\\f\\r ]+"))
                .filter(c -> ALLOWED_CLASS.matcher(c).matches())
                .collect(Collectors.joining(" "));
        if (kept.isEmpty()) {
            element.removeAttr("class");
        } else {
            element.attr("class", kept);
        }
    }

    private static void keepNumericAttributes(Element element) {
        for (String attribute : List.of("start", "value")) {
            if (element.hasAttr(attribute) && !INTEGER.matcher(element.attr(attribute).trim()).matches()) {
                element.removeAttr(attribute);
            }
        }
    }

    private static String truncate(String text, int maxLength) {
        if (text.codePointCount(0, text.length()) <= maxLength) {
            return text;
        }
        int end = text.offsetByCodePoints(0, maxLength - 1);
        return text.substring(0, end).stripTrailing() + "…";
    }

    /** Walks the tree once, writing text with the line structure a reader expects, and stops when it has enough. */
    private static final class TextCollector implements NodeFilter {

        private static final Set<String> BLOCKS = Set.of("p", "div", "blockquote", "pre", "ul", "ol", "li", "h1", "h2",
                "h3", "h4", "h5", "h6", "tr", "table", "section", "article", "header", "footer", "figure");
        private static final Set<String> PARAGRAPHS = Set.of("p", "blockquote", "pre", "ul", "ol", "h1", "h2", "h3",
                "h4", "h5", "h6", "table");

        private final StringBuilder out = new StringBuilder();
        private final int enough;
        private int preDepth;

        TextCollector(int maxLength) {
            // Collapsing whitespace later shrinks the text; keep a margin before stopping.
            this.enough = maxLength * 2 + 16;
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode text) {
                if (preDepth > 0) {
                    out.append(text.getWholeText());
                } else {
                    appendCollapsed(text.getWholeText());
                }
            } else if (node instanceof Element element) {
                String name = element.normalName();
                if (name.equals("br")) {
                    out.append('\n');
                } else if (BLOCKS.contains(name)) {
                    breakLine();
                }
                if (name.equals("pre")) {
                    preDepth++;
                }
            }
            return out.length() > enough ? FilterResult.STOP : FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element element) {
                String name = element.normalName();
                if (name.equals("pre")) {
                    preDepth--;
                }
                if (PARAGRAPHS.contains(name)) {
                    breakLine();
                    out.append('\n');
                } else if (BLOCKS.contains(name)) {
                    breakLine();
                }
            }
            return FilterResult.CONTINUE;
        }

        private void appendCollapsed(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c) || c == '\u00a0') {
                    if (out.length() > 0 && out.charAt(out.length() - 1) != ' ' && out.charAt(out.length() - 1) != '\n') {
                        out.append(' ');
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private void breakLine() {
            int length = out.length();
            while (length > 0 && out.charAt(length - 1) == ' ') {
                length--;
            }
            out.setLength(length);
            if (length > 0 && out.charAt(length - 1) != '\n') {
                out.append('\n');
            }
        }

        String result() {
            return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
        }
    }
}
