package coop.entraide.node.identity;

import coop.entraide.node.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashing with Argon2id (RFC 9106), stored in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded standard Base64).
 *
 * <p>Default cost: 19 MiB of memory, 2 passes, 1 lane: the minimum OWASP's Password Storage Cheat
 * Sheet recommends for Argon2id, about 50 to 100 ms on one core. Hashing is deliberately slow:
 * call {@link #hash} and {@link #verify} on a worker thread, never on an event loop. The cost is
 * read back from each stored hash, so raising it later keeps old hashes valid.
 */
public final class PasswordHasher {
    /** Cost parameters of Argon2id. */
    public record Cost(int memoryKiB, int iterations, int parallelism) {
    }

    public static final Cost OWASP_MINIMUM = new Cost(19 * 1024, 2, 1);
    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final String GENERATED_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Cost cost;
    private final SecureRandom random = new SecureRandom();
    /** A hash no password matches, checked against when the user does not exist, to take the same time. */
    private final String decoy;

    public PasswordHasher(Cost cost) {
        this.cost = cost;
        byte[] salt = new byte[SALT_BYTES];
        byte[] hash = new byte[HASH_BYTES];
        random.nextBytes(salt);
        random.nextBytes(hash);
        this.decoy = format(cost, salt, hash);
    }

    public PasswordHasher() {
        this(OWASP_MINIMUM);
    }

    /** Rejects passwords that are too short or absurdly long; says why in one sentence. */
    public static String requireAcceptable(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException("password", "password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new InvalidInputException("password", "password must have at most " + MAX_PASSWORD_LENGTH + " characters");
        }
        return password;
    }

    /** A new random password (about 117 bits), for accounts created without one. */
    public String generatePassword() {
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(GENERATED_ALPHABET.charAt(random.nextInt(GENERATED_ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Slow. A PHC string with a fresh random salt. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return format(cost, salt, derive(password, salt, cost, HASH_BYTES));
    }

    /**
     * Slow. Whether the password matches the stored hash, compared in constant time. A missing or
     * malformed stored hash matches nothing but costs the same time as a real check.
     */
    public boolean verify(String password, String storedHash) {
        Optional<Parsed> parsed = parse(storedHash);
        Parsed p = parsed.orElseGet(() -> parse(decoy).orElseThrow());
        byte[] actual = derive(password == null ? "" : password, p.salt(), p.cost(), p.hash().length);
        return MessageDigest.isEqual(actual, p.hash()) && parsed.isPresent();
    }

    /** Slow. Spends the time of a real check, for a user who does not exist. */
    public void verifyDecoy(String password) {
        verify(password, decoy);
    }

    private record Parsed(Cost cost, byte[] salt, byte[] hash) {
    }

    private static Optional<Parsed> parse(String phc) {
        if (phc == null) {
            return Optional.empty();
        }
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return Optional.empty();
        }
        Cost c = new Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        if (c.memoryKiB() < 8 * c.parallelism() || c.iterations() < 1 || c.parallelism() < 1) {
            return Optional.empty();
        }
        Base64.Decoder dec = Base64.getDecoder();
        return Optional.of(new Parsed(c, dec.decode(m.group(4)), dec.decode(m.group(5))));
    }

    private static String format(Cost c, byte[] salt, byte[] hash) {
        return "$argon2id$v=19$m=" + c.memoryKiB() + ",t=" + c.iterations() + ",p=" + c.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    private static byte[] derive(String password, byte[] salt, Cost c, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(c.memoryKiB())
                .withIterations(c.iterations())
                .withParallelism(c.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
