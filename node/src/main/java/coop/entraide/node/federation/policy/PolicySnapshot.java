package coop.entraide.node.federation.policy;

import coop.entraide.node.federation.policy.Decision.Reason;
import coop.entraide.node.federation.policy.Decision.Verdict;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * An immutable copy of every policy and the federation mode, as of one version of the database.
 * Deciding walks the host and its parent domains in a hash map: no I/O, no locks.
 *
 * <p>Rules, in order: the most specific entry (the host itself, then its parents) decides; a block
 * rejects; in allowlist mode, the host or one of its parents must be allowed; a silence silences.
 * So {@code allow good.example.org} carves an exception out of {@code block example.org}, and
 * {@code block bad.example.org} out of {@code allow example.org}.
 */
public record PolicySnapshot(long version, FederationMode mode, Map<String, Policy> byDomain) {

    public PolicySnapshot {
        byDomain = Map.copyOf(byDomain);
    }

    public static PolicySnapshot of(long version, FederationMode mode, Collection<DomainPolicy> policies) {
        Map<String, Policy> map = new HashMap<>();
        policies.forEach(p -> map.put(p.domain().value(), p.policy()));
        return new PolicySnapshot(version, mode, map);
    }

    public Decision decide(String host) {
        if (DomainName.parse(host) instanceof DomainName.Valid valid) {
            return decide(valid.domain());
        }
        return Decision.of(Verdict.REJECT, Reason.INVALID_HOST, null);
    }

    public Decision decide(DomainName host) {
        String mostSpecific = null;
        boolean allowed = false;
        for (String domain : host.selfAndParents()) {
            Policy p = byDomain.get(domain);
            if (p == null) {
                continue;
            }
            if (mostSpecific == null) {
                mostSpecific = domain;
            }
            allowed |= p == Policy.ALLOW;
        }
        Policy decisive = mostSpecific == null ? null : byDomain.get(mostSpecific);
        if (decisive == Policy.BLOCK) {
            return Decision.of(Verdict.REJECT, Reason.BLOCKED, mostSpecific);
        }
        if (mode == FederationMode.ALLOWLIST && !allowed) {
            return Decision.of(Verdict.REJECT, Reason.NOT_ON_ALLOWLIST, null);
        }
        if (decisive == Policy.SILENCE) {
            return Decision.of(Verdict.SILENCE, Reason.SILENCED, mostSpecific);
        }
        if (decisive == Policy.ALLOW) {
            return Decision.of(Verdict.ACCEPT, Reason.ALLOWED, mostSpecific);
        }
        return Decision.of(Verdict.ACCEPT, Reason.NO_POLICY, null);
    }
}
