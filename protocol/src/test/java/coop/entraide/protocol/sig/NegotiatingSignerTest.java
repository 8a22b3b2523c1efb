package coop.entraide.protocol.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.protocol.sig.NegotiatingSigner.HostSchemes;
import coop.entraide.protocol.sig.cavage.CavageSigner;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NegotiatingSignerTest {

    private static final SignatureScheme CAVAGE = SignatureScheme.DRAFT_CAVAGE_12;
    private static final SignatureScheme RFC = SignatureScheme.RFC_9421;
    private static final CavageSigner CAVAGE_SIGNER;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);
    private static final HttpMessage UNSIGNED = HttpMessage.request("POST",
            URI.create("https://remote.example/inbox"), List.of(), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    static {
        try {
            CAVAGE_SIGNER = CavageSigner.hs2019("https://entraide.example/actor#main-key",
                    KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Stands in for the RFC 9421 signer: marks the message so that tests can see which scheme signed. */
    private final List<HttpMessage> rfcSigned = new ArrayList<>();
    private final Rfc9421Signing fakeRfc9421 = unsigned -> {
        rfcSigned.add(unsigned);
        return unsigned.withHeader("Signature-Input", "sig1=()").withHeader("Signature", "sig1=:AA==:");
    };

    private NegotiatingSigner signer() {
        return new NegotiatingSigner(CAVAGE_SIGNER, CLOCK, fakeRfc9421);
    }

    @Test
    void firstContactIsDraftCavageByDefault() {
        SignedAttempt attempt = signer().sign(UNSIGNED, "remote.example");
        assertEquals(CAVAGE, attempt.scheme());
        assertTrue(attempt.message().header("Signature").orElseThrow().contains("algorithm=\"hs2019\""));
        assertEquals("Tue, 04 Mar 2025 05:06:07 GMT", attempt.message().header("Date").orElseThrow());
        assertTrue(rfcSigned.isEmpty());
    }

    @Test
    void firstContactCanBeRfc9421LikeFedify() {
        NegotiatingSigner fedifyLike = new NegotiatingSigner(CAVAGE_SIGNER, CLOCK, fakeRfc9421, RFC, 10);
        SignedAttempt attempt = fedifyLike.sign(UNSIGNED, "remote.example");
        assertEquals(RFC, attempt.scheme());
        assertEquals(List.of(UNSIGNED), rfcSigned);
        assertTrue(attempt.message().header("Signature-Input").isPresent());
    }

    @Test
    void rejectionWith401FallsBackToTheOtherSchemeOnTheUnsignedRequest() {
        NegotiatingSigner signer = signer();
        SignedAttempt first = signer.sign(UNSIGNED, "remote.example");
        Optional<SignedAttempt> second = signer.fallback(UNSIGNED, "remote.example", first, 401);
        assertEquals(RFC, second.orElseThrow().scheme());
        assertEquals(List.of(UNSIGNED), rfcSigned, "RFC 9421 must sign the request without the cavage signature");
    }

    @Test
    void fallbackAlsoOn400And403ButNotOnOtherStatuses() {
        for (int status : new int[] {400, 403}) {
            NegotiatingSigner signer = signer();
            SignedAttempt first = signer.sign(UNSIGNED, "h.example");
            assertEquals(RFC, signer.fallback(UNSIGNED, "h.example", first, status).orElseThrow().scheme());
        }
        for (int status : new int[] {404, 410, 429, 500, 202}) {
            NegotiatingSigner signer = signer();
            SignedAttempt first = signer.sign(UNSIGNED, "h.example");
            assertEquals(Optional.empty(), signer.fallback(UNSIGNED, "h.example", first, status), "status " + status);
            assertEquals(CAVAGE, signer.firstChoice("h.example"), "status " + status + " says nothing of the scheme");
        }
    }

    @Test
    void whatWorkedIsUsedFirstNextTime() {
        NegotiatingSigner signer = signer();
        SignedAttempt first = signer.sign(UNSIGNED, "remote.example");
        SignedAttempt second = signer.fallback(UNSIGNED, "remote.example", first, 401).orElseThrow();
        signer.recordSuccess("remote.example", second.scheme());
        assertEquals(RFC, signer.sign(UNSIGNED, "remote.example").scheme());
        assertEquals(CAVAGE, signer.firstChoice("other.example"), "knowledge is per host");
    }

    @Test
    void rejectedFirstChoiceIsAvoidedEvenBeforeAnySuccess() {
        NegotiatingSigner signer = signer();
        signer.recordRejection("remote.example", CAVAGE, 401);
        assertEquals(RFC, signer.firstChoice("remote.example"));
    }

    @Test
    void aHostThatStopsAcceptingItsSchemeIsSwitched() {
        NegotiatingSigner signer = signer();
        signer.recordSuccess("remote.example", RFC);
        signer.recordRejection("remote.example", RFC, 401);
        assertEquals(CAVAGE, signer.firstChoice("remote.example"));
        signer.recordSuccess("remote.example", CAVAGE);
        assertEquals(CAVAGE, signer.firstChoice("remote.example"));
    }

    @Test
    void successClearsAnEarlierRejectionOfThatScheme() {
        NegotiatingSigner signer = signer();
        signer.recordRejection("remote.example", CAVAGE, 401);
        signer.recordSuccess("remote.example", CAVAGE);
        assertEquals(CAVAGE, signer.firstChoice("remote.example"));
        signer.recordRejection("remote.example", RFC, 401);
        assertEquals(CAVAGE, signer.firstChoice("remote.example"));
    }

    @Test
    void bothSchemesRejectedMeansTheSchemeIsNotTheProblemAndTheHostIsForgotten() {
        NegotiatingSigner signer = signer();
        signer.recordRejection("remote.example", CAVAGE, 401);
        signer.recordRejection("remote.example", RFC, 403);
        assertEquals(CAVAGE, signer.firstChoice("remote.example"));
        assertEquals(0, signer.rememberedHosts());
    }

    @Test
    void hostNamesAreCaseInsensitive() {
        NegotiatingSigner signer = signer();
        signer.recordSuccess("Remote.EXAMPLE", RFC);
        assertEquals(RFC, signer.firstChoice("remote.example"));
    }

    @Test
    void memoryIsBoundedAndTheLeastRecentlyUsedHostGoesFirst() {
        NegotiatingSigner signer = new NegotiatingSigner(CAVAGE_SIGNER, CLOCK, fakeRfc9421, CAVAGE, 3);
        signer.recordSuccess("a.example", RFC);
        signer.recordSuccess("b.example", RFC);
        signer.recordSuccess("c.example", RFC);
        signer.firstChoice("a.example");
        signer.recordSuccess("d.example", RFC);
        assertEquals(3, signer.rememberedHosts());
        assertEquals(RFC, signer.firstChoice("a.example"));
        assertEquals(CAVAGE, signer.firstChoice("b.example"), "b was the least recently used");
        assertEquals(RFC, signer.firstChoice("c.example"));
        assertEquals(RFC, signer.firstChoice("d.example"));
    }

    @Test
    void concurrentUseStaysConsistentAndBounded() throws InterruptedException {
        NegotiatingSigner signer = new NegotiatingSigner(CAVAGE_SIGNER, CLOCK, unsigned -> unsigned, CAVAGE, 100);
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int seed = t;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 5_000; i++) {
                        String host = "h" + ((i * 7 + seed) % 300) + ".example";
                        if (i % 3 == 0) {
                            signer.recordRejection(host, CAVAGE, 401);
                        } else {
                            signer.recordSuccess(host, i % 2 == 0 ? RFC : CAVAGE);
                        }
                        signer.firstChoice(host);
                    }
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(0, failures.get());
        assertTrue(signer.rememberedHosts() <= 100);
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> signer().firstChoice(" "));
        assertThrows(IllegalArgumentException.class,
                () -> new NegotiatingSigner(CAVAGE_SIGNER, CLOCK, fakeRfc9421, CAVAGE, 0));
    }

    @Test
    void tellsEachChangeOnceAndRepeatsNothing() {
        List<HostSchemes> told = new ArrayList<>();
        NegotiatingSigner signer = new NegotiatingSigner(CAVAGE_SIGNER, CLOCK, fakeRfc9421, CAVAGE, 10, told::add);

        signer.recordSuccess("Remote.example", RFC);
        signer.recordSuccess("remote.example", RFC);
        signer.recordRejection("remote.example", CAVAGE, 500);
        signer.recordRejection("remote.example", RFC, 401);

        assertEquals(List.of(new HostSchemes("remote.example", Optional.of(RFC), Set.of()),
                new HostSchemes("remote.example", Optional.empty(), Set.of(RFC))), told);
    }

    @Test
    void forgettingAHostThatRefusedBothSchemesIsTold() {
        List<HostSchemes> told = new ArrayList<>();
        NegotiatingSigner signer = new NegotiatingSigner(CAVAGE_SIGNER, CLOCK, fakeRfc9421, CAVAGE, 10, told::add);

        signer.recordRejection("remote.example", CAVAGE, 401);
        signer.recordRejection("remote.example", RFC, 401);

        assertEquals(new HostSchemes("remote.example", Optional.empty(), Set.of()), told.get(told.size() - 1));
        assertEquals(0, signer.rememberedHosts());
    }

    @Test
    void aRestoredHostIsSignedAsItWasWithoutTellingAnyone() {
        List<HostSchemes> told = new ArrayList<>();
        NegotiatingSigner earlier = signer();
        earlier.recordSuccess("remote.example", RFC);
        NegotiatingSigner later = new NegotiatingSigner(CAVAGE_SIGNER, CLOCK, fakeRfc9421, CAVAGE, 10, told::add);

        assertTrue(later.restore(earlier.schemesOf("remote.example")));

        assertEquals(RFC, later.firstChoice("remote.example"));
        assertEquals(List.of(), told);
        later.restore(new HostSchemes("remote.example", Optional.empty(), Set.of()));
        assertEquals(CAVAGE, later.firstChoice("remote.example"));
        assertEquals(0, later.rememberedHosts());
    }

    @Test
    void restoresARejectionAndIgnoresABlankHost() {
        NegotiatingSigner signer = signer();

        signer.restore(new HostSchemes("remote.example", Optional.empty(), Set.of(CAVAGE)));

        assertEquals(RFC, signer.firstChoice("remote.example"));
        assertEquals(false, signer.restore(new HostSchemes(" ", Optional.of(RFC), Set.of())));
        assertEquals(false, signer.restore(null));
        assertEquals(1, signer.rememberedHosts());
    }

    @Test
    void aHostThatSignsWithRfc9421IsSignedForSoUnlessItRefusedOurs() {
        List<HostSchemes> told = new ArrayList<>();
        NegotiatingSigner signer = new NegotiatingSigner(CAVAGE_SIGNER, CLOCK, fakeRfc9421, CAVAGE, 10, told::add);

        signer.recordSignedBy("Remote.example", RFC);
        assertEquals(RFC, signer.firstChoice("remote.example"));
        signer.recordSignedBy("remote.example", RFC);
        assertEquals(List.of(new HostSchemes("remote.example", Optional.of(RFC), Set.of())), told, "told once");

        signer.recordRejection("other.example", RFC, 401);
        told.clear();
        signer.recordSignedBy("other.example", RFC);
        assertEquals(CAVAGE, signer.firstChoice("other.example"));
        assertEquals(List.of(), told);
    }
}
