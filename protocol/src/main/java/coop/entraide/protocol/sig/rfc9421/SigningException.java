package coop.entraide.protocol.sig.rfc9421;

import coop.entraide.protocol.sig.FailureReason;

/** A message could not be signed: a covered component is missing, or the key does not fit. */
public final class SigningException extends Exception {

    private final FailureReason reason;

    public SigningException(FailureReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }
}
