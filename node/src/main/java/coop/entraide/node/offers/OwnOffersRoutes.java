package coop.entraide.node.offers;

import coop.entraide.node.accounts.Authenticator;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/me/offers?limit=&cursor=}: the signed-in member's own offers, newest first and
 * in every state (withdrawn ones too), each with the number of responses still waiting for an
 * answer, so that the author sees at a glance where someone is waiting. Keyset pagination with the
 * search's cursor.
 */
final class OwnOffersRoutes implements Routes {
    private final OfferService service;
    private final Authenticator auth;

    OwnOffersRoutes(OfferService service, Authenticator auth) {
        this.service = service;
        this.auth = auth;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/me/offers").handler(auth::require).handler(this::list);
    }

    private record Page(List<Offer> offers, Map<Long, Integer> pending, Optional<String> next) {
    }

    private void list(RoutingContext ctx) {
        int limit = limit(ctx.queryParams().get("limit"));
        SearchCursor after = cursor(ctx.queryParams().get("cursor"));
        long author = Authenticator.current(ctx).member().id();
        service.pool().withConnection(c -> page(c, author, after, limit))
                .onSuccess(page -> JsonApi.send(ctx, 200, json(page)))
                .onFailure(ctx::fail);
    }

    private Future<Page> page(SqlClient c, long author, SearchCursor after, int limit) {
        String keyset = after == null ? "" : " AND (o.published_at, o.id) < ($3, $4)";
        Tuple params = Tuple.of(author, limit + 1);
        if (after != null) {
            params.addValue(after.publishedAt()).addValue(after.id());
        }
        return c.preparedQuery("SELECT " + Offer.COLUMNS + " FROM " + Offer.FROM
                        + " WHERE o.author_id = $1 AND o.deleted_at IS NULL" + keyset
                        + " ORDER BY o.published_at DESC, o.id DESC LIMIT $2")
                .execute(params)
                .compose(rows -> {
                    List<Offer> found = new ArrayList<>();
                    rows.forEach(row -> found.add(Offer.fromRow(row)));
                    boolean more = found.size() > limit;
                    List<Offer> offers = more ? List.copyOf(found.subList(0, limit)) : List.copyOf(found);
                    Optional<String> next = more
                            ? Optional.of(SearchCursor.after(OfferSearch.Sort.NEWEST, offers.get(offers.size() - 1), null)
                                    .encode())
                            : Optional.empty();
                    return service.offers().withPhotos(c, offers)
                            .compose(withPhotos -> pending(c, withPhotos).map(p -> new Page(withPhotos, p, next)));
                });
    }

    private static Future<Map<Long, Integer>> pending(SqlClient c, List<Offer> offers) {
        if (offers.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        Long[] ids = offers.stream().map(Offer::id).toArray(Long[]::new);
        return c.preparedQuery("""
                        SELECT offer_id, count(*) AS waiting FROM offer_responses
                        WHERE offer_id = ANY($1) AND state = 'pending' GROUP BY offer_id""")
                .execute(Tuple.tuple().addValue(ids))
                .map(rows -> {
                    Map<Long, Integer> counts = new HashMap<>();
                    for (Row row : rows) {
                        counts.put(row.getLong("offer_id"), row.getLong("waiting").intValue());
                    }
                    return counts;
                });
    }

    private JsonObject json(Page page) {
        JsonArray items = new JsonArray();
        for (Offer o : page.offers()) {
            items.add(OfferJson.offer(o, service.as()).put("pending_responses", page.pending().getOrDefault(o.id(), 0)));
        }
        return new JsonObject().put("items", items).put("next_cursor", page.next().orElse(null));
    }

    private static int limit(String text) {
        if (text == null) {
            return OfferRoutes.DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= OfferRoutes.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.invalid(List.of(new FieldError("limit",
                "limit must be a whole number from 1 to " + OfferRoutes.MAX_LIMIT)));
    }

    private static SearchCursor cursor(String text) {
        if (text == null) {
            return null;
        }
        Optional<SearchCursor> decoded = SearchCursor.decode(text);
        if (decoded.isEmpty() || decoded.get().sort() != OfferSearch.Sort.NEWEST) {
            throw ApiException.invalid(List.of(new FieldError("cursor", "cursor must be a next_cursor from this list")));
        }
        return decoded.get();
    }
}
