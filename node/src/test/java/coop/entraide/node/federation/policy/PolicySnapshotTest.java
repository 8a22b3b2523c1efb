package coop.entraide.node.federation.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coop.entraide.node.federation.policy.Decision.Reason;
import coop.entraide.node.federation.policy.Decision.Verdict;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision rules, without a database. */
class PolicySnapshotTest {

    static PolicySnapshot open(Map<String, Policy> policies) {
        return new PolicySnapshot(1, FederationMode.OPEN, policies);
    }

    static PolicySnapshot allowlist(Map<String, Policy> policies) {
        return new PolicySnapshot(1, FederationMode.ALLOWLIST, policies);
    }

    static void assertDecision(Verdict verdict, Reason reason, String matched, Decision d) {
        assertEquals(verdict, d.verdict(), d.why());
        assertEquals(reason, d.reason(), d.why());
        assertEquals(Optional.ofNullable(matched), d.matched());
    }

    @Test
    void openModeAcceptsDomainsWithoutPolicy() {
        assertDecision(Verdict.ACCEPT, Reason.NO_POLICY, null, open(Map.of()).decide("mastodon.example"));
    }

    @Test
    void aBlockCoversTheDomainAndEverySubdomain() {
        PolicySnapshot s = open(Map.of("spam.example", Policy.BLOCK));
        assertDecision(Verdict.REJECT, Reason.BLOCKED, "spam.example", s.decide("spam.example"));
        assertDecision(Verdict.REJECT, Reason.BLOCKED, "spam.example", s.decide("a.b.spam.example"));
        assertDecision(Verdict.ACCEPT, Reason.NO_POLICY, null, s.decide("notspam.example"));
        assertDecision(Verdict.ACCEPT, Reason.NO_POLICY, null, s.decide("example"));
    }

    @Test
    void hostsMatchWhateverTheirCaseFormAndPort() {
        PolicySnapshot s = open(Map.of("xn--bcher-kva.example", Policy.BLOCK, "spam.example", Policy.SILENCE));
        assertEquals(Verdict.REJECT, s.decide("bücher.example").verdict());
        assertEquals(Verdict.REJECT, s.decide("BÜCHER.Example").verdict());
        assertEquals(Verdict.REJECT, s.decide("www.xn--bcher-kva.example:8443").verdict());
        assertEquals(Verdict.SILENCE, s.decide("SPAM.example.").verdict());
        assertEquals(Verdict.SILENCE, s.decide("spam.example:443").verdict());
    }

    @Test
    void silenceAcceptsButHides() {
        PolicySnapshot s = open(Map.of("noisy.example", Policy.SILENCE));
        assertDecision(Verdict.SILENCE, Reason.SILENCED, "noisy.example", s.decide("bots.noisy.example"));
    }

    @Test
    void theMostSpecificEntryWins() {
        PolicySnapshot s = open(Map.of(
                "example.org", Policy.BLOCK,
                "good.example.org", Policy.ALLOW,
                "bad.good.example.org", Policy.BLOCK,
                "quiet.example.org", Policy.SILENCE));
        assertDecision(Verdict.ACCEPT, Reason.ALLOWED, "good.example.org", s.decide("good.example.org"));
        assertDecision(Verdict.ACCEPT, Reason.ALLOWED, "good.example.org", s.decide("www.good.example.org"));
        assertDecision(Verdict.REJECT, Reason.BLOCKED, "bad.good.example.org", s.decide("x.bad.good.example.org"));
        assertDecision(Verdict.SILENCE, Reason.SILENCED, "quiet.example.org", s.decide("quiet.example.org"));
        assertDecision(Verdict.REJECT, Reason.BLOCKED, "example.org", s.decide("other.example.org"));
    }

    @Test
    void allowlistModeRejectsEveryoneNotAllowed() {
        PolicySnapshot s = allowlist(Map.of(
                "friends.example", Policy.ALLOW,
                "loud.friends.example", Policy.SILENCE,
                "bad.friends.example", Policy.BLOCK,
                "silenced-only.example", Policy.SILENCE));
        assertDecision(Verdict.ACCEPT, Reason.ALLOWED, "friends.example", s.decide("friends.example"));
        assertDecision(Verdict.ACCEPT, Reason.ALLOWED, "friends.example", s.decide("social.friends.example"));
        assertDecision(Verdict.SILENCE, Reason.SILENCED, "loud.friends.example", s.decide("loud.friends.example"));
        assertDecision(Verdict.REJECT, Reason.BLOCKED, "bad.friends.example", s.decide("bad.friends.example"));
        assertDecision(Verdict.REJECT, Reason.NOT_ON_ALLOWLIST, null, s.decide("stranger.example"));
        assertDecision(Verdict.REJECT, Reason.NOT_ON_ALLOWLIST, null, s.decide("silenced-only.example"));
    }

    @Test
    void anInvalidHostIsRejected() {
        assertDecision(Verdict.REJECT, Reason.INVALID_HOST, null, open(Map.of()).decide("not a host"));
        assertDecision(Verdict.REJECT, Reason.INVALID_HOST, null, open(Map.of()).decide(""));
        assertDecision(Verdict.REJECT, Reason.INVALID_HOST, null, open(Map.of()).decide((String) null));
    }

    @Test
    void explainsItself() {
        assertEquals("blocked by the policy on spam.example",
                open(Map.of("spam.example", Policy.BLOCK)).decide("a.spam.example").why());
        assertEquals("this node federates only with allowed domains", allowlist(Map.of()).decide("x.example").why());
    }
}
