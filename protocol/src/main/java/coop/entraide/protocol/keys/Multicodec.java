package coop.entraide.protocol.keys;

import java.util.Arrays;

/**
 * The multicodec key types we read and write, with their unsigned-varint prefixes (Multikey,
 * W3C Controlled Identifiers §2.2.2; FEP-521a).
 */
public enum Multicodec {
    /** {@code ed25519-pub} 0xed: a 32-byte RFC 8032 public key. */
    ED25519_PUB(new byte[] {(byte) 0xed, 0x01}, Ed25519Keys.KEY_LENGTH),
    /** {@code ed25519-priv} 0x1300: a 32-byte RFC 8032 private seed. */
    ED25519_PRIV(new byte[] {(byte) 0x80, 0x26}, Ed25519Keys.KEY_LENGTH),
    /** {@code rsa-pub} 0x1205: a PKCS#1 RSAPublicKey in DER, of any length. */
    RSA_PUB(new byte[] {(byte) 0x85, 0x24}, -1);

    private final byte[] prefix;
    private final int keyLength;

    Multicodec(byte[] prefix, int keyLength) {
        this.prefix = prefix;
        this.keyLength = keyLength;
    }

    /** Prefixes the key bytes with this codec's varint. */
    byte[] wrap(byte[] key) {
        byte[] out = Arrays.copyOf(prefix, prefix.length + key.length);
        System.arraycopy(key, 0, out, prefix.length, key.length);
        return out;
    }

    /** Finds the codec a decoded multikey starts with and checks the length of what follows. */
    static Decoded unwrap(byte[] data) throws KeyFormatException {
        for (Multicodec codec : values()) {
            if (data.length >= codec.prefix.length
                    && Arrays.equals(data, 0, codec.prefix.length, codec.prefix, 0, codec.prefix.length)) {
                byte[] key = Arrays.copyOfRange(data, codec.prefix.length, data.length);
                if (codec.keyLength >= 0 && key.length != codec.keyLength) {
                    throw new KeyFormatException(codec + " key must be " + codec.keyLength
                            + " bytes, got " + key.length);
                }
                if (key.length == 0) {
                    throw new KeyFormatException(codec + " key is empty");
                }
                return new Decoded(codec, key);
            }
        }
        String start = data.length >= 2
                ? String.format("0x%02x%02x", data[0] & 0xff, data[1] & 0xff)
                : "too short";
        throw new KeyFormatException("unsupported multicodec prefix (" + start + ")");
    }

    record Decoded(Multicodec codec, byte[] key) {
    }
}
