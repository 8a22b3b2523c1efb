package coop.entraide.node.federation.fetch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/** Turns a host name (or an IP literal) into every address it stands for. */
@FunctionalInterface
public interface HostResolver {
    /** Fails with {@link java.net.UnknownHostException} when the name does not resolve. */
    Future<List<InetAddress>> resolve(String host);

    /**
     * The operating system's resolver, run on a worker thread since it blocks. An IP literal asks
     * no resolver: it is read where it is, without the trip to a worker thread and back.
     */
    static HostResolver system(Vertx vertx) {
        return host -> {
            if (IpLiteral.is(host)) {
                try {
                    return Future.succeededFuture(List.of(InetAddress.getAllByName(host)));
                } catch (UnknownHostException e) {
                    return Future.failedFuture(e);
                }
            }
            return vertx.executeBlocking(() -> List.of(InetAddress.getAllByName(host)), false);
        };
    }

    /**
     * Hosts the JDK reads as addresses without any lookup: a dotted IPv4 address, or IPv6 written
     * in hexadecimal digits, colons and dots (a host with a colon is never looked up; a malformed
     * one fails at once).
     */
    final class IpLiteral {
        private static final Pattern IPV4 = Pattern.compile(
                "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
        private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

        private IpLiteral() {
        }

        static boolean is(String host) {
            return IPV4.matcher(host).matches() || IPV6.matcher(host).matches();
        }
    }
}
