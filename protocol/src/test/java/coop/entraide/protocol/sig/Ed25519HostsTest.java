package coop.entraide.protocol.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.protocol.sig.Ed25519HostFact.Forgotten;
import coop.entraide.protocol.sig.Ed25519HostFact.Refused;
import coop.entraide.protocol.sig.Ed25519HostFact.Verifies;
import coop.entraide.protocol.sig.Ed25519Hosts.Ed25519Request;
import coop.entraide.protocol.sig.Ed25519Hosts.Learnt;
import coop.entraide.protocol.sig.rfc9421.ComponentIdentifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Ed25519HostsTest {

    /** What an Entraide inbox answers. */
    private static final String ENTRAIDE = "ed25519=(\"@method\" \"@target-uri\" \"content-digest\");alg=\"ed25519\";created, "
            + "rsa=(\"@method\" \"@target-uri\" \"content-digest\");alg=\"rsa-v1_5-sha256\";created";

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-02T03:04:05Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final List<Ed25519HostFact> told = new ArrayList<>();
    private final Ed25519Hosts hosts = new Ed25519Hosts(clock, Duration.ofHours(1), 3, told::add);

    private Learnt learn(String host, String... lines) {
        return hosts.learn(host, Arrays.asList(lines));
    }

    @Test
    void learnsAHostThatAsksForEd25519WithItsLabelAndComponents() {
        assertEquals(Learnt.ED25519, learn("Peer.example", ENTRAIDE));

        Ed25519Request request = hosts.requestFor("peer.example").orElseThrow();
        assertEquals("ed25519", request.label());
        assertEquals(List.of(ComponentIdentifier.METHOD, ComponentIdentifier.TARGET_URI, ComponentIdentifier.CONTENT_DIGEST),
                request.components());
    }

    @Test
    void anRsaOnlyAdvertisementTeachesNothingAndMakesUsForgetEd25519() {
        learn("peer.example", ENTRAIDE);

        assertEquals(Learnt.NOT_ED25519, learn("peer.example", "sig1=(\"@method\" \"@target-uri\");alg=\"rsa-v1_5-sha256\""));
        assertEquals(Optional.empty(), hosts.requestFor("peer.example"));
    }

    @Test
    void ignoresMalformedFieldsWithoutForgetting() {
        learn("peer.example", ENTRAIDE);

        assertEquals(Learnt.IGNORED, learn("peer.example", "ed25519=(\"@method\";alg=\"ed25519\""));
        assertEquals(Learnt.IGNORED, learn("peer.example", "x".repeat(10_000)));
        assertEquals(Learnt.IGNORED, hosts.learn("peer.example", List.of()));
        assertEquals(Learnt.IGNORED, hosts.learn("peer.example", Arrays.asList(ENTRAIDE, null)));
        assertEquals(Learnt.IGNORED, learn(" ", ENTRAIDE));
        assertEquals(Learnt.IGNORED, hosts.learn(null, List.of(ENTRAIDE)));
        assertTrue(hosts.requestFor("peer.example").isPresent());
    }

    @Test
    void doesNotFulfilWhatItCannotSignAsAsked() {
        String[] unfulfillable = {
                "s=(\"@method\");alg=\"ed25519\";keyid=\"https://peer.example/key\"", // somebody's key
                "s=(\"@method\");alg=\"ed25519\";nonce=\"abc\"",                       // single use
                "s=(\"@method\");alg=\"ed25519\";tag=\"app\"",
                "s=(\"@method\");alg=\"ed25519\";expires",
                "s=(\"@method\" \"date\");alg=\"ed25519\"",                            // a field we do not send
                "s=(\"@method\" \"@status\");alg=\"ed25519\"",                         // a response component
                "s=(\"@method\" \"content-digest\";sf);alg=\"ed25519\"",              // parameters on a component
                "s=(\"@method\" \"@target-uri\")",                                     // any algorithm: not a promise
                "s=(\"@method\");alg=\"ecdsa-p256-sha256\"",
        };
        for (String value : unfulfillable) {
            assertEquals(Learnt.NOT_ED25519, learn("peer.example", value), value);
            assertEquals(Optional.empty(), hosts.requestFor("peer.example"), value);
        }
    }

    @Test
    void takesTheFirstRequestItCanFulfil() {
        learn("peer.example", "a=(\"date\");alg=\"ed25519\", b=(\"@authority\" \"@path\");alg=\"ed25519\";created");

        Ed25519Request request = hosts.requestFor("peer.example").orElseThrow();
        assertEquals("b", request.label());
        assertEquals(List.of(ComponentIdentifier.AUTHORITY, ComponentIdentifier.PATH), request.components());
    }

    @Test
    void aHostThatSignsWithEd25519VerifiesItUnderTheDefaultLabel() {
        hosts.heardFrom("peer.example");

        assertEquals(new Ed25519Request("sig1", List.of()), hosts.requestFor("peer.example").orElseThrow());
    }

    @Test
    void hearingFromAHostKeepsWhatItsAdvertisementSaid() {
        learn("peer.example", ENTRAIDE);
        hosts.heardFrom("peer.example");

        assertEquals("ed25519", hosts.requestFor("peer.example").orElseThrow().label());
    }

    @Test
    void aRefusalIsBelievedOverAdvertisementsForAWhile() {
        learn("peer.example", ENTRAIDE);

        hosts.refused("peer.example");

        assertEquals(Optional.empty(), hosts.requestFor("peer.example"));
        assertEquals(Learnt.DISBELIEVED, learn("peer.example", ENTRAIDE));
        hosts.heardFrom("peer.example");
        assertEquals(Optional.empty(), hosts.requestFor("peer.example"));

        clock.now = clock.now.plus(Duration.ofMinutes(61));
        assertEquals(Learnt.ED25519, learn("peer.example", ENTRAIDE));
        assertTrue(hosts.requestFor("peer.example").isPresent());
    }

    @Test
    void remembersAtMostItsCapacity() {
        for (int i = 0; i < 10; i++) {
            learn("peer" + i + ".example", ENTRAIDE);
        }
        assertEquals(3, hosts.size());
        assertEquals(Optional.empty(), hosts.requestFor("peer0.example"));
        assertTrue(hosts.requestFor("peer9.example").isPresent());
    }

    @Test
    void theSameValueFromManyHostsMeansTheSameForEach() {
        assertEquals(Learnt.ED25519, learn("a.example", ENTRAIDE));
        assertEquals(Learnt.ED25519, learn("b.example", ENTRAIDE));
        assertEquals(Learnt.IGNORED, learn("c.example", "bad("));
        assertEquals(Learnt.ED25519, learn("d.example", ENTRAIDE));
        assertEquals(Optional.empty(), hosts.requestFor("c.example"));
    }

    private static final Ed25519Request ENTRAIDE_REQUEST = new Ed25519Request("ed25519",
            List.of(ComponentIdentifier.METHOD, ComponentIdentifier.TARGET_URI, ComponentIdentifier.CONTENT_DIGEST));

    @Test
    void tellsWhatItLearntOnceAndNotWhenAnswersRepeatIt() {
        learn("Peer.example", ENTRAIDE);
        learn("peer.example", ENTRAIDE);
        hosts.heardFrom("peer.example");
        learn("peer.example", "bad(");

        assertEquals(List.of(new Verifies("peer.example", ENTRAIDE_REQUEST)), told);
    }

    @Test
    void tellsWhenAHostIsForgottenOrRefusesAndNothingForHostsItNeverKnew() {
        learn("quiet.example", "sig1=(\"@method\");alg=\"rsa-v1_5-sha256\"");
        learn("peer.example", ENTRAIDE);
        learn("peer.example", "sig1=(\"@method\");alg=\"rsa-v1_5-sha256\"");
        hosts.heardFrom("other.example");
        hosts.refused("other.example");
        learn("other.example", ENTRAIDE);

        assertEquals(List.of(new Verifies("peer.example", ENTRAIDE_REQUEST), new Forgotten("peer.example"),
                new Verifies("other.example", new Ed25519Request("sig1", List.of())),
                new Refused("other.example", clock.now.plus(Duration.ofHours(1)))), told);
    }

    @Test
    void aRestoredHostIsSignedForAsItWasLearntWithoutTellingAgain() {
        Ed25519Hosts earlier = new Ed25519Hosts(clock);
        earlier.learn("peer.example", List.of(ENTRAIDE));

        assertTrue(hosts.restore(earlier.factAbout("peer.example").orElseThrow()));

        assertEquals(Optional.of(ENTRAIDE_REQUEST), hosts.requestFor("peer.example"));
        assertEquals(List.of(), told);
        learn("peer.example", ENTRAIDE);
        assertEquals(List.of(), told);
    }

    @Test
    void aRestoredRefusalHoldsUntilItsTimeThenExpires() {
        hosts.restore(new Refused("peer.example", clock.now.plus(Duration.ofMinutes(10))));

        assertEquals(Learnt.DISBELIEVED, learn("peer.example", ENTRAIDE));
        assertEquals(Optional.of(new Refused("peer.example", clock.now.plus(Duration.ofMinutes(10)))),
                hosts.factAbout("peer.example"));

        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertEquals(Optional.empty(), hosts.factAbout("peer.example"));
        assertEquals(Learnt.ED25519, learn("peer.example", ENTRAIDE));
    }

    @Test
    void aRefusalWhoseTimeHasPassedForgetsTheHost() {
        learn("peer.example", ENTRAIDE);

        assertTrue(hosts.restore(new Refused("peer.example", clock.now.minusSeconds(1))));

        assertEquals(Optional.empty(), hosts.requestFor("peer.example"));
        assertEquals(0, hosts.size());
    }

    @Test
    void aRestoredForgettingReplacesWhatWasKnown() {
        learn("peer.example", ENTRAIDE);

        hosts.restore(new Forgotten("PEER.example"));

        assertEquals(Optional.empty(), hosts.requestFor("peer.example"));
    }

    @Test
    void doesNotRestoreWhatItWouldNeverHaveLearnt() {
        learn("peer.example", ENTRAIDE);
        told.clear();

        assertFalse(hosts.restore(new Verifies("peer.example", new Ed25519Request("Bad Label", List.of()))));
        assertFalse(hosts.restore(new Verifies("peer.example",
                new Ed25519Request("sig1", List.of(ComponentIdentifier.of("date"))))));
        assertFalse(hosts.restore(new Verifies("peer.example",
                new Ed25519Request("sig1", List.of(ComponentIdentifier.CONTENT_DIGEST.sf())))));
        assertFalse(hosts.restore(new Forgotten(" ")));
        assertFalse(hosts.restore(null));

        assertEquals(Optional.of(ENTRAIDE_REQUEST), hosts.requestFor("peer.example"));
        assertEquals(List.of(), told);
    }

    @Test
    void restoringBeyondTheCapacityKeepsTheLatest() {
        for (int i = 0; i < 5; i++) {
            hosts.restore(new Verifies("peer" + i + ".example", ENTRAIDE_REQUEST));
        }

        assertEquals(3, hosts.size());
        assertEquals(Optional.empty(), hosts.factAbout("peer1.example"));
        assertTrue(hosts.factAbout("peer4.example").isPresent());
    }
}
