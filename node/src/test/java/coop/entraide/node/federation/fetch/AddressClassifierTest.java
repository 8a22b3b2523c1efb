package coop.entraide.node.federation.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassifierTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal never triggers a DNS lookup
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            // IPv4 edges of every range
            "0.0.0.0, UNSPECIFIED",
            "0.0.0.1, RESERVED",
            "0.255.255.255, RESERVED",
            "1.0.0.0, PUBLIC",
            "9.255.255.255, PUBLIC",
            "10.0.0.0, PRIVATE",
            "10.255.255.255, PRIVATE",
            "11.0.0.0, PUBLIC",
            "100.63.255.255, PUBLIC",
            "100.64.0.0, SHARED",
            "100.127.255.255, SHARED",
            "100.128.0.0, PUBLIC",
            "126.255.255.255, PUBLIC",
            "127.0.0.0, LOOPBACK",
            "127.0.0.1, LOOPBACK",
            "127.0.0.2, LOOPBACK",
            "127.255.255.255, LOOPBACK",
            "128.0.0.0, PUBLIC",
            "169.253.255.255, PUBLIC",
            "169.254.0.0, LINK_LOCAL",
            "169.254.169.254, LINK_LOCAL",
            "169.255.0.0, PUBLIC",
            "172.15.255.255, PUBLIC",
            "172.16.0.0, PRIVATE",
            "172.31.255.255, PRIVATE",
            "172.32.0.0, PUBLIC",
            "192.0.0.0, RESERVED",
            "192.0.0.255, RESERVED",
            "192.0.1.0, PUBLIC",
            "192.0.2.1, DOCUMENTATION",
            "192.88.99.1, RESERVED",
            "192.167.255.255, PUBLIC",
            "192.168.0.0, PRIVATE",
            "192.168.255.255, PRIVATE",
            "192.169.0.0, PUBLIC",
            "198.17.255.255, PUBLIC",
            "198.18.0.0, BENCHMARKING",
            "198.19.255.255, BENCHMARKING",
            "198.20.0.0, PUBLIC",
            "198.51.100.7, DOCUMENTATION",
            "203.0.113.255, DOCUMENTATION",
            "223.255.255.255, PUBLIC",
            "224.0.0.0, MULTICAST",
            "239.255.255.255, MULTICAST",
            "240.0.0.0, RESERVED",
            "255.255.255.254, RESERVED",
            "255.255.255.255, BROADCAST",
            "8.8.8.8, PUBLIC",
            // IPv6
            "::, UNSPECIFIED",
            "::1, LOOPBACK",
            "::2, RESERVED",
            "::ffff:127.0.0.1, LOOPBACK",
            "::ffff:7f00:2, LOOPBACK",
            "::ffff:10.1.2.3, PRIVATE",
            "::ffff:169.254.169.254, LINK_LOCAL",
            "::ffff:0.0.0.0, UNSPECIFIED",
            "::ffff:100.64.0.1, SHARED",
            "::ffff:8.8.8.8, PUBLIC",
            "::127.0.0.1, LOOPBACK",
            "::10.0.0.1, PRIVATE",
            "::8.8.8.8, RESERVED",
            "::ffff:0:127.0.0.1, LOOPBACK",
            "::ffff:0:8.8.8.8, RESERVED",
            "64:ff9b::127.0.0.1, LOOPBACK",
            "64:ff9b::192.168.1.1, PRIVATE",
            "64:ff9b::8.8.8.8, PUBLIC",
            "64:ff9b:1::1, PRIVATE",
            "2002:7f00:1::, LOOPBACK",
            "2002:a00:1::1, PRIVATE",
            "2002:808:808::1, PUBLIC",
            "100::1, RESERVED",
            "2001::1, RESERVED",
            "2001:1ff:ffff::1, RESERVED",
            "2001:200::1, PUBLIC",
            "2001:db8::1, DOCUMENTATION",
            "2001:4860:4860::8888, PUBLIC",
            "2a01:4f8::1, PUBLIC",
            "3fff::1, DOCUMENTATION",
            "3fff:1000::1, PUBLIC",
            "3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, PUBLIC",
            "4000::1, RESERVED",
            "1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED",
            "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED",
            "fc00::, PRIVATE",
            "fd12:3456:789a::1, PRIVATE",
            "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, PRIVATE",
            "fe00::1, RESERVED",
            "fe80::, LINK_LOCAL",
            "fe80::1%1, LINK_LOCAL",
            "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff, LINK_LOCAL",
            "fec0::1, PRIVATE",
            "ff00::, MULTICAST",
            "ff02::1, MULTICAST",
    })
    void classifiesLiteral(String literal, AddressClass expected) {
        assertEquals(expected, AddressClassifier.classify(ip(literal)));
    }

    @Test
    void shorthandIpv4FormsAreJudgedByTheAddressTheyMean() {
        // Java reads these historical forms as 127.0.0.1; the classifier sees the parsed address.
        assertEquals(AddressClass.LOOPBACK, AddressClassifier.classify(ip("127.1")));
        assertEquals(AddressClass.LOOPBACK, AddressClassifier.classify(ip("2130706433")));
    }

    @Test
    void defaultPolicyAdmitsOnlyPublicAddresses() {
        AddressPolicy policy = AddressPolicy.publicOnly();
        assertTrue(policy.permits(ip("8.8.8.8")));
        assertTrue(policy.permits(ip("2001:4860:4860::8888")));
        assertFalse(policy.permits(ip("127.0.0.1")));
        assertFalse(policy.permits(ip("::ffff:192.168.0.1")));
        assertFalse(policy.permits(ip("fd00::1")));
    }

    @Test
    void privateNetworkPolicyAdmitsEverything() {
        AddressPolicy policy = AddressPolicy.of(true);
        assertTrue(policy.permits(ip("127.0.0.1")));
        assertTrue(policy.permits(ip("10.0.0.1")));
    }

    @Test
    void testPolicyOpensExactlyTheListedAddress() {
        AddressPolicy policy = AddressPolicy.publicAnd(Set.of(ip("127.0.0.1")));
        assertTrue(policy.permits(ip("127.0.0.1")));
        assertFalse(policy.permits(ip("127.0.0.2")));
        assertFalse(policy.permits(ip("::1")));
        assertFalse(policy.permits(ip("192.168.1.1")));
        assertTrue(policy.permits(ip("9.9.9.9")));
    }
}
