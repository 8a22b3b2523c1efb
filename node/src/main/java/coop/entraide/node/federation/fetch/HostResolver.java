package coop.entraide.node.federation.fetch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.util.List;

/** Turns a host name (or an IP literal) into every address it stands for. */
@FunctionalInterface
public interface HostResolver {
    /** Fails with {@link java.net.UnknownHostException} when the name does not resolve. */
    Future<List<InetAddress>> resolve(String host);

    /** The operating system's resolver, run on a worker thread since it blocks. */
    static HostResolver system(Vertx vertx) {
        return host -> vertx.executeBlocking(() -> List.of(InetAddress.getAllByName(host)), false);
    }
}
