package coop.entraide.node.federation.policy;

import java.util.Optional;

/**
 * What to do with a request or an object from a remote host, and why.
 *
 * @param matched the policy entry that decided, if any (it may be a parent domain of the host)
 */
public record Decision(Verdict verdict, Reason reason, Optional<String> matched) {

    public enum Verdict {
        ACCEPT,
        /** Accept, but keep out of public listings and discovery. */
        SILENCE,
        REJECT
    }

    public enum Reason {
        NO_POLICY,
        ALLOWED,
        SILENCED,
        BLOCKED,
        NOT_ON_ALLOWLIST,
        INVALID_HOST
    }

    static Decision of(Verdict verdict, Reason reason, String matched) {
        return new Decision(verdict, reason, Optional.ofNullable(matched));
    }

    public boolean rejected() {
        return verdict == Verdict.REJECT;
    }

    /** One line for logs and for the detail of a refusal. */
    public String why() {
        return switch (reason) {
            case NO_POLICY -> "no policy applies";
            case ALLOWED -> "allowed by the policy on " + matched.orElse("?");
            case SILENCED -> "silenced by the policy on " + matched.orElse("?");
            case BLOCKED -> "blocked by the policy on " + matched.orElse("?");
            case NOT_ON_ALLOWLIST -> "this node federates only with allowed domains";
            case INVALID_HOST -> "the host is not a valid domain name";
        };
    }
}
