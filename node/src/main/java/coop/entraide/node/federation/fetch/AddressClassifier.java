package coop.entraide.node.federation.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Sorts an IP address into an {@link AddressClass}. IPv6 forms that carry an IPv4 address
 * (IPv4-mapped, IPv4-compatible, IPv4-translated, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}) are judged by the IPv4 address they lead to, so that {@code ::ffff:127.0.0.1}
 * or {@code 2002:7f00:1::} cannot smuggle a loopback connection past the check.
 */
public final class AddressClassifier {
    private AddressClassifier() {
    }

    public static AddressClass classify(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return classifyV4(b, 0);
        }
        if (address instanceof Inet6Address) {
            return classifyV6(b);
        }
        return AddressClass.RESERVED;
    }

    private static AddressClass classifyV4(byte[] b, int at) {
        int a0 = b[at] & 0xff;
        int a1 = b[at + 1] & 0xff;
        int a2 = b[at + 2] & 0xff;
        int a3 = b[at + 3] & 0xff;
        if (a0 == 0) {
            return (a1 | a2 | a3) == 0 ? AddressClass.UNSPECIFIED : AddressClass.RESERVED;
        }
        if (a0 == 10) {
            return AddressClass.PRIVATE;
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return AddressClass.SHARED;
        }
        if (a0 == 127) {
            return AddressClass.LOOPBACK;
        }
        if (a0 == 169 && a1 == 254) {
            return AddressClass.LINK_LOCAL;
        }
        if (a0 == 172 && (a1 & 0xf0) == 16) {
            return AddressClass.PRIVATE;
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return AddressClass.RESERVED;
        }
        if (a0 == 192 && a1 == 0 && a2 == 2 || a0 == 198 && a1 == 51 && a2 == 100 || a0 == 203 && a1 == 0 && a2 == 113) {
            return AddressClass.DOCUMENTATION;
        }
        if (a0 == 192 && a1 == 88 && a2 == 99) {
            return AddressClass.RESERVED; // former 6to4 relay anycast (RFC 7526)
        }
        if (a0 == 192 && a1 == 168) {
            return AddressClass.PRIVATE;
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return AddressClass.BENCHMARKING;
        }
        if ((a0 & 0xf0) == 224) {
            return AddressClass.MULTICAST;
        }
        if (a0 == 255 && a1 == 255 && a2 == 255 && a3 == 255) {
            return AddressClass.BROADCAST;
        }
        if ((a0 & 0xf0) == 240) {
            return AddressClass.RESERVED;
        }
        return AddressClass.PUBLIC;
    }

    private static AddressClass classifyV6(byte[] b) {
        if (zero(b, 0, 10)) {
            int w5 = word(b, 10);
            if (w5 == 0xffff) {
                return classifyV4(b, 12); // ::ffff:a.b.c.d, IPv4-mapped
            }
            if (w5 == 0) {
                if (zero(b, 12, 15)) {
                    int last = b[15] & 0xff;
                    if (last == 0) {
                        return AddressClass.UNSPECIFIED;
                    }
                    if (last == 1) {
                        return AddressClass.LOOPBACK;
                    }
                }
                return deprecatedForm(classifyV4(b, 12)); // ::a.b.c.d, deprecated IPv4-compatible
            }
            return AddressClass.RESERVED;
        }
        if (zero(b, 0, 8) && word(b, 8) == 0xffff && word(b, 10) == 0) {
            return deprecatedForm(classifyV4(b, 12)); // ::ffff:0:a.b.c.d, IPv4-translated (RFC 2765)
        }
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if (w0 == 0x0064 && w1 == 0xff9b) {
            if (zero(b, 4, 12)) {
                return classifyV4(b, 12); // 64:ff9b::/96, well-known NAT64 prefix
            }
            return word(b, 4) == 0x0001 ? AddressClass.PRIVATE : AddressClass.RESERVED; // 64:ff9b:1::/48 local use
        }
        if (w0 == 0x2002) {
            return classifyV4(b, 2); // 6to4: the IPv4 address of the relay that will be reached
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return AddressClass.DOCUMENTATION;
        }
        if (w0 == 0x2001 && w1 < 0x0200) {
            return AddressClass.RESERVED; // 2001::/23 protocol assignments, Teredo included
        }
        if (w0 == 0x3fff && w1 < 0x1000) {
            return AddressClass.DOCUMENTATION; // 3fff::/20 (RFC 9637)
        }
        if ((w0 & 0xfe00) == 0xfc00) {
            return AddressClass.PRIVATE;
        }
        if ((w0 & 0xffc0) == 0xfe80) {
            return AddressClass.LINK_LOCAL;
        }
        if ((w0 & 0xffc0) == 0xfec0) {
            return AddressClass.PRIVATE;
        }
        if ((w0 & 0xff00) == 0xff00) {
            return AddressClass.MULTICAST;
        }
        if ((w0 & 0xe000) == 0x2000) {
            return AddressClass.PUBLIC;
        }
        return AddressClass.RESERVED; // 100::/64 discard-only and everything not yet allocated
    }

    /** A deprecated embedding never makes an address more reachable than what it embeds. */
    private static AddressClass deprecatedForm(AddressClass embedded) {
        return embedded.isPublic() ? AddressClass.RESERVED : embedded;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }
}
