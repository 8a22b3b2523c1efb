package coop.entraide.node.moderation;

import java.util.Locale;
import java.util.Optional;

/** What a moderator can do about a report. */
enum ModerationAction {
    /** Keep the reported objects but out of every view. */
    HIDE,
    /** Replace them with Tombstones; ours are deleted for other servers too. */
    DELETE,
    /** Suspend the reported member of this node. */
    SUSPEND,
    /** Block the reported account's server (administrators only). */
    BLOCK_DOMAIN,
    /** Close the report: something was done. */
    RESOLVE,
    /** Close the report: nothing needed doing. */
    DISMISS;

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ModerationAction> parse(Object text) {
        for (ModerationAction a : values()) {
            if (a.value().equals(text)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
