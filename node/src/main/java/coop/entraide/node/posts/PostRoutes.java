package coop.entraide.node.posts;

import coop.entraide.node.accounts.Authenticator;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import coop.entraide.node.identity.Member;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Members' posts and timeline: {@code POST /api/v1/posts}, {@code GET /api/v1/posts/{id}},
 * {@code GET /api/v1/timeline?limit=&before=}. The timeline is paged with an opaque cursor
 * ({@code next}), stable while new posts arrive.
 */
public final class PostRoutes implements Routes {
    private final PostService posts;
    private final Authenticator authenticator;
    private final String authority;

    public PostRoutes(PostService posts, Authenticator authenticator, String authority) {
        this.posts = posts;
        this.authenticator = authenticator;
        this.authority = authority;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/v1/posts").handler(authenticator::require).handler(this::create);
        router.get("/api/v1/posts/:id").handler(authenticator::require).handler(this::get);
        router.get("/api/v1/timeline").handler(authenticator::require).handler(this::timeline);
    }

    private void create(RoutingContext ctx) {
        Member member = Authenticator.current(ctx).member();
        JsonObject body = JsonApi.body(ctx);
        Object content = body.getValue("content");
        Object visibility = body.getValue("visibility");
        List<ApiException.FieldError> errors = new java.util.ArrayList<>();
        if (content != null && !(content instanceof String)) {
            errors.add(new ApiException.FieldError("content", "content must be a string"));
        }
        if (visibility != null && !(visibility instanceof String)) {
            errors.add(new ApiException.FieldError("visibility", "visibility must be a string"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        posts.create(member, new PostService.NewPost((String) content, (String) visibility))
                .onSuccess(o -> JsonApi.send(ctx, 201, PostJson.post(o, member.actor(), authority)))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        Member member = Authenticator.current(ctx).member();
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("there is no post " + ctx.pathParam("id"));
        }
        posts.get(member, id)
                .onSuccess(page -> JsonApi.send(ctx, 200, PostJson.post(page.objects().get(0),
                        page.authors().get(page.objects().get(0).actorId()), authority)))
                .onFailure(ctx::fail);
    }

    private void timeline(RoutingContext ctx) {
        Member member = Authenticator.current(ctx).member();
        int limit = limit(ctx.request().getParam("limit"));
        Optional<TimelineRepository.Cursor> before = Optional.ofNullable(ctx.request().getParam("before")).map(PostRoutes::cursor);
        posts.timeline(member, before, limit)
                .onSuccess(page -> JsonApi.send(ctx, 200, new JsonObject()
                        .put("items", PostJson.posts(page.objects(), page.authors(), authority))
                        .put("next", page.next().map(PostRoutes::encode).orElse(null))))
                .onFailure(ctx::fail);
    }

    private static int limit(String text) {
        if (text == null) {
            return 20;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= PostService.MAX_PAGE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.invalid(List.of(new ApiException.FieldError("limit",
                "limit must be a whole number from 1 to " + PostService.MAX_PAGE)));
    }

    static String encode(TimelineRepository.Cursor cursor) {
        Instant at = cursor.publishedAt().toInstant();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + cursor.id()).getBytes(StandardCharsets.UTF_8));
    }

    static TimelineRepository.Cursor cursor(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
            if (parts.length == 2) {
                Instant at = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
                return new TimelineRepository.Cursor(at.atOffset(ZoneOffset.UTC), Long.parseLong(parts[1]));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException.invalid(List.of(new ApiException.FieldError("before", "before must be a cursor this API gave")));
    }
}
