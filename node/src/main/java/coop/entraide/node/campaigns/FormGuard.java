package coop.entraide.node.campaigns;

import coop.entraide.node.store.NodeSettingsRepository;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects the public pledge form from cross-site forgery. Showing the form sets a random value in
 * a strict same-site cookie and puts its HMAC (keyed with a secret kept in the node's settings, so
 * that every process of the node agrees) in a hidden field; a submission is accepted only when the
 * two match and, if the browser says where it comes from, it comes from this node.
 */
public final class FormGuard {
    public static final String COOKIE = "entraide_form";
    public static final String FIELD = "csrf";
    static final String SECRET_SETTING = "form_secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret;
    private final String origin;
    private final boolean secure;

    public FormGuard(byte[] secret, String baseUrl) {
        this.secret = secret.clone();
        java.net.URI base = java.net.URI.create(baseUrl);
        this.origin = base.getScheme() + "://" + base.getRawAuthority();
        this.secure = "https".equals(base.getScheme());
    }

    /** The guard of a node: its secret is created on first start and shared by all its processes. */
    public static Future<FormGuard> load(SqlClient client, String baseUrl) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        return new NodeSettingsRepository().putIfAbsent(client, SECRET_SETTING, Base64.getEncoder().encodeToString(fresh))
                .map(stored -> new FormGuard(Base64.getDecoder().decode((String) stored), baseUrl));
    }

    /** Sets the cookie (reusing the browser's if it has one) and answers the hidden field's value. */
    public String issue(RoutingContext ctx) {
        Cookie existing = ctx.request().getCookie(COOKIE);
        String nonce = existing != null && existing.getValue().length() >= 16 ? existing.getValue() : null;
        if (nonce == null) {
            byte[] bytes = new byte[18];
            RANDOM.nextBytes(bytes);
            nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            ctx.response().addCookie(Cookie.cookie(COOKIE, nonce).setPath("/campaigns").setHttpOnly(true)
                    .setSecure(secure).setSameSite(CookieSameSite.STRICT));
        }
        return mac(nonce);
    }

    /** Why a submission must be refused, or empty if it is genuine. */
    public Optional<String> check(RoutingContext ctx) {
        String from = ctx.request().getHeader("Origin");
        if (from != null && !from.equals("null") && !from.equals(origin)) {
            return Optional.of("This form was sent from another site.");
        }
        Cookie cookie = ctx.request().getCookie(COOKIE);
        String token = ctx.request().getFormAttribute(FIELD);
        if (cookie == null || token == null) {
            return Optional.of("This form has expired; reload the page and try again.");
        }
        byte[] expected = mac(cookie.getValue()).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("This form has expired; reload the page and try again.");
        }
        return Optional.empty();
    }

    private String mac(String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(nonce.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
