package coop.entraide.protocol.sig.rfc9421;

import java.io.IOException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/** Raw Ed25519 key material (RFC 8032 §5.1.5) out of JCA keys of any provider. */
final class Ed25519Keys {

    /** id-Ed25519, RFC 8410 §3. */
    private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private Ed25519Keys() {
    }

    static Ed25519PublicKeyParameters publicParameters(PublicKey key) throws InvalidKeyException {
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
            if (!ID_ED25519.equals(info.getAlgorithm().getAlgorithm())) {
                throw new InvalidKeyException("not an Ed25519 public key");
            }
            return new Ed25519PublicKeyParameters(info.getPublicKeyData().getOctets(), 0);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidKeyException("unreadable Ed25519 public key", e);
        }
    }

    static Ed25519PrivateKeyParameters privateParameters(PrivateKey key) throws InvalidKeyException {
        if (key instanceof EdECPrivateKey ed && ed.getBytes().isPresent()) {
            return new Ed25519PrivateKeyParameters(ed.getBytes().get(), 0);
        }
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            if (!ID_ED25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                throw new InvalidKeyException("not an Ed25519 private key");
            }
            return new Ed25519PrivateKeyParameters(ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets(), 0);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidKeyException("unreadable Ed25519 private key", e);
        }
    }
}
