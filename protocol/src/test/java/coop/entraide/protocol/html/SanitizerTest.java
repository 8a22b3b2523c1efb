package coop.entraide.protocol.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SanitizerTest {

    private static final String REL = "rel=\"nofollow noopener noreferrer\" target=\"_blank\"";

    @Test
    void keepsMastodonMentionAndHashtagMarkup() {
        String html = "<p><span class=\"h-card\" translate=\"no\"><a href=\"https://jardin.example/@bastien\" "
                + "class=\"u-url mention\">@<span>bastien</span></a></span> la récolte de "
                + "<a href=\"https://ruche.example/tags/miel\" class=\"mention hashtag\" rel=\"tag\">#<span>miel</span></a></p>";

        assertEquals("<p><span class=\"h-card\"><a href=\"https://jardin.example/@bastien\" class=\"u-url mention\" "
                + REL + ">@<span>bastien</span></a></span> la récolte de "
                + "<a href=\"https://ruche.example/tags/miel\" class=\"mention hashtag\" " + REL
                + ">#<span>miel</span></a></p>", Sanitizer.sanitize(html));
    }

    @Test
    void keepsMastodonLinkShorteningSpans() {
        String html = "<p><a href=\"https://ruche.example/media/abc\" rel=\"nofollow noopener\" target=\"_blank\">"
                + "<span class=\"invisible\">https://</span><span class=\"ellipsis\">ruche.example/med</span>"
                + "<span class=\"invisible\">ia/abc</span></a></p>";

        assertEquals("<p><a href=\"https://ruche.example/media/abc\" " + REL + "><span class=\"invisible\">https://"
                + "</span><span class=\"ellipsis\">ruche.example/med</span><span class=\"invisible\">ia/abc</span></a></p>",
                Sanitizer.sanitize(html));
    }

    @Test
    void keepsFormattingListsQuotesAndCode() {
        String html = "<blockquote><p><strong>a</strong> <b>b</b> <em>c</em> <i>d</i> <u>e</u> <del>f</del> <s>g</s></p></blockquote>"
                + "<ol start=\"3\" reversed><li value=\"5\">x</li></ol><ul><li><code>y</code></li></ul><pre><code>z\n  w</code></pre>"
                + "<p lang=\"fr-CA\">é<br>è</p><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>";

        assertEquals(html, Sanitizer.sanitize(html));
    }

    @Test
    void turnsHeadingsIntoBoldParagraphsAsMastodonDoes() {
        assertEquals("<p><strong>Title</strong></p><p>text</p>",
                Sanitizer.sanitize("<h1 id=\"t\" style=\"color:red\">Title</h1><p>text</p>"));
        assertEquals("<p><strong>Sub</strong></p>", Sanitizer.sanitize("<h6>Sub</h6>"));
    }

    @Test
    void givesEveryLinkTheSameRelAndTarget() {
        assertEquals("<p><a href=\"https://a.example/\" " + REL + ">x</a></p>",
                Sanitizer.sanitize("<p><a href=\"https://a.example/\" rel=\"me opener\" target=\"_self\" "
                        + "referrerpolicy=\"unsafe-url\" ping=\"https://track.example\">x</a></p>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://a.example/", "https://a.example/x?y=1#z", "gemini://a.example/",
            "magnet:?xt=urn:btih:abc", "xmpp:room@muc.example?join", "ipfs://bafy", "HTTPS://A.EXAMPLE/"})
    void keepsLinksWithSchemesMastodonKeeps(String href) {
        assertTrue(Sanitizer.sanitize("<a href=\"" + href + "\">x</a>").startsWith("<a href="), href);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
            "jav&#x09;ascript:alert(1)", "java\nscript:alert(1)", "&#106;avascript:alert(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
            "file:///etc/passwd", "/relative/path", "//evil.example/", "", "mailto:a@b.example", "tel:+33100000000"})
    void turnsOtherLinksIntoText(String href) {
        assertEquals("<p>click <b>me</b></p>", Sanitizer.sanitize("<p><a href=\"" + href + "\">click <b>me</b></a></p>"),
                href);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)><script>alert(1)</script></svg>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<style>body{background:url(javascript:alert(1))}</style>",
            "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            "<template><script>alert(1)</script></template>",
            "<form action=\"javascript:alert(1)\"><button>x</button></form>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<p onclick=\"alert(1)\" style=\"x:expression(alert(1))\">x</p>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<base href=\"javascript:alert(1)//\">",
            "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
            "<!--<img src=x onerror=alert(1)>-->",
            "<scr<script>ipt>alert(1)</script>",
            "<<script>alert(1);//<</script>",
            "<a href=\"https://a.example\" onmouseover=\"alert(1)\">x</a>",
            "<span class=\"mention\" data-x=\"1\" id=\"y\" style=\"position:fixed\">x</span>",
            "<video><source onerror=\"alert(1)\"></video><audio src=x onerror=alert(1)>",
            "<details open ontoggle=alert(1)>",
            "<textarea><script>alert(1)</script></textarea>",
            "<p>a</p></div></body></html><script>alert(1)</script>"})
    void leavesNothingExecutable(String attack) {
        String clean = Sanitizer.sanitize(attack).toLowerCase(Locale.ROOT);

        assertFalse(clean.contains("<script"), clean);
        assertFalse(clean.contains("<img"), clean);
        assertFalse(clean.contains("<svg"), clean);
        assertFalse(clean.contains("<iframe"), clean);
        assertFalse(clean.contains("<style"), clean);
        assertFalse(clean.contains("javascript:"), clean);
        assertFalse(clean.matches("(?s).*<[^>]*\\son\\w+=.*"), clean);
        assertFalse(clean.contains("style="), clean);
        assertFalse(clean.contains(" id="), clean);
    }

    @Test
    void dropsClassesOutsideMastodonsList() {
        assertEquals("<span class=\"h-card mention\">x</span><span>y</span>",
                Sanitizer.sanitize("<span class=\"evil h-card big mention\">x</span><span class=\"status-content\">y</span>"));
    }

    @Test
    void dropsNonNumericListAttributes() {
        assertEquals("<ol><li>x</li></ol>", Sanitizer.sanitize("<ol start=\"a\"><li value=\"1; drop\">x</li></ol>"));
    }

    @Test
    void keepsTheTextOfUnknownElements() {
        assertEquals("<p>one two</p>", Sanitizer.sanitize("<div><p>one <font color=red>two</font></p></div>"));
    }

    @Test
    void closesUnclosedAndMisnestedTags() {
        assertEquals("<p><strong>bold <em>both</em></strong><em> italic</em></p>",
                Sanitizer.sanitize("<p><strong>bold <em>both</strong> italic"));
        assertEquals("<ul><li>a</li><li>b</li></ul>", Sanitizer.sanitize("<ul><li>a<li>b"));
    }

    @Test
    void escapesTextThatLooksLikeMarkup() {
        assertEquals("<p>1 &lt; 2 &amp;&amp; 3 &gt; 2 &lt;script&gt;</p>",
                Sanitizer.sanitize("<p>1 &lt; 2 &amp;&amp; 3 &gt; 2 &lt;script&gt;</p>"));
        assertEquals("a &lt; b", Sanitizer.sanitize("a < b"));
        assertEquals("a ", Sanitizer.sanitize("a <b"), "a tag cut by the end of input is no text, as in browsers");
    }

    @Test
    void escapesQuotesInAttributes() {
        assertEquals("<a href=\"https://a.example/?q=%22&quot;onmouseover=x\" " + REL + ">x</a>",
                Sanitizer.sanitize("<a href='https://a.example/?q=%22\"onmouseover=x'>x</a>"));
    }

    @Test
    void givesEmptyTextForNothing() {
        assertEquals("", Sanitizer.sanitize(null));
        assertEquals("", Sanitizer.sanitize("   "));
        assertEquals("", Sanitizer.sanitize("<script>only</script>"));
    }

    @Test
    void handlesHugeAndDeeplyNestedInputQuickly() {
        String wide = "<p>" + "<b>word</b> <a href=\"https://a.example/\">link</a> ".repeat(40_000) + "</p>";
        String deep = "<span>".repeat(50_000) + "x" + "</span>".repeat(50_000);
        String formatting = "<b><i><u>".repeat(20_000) + "x";
        String unclosed = "<p><a href=\"https://a.example/\">".repeat(20_000);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertTrue(Sanitizer.sanitize(wide).length() > 1_000_000 / 2);
            assertTrue(Sanitizer.sanitize(deep).contains("x"));
            Sanitizer.sanitize(formatting);
            Sanitizer.sanitize(unclosed);
            assertTrue(Sanitizer.sanitize("a".repeat(Sanitizer.MAX_INPUT_CHARS + 10)).length()
                    <= Sanitizer.MAX_INPUT_CHARS);
        });
    }

    @Test
    void flattensNestingDeeperThanTheLimitIntoText() {
        String deep = "<blockquote>".repeat(200) + "<p>fond <b>du</b> puits</p>";

        String clean = Sanitizer.sanitize(deep);

        assertEquals(Sanitizer.MAX_DEPTH, clean.split("<blockquote>", -1).length - 1, clean);
        assertTrue(clean.contains("fond du puits"), clean);
    }

    @Test
    void readsSchemesAsBrowsersDo() {
        assertEquals("https", Sanitizer.scheme("HTTPS://a.example"));
        assertEquals("javascript", Sanitizer.scheme("\u0001 javascript:x"));
        assertEquals(null, Sanitizer.scheme("/a:b"));
        assertEquals(null, Sanitizer.scheme("java\tscript:x"));
    }

    @Test
    void refusesANonPositivePreviewLength() {
        assertThrows(IllegalArgumentException.class, () -> Sanitizer.toPlainText("x", 0));
    }
}
