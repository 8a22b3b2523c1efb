package coop.entraide.protocol.sig.rfc9421;

import coop.entraide.protocol.sig.VerifyResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What {@link Rfc9421Verifier#parse} found: the signatures of a message, or why there are none. */
public sealed interface ParseResult {

    /** The signatures, in the order of {@code Signature-Input}; never empty. */
    record Parsed(List<ParsedSignature> signatures) implements ParseResult {
        public Parsed {
            signatures = List.copyOf(signatures);
            if (signatures.isEmpty()) {
                throw new IllegalArgumentException("no signatures");
            }
        }

        public ParsedSignature first() {
            return signatures.get(0);
        }

        public Optional<ParsedSignature> byLabel(String label) {
            return signatures.stream().filter(s -> s.label().equals(label)).findFirst();
        }
    }

    /** No usable signature: missing or malformed headers. */
    record Failed(VerifyResult.Failed failure) implements ParseResult {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
