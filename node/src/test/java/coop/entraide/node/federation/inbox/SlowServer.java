package coop.entraide.node.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real node with one collective ("pentes"), and a fake server on a loopback address of its own
 * whose answers can be held back: the scenario of the tests that check the node fetches from other
 * servers with no transaction open. Registered as a test class's extension, it answers promptly
 * again after each test and stops everything after the last.
 */
final class SlowServer implements AfterEachCallback, AfterAllCallback {
    /** How long a held-back answer waits: long enough to look at the node meanwhile. */
    static final long DELAY_MILLIS = 2000;

    final TestNode node;
    final FakeServer remote;
    private final Vertx vertx;

    private SlowServer(String ip) {
        node = TestNode.start();
        vertx = Vertx.vertx();
        remote = FakeServer.start(vertx, ip);
        node.await(node.identity().createCollective(new IdentityService.NewCollective("pentes", "Les Pentes", "", false)));
    }

    /** Starts the node, and the fake server on {@code ip} (127.0.0.N). */
    static SlowServer start(String ip) {
        return new SlowServer(ip);
    }

    Vertx vertx() {
        return vertx;
    }

    /**
     * Holds the server's answers back and runs {@code start}; once the node has asked for
     * {@code path} for the {@code nth} time and waits for the answer, checks that it holds no
     * transaction open meanwhile. Returns what {@code start} returned, for the test to see the rest.
     */
    <T> T whileFetching(String path, int nth, String what, Callable<T> start) throws Exception {
        remote.delay(DELAY_MILLIS);
        T started = start.call();
        remote.awaitArrival(path, nth);
        Thread.sleep(DELAY_MILLIS / 3);
        assertEquals(List.of(), node.longIdleTransactions(),
                "transactions held open while " + what + " is fetched (their last statement)");
        return started;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        remote.delay(0);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        remote.close();
        vertx.close();
        node.close();
    }
}
