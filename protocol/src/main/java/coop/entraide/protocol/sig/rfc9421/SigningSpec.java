package coop.entraide.protocol.sig.rfc9421;

import coop.entraide.protocol.sf.BareItem;
import coop.entraide.protocol.sf.Parameters;
import java.security.Key;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * What to sign and how (RFC 9421 §2.3, §3.1): label, covered components, algorithm, key and
 * signature parameters. Parameters are serialised in the order they were set on the builder, so a
 * signer can reproduce any published {@code Signature-Input} exactly.
 */
public final class SigningSpec {

    private final String label;
    private final List<ComponentIdentifier> components;
    private final SignatureAlgorithm algorithm;
    private final Key key;
    private final Parameters parameters;
    private final boolean addContentDigest;

    private SigningSpec(Builder b) {
        this.label = b.label;
        this.components = List.copyOf(b.components);
        this.algorithm = b.algorithm;
        this.key = b.key;
        this.parameters = Parameters.of(b.parameters);
        this.addContentDigest = b.addContentDigest;
    }

    /** A builder; {@code key} is a private key, or a secret key for hmac-sha256. */
    public static Builder builder(SignatureAlgorithm algorithm, Key key) {
        return new Builder(algorithm, key);
    }

    /**
     * The spec we use to sign ActivityPub requests: {@code @method}, {@code @target-uri} and,
     * with a body, {@code content-digest}; parameters {@code created}, {@code keyid}, {@code alg}.
     */
    public static SigningSpec activityPub(SignatureAlgorithm algorithm, Key key, String keyId, Instant created,
            boolean hasBody) {
        Builder b = builder(algorithm, key).components(ComponentIdentifier.METHOD, ComponentIdentifier.TARGET_URI);
        if (hasBody) {
            b.components(ComponentIdentifier.CONTENT_DIGEST);
        }
        return b.created(created).keyId(keyId).alg().build();
    }

    public String label() {
        return label;
    }

    public List<ComponentIdentifier> components() {
        return components;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    Key key() {
        return key;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** Whether the signer adds a sha-256 {@code Content-Digest} when it is covered but absent. */
    public boolean addContentDigest() {
        return addContentDigest;
    }

    public static final class Builder {
        private String label = "sig1";
        private final List<ComponentIdentifier> components = new ArrayList<>();
        private final SignatureAlgorithm algorithm;
        private final Key key;
        private final LinkedHashMap<String, BareItem> parameters = new LinkedHashMap<>();
        private boolean addContentDigest = true;

        private Builder(SignatureAlgorithm algorithm, Key key) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            this.key = Objects.requireNonNull(key, "key");
        }

        /** The label in {@code Signature-Input} and {@code Signature}; {@code sig1} by default. */
        public Builder label(String label) {
            if (!Parameters.isValidKey(label)) {
                throw new IllegalArgumentException("a label must be a structured field key: " + label);
            }
            this.label = label;
            return this;
        }

        public Builder components(ComponentIdentifier... ids) {
            components.addAll(List.of(ids));
            return this;
        }

        /** Components by plain name, e.g. {@code "@method"}, {@code "content-digest"}. */
        public Builder components(String... names) {
            for (String n : names) {
                components.add(ComponentIdentifier.of(n));
            }
            return this;
        }

        public Builder created(Instant created) {
            parameters.put("created", new BareItem.SfInteger(created.getEpochSecond()));
            return this;
        }

        public Builder expires(Instant expires) {
            parameters.put("expires", new BareItem.SfInteger(expires.getEpochSecond()));
            return this;
        }

        public Builder keyId(String keyId) {
            parameters.put("keyid", new BareItem.SfString(keyId));
            return this;
        }

        /** Adds {@code alg} naming the algorithm, which RFC 9421 leaves optional. */
        public Builder alg() {
            parameters.put("alg", new BareItem.SfString(algorithm.id()));
            return this;
        }

        public Builder nonce(String nonce) {
            parameters.put("nonce", new BareItem.SfString(nonce));
            return this;
        }

        public Builder tag(String tag) {
            parameters.put("tag", new BareItem.SfString(tag));
            return this;
        }

        /** Whether to add a missing {@code Content-Digest} when it is covered (default true). */
        public Builder addContentDigest(boolean add) {
            this.addContentDigest = add;
            return this;
        }

        public SigningSpec build() {
            return new SigningSpec(this);
        }
    }
}
