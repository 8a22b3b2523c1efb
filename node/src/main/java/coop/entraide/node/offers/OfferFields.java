package coop.entraide.node.offers;

import coop.entraide.protocol.html.MarkdownSubset;
import coop.entraide.protocol.offers.Category;
import coop.entraide.protocol.offers.CoarseLocation;
import coop.entraide.protocol.offers.Condition;
import coop.entraide.protocol.offers.FederatedOffer;
import coop.entraide.protocol.offers.Money;
import coop.entraide.protocol.offers.OfferKind;
import coop.entraide.protocol.offers.OfferState;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The columns of an offer that its author (or its origin server) writes, ready to store. */
record OfferFields(
        OfferKind kind,
        OfferState state,
        String title,
        String description,
        String descriptionHtml,
        String language,
        Category category,
        Condition condition,
        Money price,
        Money deposit,
        Integer loanPeriodDays,
        CoarseLocation location,
        OffsetDateTime availableFrom,
        OffsetDateTime availableUntil,
        Visibility visibility) {

    static OfferFields of(OfferDraft d, OfferState state) {
        return new OfferFields(d.kind(), state, d.title(), d.description(), MarkdownSubset.toHtml(d.description()),
                d.language(), d.category(), d.condition(), d.price(), d.deposit(), d.loanPeriodDays(), d.location(),
                d.availableFrom(), d.availableUntil(), d.visibility());
    }

    /** A remote offer: its description is rendered here from its source, never trusted as HTML. */
    static OfferFields of(FederatedOffer f) {
        boolean isPublic = f.addressing().isPublic();
        return new OfferFields(f.kind(), f.state(), f.title(), clip(f.description()),
                MarkdownSubset.toHtml(clip(f.description())), f.language().length() <= 10 ? f.language() : "und",
                f.category(), f.condition(), f.price(), f.deposit(),
                f.loanPeriod() == null ? null : f.loanPeriod().getDays(), f.location(), utc(f.availableFrom()),
                utc(f.availableUntil()), isPublic ? Visibility.PUBLIC : Visibility.FOLLOWERS);
    }

    private static String clip(String text) {
        return text.length() <= OfferRequests.MAX_DESCRIPTION ? text : text.substring(0, OfferRequests.MAX_DESCRIPTION);
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Parameters $1.. for the columns, in {@link #COLUMN_LIST} order. */
    List<Object> values() {
        List<Object> v = new ArrayList<>();
        v.add(kind.key());
        v.add(state.key());
        v.add(title);
        v.add(description);
        v.add(descriptionHtml);
        v.add(language);
        v.add(category.key());
        v.add(condition == null ? null : condition.key());
        v.add(price == null ? null : price.amountText());
        v.add(price == null ? null : price.currency());
        v.add(deposit == null ? null : deposit.amountText());
        v.add(deposit == null ? null : deposit.currency());
        v.add(loanPeriodDays);
        v.add(location == null ? null : location.neighbourhood());
        v.add(location == null ? null : location.latitude());
        v.add(location == null ? null : location.longitude());
        v.add(availableFrom);
        v.add(availableUntil);
        v.add(visibility.key());
        return v;
    }

    static final String COLUMN_LIST = """
            kind, state, title, description, description_html, language, category, condition, price_amount,
            price_currency, deposit_amount, deposit_currency, loan_period_days, neighbourhood, latitude, longitude,
            available_from, available_until, visibility""";

    /** Placeholders matching {@link #COLUMN_LIST}, numbered from {@code first}. */
    static String placeholders(int first) {
        // Amounts travel as decimal text and become numeric in the database: never a binary float.
        String[] casts = {"", "", "", "", "", "", "", "", "::text::numeric", "", "::text::numeric", "", "", "", "", "", "", "", ""};
        List<String> p = new ArrayList<>();
        for (int i = 0; i < casts.length; i++) {
            p.add("$" + (first + i) + casts[i]);
        }
        return String.join(", ", p);
    }
}
