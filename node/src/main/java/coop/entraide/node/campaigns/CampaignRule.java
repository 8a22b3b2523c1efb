package coop.entraide.node.campaigns;

import coop.entraide.node.InvalidInputException;
import java.util.Locale;

/** What happens to the pledges when a campaign ends. */
public enum CampaignRule {
    /** The collective keeps every pledge, whether or not the goal is reached. */
    KEEP_WHAT_IS_RAISED,
    /** Unless the goal is reached by the end, promised pledges are released. */
    ALL_OR_NOTHING;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CampaignRule parse(String field, Object text) {
        for (CampaignRule r : values()) {
            if (r.value().equals(text)) {
                return r;
            }
        }
        throw new InvalidInputException(field, field + " must be keep_what_is_raised or all_or_nothing");
    }
}
