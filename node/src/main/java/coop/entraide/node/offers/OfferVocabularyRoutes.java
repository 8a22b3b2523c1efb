package coop.entraide.node.offers;

import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import coop.entraide.protocol.offers.Category;
import coop.entraide.protocol.offers.Condition;
import coop.entraide.protocol.offers.OfferKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.Function;

/**
 * {@code GET /api/v1/offer-vocabulary}: the kinds, categories and conditions an offer may have, each
 * with its key and its labels in every language offers are written in. Clients build their
 * selects from it, so that a category added to the node shows up without a new client.
 */
final class OfferVocabularyRoutes implements Routes {
    private static final String[] LANGUAGES = {"fr", "en"};

    private final JsonObject vocabulary = new JsonObject()
            .put("kinds", list(OfferKind.values(), OfferKind::key, k -> k::label))
            .put("categories", list(Category.values(), Category::key, c -> c::label))
            .put("conditions", list(Condition.values(), Condition::key, c -> c::label));

    @Override
    public void mount(Router router) {
        router.get("/api/v1/offer-vocabulary").handler(ctx -> JsonApi.send(ctx, 200, vocabulary));
    }

    private static <T> JsonArray list(T[] values, Function<T, String> key, Function<T, Function<String, String>> label) {
        JsonArray items = new JsonArray();
        for (T value : values) {
            JsonObject labels = new JsonObject();
            for (String language : LANGUAGES) {
                labels.put(language, label.apply(value).apply(language));
            }
            items.add(new JsonObject().put("key", key.apply(value)).put("label", labels));
        }
        return items;
    }
}
