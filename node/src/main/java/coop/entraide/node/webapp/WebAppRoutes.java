package coop.entraide.node.webapp;

import coop.entraide.node.http.Routes;
import coop.entraide.ui.UiBundle;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.concurrent.TimeUnit;

/**
 * The web app for members and administrators. Its page answers {@code /} and every address under
 * {@link #APP} (the app draws the screen from the address); its scripts, styles and catalogues
 * are served from the classpath under {@code /static/<version>/}, where the version changes with
 * their content, so that browsers keep them for a year and never mix two releases.
 *
 * <p>The app owns only these prefixes, so it never shadows the API, actors, WebFinger, NodeInfo
 * or anything mounted later; a browser asking for {@code /u/alice} still gets the actor's page.
 */
public final class WebAppRoutes implements Routes {
    public static final String APP = "/app";
    public static final String STATIC = "/static";
    /** Nothing but this node's own files: no inline script or style, no other origin. */
    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    private static final long ONE_YEAR = TimeUnit.DAYS.toSeconds(365);

    private final String assets;
    private final Buffer index;
    private final String indexTag;

    public WebAppRoutes(UiBundle bundle) {
        this.assets = STATIC + "/" + bundle.version();
        this.index = Buffer.buffer(bundle.indexPage(assets));
        this.indexTag = "\"" + bundle.version() + "\"";
    }

    /** Where this release's assets are served, such as {@code /static/1a2b3c4d5e6f}. */
    public String assetsPath() {
        return assets;
    }

    @Override
    public void mount(Router router) {
        router.get(assets + "/" + UiBundle.INDEX).handler(ctx -> ctx.fail(404));
        router.get(assets + "/*")
                .handler(ctx -> {
                    securityHeaders(ctx);
                    ctx.next();
                })
                .handler(StaticHandler.create(UiBundle.ROOT)
                        .setCachingEnabled(true)
                        .setMaxAgeSeconds(ONE_YEAR)
                        .setDirectoryListing(false)
                        .setIncludeHidden(false)
                        .setSendVaryHeader(false));
        // Another release's assets: refuse rather than serve today's files under yesterday's name.
        router.get(STATIC + "/*").handler(ctx -> ctx.fail(404));
        router.get("/").handler(this::page);
        router.get(APP).handler(this::page);
        router.get(APP + "/*").handler(this::page);
    }

    /** The app's page: revalidated on every visit (cheap: 304), so that a new release shows at once. */
    private void page(RoutingContext ctx) {
        securityHeaders(ctx);
        ctx.response()
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader(HttpHeaders.ETAG, indexTag);
        String asked = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (asked != null && (asked.contains(indexTag) || asked.strip().equals("*"))) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .end(index);
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("Referrer-Policy", "same-origin")
                .putHeader("X-Frame-Options", "DENY");
    }
}
