package coop.entraide.node.campaigns;

import java.math.BigDecimal;

/** A suggested amount, with what the collective gives back for it (may be empty). */
public record Tier(int position, BigDecimal amount, String title, String counterpart) {
}
