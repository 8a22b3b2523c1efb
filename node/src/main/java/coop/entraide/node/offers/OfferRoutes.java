package coop.entraide.node.offers;

import coop.entraide.node.accounts.Authenticator;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import coop.entraide.protocol.offers.Category;
import coop.entraide.protocol.offers.CoarseLocation;
import coop.entraide.protocol.offers.OfferKind;
import coop.entraide.protocol.offers.OfferState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The offers API (JSON; errors are RFC 9457 problems):
 * <ul>
 *   <li>{@code GET /api/v1/offers?q=&kind=&category=&state=&collective=&near=lat,lon&within_km=&sort=&limit=&cursor=}</li>
 *   <li>{@code POST /api/v1/offers}, {@code GET|PATCH|DELETE /api/v1/offers/{id}} (DELETE withdraws)</li>
 *   <li>{@code POST|GET /api/v1/offers/{id}/transitions} ({@code {"to": "lent"}}), {@code POST .../return}</li>
 *   <li>{@code POST|GET /api/v1/offers/{id}/responses}, {@code POST .../responses/{rid}/accept|decline}</li>
 *   <li>{@code POST /api/v1/offers/{id}/feedback}, {@code GET /api/v1/members/{username}/feedback}</li>
 *   <li>{@code GET /api/v1/me/offers} ({@link OwnOffersRoutes}), {@code GET /api/v1/offer-vocabulary}
 *       ({@link OfferVocabularyRoutes})</li>
 * </ul>
 */
public final class OfferRoutes implements Routes {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 50;
    static final double DEFAULT_WITHIN_KM = 10;

    private final OfferService service;
    private final Authenticator auth;
    private final OfferSearch search;

    public OfferRoutes(OfferService service, Authenticator auth) {
        this.service = service;
        this.auth = auth;
        this.search = new OfferSearch(service.offers());
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/offers").handler(auth::optional).handler(this::search);
        router.post("/api/v1/offers").handler(auth::require).handler(this::create);
        router.get("/api/v1/offers/:id").handler(auth::optional).handler(this::get);
        router.patch("/api/v1/offers/:id").handler(auth::require).handler(this::edit);
        router.delete("/api/v1/offers/:id").handler(auth::require).handler(this::withdraw);
        router.post("/api/v1/offers/:id/transitions").handler(auth::require).handler(this::transition);
        router.get("/api/v1/offers/:id/transitions").handler(auth::optional).handler(this::history);
        router.post("/api/v1/offers/:id/return").handler(auth::require).handler(this::returned);
        router.post("/api/v1/offers/:id/responses").handler(auth::require).handler(this::respond);
        router.get("/api/v1/offers/:id/responses").handler(auth::require).handler(this::responses);
        router.post("/api/v1/offers/:id/responses/:rid/accept").handler(auth::require).handler(this::accept);
        router.post("/api/v1/offers/:id/responses/:rid/decline").handler(auth::require).handler(this::decline);
        router.post("/api/v1/offers/:id/feedback").handler(auth::require).handler(this::feedback);
        router.get("/api/v1/members/:username/feedback").handler(this::feedbackAbout);
        new OwnOffersRoutes(service, auth).mount(router);
        new OfferVocabularyRoutes().mount(router);
    }

    private static Viewer viewer(RoutingContext ctx) {
        return Viewer.of(Authenticator.current(ctx).member());
    }

    private static Optional<Viewer> maybeViewer(RoutingContext ctx) {
        return Authenticator.find(ctx).map(a -> Viewer.of(a.member()));
    }

    private static UUID id(RoutingContext ctx, String param) {
        UUID id = OfferRequests.uuid(ctx.pathParam(param));
        if (id == null) {
            throw ApiException.notFound("There is nothing with this id.");
        }
        return id;
    }

    private static <T> void reply(RoutingContext ctx, Future<T> result, int status, Function<T, JsonObject> body) {
        result.onSuccess(value -> JsonApi.send(ctx, status, body.apply(value))).onFailure(ctx::fail);
    }

    private JsonObject offer(Offer o) {
        return OfferJson.offer(o, service.as());
    }

    private void create(RoutingContext ctx) {
        OfferDraft draft = OfferRequests.draft(JsonApi.body(ctx));
        reply(ctx, service.create(viewer(ctx), draft), 201, this::offer);
    }

