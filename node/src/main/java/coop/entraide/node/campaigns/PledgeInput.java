package coop.entraide.node.campaigns;

import coop.entraide.node.InvalidInputException;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import coop.entraide.node.ledger.Money;
import coop.entraide.node.ledger.MoneyRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A pledge as a donor gives it, checked against the campaign: the amount (a tier's, unless the
 * campaign takes free amounts), the optional tip, how the donor appears, their message.
 */
record PledgeInput(Money amount, Money tip, String publicName, String message, String email, String legalName,
                   String address) {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,253}\\.[^@\\s.]{2,63}");

    /**
     * Reads the fields of {@code body} (a map of JSON or form values). {@code defaultName} is shown
     * when the donor gives none and does not ask to be anonymous; {@code needsEmail} for visitors.
     */
    static PledgeInput parse(Map<String, Object> body, Campaign campaign, String defaultName, boolean needsEmail) {
        List<FieldError> errors = new ArrayList<>();
        Object currency = body.get("currency");
        if (currency != null && !campaign.goal().code().equals(currency)) {
            errors.add(new FieldError("currency", "this campaign takes " + campaign.goal().code()
                    + "; currency must be " + campaign.goal().code()));
        }
        Money amount = CampaignInput.field(errors,
                () -> MoneyRules.positive("amount", body.get("amount"), campaign.currency()));
        if (amount != null && !campaign.freeAmount()
                && campaign.tiers().stream().noneMatch(t -> t.amount().compareTo(amount.amount()) == 0)) {
            errors.add(new FieldError("amount", "this campaign takes only the amounts of its tiers"));
        }
        Money tip = CampaignInput.field(errors, () -> MoneyRules.zeroOrMore("tip", body.get("tip"), campaign.currency()));
        boolean anonymous = Boolean.TRUE.equals(body.get("anonymous")) || "on".equals(body.get("anonymous"))
                || "true".equals(body.get("anonymous"));
        String name = CampaignInput.field(errors, () -> text(body, "public_name", 100));
        String message = CampaignInput.field(errors, () -> text(body, "message", 1000));
        String email = CampaignInput.field(errors, () -> text(body, "email", 320));
        String legalName = CampaignInput.field(errors, () -> text(body, "legal_name", 200));
        String address = CampaignInput.field(errors, () -> text(body, "address", 500));
        if (needsEmail && email == null && errors.stream().noneMatch(e -> e.field().equals("email"))) {
            errors.add(new FieldError("email", "email is required, so that the collective can confirm your pledge"));
        } else if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("email", "email is not an e-mail address"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String shown = anonymous ? null : name != null ? name : defaultName;
        return new PledgeInput(amount, tip, shown, message, email, legalName, address);
    }

    private static String text(Map<String, Object> body, String field, int max) {
        Object v = body.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InvalidInputException(field, field + " must be a string");
        }
        String t = s.strip();
        if (t.length() > max) {
            throw new InvalidInputException(field, field + " is longer than " + max + " characters");
        }
        return t.isEmpty() ? null : t;
    }
}
