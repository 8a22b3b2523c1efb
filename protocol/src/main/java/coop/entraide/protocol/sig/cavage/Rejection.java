package coop.entraide.protocol.sig.cavage;

import coop.entraide.protocol.sig.FailureReason;
import coop.entraide.protocol.sig.SignatureScheme;
import coop.entraide.protocol.sig.VerifyResult;

/** Why one step of parsing or verifying refused the message, before it becomes a {@link VerifyResult}. */
record Rejection(FailureReason reason, String detail) {

    VerifyResult.Failed toFailed(String keyId) {
        return new VerifyResult.Failed(SignatureScheme.DRAFT_CAVAGE_12, keyId, reason, detail);
    }
}
