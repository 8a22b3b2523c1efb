package coop.entraide.protocol.sig.rfc9421;

import coop.entraide.protocol.sig.FailureReason;

/** A component that cannot be put in a signature base, with the failure it amounts to. */
final class ComponentException extends Exception {

    private final FailureReason reason;

    ComponentException(FailureReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    FailureReason reason() {
        return reason;
    }
}
