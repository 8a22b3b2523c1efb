package coop.entraide.node.offers;

import coop.entraide.node.Uris;
import coop.entraide.node.http.Html;
import coop.entraide.node.http.MediaType;
import coop.entraide.node.http.Negotiation;
import coop.entraide.node.http.Routes;
import coop.entraide.protocol.as.AsJson;
import coop.entraide.protocol.as.Entraide;
import coop.entraide.protocol.offers.Category;
import coop.entraide.protocol.offers.OfferKind;
import coop.entraide.protocol.offers.OfferState;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What people and servers reach without the API: an offer's id dereferences to its page (with
 * Open Graph tags, for links shared on the fediverse) or, for {@code application/activity+json},
 * its ActivityStreams document; {@code /offers} lists public offers, {@code /tags/{name}} those of a
 * kind or category; each collective has an Atom feed; {@code /ns} serves the context of Entraide's
 * terms. Only public offers are shown here.
 */
public final class OfferPages implements Routes {
    private static final List<MediaType> OFFER_TYPES =
            List.of(MediaType.HTML, MediaType.ACTIVITY_JSON, MediaType.LD_JSON_AS, MediaType.JSON);
    private static final String CSP = "default-src 'none'; img-src 'self' https: data:; style-src 'unsafe-inline'";

    private final OfferService service;
    private final OfferSearch search;
    private final Uris uris;

    public OfferPages(OfferService service) {
        this.service = service;
        this.search = new OfferSearch(service.offers());
        this.uris = service.uris();
    }

    @Override
    public void mount(Router router) {
        router.get("/ns").handler(this::vocabulary);
        router.get("/offers").handler(ctx -> list(ctx, EnumSet.noneOf(OfferKind.class), EnumSet.noneOf(Category.class),
                ctx.queryParams().get("q"), "Offres"));
        router.get("/offers/:id").handler(this::offer);
        router.get("/tags/:name").handler(this::tag);
        router.get("/c/:name/offers.atom").handler(this::feed);
    }

    private void vocabulary(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", "application/ld+json; charset=utf-8")
                .putHeader("Cache-Control", "public, max-age=86400")
                .putHeader("Access-Control-Allow-Origin", "*")
                .end(AsJson.toString(Entraide.contextDocument()));
    }

    private void offer(RoutingContext ctx) {
        ctx.response().putHeader("Vary", "Accept");
        Optional<MediaType> type = Negotiation.choose(ctx.request().getHeader("Accept"), OFFER_TYPES);
        if (type.isEmpty()) {
            ctx.fail(406);
            return;
        }
        UUID id = OfferRequests.uuid(ctx.pathParam("id"));
        if (id == null) {
            ctx.fail(404);
            return;
        }
        service.get(Optional.empty(), id).onSuccess(offer -> {
            if (!offer.local()) {
                // Someone else's offer: its page is at its origin.
                ctx.response().setStatusCode(302).putHeader("Location", offer.uri()).end();
            } else if (type.get().isJson()) {
                service.document(offer).onSuccess(document -> ctx.response()
                                .putHeader("Content-Type", type.get().contentType())
                                .end(AsJson.toString(document)))
                        .onFailure(ctx::fail);
            } else {
                html(ctx, page(offer));
            }
        }).onFailure(e -> ctx.fail(404));
    }

    private void tag(RoutingContext ctx) {
        String name = ctx.pathParam("name").toLowerCase(java.util.Locale.ROOT);
        Set<OfferKind> kinds = EnumSet.noneOf(OfferKind.class);
        Set<Category> categories = EnumSet.noneOf(Category.class);
        OfferKind.parse(name).ifPresent(kinds::add);
        Category.parse(name).ifPresent(categories::add);
        if (kinds.isEmpty() && categories.isEmpty()) {
            ctx.fail(404);
            return;
        }
        list(ctx, kinds, categories, null, "#" + name);
    }

    private void list(RoutingContext ctx, Set<OfferKind> kinds, Set<Category> categories, String text, String heading) {
        OfferSearch.Query query = new OfferSearch.Query(text == null || text.length() > 200 ? null : text, kinds,
                categories, EnumSet.of(OfferState.AVAILABLE), null, null, OfferSearch.Sort.NEWEST, 50, null);
        service.pool().withConnection(c -> search.search(c, query, Optional.empty())).onSuccess(page -> {
            StringBuilder items = new StringBuilder("<ul>");
            for (Offer o : page.offers()) {
                items.append("<li><a href=\"").append(Html.escape(o.uri())).append("\">")
                        .append(Html.escape(o.kind().label(o.language()))).append(" · ")
                        .append(Html.escape(o.title())).append("</a></li>");
            }
            items.append("</ul>");
            html(ctx, "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>" + Html.escape(heading)
                    + "</title><meta name=\"viewport\" content=\"width=device-width\"></head><body><h1>"
                    + Html.escape(heading) + "</h1>" + items + "</body></html>");
        }).onFailure(ctx::fail);
    }

