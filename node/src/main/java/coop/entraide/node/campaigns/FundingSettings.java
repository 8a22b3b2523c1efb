package coop.entraide.node.campaigns;

import coop.entraide.node.http.ApiException.FieldError;
import coop.entraide.node.payments.Iban;
import coop.entraide.node.payments.PaymentMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a collective tells donors and the tax office: its legal name, address and object (printed on
 * tax receipts), the bank account donors transfer to, and whether it may issue tax receipts.
 * Stored under {@code funding} in the collective's settings.
 */
public record FundingSettings(String legalName, String address, String object, String accountHolder, Iban iban,
                              String bic, boolean taxReceipts) {
    private static final Pattern BIC = Pattern.compile("[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?");

    public static final FundingSettings NONE = new FundingSettings(null, null, null, null, null, null, false);

    /** Reads stored settings (already checked when they were written). */
    static FundingSettings fromStored(JsonObject json) {
        if (json == null) {
            return NONE;
        }
        String iban = json.getString("iban");
        Iban parsed = iban == null ? null : Iban.parse(iban) instanceof Iban.Parsed.Valid v ? v.iban() : null;
        return new FundingSettings(json.getString("legal_name"), json.getString("address"), json.getString("object"),
                json.getString("account_holder"), parsed, json.getString("bic"), json.getBoolean("tax_receipts", false));
    }

    /** Checks what an admin sent; collects every invalid field. */
    static FundingSettings fromRequest(JsonObject body, List<FieldError> errors) {
        String legalName = text(body, "legal_name", 200, errors);
        String address = text(body, "address", 500, errors);
        String object = text(body, "object", 1000, errors);
        String holder = text(body, "account_holder", 140, errors);
        Iban iban = null;
        Object rawIban = body.getValue("iban");
        if (rawIban != null) {
            if (!(rawIban instanceof String s)) {
                errors.add(new FieldError("iban", "iban must be a string"));
            } else {
                Iban.Parsed parsed = Iban.parse(s);
                if (parsed instanceof Iban.Parsed.Valid v) {
                    iban = v.iban();
                } else if (parsed instanceof Iban.Parsed.Invalid i) {
                    errors.add(new FieldError("iban", i.message()));
                }
            }
        }
        String bic = text(body, "bic", 11, errors);
        if (bic != null) {
            bic = bic.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
            if (!BIC.matcher(bic).matches()) {
                errors.add(new FieldError("bic", "bic must be 8 or 11 letters and digits (ISO 9362)"));
            }
        }
        Object receipts = body.getValue("tax_receipts", false);
        if (!(receipts instanceof Boolean)) {
            errors.add(new FieldError("tax_receipts", "tax_receipts must be true or false"));
            receipts = false;
        }
        boolean eligible = (Boolean) receipts;
        if (eligible && (legalName == null || address == null || object == null)) {
            errors.add(new FieldError("tax_receipts",
                    "tax receipts need the legal name, the address and the object of the association"));
        }
        return new FundingSettings(legalName, address, object, holder, iban, bic, eligible);
    }

    private static String text(JsonObject body, String field, int max, List<FieldError> errors) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            errors.add(new FieldError(field, field + " must be a string"));
            return null;
        }
        String t = s.strip();
        if (t.length() > max) {
            errors.add(new FieldError(field, field + " is longer than " + max + " characters"));
            return null;
        }
        return t.isEmpty() ? null : t;
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("legal_name", legalName)
                .put("address", address)
                .put("object", object)
                .put("account_holder", accountHolder)
                .put("iban", iban == null ? null : iban.value())
                .put("bic", bic)
                .put("tax_receipts", taxReceipts);
    }

    PaymentMethod.Payee payee(String displayName) {
        return new PaymentMethod.Payee(legalName == null ? displayName : legalName, accountHolder, iban, bic);
    }

    static List<FieldError> newErrors() {
        return new ArrayList<>();
    }
}