    private void get(RoutingContext ctx) {
        reply(ctx, service.get(maybeViewer(ctx), id(ctx, "id")), 200, this::offer);
    }

    private void edit(RoutingContext ctx) {
        reply(ctx, service.edit(viewer(ctx), id(ctx, "id"), JsonApi.body(ctx)), 200, this::offer);
    }

    private void withdraw(RoutingContext ctx) {
        reply(ctx, service.withdraw(viewer(ctx), id(ctx, "id")), 200, this::offer);
    }

    private void transition(RoutingContext ctx) {
        Object to = JsonApi.body(ctx).getValue("to");
        Optional<OfferState> state = to instanceof String s ? OfferState.parse(s) : Optional.empty();
        if (state.isEmpty()) {
            throw ApiException.invalid(List.of(new FieldError("to", "to must be one of available, lent, returned, "
                    + "given, swapped, sold, done, closed, withdrawn")));
        }
        reply(ctx, service.transition(viewer(ctx), id(ctx, "id"), state.get()), 200, this::offer);
    }

    private void returned(RoutingContext ctx) {
        reply(ctx, service.transition(viewer(ctx), id(ctx, "id"), OfferState.RETURNED), 200, this::offer);
    }

    private void history(RoutingContext ctx) {
        reply(ctx, service.history(maybeViewer(ctx), id(ctx, "id")), 200, list -> {
            JsonArray items = new JsonArray();
            list.forEach(t -> items.add(OfferJson.transition(t)));
            return new JsonObject().put("items", items);
        });
    }

    private void respond(RoutingContext ctx) {
        String message = OfferRequests.responseMessage(JsonApi.body(ctx));
        reply(ctx, service.respond(viewer(ctx), id(ctx, "id"), message), 201, OfferJson::response);
    }

    private void responses(RoutingContext ctx) {
        reply(ctx, service.responses(viewer(ctx), id(ctx, "id")), 200, list -> {
            JsonArray items = new JsonArray();
            list.forEach(r -> items.add(OfferJson.response(r)));
            return new JsonObject().put("items", items);
        });
    }

    private void accept(RoutingContext ctx) {
        reply(ctx, service.accept(viewer(ctx), id(ctx, "id"), id(ctx, "rid")), 200, this::offer);
    }

    private void decline(RoutingContext ctx) {
        reply(ctx, service.decline(viewer(ctx), id(ctx, "id"), id(ctx, "rid")), 200, OfferJson::response);
    }

    private void feedback(RoutingContext ctx) {
        String text = OfferRequests.feedback(JsonApi.body(ctx));
        reply(ctx, service.leaveFeedback(viewer(ctx), id(ctx, "id"), text), 201, v -> new JsonObject().put("text", text));
    }

