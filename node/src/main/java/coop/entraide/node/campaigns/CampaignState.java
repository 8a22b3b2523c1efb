package coop.entraide.node.campaigns;

import java.util.Locale;

/** Where a campaign stands: a draft, open to pledges, or closed for one of three reasons. */
public enum CampaignState {
    DRAFT, OPEN, SUCCEEDED, FAILED, CANCELLED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean closed() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    static CampaignState parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
