package coop.entraide.node.federation.fetch;

import java.net.InetAddress;
import java.util.Set;

/** Which resolved addresses an outgoing request may connect to. */
@FunctionalInterface
public interface AddressPolicy {
    boolean permits(InetAddress address);

    /** The default: public unicast only. */
    static AddressPolicy publicOnly() {
        return address -> AddressClassifier.classify(address).isPublic();
    }

    /** {@code --allow-private-network}: for a node on a LAN or a development machine. */
    static AddressPolicy anyAddress() {
        return address -> true;
    }

    /** The policy a node's configuration asks for. */
    static AddressPolicy of(boolean allowPrivateNetwork) {
        return allowPrivateNetwork ? anyAddress() : publicOnly();
    }

    /**
     * Public addresses plus exactly the listed ones. For tests, which can only reach loopback: it
     * lets a test open a door to one loopback address while every other private address stays shut.
     */
    static AddressPolicy publicAnd(Set<InetAddress> exceptions) {
        Set<InetAddress> allowed = Set.copyOf(exceptions);
        return address -> allowed.contains(address) || AddressClassifier.classify(address).isPublic();
    }
}
