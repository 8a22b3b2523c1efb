package coop.entraide.node.accounts;

import coop.entraide.node.identity.Member;
import coop.entraide.node.identity.MemberRepository;
import coop.entraide.node.identity.MemberRepository.Credentials;
import coop.entraide.node.identity.PasswordHasher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;

/**
 * Signing members in and out, and recognising them by their session token.
 *
 * <p>A token is 256 random bits, given to the client once; the database keeps only its SHA-256.
 * A wrong password and an unknown name cost the same Argon2id work and give the same answer, so
 * that nobody can learn which names exist.
 */
public final class SessionService {
    public static final Duration LIFETIME = Duration.ofDays(30);
    private static final int MAX_USER_AGENT = 512;

    /** The outcome of a sign-in attempt. */
    public sealed interface SignIn {
    }

    /** Signed in: the token to give the client (once), its expiry and the member. */
    public record SignedIn(String token, OffsetDateTime expiresAt, Member member) implements SignIn {
        @Override
        public String toString() {
            return "SignedIn[" + member.username() + ", token redacted]";
        }
    }

    /** Unknown name or wrong password: the same answer for both. */
    public record Rejected() implements SignIn {
    }

    /** The password was right but the member is suspended. */
    public record Suspended(Member member) implements SignIn {
    }

    /** A request's member and the session it came with. */
    public record Authenticated(Member member, long sessionId) {
    }

    private final Vertx vertx;
    private final Pool pool;
    private final Clock clock;
    private final PasswordHasher passwords;
    private final MemberRepository members = new MemberRepository();
    private final SessionRepository sessions = new SessionRepository();
    private final SecureRandom random = new SecureRandom();

    public SessionService(Vertx vertx, Pool pool, Clock clock, PasswordHasher passwords) {
        this.vertx = vertx;
        this.pool = pool;
        this.clock = clock;
        this.passwords = passwords;
    }

    public Future<SignIn> signIn(String username, String password, String userAgent) {
        return members.credentials(pool, username)
                .compose(found -> checkPassword(found, password))
                .compose(checked -> checked.isEmpty()
                        ? Future.succeededFuture(new Rejected())
                        : checked.get().suspended()
                                ? Future.succeededFuture(new Suspended(checked.get()))
                                : openSession(checked.get(), userAgent));
    }

    /** The member whose password matches; slow on a worker thread, equally slow when nobody matches. */
    private Future<Optional<Member>> checkPassword(Optional<Credentials> found, String password) {
        return vertx.executeBlocking(() -> {
            if (found.isEmpty()) {
                passwords.verifyDecoy(password);
                return Optional.<Member>empty();
            }
            return passwords.verify(password, found.get().passwordHash())
                    ? Optional.of(found.get().member())
                    : Optional.<Member>empty();
        }, false);
    }

    private Future<SignIn> openSession(Member member, String userAgent) {
        String token = newToken();
        OffsetDateTime expires = OffsetDateTime.now(clock).plus(LIFETIME);
        return sessions.insert(pool, sha256(token), member.id(), expires, truncate(userAgent))
                .compose(s -> members.touchActive(pool, member.id()))
                .compose(v -> sessions.deleteExpired(pool))
                .map(v -> new SignedIn(token, expires, member));
    }

    /**
     * The member a token belongs to, if the session is live; a suspended member comes back too,
     * and the caller refuses them.
     */
    public Future<Optional<Authenticated>> authenticate(String token) {
        return sessions.findLive(pool, sha256(token))
                .compose(found -> found.isEmpty()
                        ? Future.succeededFuture(Optional.empty())
                        : members.byId(pool, found.get().memberId())
                                .compose(m -> recordUse(found.get().id(), m))
                                .map(m -> m.map(member -> new Authenticated(member, found.get().id()))));
    }

    private Future<Optional<Member>> recordUse(long sessionId, Optional<Member> member) {
        if (member.isEmpty() || member.get().suspended()) {
            return Future.succeededFuture(member);
        }
        return sessions.touch(pool, sessionId)
                .compose(v -> members.touchActive(pool, member.get().id()))
                .map(member);
    }

    public Future<Void> signOut(long sessionId) {
        return sessions.delete(pool, sessionId);
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String truncate(String userAgent) {
        if (userAgent == null) {
            return null;
        }
        return userAgent.length() <= MAX_USER_AGENT ? userAgent : userAgent.substring(0, MAX_USER_AGENT);
    }
}
