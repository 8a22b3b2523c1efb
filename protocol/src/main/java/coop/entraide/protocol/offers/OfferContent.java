package coop.entraide.protocol.offers;

import coop.entraide.protocol.html.MarkdownSubset;
import coop.entraide.protocol.html.Sanitizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The readable text of an offer for servers that know nothing of FEP-0837 (Mastodon, Misskey,
 * GoToSocial, Pleroma): the kind and title first, the description, then the price or loan terms,
 * category and neighbourhood, a link to the offer's page and the hashtags. Only HTML that
 * Mastodon keeps (PROTOCOL.md §5.4) is used.
 */
public final class OfferContent {
    private OfferContent() {
    }

    /** Sanitised HTML; {@code tagHref} gives the node's page for a hashtag (without {@code #}). */
    public static String html(FederatedOffer offer, Function<String, String> tagHref) {
        String lang = offer.language();
        StringBuilder html = new StringBuilder();
        html.append("<p><strong>").append(escape(offer.kind().label(lang))).append(" · ")
                .append(escape(offer.title())).append("</strong></p>");
        html.append(MarkdownSubset.toHtml(offer.description()));
        html.append("<p>").append(escape(String.join(" · ", facts(offer)))).append("</p>");
        html.append("<p><a href=\"").append(escape(offer.url())).append("\">").append(escape(offer.url()))
                .append("</a></p>");
        html.append("<p>");
        List<String> tags = hashtags(offer);
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) {
                html.append(' ');
            }
            html.append("<a href=\"").append(escape(tagHref.apply(tags.get(i))))
                    .append("\" class=\"mention hashtag\" rel=\"tag\">#<span>").append(escape(tags.get(i)))
                    .append("</span></a>");
        }
        html.append("</p>");
        return Sanitizer.sanitize(html.toString());
    }

    /** The hashtags of an offer, without {@code #}: its kind and its category. */
    public static List<String> hashtags(FederatedOffer offer) {
        return List.of(offer.kind().key(), offer.category().key());
    }

    /** Price or terms, category, condition and neighbourhood, in the offer's language. */
    static List<String> facts(FederatedOffer offer) {
        boolean fr = Labels.isFrench(offer.language());
        List<String> facts = new ArrayList<>();
        switch (offer.kind()) {
            case SELL -> facts.add((fr ? "Prix : " : "Price: ") + offer.price());
            case GIVE -> facts.add(fr ? "Gratuit" : "Free");
            case LEND -> {
                if (offer.loanPeriod() != null) {
                    facts.add((fr ? "Prêt de " : "Loan for ") + offer.loanPeriod().getDays() + (fr ? " jours" : " days"));
                }
                if (offer.deposit() != null) {
                    facts.add((fr ? "Caution : " : "Deposit: ") + offer.deposit());
                }
            }
            default -> {
            }
        }
        facts.add((fr ? "Catégorie : " : "Category: ") + offer.category().label(offer.language()));
        if (offer.condition() != null) {
            facts.add((fr ? "État : " : "Condition: ") + offer.condition().label(offer.language()));
        }
        if (offer.location() != null && offer.location().neighbourhood() != null) {
            facts.add((fr ? "Quartier : " : "Neighbourhood: ") + offer.location().neighbourhood());
        }
        return facts;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
