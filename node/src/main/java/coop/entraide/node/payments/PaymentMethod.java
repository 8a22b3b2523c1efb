package coop.entraide.node.payments;

import coop.entraide.node.ledger.Money;
import java.util.List;

/**
 * One way of paying a pledge. Money does not move inside Entraide: a method tells the donor how to
 * pay, and the collective's treasurer records the payment when it arrives. Providers that confirm
 * payments themselves (cards, online payment services) will plug in here too, adding a callback.
 */
public interface PaymentMethod {
    /** The name stored with a received pledge: {@code bank_transfer}, {@code cash}, {@code cheque}. */
    String id();

    /** What the donor must do to pay, or why this method cannot be used for this payee. */
    Instructions instructions(PaymentRequest request);

    /** A payment to make: the total, how it splits, the reference to quote and who receives it. */
    record PaymentRequest(Money total, Money toCollective, Money tip, CreditorReference reference, Payee payee) {
    }

    /** The receiving collective, as its funding settings describe it. */
    record Payee(String name, String accountHolder, Iban iban, String bic) {
    }

    sealed interface Instructions {
        /** How to pay, as label/value lines for a page or a JSON object. */
        record Available(String method, List<Line> lines) implements Instructions {
        }

        record Unavailable(String method, String reason) implements Instructions {
        }
    }

    record Line(String key, String label, String value) {
    }
}