    private String page(Offer o) {
        String lang = Html.escape(o.language());
        String title = o.kind().label(o.language()) + " · " + o.title();
        String description = coop.entraide.protocol.html.Sanitizer.toPlainText(o.descriptionHtml(), 200);
        StringBuilder head = new StringBuilder()
                .append("<meta property=\"og:type\" content=\"website\">")
                .append("<meta property=\"og:title\" content=\"").append(Html.escape(title)).append("\">")
                .append("<meta property=\"og:description\" content=\"").append(Html.escape(description)).append("\">")
                .append("<meta property=\"og:url\" content=\"").append(Html.escape(o.uri())).append("\">")
                .append("<meta property=\"og:locale\" content=\"").append(o.language().startsWith("fr") ? "fr_FR" : "en_GB")
                .append("\">")
                .append("<link rel=\"alternate\" type=\"application/activity+json\" href=\"").append(Html.escape(o.uri()))
                .append("\">");
        if (!o.photos().isEmpty()) {
            Offer.Photo p = o.photos().get(0);
            head.append("<meta property=\"og:image\" content=\"").append(Html.escape(service.as().photoUrl(p)))
                    .append("\"><meta property=\"og:image:alt\" content=\"").append(Html.escape(p.alt())).append("\">");
        }
        StringBuilder body = new StringBuilder("<h1>").append(Html.escape(title)).append("</h1>")
                .append("<p>").append(Html.escape(o.state().key())).append("</p>")
                .append("<div>").append(o.descriptionHtml()).append("</div>");
        if (o.price() != null) {
            body.append("<p>").append(Html.escape(o.price().toString())).append("</p>");
        }
        if (o.neighbourhood() != null) {
            body.append("<p>").append(Html.escape(o.neighbourhood())).append("</p>");
        }
        for (Offer.Photo p : o.photos()) {
            body.append("<img src=\"").append(Html.escape(service.as().previewUrl(p))).append("\" alt=\"")
                    .append(Html.escape(p.alt())).append("\">");
        }
        body.append("<p><a href=\"").append(Html.escape(o.authorUri())).append("\">")
                .append(Html.escape(o.authorName() == null || o.authorName().isBlank() ? o.authorUsername() : o.authorName()))
                .append("</a></p>");
        return "<!doctype html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title><meta name=\"viewport\" content=\"width=device-width\">" + head + "</head><body>" + body
                + "</body></html>";
    }

    private void feed(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Future<Optional<Long>> collective = service.pool().withConnection(c -> c.preparedQuery(
                        "SELECT id FROM actors WHERE domain = '' AND lower(username) = lower($1) AND type = 'Group'")
                .execute(Tuple.of(name)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id")));
        collective.compose(id -> id.isEmpty() ? Future.succeededFuture(null)
                        : service.pool().withConnection(c -> search.search(c, new OfferSearch.Query(null,
                                EnumSet.noneOf(OfferKind.class), EnumSet.noneOf(Category.class),
                                EnumSet.noneOf(OfferState.class), id.get(), null, OfferSearch.Sort.NEWEST, 50, null),
                        Optional.empty())))
                .onSuccess(page -> {
                    if (page == null) {
                        ctx.fail(404);
                        return;
                    }
                    ctx.response().putHeader("Content-Type", "application/atom+xml; charset=utf-8")
                            .end(atom(name, page.offers()));
                })
                .onFailure(ctx::fail);
    }

    private String atom(String collective, List<Offer> offers) {
        String self = uris.offersFeed(collective);
        String updated = offers.isEmpty() ? "1970-01-01T00:00:00Z"
                : DateTimeFormatter.ISO_INSTANT.format(offers.get(0).publishedAt().toInstant());
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">")
                .append("<id>").append(Html.escape(self)).append("</id>")
                .append("<title>").append(Html.escape(collective)).append("</title>")
                .append("<link rel=\"self\" href=\"").append(Html.escape(self)).append("\"/>")
                .append("<link rel=\"alternate\" href=\"").append(Html.escape(uris.collective(collective))).append("\"/>")
                .append("<updated>").append(updated).append("</updated>");
        for (Offer o : offers) {
            xml.append("<entry><id>").append(Html.escape(o.uri())).append("</id>")
                    .append("<title>").append(Html.escape(o.kind().label(o.language()) + " · " + o.title()))
                    .append("</title>")
                    .append("<link href=\"").append(Html.escape(o.uri())).append("\"/>")
                    .append("<published>").append(o.publishedAt().toInstant()).append("</published>")
                    .append("<updated>").append((o.updatedAt() == null ? o.publishedAt() : o.updatedAt()).toInstant())
                    .append("</updated>")
                    .append("<author><name>").append(Html.escape(o.authorUsername())).append("</name><uri>")
                    .append(Html.escape(o.authorUri())).append("</uri></author>")
                    .append("<category term=\"").append(o.kind().key()).append("\"/>")
                    .append("<category term=\"").append(o.category().key()).append("\"/>")
                    .append("<content type=\"html\">").append(Html.escape(o.descriptionHtml())).append("</content>")
                    .append("</entry>");
        }
        return xml.append("</feed>").toString();
    }

    private static void html(RoutingContext ctx, String page) {
        ctx.response()
                .putHeader("Content-Type", MediaType.HTML.contentType())
                .putHeader("Content-Security-Policy", CSP)
                .end(page);
    }
}
