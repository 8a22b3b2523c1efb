package coop.entraide.node.payments;

import java.util.ArrayList;
import java.util.List;

/**
 * A SEPA credit transfer to the collective's own account. The donor quotes the pledge's ISO 11649
 * reference, which banks carry unchanged, so the treasurer can match the statement line to the
 * pledge; the treasurer then records the pledge as received.
 */
public final class BankTransfer implements PaymentMethod {
    public static final String ID = "bank_transfer";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Instructions instructions(PaymentRequest request) {
        Payee payee = request.payee();
        if (payee == null || payee.iban() == null) {
            return new Instructions.Unavailable(ID, "this collective has not given a bank account yet");
        }
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("account_holder", "Account holder",
                payee.accountHolder() == null || payee.accountHolder().isBlank() ? payee.name() : payee.accountHolder()));
        lines.add(new Line("iban", "IBAN", payee.iban().printed()));
        if (payee.bic() != null && !payee.bic().isBlank()) {
            lines.add(new Line("bic", "BIC", payee.bic()));
        }
        lines.add(new Line("amount", "Amount", request.total().toString()));
        lines.add(new Line("reference", "Reference (quote it exactly)", request.reference().printed()));
        if (request.tip().isPositive()) {
            lines.add(new Line("split", "Of which", request.toCollective() + " for the campaign and "
                    + request.tip() + " tip to the node's cooperative, passed on by the collective"));
        }
        return new Instructions.Available(ID, List.copyOf(lines));
    }
}
