package coop.entraide.node.accounts;

import coop.entraide.node.NodeContext;
import coop.entraide.node.Uris;
import coop.entraide.node.accounts.SessionService.Authenticated;
import coop.entraide.node.accounts.SessionService.Rejected;
import coop.entraide.node.accounts.SessionService.SignedIn;
import coop.entraide.node.accounts.SessionService.Suspended;
import coop.entraide.node.federation.social.ProfileUpdates;
import coop.entraide.node.federation.social.SocialContext;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import coop.entraide.node.identity.Member;
import coop.entraide.node.identity.PasswordHasher;
import coop.entraide.protocol.html.Sanitizer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Signing in and out, and who am I:
 * {@code POST /api/v1/sessions}, {@code DELETE /api/v1/sessions/current}, {@code GET /api/v1/me},
 * and changing one's own profile: {@code PATCH /api/v1/me}.
 */
public final class AccountRoutes implements Routes {
    private final SessionService sessions;
    private final Authenticator authenticator;
    private final RequestOrigin origins;
    private final LoginThrottle throttle;
    private final Uris uris;
    private final boolean secureCookie;
    private final ProfileRepository profiles;

    public AccountRoutes(SessionService sessions, Uris uris, LoginThrottle throttle, Pool pool, ProfileUpdates updates) {
        this.sessions = sessions;
        this.profiles = new ProfileRepository(pool, uris, updates);
        this.uris = uris;
        this.throttle = throttle;
        this.origins = new RequestOrigin(uris.base());
        this.authenticator = new Authenticator(sessions, origins);
        this.secureCookie = uris.base().startsWith("https://");
    }

    public static AccountRoutes of(NodeContext ctx, SocialContext social) {
        Uris uris = new Uris(ctx.config().baseUrl());
        SessionService sessions = new SessionService(ctx.vertx(), ctx.pool(), ctx.clock(), new PasswordHasher());
        return new AccountRoutes(sessions, uris, new LoginThrottle(ctx.clock()), ctx.pool(), new ProfileUpdates(social));
    }

    /** For other API routes: {@code router.route("/api/v1/things*").handler(accounts.authenticator()::require)}. */
    public Authenticator authenticator() {
        return authenticator;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/v1/sessions").handler(this::signIn);
        router.delete("/api/v1/sessions/current").handler(authenticator::require).handler(this::signOut);
        router.get("/api/v1/me").handler(authenticator::require).handler(this::me);
        router.patch("/api/v1/me").handler(authenticator::require).handler(this::editProfile);
    }

    private record SignInRequest(String username, String password) {
    }

    private void signIn(RoutingContext ctx) {
        Optional<String> foreign = origins.foreignOrigin(ctx.request());
        if (foreign.isPresent()) {
            ctx.fail(ApiException.forbidden(foreign.get()));
            return;
        }
        SignInRequest request = signInRequest(JsonApi.body(ctx));
        String address = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
        OptionalLong wait = throttle.retryAfter(address, request.username());
        if (wait.isPresent()) {
            ctx.response().putHeader("Retry-After", Long.toString(wait.getAsLong()));
            ctx.fail(new ApiException(429, "Too many requests",
                    "Too many failed sign-ins; try again in " + wait.getAsLong() + " seconds."));
            return;
        }
        sessions.signIn(request.username(), request.password(), ctx.request().getHeader("User-Agent"))
                .onFailure(ctx::fail)
                .onSuccess(outcome -> {
                    if (outcome instanceof SignedIn in) {
                        throttle.recordSuccess(request.username());
                        ctx.response().addCookie(sessionCookie(in.token(), SessionService.LIFETIME.toSeconds()));
                        JsonApi.send(ctx, 201, new JsonObject()
                                .put("token", in.token())
                                .put("token_type", "Bearer")
                                .put("expires_at", in.expiresAt().toInstant().toString())
                                .put("member", memberJson(in.member())));
                    } else if (outcome instanceof Suspended) {
                        ctx.fail(ApiException.forbidden("This account is suspended."));
                    } else if (outcome instanceof Rejected) {
                        throttle.recordFailure(address, request.username());
                        ctx.fail(ApiException.unauthorized("Wrong name or password."));
                    }
                });
    }

    private static SignInRequest signInRequest(JsonObject body) {
        Object username = body.getValue("username");
        Object password = body.getValue("password");
        List<ApiException.FieldError> errors = new java.util.ArrayList<>();
        if (!(username instanceof String u) || u.isBlank()) {
            errors.add(new ApiException.FieldError("username", "username must be a non-empty string"));
        } else if (u.length() > 100) {
            errors.add(new ApiException.FieldError("username", "username is too long"));
        }
        if (!(password instanceof String p) || p.isEmpty()) {
            errors.add(new ApiException.FieldError("password", "password must be a non-empty string"));
        } else if (p.length() > PasswordHasher.MAX_PASSWORD_LENGTH) {
            errors.add(new ApiException.FieldError("password", "password is too long"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new SignInRequest(((String) username).strip(), (String) password);
    }

    private void signOut(RoutingContext ctx) {
        Authenticated auth = Authenticator.current(ctx);
        sessions.signOut(auth.sessionId())
                .onFailure(ctx::fail)
                .onSuccess(v -> ctx.response()
                        .addCookie(sessionCookie("", 0))
                        .setStatusCode(204)
                        .putHeader("Cache-Control", "no-store")
                        .end());
    }

    private void me(RoutingContext ctx) {
        Member member = Authenticator.current(ctx).member();
        profiles.load(member.id())
                .onFailure(ctx::fail)
                .onSuccess(profile -> JsonApi.send(ctx, 200, withProfile(memberJson(member), profile)));
    }

    private void editProfile(RoutingContext ctx) {
        Member member = Authenticator.current(ctx).member();
        ProfileChange change = ProfileChange.parse(JsonApi.body(ctx));
        profiles.update(member.id(), change)
                .onFailure(ctx::fail)
                .onSuccess(profile -> JsonApi.send(ctx, 200, withProfile(memberJson(member), profile)));
    }

    /** The member with the profile as stored now: the summary both as HTML and as the text to edit. */
    private static JsonObject withProfile(JsonObject member, ProfileRepository.Stored profile) {
        return member
                .put("display_name", profile.displayName())
                .put("summary", Sanitizer.toPlainText(profile.summaryHtml(), ProfileChange.MAX_SUMMARY * 2))
                .put("summary_html", profile.summaryHtml())
                .put("neighbourhood", profile.neighbourhood())
                .put("languages", new JsonArray(profile.languages()))
                .put("avatar_media_id", profile.avatarMediaId())
                .put("avatar_url", profile.avatarUrl())
                .put("avatar_alt", profile.avatarAlt());
    }

    private Cookie sessionCookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(Authenticator.COOKIE, value)
                .setPath("/")
                .setHttpOnly(true)
                .setSecure(secureCookie)
                .setSameSite(CookieSameSite.LAX)
                .setMaxAge(maxAgeSeconds);
    }

    /** A member as the API shows them: public profile facts and their role, never secrets. */
    JsonObject memberJson(Member m) {
        return new JsonObject()
                .put("username", m.username())
                .put("acct", m.username() + "@" + uris.authority())
                .put("uri", m.actor().uri())
                .put("display_name", m.actor().displayName())
                .put("role", m.role().value())
                .put("collective", new JsonObject()
                        .put("username", m.collectiveUsername())
                        .put("uri", uris.collective(m.collectiveUsername())))
                .put("created_at", m.actor().createdAt().toInstant().toString());
    }
}
