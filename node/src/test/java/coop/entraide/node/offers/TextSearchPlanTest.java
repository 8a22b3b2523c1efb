package coop.entraide.node.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

/** The choice between walking the newest offers and reading the text index, from estimates alone. */
class TextSearchPlanTest {
    private static final int PAGE = 21;

    @Test
    void commonWordIsFoundByWalkingTheNewestOffers() {
        // A word in a fifth of a million offers, a kind filter: about 3 % of offers match.
        TextSearchPlan plan = TextSearchPlan.byCost(new TextSearchPlan.Estimate(1_000_000, 185_000, 28_000), PAGE);
        assertEquals(TextSearchPlan.Route.RECENT_FIRST, plan.route());
        assertEquals(TextSearchPlan.MIN_WINDOW, plan.window(), "750 offers to walk, at least the minimum room");
        assertTrue(plan.candidates() >= TextSearchPlan.MIN_CANDIDATES, plan.toString());
    }

    @Test
    void twoCommonWordsAndTwoFiltersStillWalkWithRoomForAWrongEstimate() {
        TextSearchPlan plan = TextSearchPlan.byCost(new TextSearchPlan.Estimate(1_000_000, 34_000, 460), PAGE);
        assertEquals(TextSearchPlan.Route.RECENT_FIRST, plan.route());
        assertEquals((long) Math.ceil(PAGE * 1_000_000 / 460.0 * TextSearchPlan.MARGIN), plan.window());
    }

    @Test
    void rareWordIsReadFromTheTextIndex() {
        TextSearchPlan plan = TextSearchPlan.byCost(new TextSearchPlan.Estimate(1_000_000, 120, 15), PAGE);
        assertEquals(TextSearchPlan.textIndex(), plan);
    }

    @Test
    void commonWordWithAVeryRareFilterWalksEverythingRatherThanReadItsMatches() {
        // Walking the whole index (0.15 s) beats reading 185,000 rows for their filters (0.65 s).
        TextSearchPlan plan = TextSearchPlan.byCost(new TextSearchPlan.Estimate(1_000_000, 185_000, 3), PAGE);
        assertEquals(TextSearchPlan.recentFirst(TextSearchPlan.UNBOUNDED, TextSearchPlan.UNBOUNDED), plan);
    }

    @Test
    void smallNodeWalksEverythingAndNeverFallsBack() {
        TextSearchPlan plan = TextSearchPlan.byCost(new TextSearchPlan.Estimate(300, 90, 30), PAGE);
        assertEquals(TextSearchPlan.recentFirst(TextSearchPlan.UNBOUNDED, TextSearchPlan.UNBOUNDED), plan);
    }

    @Test
    void nonsenseEstimatesAreClampedNotDividedByZero() {
        assertEquals(TextSearchPlan.textIndex(), TextSearchPlan.byCost(new TextSearchPlan.Estimate(0, 0, 0), PAGE));
        assertEquals(TextSearchPlan.recentFirst(TextSearchPlan.MIN_WINDOW, TextSearchPlan.MIN_CANDIDATES),
                TextSearchPlan.byCost(new TextSearchPlan.Estimate(1_000_000, 2_000_000, 5_000_000), PAGE));
    }

    @Test
    void estimatesAreReadFromTheThreeBranchesOfThePlan() {
        JsonArray explained = new JsonArray("""
                [{"Plan": {"Node Type": "Append", "Plan Rows": 1200,
                  "Plans": [{"Node Type": "Index Only Scan", "Plan Rows": 1000},
                            {"Node Type": "Bitmap Heap Scan", "Plan Rows": 150},
                            {"Node Type": "Bitmap Heap Scan", "Plan Rows": 50}]}}]""");
        assertEquals(new TextSearchPlan.Estimate(1000, 150, 50), OfferSearch.estimateFrom(explained));
        assertEquals(new TextSearchPlan.Estimate(1000, 150, 50), OfferSearch.estimateFrom(explained.encode()));
    }

    @Test
    void unreadablePlanCountsAsRareWordsSoTheTextIndexAnswers() {
        TextSearchPlan.Estimate unknown = new TextSearchPlan.Estimate(1, 1, 1);
        assertEquals(TextSearchPlan.textIndex(), TextSearchPlan.byCost(unknown, PAGE));
        assertEquals(unknown, OfferSearch.estimateFrom(new JsonArray("[{\"Plan\": {\"Node Type\": \"Result\"}}]")));
        assertEquals(unknown, OfferSearch.estimateFrom("not json"));
        assertEquals(unknown, OfferSearch.estimateFrom(null));
    }
}
