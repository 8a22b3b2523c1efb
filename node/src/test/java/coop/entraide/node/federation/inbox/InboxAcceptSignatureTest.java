package coop.entraide.node.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService;
import coop.entraide.protocol.sig.Ed25519Hosts;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.rfc9421.AcceptSignature;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inbox tells senders which signatures it verifies (RFC 9421 §5.1): on its 202 and on its 401
 * answers, not on refusals that have nothing to do with signatures.
 */
class InboxAcceptSignatureTest {
    private static final String EXPECTED = "ed25519=(\"@method\" \"@target-uri\" \"content-digest\");alg=\"ed25519\";created, "
            + "rsa=(\"@method\" \"@target-uri\" \"content-digest\");alg=\"rsa-v1_5-sha256\";created";

    private static TestNode a;
    private static Vertx vertx;
    private static FakeServer remote;
    private static InboxClient inbox;

    @BeforeAll
    static void start() {
        a = TestNode.start();
        vertx = Vertx.vertx();
        remote = FakeServer.start(vertx, "127.0.0.5");
        inbox = new InboxClient(vertx, a.port());
        a.await(a.identity().createCollective(new IdentityService.NewCollective("capucins", "Les Capucins", "", false)));
    }

    @AfterAll
    static void stop() {
        remote.close();
        vertx.close();
        a.close();
    }

    @Test
    void anAcceptedActivityIsAnsweredWithWhatTheInboxVerifies() throws Exception {
        FakeActor ana = remote.actor("ana");
        HttpMessage signed = InboxClient.cavage(inbox.unsigned("/inbox", InboxClient.bytes(InboxClient.create(ana.id))),
                ana.keyId(), ana.rsa.getPrivate(), Instant.now());

        InboxClient.Response answer = inbox.send(signed);

        assertEquals(202, answer.status(), answer.body());
        assertEquals(Optional.of(EXPECTED), answer.header("Accept-Signature"));
    }

    @Test
    void aRefusedSignatureIsAnsweredWithWhatTheInboxVerifies() throws Exception {
        FakeActor bert = remote.actor("bert");
        HttpMessage unsigned = inbox.unsigned("/inbox", InboxClient.bytes(InboxClient.create(bert.id)));

        InboxClient.Response answer = inbox.send(unsigned);

        assertEquals(401, answer.status(), answer.body());
        String value = answer.header("Accept-Signature").orElseThrow();
        AcceptSignature.Read read = AcceptSignature.parse(java.util.List.of(value));
        AcceptSignature field = assertInstanceOf(AcceptSignature.Read.Parsed.class, read).field();
        assertEquals("ed25519", Ed25519Hosts.ed25519Request(field).orElseThrow().label());
        assertTrue(field.request("rsa").orElseThrow().covers("content-digest"));
    }

    @Test
    void otherRefusalsDoNotTalkAboutSignatures() throws Exception {
        InboxClient.Response answer = inbox.send(inbox.unsigned("/inbox", "{\"not\": ".getBytes(StandardCharsets.UTF_8)));

        assertEquals(400, answer.status(), answer.body());
        assertEquals(Optional.empty(), answer.header("Accept-Signature"));
    }
}
