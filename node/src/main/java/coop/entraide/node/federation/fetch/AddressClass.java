package coop.entraide.node.federation.fetch;

/**
 * What kind of network an IP address belongs to, after the IANA special-purpose address registries
 * (RFC 6890 and its updates). Only {@link #PUBLIC} addresses are reachable by default.
 */
public enum AddressClass {
    /** Globally routable unicast. */
    PUBLIC,
    /** 127.0.0.0/8, ::1. */
    LOOPBACK,
    /** 10/8, 172.16/12, 192.168/16, fc00::/7 (unique local), fec0::/10 (old site-local), local-use NAT64. */
    PRIVATE,
    /** 169.254/16, fe80::/10. */
    LINK_LOCAL,
    /** 100.64/10, carrier-grade NAT (RFC 6598): private in practice. */
    SHARED,
    /** 224/4, ff00::/8. */
    MULTICAST,
    /** 0.0.0.0, ::: connecting to it reaches the local host on many systems. */
    UNSPECIFIED,
    /** 255.255.255.255. */
    BROADCAST,
    /** 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32. */
    DOCUMENTATION,
    /** 198.18/15 (RFC 2544). */
    BENCHMARKING,
    /** Anything else set aside: 0/8, 240/4, 192.0.0/24, 2001::/23, IPv6 outside 2000::/3… */
    RESERVED;

    public boolean isPublic() {
        return this == PUBLIC;
    }
}
