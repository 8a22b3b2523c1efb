package coop.entraide.node.media;

import coop.entraide.node.Uris;
import coop.entraide.node.accounts.Authenticator;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Photos: {@code POST /api/v1/media} takes an image (multipart field {@code file}, or the raw
 * bytes with an {@code image/*} content type) from a signed-in member and answers its id, URLs and
 * blurhash; {@code GET /media/{sha256}.{jpg|png}} serves the stored files, which never change, so
 * they are cached for a year. Mount before {@link JsonApi}: uploads are larger than JSON bodies.
 */
public final class MediaRoutes implements Routes {
    private static final Pattern FILE_NAME = Pattern.compile("[0-9a-f]{64}\\.(jpg|png)");
    /** Room for the multipart envelope around a file of the largest accepted size. */
    private static final int BODY_LIMIT = MediaPipeline.MAX_BYTES + 64 * 1024;

    private final Vertx vertx;
    private final Pool pool;
    private final Uris uris;
    private final Authenticator auth;
    private final Path directory;
    private final MediaPipeline pipeline = new MediaPipeline();

    public MediaRoutes(Vertx vertx, Pool pool, Uris uris, Authenticator auth, Path dataDir) {
        this.vertx = vertx;
        this.pool = pool;
        this.uris = uris;
        this.auth = auth;
        this.directory = dataDir.resolve("media");
        try {
            Files.createDirectories(directory.resolve("uploads"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void mount(Router router) {
        // Sign-in first: nothing of an anonymous upload is read or written to disk.
        router.post("/api/v1/media")
                .handler(new SignedInBodyHandler(auth, BodyHandler.create(directory.resolve("uploads").toString())
                        .setBodyLimit(BODY_LIMIT).setDeleteUploadedFilesOnEnd(true)))
                .handler(this::upload);
        router.get("/media/:file").handler(this::serve);
    }

    private void upload(RoutingContext ctx) {
        byte[] bytes = uploadedBytes(ctx);
        long owner = Authenticator.current(ctx).member().id();
        vertx.executeBlocking(() -> pipeline.process(bytes), false)
                .compose(result -> {
                    if (result instanceof MediaPipeline.Result.Refused refused) {
                        return Future.failedFuture(new ApiException(refused.status(),
                                refused.status() == 413 ? "Content too large"
                                        : refused.status() == 415 ? "Unsupported media type" : "Invalid image",
                                refused.reason()));
                    }
                    MediaPipeline.Image image = ((MediaPipeline.Result.Ok) result).image();
                    return vertx.executeBlocking(() -> store(image), false)
                            .compose(names -> insert(owner, image, names));
                })
                .onSuccess(json -> JsonApi.send(ctx, 201, json))
                .onFailure(ctx::fail);
    }

    private static byte[] uploadedBytes(RoutingContext ctx) {
        List<FileUpload> files = ctx.fileUploads();
        if (!files.isEmpty()) {
            FileUpload file = files.stream().filter(f -> f.name().equals("file")).findFirst().orElse(files.get(0));
            if (file.size() > MediaPipeline.MAX_BYTES) {
                throw new ApiException(413, "Content too large", "A photo may be at most 10 MiB.");
            }
            try {
                return Files.readAllBytes(Path.of(file.uploadedFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("image/")
                || ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
            throw new ApiException(415, "Unsupported media type",
                    "Send the photo as multipart/form-data (field \"file\") or as the body with an image/* type.");
        }
        return ctx.body().buffer().getBytes();
    }

    /** Stored file names: the SHA-256 of the bytes, so the same photo is one file. */
    private record Names(String file, String thumbnail) {
    }

    private Names store(MediaPipeline.Image image) throws IOException {
        String file = write(image.bytes(), image.extension());
        String thumbnail = write(image.thumbnail(), image.extension());
        return new Names(file, thumbnail);
    }

    private String write(byte[] bytes, String extension) throws IOException {
        String name = sha256(bytes) + "." + extension;
        Path target = directory.resolve(name);
        if (!Files.exists(target)) {
            Path temporary = Files.createTempFile(directory, "upload-", ".part");
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return name;
    }

    private Future<JsonObject> insert(long owner, MediaPipeline.Image image, Names names) {
        return pool.preparedQuery("""
                        INSERT INTO media (owner_id, file_name, content_type, width, height, byte_size, thumb_file_name,
                                           blurhash)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING public_id""")
                .execute(Tuple.from(List.of(owner, names.file(), image.contentType(), image.width(), image.height(),
                        image.bytes().length, names.thumbnail(), image.blurhash())))
                .map(rows -> new JsonObject()
                        .put("id", rows.iterator().next().getUUID("public_id").toString())
                        .put("type", "image")
                        .put("media_type", image.contentType())
                        .put("url", uris.media(names.file()))
                        .put("preview_url", uris.media(names.thumbnail()))
                        .put("width", image.width())
                        .put("height", image.height())
                        .put("blurhash", image.blurhash()));
    }

    private void serve(RoutingContext ctx) {
        String name = ctx.pathParam("file");
        if (!FILE_NAME.matcher(name).matches()) {
            ctx.fail(404);
            return;
        }
        String etag = "\"" + name.substring(0, 64) + "\"";
        Path file = directory.resolve(name);
        vertx.fileSystem().exists(file.toString()).onSuccess(exists -> {
            if (!exists) {
                ctx.fail(404);
                return;
            }
            ctx.response()
                    .putHeader("Cache-Control", "public, max-age=31536000, immutable")
                    .putHeader("ETag", etag)
                    .putHeader("Content-Type", name.endsWith(".png") ? "image/png" : "image/jpeg");
            String match = ctx.request().getHeader("If-None-Match");
            if (etag.equals(match)) {
                ctx.response().setStatusCode(304).end();
                return;
            }
            ctx.response().sendFile(file.toString()).onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
