package coop.entraide.node.identity;

import coop.entraide.node.http.Html;

/**
 * What a browser sees at an actor's id: a small self-contained page (no scripts, no external
 * assets) naming the actor, with a link to its ActivityStreams document for curious readers.
 */
public final class ActorPage {
    private ActorPage() {
    }

    public static String render(Actor actor, String authority) {
        String handle = "@" + actor.username() + "@" + authority;
        String kind = switch (actor.type()) {
            case GROUP -> "Collective";
            case PERSON -> "Member";
            case APPLICATION, SERVICE -> "Entraide node";
            case ORGANIZATION -> "Organisation";
        };
        // The summary is HTML that this node produced from escaped plain text: safe to embed.
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s (%s)</title>
                <link rel="alternate" type="application/activity+json" href="%s">
                <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
                .kind{color:#555;text-transform:uppercase;font-size:.8rem;letter-spacing:.05em}.handle{color:#555}</style>
                </head>
                <body>
                <main>
                <p class="kind">%s</p>
                <h1>%s</h1>
                <p class="handle">%s</p>
                <div class="summary">%s</div>
                <p>Follow %s from any ActivityPub server, such as Mastodon, by searching for this address.</p>
                </main>
                </body>
                </html>
                """.formatted(
                Html.escape(actor.displayName()), Html.escape(handle), Html.escape(actor.uri()),
                Html.escape(kind), Html.escape(actor.displayName()), Html.escape(handle),
                actor.local() ? actor.summary() : "", Html.escape(handle));
    }
}
