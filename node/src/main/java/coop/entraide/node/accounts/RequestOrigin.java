package coop.entraide.node.accounts;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-site request forgery protection for requests a browser authenticates by cookie. A
 * state-changing request must come from our own pages: its {@code Origin}, when the browser sends
 * one, must be the node's base URL, and without it the request must carry an
 * {@code X-Requested-With} header, which another site cannot add without a CORS preflight that
 * this node never grants. {@code Sec-Fetch-Site: cross-site} is refused outright. Requests with a
 * bearer token are exempt: a browser never adds one by itself.
 */
final class RequestOrigin {
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final String baseOrigin;

    RequestOrigin(String baseOrigin) {
        this.baseOrigin = baseOrigin.toLowerCase(Locale.ROOT);
    }

    /** Why a cookie-authenticated request must be refused, or empty if it may proceed. */
    Optional<String> forgeryRisk(HttpServerRequest request) {
        if (SAFE.contains(request.method())) {
            return Optional.empty();
        }
        Optional<String> foreign = foreignOrigin(request);
        if (foreign.isPresent()) {
            return foreign;
        }
        if (request.getHeader("Origin") == null && request.getHeader("X-Requested-With") == null) {
            return Optional.of("Requests signed in by cookie must carry an Origin or X-Requested-With header.");
        }
        return Optional.empty();
    }

    /** Why a request is from another site, if its headers say so; used by sign-in as well. */
    Optional<String> foreignOrigin(HttpServerRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && fetchSite.equalsIgnoreCase("cross-site")) {
            return Optional.of("This request comes from another site.");
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.toLowerCase(Locale.ROOT).equals(baseOrigin)) {
            return Optional.of("This request comes from another origin than " + baseOrigin + ".");
        }
        return Optional.empty();
    }
}
