package coop.entraide.protocol.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MarkdownSubsetTest {
    @Test
    void rendersTheSubset() {
        assertEquals("<p>Une <strong>belle</strong> <em>table</em> et <em>deux</em> chaises</p>",
                MarkdownSubset.toHtml("Une **belle** *table* et _deux_ chaises"));
        assertEquals("<p>ligne 1<br>ligne 2</p><p>autre</p>", MarkdownSubset.toHtml("ligne 1\nligne 2\n\nautre"));
        assertEquals("<ul><li>un</li><li>deux</li></ul>", MarkdownSubset.toHtml("- un\n* deux"));
        assertEquals("<ol><li>un</li><li>deux</li></ol>", MarkdownSubset.toHtml("1. un\n2. deux"));
        assertEquals("<p>voir <a href=\"https://a.example/x_y_z\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">le <em>plan</em></a></p>",
                MarkdownSubset.toHtml("voir [le *plan*](https://a.example/x_y_z)"));
    }

    @Test
    void everythingElseIsText() {
        assertEquals("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", MarkdownSubset.toHtml("<script>alert(1)</script>"));
        assertEquals("<p>[clic](javascript:alert(1))</p>", MarkdownSubset.toHtml("[clic](javascript:alert(1))"));
        assertEquals("<p>[x](https://a.example/\"onmouseover=\"alert(1))</p>",
                MarkdownSubset.toHtml("[x](https://a.example/\"onmouseover=\"alert(1))"));
        assertEquals("<p>snake_case_name et 2*3*4 et $1 \\1</p>", MarkdownSubset.toHtml("snake_case_name et 2*3*4 et $1 \\1"));
        assertEquals("", MarkdownSubset.toHtml("  \n "));
        assertEquals("<p>a &amp; b</p>", MarkdownSubset.plainToHtml("a & b"));
    }
}
