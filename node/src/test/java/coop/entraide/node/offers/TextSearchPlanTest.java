package coop.entraide.node.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

/** The choice between walking the newest offers and reading the text index, from estimates alone. */
class TextSearchPlanTest {
    private static final int PAGE = 21;
    /** What PostgreSQL guesses for a word it has no statistics on: 0.5 % of a million offers. */
    private static final double UNKNOWN = 5_000;

    private static TextSearchPlan plan(double offers, double textMatches, double matches) {
        return TextSearchPlan.byCost(new TextSearchPlan.Estimate(offers, textMatches, matches, UNKNOWN, offers), PAGE);
    }

    @Test
    void commonWordIsFoundByWalkingTheNewestOffers() {
        // A word in a fifth of a million offers, a kind filter: about 3 % of offers match.
        TextSearchPlan plan = plan(1_000_000, 185_000, 28_000);
        assertEquals(TextSearchPlan.Route.RECENT_FIRST, plan.route());
        assertEquals(TextSearchPlan.UNBOUNDED, plan.window(), "reading the text index would cost more than any walk");
        assertEquals((long) Math.ceil(185_000 * TextSearchPlan.TEXT_MATCH_US / TextSearchPlan.ROW_CHECK_US),
                plan.candidates());
    }

    @Test
    void twoCommonWordsAndTwoFiltersWalkWithRoomForAWrongEstimate() {
        TextSearchPlan plan = plan(1_000_000, 34_000, 460);
        assertEquals(TextSearchPlan.Route.RECENT_FIRST, plan.route());
        long expectedWalk = PAGE * 1_000_000L / 460;
        assertTrue(plan.window() > 4 * expectedWalk && plan.window() < 1_000_000, plan.toString());
        assertTrue(plan.candidates() > 4 * (PAGE * 1_000_000L / 34_000), plan.toString());
    }

    @Test
    void wordsTheStatisticsDoNotListAreReadFromTheTextIndex() {
        // French or English: 1 - (1 - 0.005)^2 of a million.
        assertEquals(TextSearchPlan.textIndex(), plan(1_000_000, 9_975, 1_500));
        assertEquals(TextSearchPlan.textIndex(), plan(1_000_000, 120, 15));
    }

    @Test
    void wordsFoundInFewOffersAreReadFromTheTextIndex() {
        // Known to the statistics, but a page needs a long walk: 12,000 rows read beat it.
        assertEquals(TextSearchPlan.textIndex(), plan(1_000_000, 12_000, 40));
    }

    @Test
    void oneCategoryIsWalkedAloneWhileTheTextIndexWouldReadTheMatchesOfAll() {
        // 90,000 offers of one category, 6,000 of them with the words; 68,000 in all categories.
        TextSearchPlan plan = TextSearchPlan.byCost(
                new TextSearchPlan.Estimate(90_000, 6_000, 1_000, 450, 1_000_000), PAGE);
        assertEquals(TextSearchPlan.Route.RECENT_FIRST, plan.route());
        assertEquals(TextSearchPlan.UNBOUNDED, plan.window(), "the category's offers cost less than the matches");
        assertEquals((long) Math.ceil(6_000 * (1_000_000 / 90_000.0) * TextSearchPlan.TEXT_MATCH_US
                / TextSearchPlan.ROW_CHECK_US), plan.candidates());
    }

    @Test
    void commonWordWithAVeryRareFilterWalksEverythingRatherThanReadItsMatches() {
        // Walking the whole index (0.15 s) beats reading 185,000 rows for their filters (0.65 s).
        TextSearchPlan plan = plan(1_000_000, 185_000, 3);
        assertEquals(TextSearchPlan.Route.RECENT_FIRST, plan.route());
        assertEquals(TextSearchPlan.UNBOUNDED, plan.window());
    }

    @Test
    void smallNodeWalksEverythingAndNeverFallsBack() {
        TextSearchPlan plan = TextSearchPlan.byCost(new TextSearchPlan.Estimate(300, 90, 30, 2, 300), PAGE);
        assertEquals(TextSearchPlan.recentFirst(TextSearchPlan.UNBOUNDED, TextSearchPlan.UNBOUNDED), plan);
    }

    @Test
    void nonsenseEstimatesAreClampedNotDividedByZero() {
        assertEquals(TextSearchPlan.textIndex(),
                TextSearchPlan.byCost(new TextSearchPlan.Estimate(0, 0, 0, 0, 0), PAGE));
        TextSearchPlan plan = TextSearchPlan.byCost(
                new TextSearchPlan.Estimate(1_000_000, 2_000_000, 5_000_000, UNKNOWN, 1_000_000), PAGE);
        assertEquals(TextSearchPlan.Route.RECENT_FIRST, plan.route());
    }

    @Test
    void estimatesAreReadFromTheFiveBranchesOfThePlan() {
        JsonArray explained = new JsonArray("""
                [{"Plan": {"Node Type": "Append", "Plan Rows": 1200,
                  "Plans": [{"Node Type": "Index Only Scan", "Plan Rows": 1000},
                            {"Node Type": "Bitmap Heap Scan", "Plan Rows": 150},
                            {"Node Type": "Bitmap Heap Scan", "Plan Rows": 50},
                            {"Node Type": "Bitmap Heap Scan", "Plan Rows": 5},
                            {"Node Type": "Index Only Scan", "Plan Rows": 6000}]}}]""");
        TextSearchPlan.Estimate expected = new TextSearchPlan.Estimate(1000, 150, 50, 5, 6000);
        assertEquals(expected, OfferSearch.estimateFrom(explained));
        assertEquals(expected, OfferSearch.estimateFrom(explained.encode()));
    }

    @Test
    void unreadablePlanCountsAsRareWordsSoTheTextIndexAnswers() {
        TextSearchPlan.Estimate unknown = new TextSearchPlan.Estimate(1, 1, 1, 1, 1);
        assertEquals(TextSearchPlan.textIndex(), TextSearchPlan.byCost(unknown, PAGE));
        assertEquals(unknown, OfferSearch.estimateFrom(new JsonArray("[{\"Plan\": {\"Node Type\": \"Result\"}}]")));
        assertEquals(unknown, OfferSearch.estimateFrom("not json"));
        assertEquals(unknown, OfferSearch.estimateFrom(null));
    }
}
