package coop.entraide.node.accounts;

import coop.entraide.node.accounts.SessionService.Authenticated;
import coop.entraide.node.http.AdminGuard;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.identity.Role;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds who is calling an API route: a bearer token ({@code Authorization: Bearer …}) or the
 * session cookie a browser got at sign-in. As a route handler ({@link #require}) it refuses
 * anonymous callers (401), suspended members (403) and cookie requests that could be forged (403),
 * and leaves the member for the next handler ({@link #current}).
 */
public final class Authenticator {
    public static final String COOKIE = "entraide_session";
    private static final String KEY = "entraide.authenticated";

    /** Where a token came from: a cookie needs forgery protection, a bearer header does not. */
    private record Credential(String token, boolean fromCookie) {
    }

    private final SessionService sessions;
    private final RequestOrigin origins;

    Authenticator(SessionService sessions, RequestOrigin origins) {
        this.sessions = sessions;
        this.origins = origins;
    }

    /** The signed-in caller, for handlers mounted after {@link #require}. */
    public static Authenticated current(RoutingContext ctx) {
        Authenticated auth = ctx.get(KEY);
        if (auth == null) {
            throw new IllegalStateException("Authenticator.require must run before this handler");
        }
        return auth;
    }

    public void require(RoutingContext ctx) {
        authenticate(ctx, auth -> ctx.next());
    }

    /**
     * For routes open to everyone that show more to members: a caller who sends credentials is
     * authenticated as by {@link #require} (bad ones are refused), one who sends none goes on
     * anonymously ({@link #find} is then empty).
     */
    public void optional(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (ctx.request().getHeader("Authorization") == null && (cookie == null || cookie.getValue().isEmpty())) {
            ctx.next();
            return;
        }
        require(ctx);
    }

    /** The signed-in caller after {@link #optional}, if any. */
    public static Optional<Authenticated> find(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(KEY));
    }

    /**
     * A guard for administration routes: a signed-in, non-suspended administrator of this node;
     * anyone else signed in gets 403.
     */
    public AdminGuard administrators() {
        return ctx -> authenticate(ctx, auth -> {
            if (auth.member().role() != Role.ADMIN) {
                ctx.fail(ApiException.forbidden("Only an administrator of this node can do this."));
            } else {
                AdminGuard.admit(ctx, auth.member().username());
            }
        });
    }

    /**
     * A guard for moderation routes: a signed-in, non-suspended moderator or administrator of this
     * node; a member gets 403. The caller is then available through {@link #current}.
     */
    public Handler<RoutingContext> moderators() {
        return ctx -> authenticate(ctx, auth -> {
            if (auth.member().role() == Role.MEMBER) {
                ctx.fail(ApiException.forbidden("Only a moderator or an administrator of this node can do this."));
            } else {
                ctx.next();
            }
        });
    }

    /**
     * For routes open to everyone that change something (joining the node): refuses a request that
     * says it comes from another site, as sign-in does.
     */
    public void refuseForeignOrigin(RoutingContext ctx) {
        Optional<String> foreign = origins.foreignOrigin(ctx.request());
        if (foreign.isPresent()) {
            ctx.fail(ApiException.forbidden(foreign.get()));
        } else {
            ctx.next();
        }
    }

    /**
     * Finds the caller as {@link #require} does, then runs {@code then} instead of passing to the
     * next handler; anyone else gets the same 401/403. For handlers that must check before they
     * act, such as a body handler.
     */
    public void authenticate(RoutingContext ctx, Consumer<Authenticated> then) {
        Optional<Credential> credential;
        try {
            credential = credential(ctx);
        } catch (ApiException e) {
            ctx.fail(e);
            return;
        }
        if (credential.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            ctx.fail(ApiException.unauthorized("Sign in first: send a bearer token or the session cookie."));
            return;
        }
        if (credential.get().fromCookie()) {
            Optional<String> risk = origins.forgeryRisk(ctx.request());
            if (risk.isPresent()) {
                ctx.fail(ApiException.forbidden(risk.get()));
                return;
            }
        }
        sessions.authenticate(credential.get().token())
                .onFailure(ctx::fail)
                .onSuccess(found -> {
                    if (found.isEmpty()) {
                        ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                        ctx.fail(ApiException.unauthorized("This session has ended or never existed; sign in again."));
                    } else if (found.get().member().suspended()) {
                        ctx.fail(ApiException.forbidden("This account is suspended."));
                    } else {
                        ctx.put(KEY, found.get());
                        then.accept(found.get());
                    }
                });
    }

    private static Optional<Credential> credential(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null) {
            if (header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
                return Optional.of(new Credential(header.substring(7).strip(), false));
            }
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            throw ApiException.unauthorized("Only bearer tokens are accepted in the Authorization header.");
        }
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (cookie != null && !cookie.getValue().isEmpty()) {
            return Optional.of(new Credential(cookie.getValue(), true));
        }
        return Optional.empty();
    }
}