    private void feedbackAbout(RoutingContext ctx) {
        Future<JsonObject> result = service.pool().withConnection(c -> c.preparedQuery(
                        "SELECT id FROM actors WHERE domain = '' AND lower(username) = lower($1) AND type = 'Person'")
                .execute(Tuple.of(ctx.pathParam("username"))))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(ApiException.notFound("There is no member with this name."))
                        : service.feedbackAbout(rows.iterator().next().getLong("id")))
                .map(list -> {
                    JsonArray items = new JsonArray();
                    list.forEach(f -> items.add(OfferJson.feedback(f)));
                    return new JsonObject().put("items", items);
                });
        reply(ctx, result, 200, Function.identity());
    }

    private void search(RoutingContext ctx) {
        List<FieldError> errors = new ArrayList<>();
        Set<OfferKind> kinds = keys(ctx, "kind", OfferKind::parse, OfferKind.class, errors);
        Set<Category> categories = keys(ctx, "category", Category::parse, Category.class, errors);
        Set<OfferState> states = keys(ctx, "state", OfferState::parse, OfferState.class, errors);
        if (states.isEmpty() && !ctx.queryParams().contains("state")) {
            states = EnumSet.of(OfferState.AVAILABLE);
        }
        String text = ctx.queryParams().get("q");
        if (text != null && text.length() > 200) {
            errors.add(new FieldError("q", "q must have at most 200 characters"));
        }
        OfferSearch.Near near = near(ctx, errors);
        OfferSearch.Sort sort = OfferSearch.Sort.NEWEST;
        String sortParam = ctx.queryParams().get("sort");
        if ("nearest".equals(sortParam)) {
            sort = OfferSearch.Sort.NEAREST;
            if (near == null && !errors.stream().anyMatch(e -> e.field().equals("near"))) {
                errors.add(new FieldError("near", "sorting by distance needs a point: near=latitude,longitude"));
            }
        } else if (sortParam != null && !"newest".equals(sortParam)) {
            errors.add(new FieldError("sort", "sort must be newest or nearest"));
        }
        int limit = DEFAULT_LIMIT;
        String limitParam = ctx.queryParams().get("limit");
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.add(new FieldError("limit", "limit must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        SearchCursor after = null;
        String cursor = ctx.queryParams().get("cursor");
        if (cursor != null) {
            Optional<SearchCursor> decoded = SearchCursor.decode(cursor);
            if (decoded.isEmpty() || decoded.get().sort() != sort) {
                errors.add(new FieldError("cursor", "cursor must be a next_cursor from the same search"));
            } else {
                after = decoded.get();
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String collective = ctx.queryParams().get("collective");
        Optional<Viewer> viewer = maybeViewer(ctx);
        Set<OfferState> chosenStates = states;
        int chosenLimit = limit;
        OfferSearch.Sort chosenSort = sort;
        SearchCursor chosenAfter = after;
        Future<Long> collectiveId = collective == null ? Future.succeededFuture(null) : collectiveId(collective);
        Future<OfferSearch.Page> page = collectiveId.compose(cid -> service.pool().withConnection(c -> search.search(c,
                new OfferSearch.Query(text, kinds, categories, chosenStates, cid, near, chosenSort, chosenLimit,
                        chosenAfter), viewer)));
        reply(ctx, page, 200, p -> {
            JsonArray items = new JsonArray();
            for (int i = 0; i < p.offers().size(); i++) {
                JsonObject item = offer(p.offers().get(i));
                Double distance = p.distances().get(i);
                if (distance != null) {
                    item.put("distance_km", Math.round(distance * 10) / 10.0);
                }
                items.add(item);
            }
            return new JsonObject().put("items", items).put("next_cursor", p.nextCursor().orElse(null));
        });
    }

    private Future<Long> collectiveId(String collective) {
        return service.pool().withConnection(c -> c.preparedQuery("""
                        SELECT id FROM actors WHERE type = 'Group'
                          AND (uri = $1 OR (domain = '' AND lower(username) = lower($1)))""")
                .execute(Tuple.of(collective)))
                .map(rows -> rows.size() == 0 ? -1L : rows.iterator().next().getLong("id"));
    }

    private static OfferSearch.Near near(RoutingContext ctx, List<FieldError> errors) {
        String near = ctx.queryParams().get("near");
        if (near == null) {
            return null;
        }
        String[] parts = near.split(",");
        double within = DEFAULT_WITHIN_KM;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            double latitude = Double.parseDouble(parts[0].strip());
            double longitude = Double.parseDouble(parts[1].strip());
            if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
                throw new NumberFormatException();
            }
            String withinParam = ctx.queryParams().get("within_km");
            if (withinParam != null) {
                within = Double.parseDouble(withinParam);
                if (!(within > 0 && within <= 500)) {
                    errors.add(new FieldError("within_km", "within_km must be a distance from 0 to 500"));
                    return null;
                }
            }
            return new OfferSearch.Near(CoarseLocation.round(latitude), CoarseLocation.round(longitude), within);
        } catch (NumberFormatException e) {
            errors.add(new FieldError("near", "near must be latitude,longitude such as 45.77,4.83"));
            return null;
        }
    }

    private static <E extends Enum<E>> Set<E> keys(RoutingContext ctx, String name, Function<String, Optional<E>> parse,
            Class<E> type, List<FieldError> errors) {
        Set<E> values = EnumSet.noneOf(type);
        for (String param : ctx.queryParams().getAll(name)) {
            for (String key : param.split(",")) {
                if (key.isBlank()) {
                    continue;
                }
                Optional<E> value = parse.apply(key.strip());
                if (value.isEmpty()) {
                    errors.add(new FieldError(name, "unknown " + name + ": " + key.strip()));
                } else {
                    values.add(value.get());
                }
            }
        }
        return values;
    }
}
