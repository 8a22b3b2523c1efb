package coop.entraide.node.federation.policy;

import coop.entraide.node.config.NodeConfig;
import coop.entraide.node.http.Problems;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Put before the inboxes: limits requests per remote server and per client address with token
 * buckets, and answers {@code 429 Too Many Requests} with {@code Retry-After} (seconds) and a
 * problem document beyond the budget, as GoToSocial does; well-behaved senders retry later.
 * Each server has its own bucket, so one server's flood does not delay the others.
 *
 * <p>The address is the TCP peer's (IPv6 grouped by /64, which one host usually holds). Behind a
 * reverse proxy, the router must trust the proxy's forwarded headers, or every request would share
 * the proxy's address.
 */
public final class InboxRateLimiter implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(InboxRateLimiter.class);
    /** Enough for the servers a node federates with; a key costs about 150 bytes. */
    public static final int DEFAULT_MAX_KEYS = 20_000;

    private final TokenBuckets perServer;
    private final TokenBuckets perAddress;
    private final Function<RoutingContext, String> serverKey;

    /**
     * @param serverKey the remote server a request claims to come from (the signer's or the actor's
     *                  host, not yet verified), or null if it names none; then only the address
     *                  budget applies
     */
    public InboxRateLimiter(TokenBuckets perServer, TokenBuckets perAddress, Function<RoutingContext, String> serverKey) {
        this.perServer = perServer;
        this.perAddress = perAddress;
        this.serverKey = serverKey;
    }

    /** With the limits of {@code --inbox-rate} and {@code --inbox-ip-rate}. */
    public static InboxRateLimiter fromConfig(NodeConfig config, Clock clock, Function<RoutingContext, String> serverKey) {
        return new InboxRateLimiter(
                new TokenBuckets(config.inboxRate(), DEFAULT_MAX_KEYS, clock),
                new TokenBuckets(config.inboxIpRate(), DEFAULT_MAX_KEYS, clock),
                serverKey);
    }

    @Override
    public void handle(RoutingContext ctx) {
        // A limit that is off needs no key: reading the peer's address and the signer's host costs
        // more than the bucket.
        String address = perAddress.limit().isOff() ? null : addressKey(ctx.request().remoteAddress());
        if (address != null && perAddress.take(address) instanceof TokenBuckets.Limited limited) {
            refuse(ctx, limited, "this address");
            return;
        }
        String server = perServer.limit().isOff() ? null : server(ctx);
        if (server != null && perServer.take(server) instanceof TokenBuckets.Limited limited) {
            refuse(ctx, limited, server);
            return;
        }
        ctx.next();
    }

    private String server(RoutingContext ctx) {
        try {
            return serverKey.apply(ctx);
        } catch (RuntimeException e) {
            LOG.debug("no server key for {}: {}", ctx.request().path(), e.getMessage());
            return null;
        }
    }

    private static void refuse(RoutingContext ctx, TokenBuckets.Limited limited, String who) {
        LOG.debug("429 for {} on {}: retry after {} s", who, ctx.request().path(), limited.retryAfterSeconds());
        ctx.response().putHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
        Problems.send(ctx, 429, "Too many requests",
                "Too many requests from " + who + "; retry in " + limited.retryAfterSeconds() + " s.", List.of());
    }

    /** The client's address as a bucket key: IPv4 as is, IPv6 reduced to its /64 network. */
    static String addressKey(SocketAddress remote) {
        if (remote == null || remote.hostAddress() == null) {
            return null;
        }
        String ip = remote.hostAddress();
        if (!ip.contains(":")) {
            return ip;
        }
        try {
            // A numeric address from the socket, never a name: this does not consult DNS.
            InetAddress parsed = InetAddress.getByName(ip.startsWith("[") ? ip : "[" + ip + "]");
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress();
            }
            byte[] bytes = parsed.getAddress();
            java.util.Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return ip;
        }
    }
}
