package coop.entraide.node.federation.social;

import coop.entraide.node.http.Html;
import coop.entraide.node.identity.Actor;
import java.time.format.DateTimeFormatter;

/** What a browser sees at the id of one of our objects: a small page without scripts or external assets. */
final class ObjectPage {
    private ObjectPage() {
    }

    static String render(StoredObject object, Actor author, String authority) {
        String handle = "@" + author.username() + "@" + authority;
        String published = DateTimeFormatter.ISO_INSTANT.format(object.publishedAt().toInstant());
        // content_html was sanitised when it was stored.
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s (%s)</title>
                <link rel="alternate" type="application/activity+json" href="%s">
                <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
                .meta{color:#555;font-size:.9rem}</style>
                </head>
                <body>
                <main>
                <article>
                <p class="meta"><a href="%s">%s</a> %s · <time datetime="%s">%s</time></p>
                %s
                <div class="content">%s</div>
                </article>
                </main>
                </body>
                </html>
                """.formatted(
                Html.escape(author.displayName()), Html.escape(handle), Html.escape(object.uri()),
                Html.escape(author.uri()), Html.escape(author.displayName()), Html.escape(handle),
                Html.escape(published), Html.escape(published),
                object.name() == null ? "" : "<h1>" + Html.escape(object.name()) + "</h1>",
                object.contentHtml());
    }

    static String gone() {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Deleted</title></head>
                <body><main><p>This was deleted by its author.</p></main></body></html>
                """;
    }
}
