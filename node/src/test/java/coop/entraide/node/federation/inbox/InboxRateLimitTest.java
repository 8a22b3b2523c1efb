package coop.entraide.node.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import coop.entraide.node.TestNode;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One server flooding the inbox is held back with 429 while another is still served. */
class InboxRateLimitTest {
    private static TestNode node;
    private static Vertx vertx;
    private static FakeServer flooding;
    private static FakeServer calm;

    @BeforeAll
    static void start() {
        // Two requests at once per server, then one every ten seconds; no limit per address, as
        // every test server shares 127.0.0.1 as its client address.
        node = TestNode.start("0.1:2", "off");
        vertx = Vertx.vertx();
        flooding = FakeServer.start(vertx, "127.0.0.7");
        calm = FakeServer.start(vertx, "127.0.0.8");
    }

    @AfterAll
    static void stop() {
        flooding.close();
        calm.close();
        vertx.close();
        node.close();
    }

    @Test
    void aFloodingServerIsHeldBackWhileAnotherIsServed() {
        InboxClient inbox = new InboxClient(vertx, node.port());
        FakeActor flooder = flooding.actor("flooder");
        FakeActor neighbour = calm.actor("neighbour");

        assertEquals(202, inbox.post("/inbox", InboxClient.create(flooder.id), flooder.keyId(), flooder.rsa.getPrivate()).status());
        assertEquals(202, inbox.post("/inbox", InboxClient.create(flooder.id), flooder.keyId(), flooder.rsa.getPrivate()).status());
        InboxClient.Response limited = inbox.post("/inbox", InboxClient.create(flooder.id), flooder.keyId(), flooder.rsa.getPrivate());

        assertEquals(429, limited.status());
        assertNotNull(limited.retryAfter());
        InboxClient.Response served = inbox.post("/inbox", InboxClient.create(neighbour.id), neighbour.keyId(),
                neighbour.rsa.getPrivate());
        assertEquals(202, served.status(), served.body());
    }
}
