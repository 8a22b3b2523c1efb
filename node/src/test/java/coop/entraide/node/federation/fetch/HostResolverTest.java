package coop.entraide.node.federation.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostResolverTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void anIpv4LiteralIsReadAtOnceWithoutAWorkerThread() throws Exception {
        Future<List<InetAddress>> resolved = HostResolver.system(vertx).resolve("127.0.0.1");
        assertTrue(resolved.succeeded(), "complete on return: no trip to a worker thread");
        assertEquals(List.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1})), resolved.result());
    }

    @Test
    void anIpv6LiteralIsReadAtOnce() {
        Future<List<InetAddress>> resolved = HostResolver.system(vertx).resolve("::1");
        assertTrue(resolved.succeeded());
        assertTrue(resolved.result().get(0).isLoopbackAddress());
    }

    @Test
    void aMalformedIpv6LiteralFailsAtOnce() {
        Future<List<InetAddress>> resolved = HostResolver.system(vertx).resolve("1:2:3");
        assertTrue(resolved.failed());
        assertInstanceOf(UnknownHostException.class, resolved.cause());
    }

    @Test
    void namesThatLookLikeAddressesAreNotTakenForLiterals() {
        for (String name : List.of("256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1example.com", "cafe", "a.b.c.d", "")) {
            assertFalse(HostResolver.IpLiteral.is(name), name);
        }
        for (String literal : List.of("0.0.0.0", "255.255.255.255", "192.168.1.20", "::", "fe80::1", "::ffff:10.0.0.1")) {
            assertTrue(HostResolver.IpLiteral.is(literal), literal);
        }
    }

    @Test
    void aNameStillGoesToTheSystemResolver() {
        Future<List<InetAddress>> resolved = HostResolver.system(vertx).resolve("localhost");
        List<InetAddress> addresses = resolved.await();
        assertFalse(addresses.isEmpty());
        assertTrue(addresses.stream().allMatch(InetAddress::isLoopbackAddress));
    }
}
