package coop.entraide.node.offers;

/**
 * How a newest-first text search is answered, chosen from PostgreSQL's own row estimates.
 *
 * <p>Two ways give the same offers at very different costs. {@link Route#RECENT_FIRST} walks the
 * offers newest first (from the index alone for kind, category, state and visibility), reads the
 * row of each one that passes them to test its text, and stops at the first page-full of matches:
 * cheap when matches are dense, ruinous when they are rare. {@link Route#TEXT_INDEX} reads every
 * match from the full-text index, checks it, and keeps the newest: cheap when the words are rare,
 * slow for a word found in a fifth of all offers. The planner cannot weigh the walk as we run it,
 * and a cached generic plan does not even know the words, so the choice is made here, per search,
 * from the estimates and the measured unit costs below.
 *
 * <p>Estimates of combined words and filters are often wrong by several times (words go with
 * categories), so a walk may read as much as reading the text index would cost before it gives
 * up and the text index answers: a wrong choice costs at most about three times the right one.
 *
 * @param window how many offers the walk may read newest first before giving up, or
 *        {@link #UNBOUNDED}: then the walk sees every remaining offer and its answer is final
 * @param candidates how many rows (those passing the index-only filters) the walk may read to
 *        test the text before giving up, or {@link #UNBOUNDED}
 */
record TextSearchPlan(Route route, long window, long candidates) {

    /** Which query answers. */
    enum Route { RECENT_FIRST, TEXT_INDEX }

    static final long UNBOUNDED = Long.MAX_VALUE;

    /**
     * The planner's row estimates, among the offers a walk would read (not deleted, after the
     * cursor, in the collective, of the kind and of the category asked for when only one is).
     *
     * @param offers all of them
     * @param textMatches those whose text matches
     * @param matches those whose text matches and that pass every filter
     * @param unknownWord those that would match a word its statistics do not list: the planner's
     *        guess for any word it knows nothing of
     * @param allOffers offers of any kind and category (not deleted, after the cursor, in the
     *        collective): the text index reads the matches among all of them
     */
    record Estimate(double offers, double textMatches, double matches, double unknownWord, double allOffers) {
    }

    /** Picks a plan for one search; {@link #byCost} in production, fixed choices in tests. */
    @FunctionalInterface
    interface Chooser {
        TextSearchPlan choose(Estimate estimate, int wanted);
    }

    // Unit costs in microseconds, measured on the 1,000,000-offer benchmark (2 cores, warm cache):
    // one index entry read and filtered by the walk, one offer row read by primary key to test its
    // text, one text match read from the full-text index and checked against its row.
    static final double INDEX_ENTRY_US = 0.15;
    static final double ROW_CHECK_US = 4.0;
    static final double TEXT_MATCH_US = 3.5;
    static final long MIN_WINDOW = 10_000;
    static final long MIN_CANDIDATES = 500;

    /** A walk that sees every remaining offer: whatever it finds is the answer. */
    boolean exhaustive() {
        return route == Route.RECENT_FIRST && window == UNBOUNDED && candidates == UNBOUNDED;
    }

    static TextSearchPlan textIndex() {
        return new TextSearchPlan(Route.TEXT_INDEX, 0, 0);
    }

    static TextSearchPlan recentFirst(long window, long candidates) {
        return new TextSearchPlan(Route.RECENT_FIRST, window, candidates);
    }

    /** Whichever route costs less by the estimates, for {@code wanted} offers (a page and one). */
    static TextSearchPlan byCost(Estimate estimate, int wanted) {
        double offers = Math.max(1, estimate.offers());
        double textMatches = Math.min(offers, Math.max(1, estimate.textMatches()));
        double matches = Math.min(textMatches, Math.max(1, estimate.matches()));
        // Words are searched in French and in English, so twice the guess for an unknown word is
        // what the planner says of words absent from its statistics: rare words, or at least rarer
        // than any it lists. The text index answers at once.
        if (textMatches <= 2.02 * Math.max(1, estimate.unknownWord())) {
            return textIndex();
        }
        // Walking newest first, a page is complete after wanted / density offers; the rows read to
        // test the text are those among them that pass the filters.
        double walked = Math.min(offers, wanted * offers / matches);
        double checked = walked * matches / textMatches;
        double walkCost = walked * INDEX_ENTRY_US + checked * ROW_CHECK_US;
        double indexCost = textMatches * Math.max(1, estimate.allOffers() / offers) * TEXT_MATCH_US;
        if (walkCost > indexCost) {
            return textIndex();
        }
        // Room for the walk: as much as the text index would cost, for each of its two parts.
        long window = Math.max(MIN_WINDOW, (long) Math.ceil(indexCost / INDEX_ENTRY_US));
        long candidates = Math.max(MIN_CANDIDATES, (long) Math.ceil(indexCost / ROW_CHECK_US));
        return recentFirst(window >= offers ? UNBOUNDED : window, candidates >= offers ? UNBOUNDED : candidates);
    }
}
