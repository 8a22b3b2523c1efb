package coop.entraide.protocol.sig.cavage;

import coop.entraide.protocol.sig.VerifyResult;
import java.util.Objects;

/**
 * The first step of verifying a draft-cavage-12 signature (draft-cavage-http-signatures-12 §2.1,
 * §4.1): either its parameters, so that the key can be fetched, or why there is nothing to verify.
 */
public sealed interface CavageParseResult {

    /** The header was well formed; fetch {@code signature().keyId()} and call the verifier. */
    record Parsed(CavageSignature signature) implements CavageParseResult {
        public Parsed {
            Objects.requireNonNull(signature, "signature");
        }
    }

    /** No signature, or one that cannot be read: MISSING_SIGNATURE or MALFORMED_HEADER. */
    record Rejected(VerifyResult.Failed failure) implements CavageParseResult {
        public Rejected {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
