package coop.entraide.node.offers;

import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import coop.entraide.protocol.offers.Category;
import coop.entraide.protocol.offers.Condition;
import coop.entraide.protocol.offers.OfferKind;
import coop.entraide.protocol.offers.VocabularyTerm;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /api/v1/offer-vocabulary}: the kinds, categories and conditions an offer may have, each
 * with its key and its labels in every language offers are written in. Clients build their
 * selects from it, so that a category added to the node shows up without a new client.
 */
final class OfferVocabularyRoutes implements Routes {
    private static final String[] LANGUAGES = {"fr", "en"};

    private final JsonObject vocabulary = new JsonObject()
            .put("kinds", list(OfferKind.values()))
            .put("categories", list(Category.values()))
            .put("conditions", list(Condition.values()));

    @Override
    public void mount(Router router) {
        router.get("/api/v1/offer-vocabulary").handler(ctx -> JsonApi.send(ctx, 200, vocabulary));
    }

    private static JsonArray list(VocabularyTerm[] terms) {
        JsonArray items = new JsonArray();
        for (VocabularyTerm term : terms) {
            JsonObject labels = new JsonObject();
            for (String language : LANGUAGES) {
                labels.put(language, term.label(language));
            }
            items.add(new JsonObject().put("key", term.key()).put("label", labels));
        }
        return items;
    }
}
