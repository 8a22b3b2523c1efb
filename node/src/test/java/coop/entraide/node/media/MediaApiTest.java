package coop.entraide.node.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Uploading photos: metadata stripped, bombs and non-images refused, files served with long caching. */
class MediaApiTest {
    private static TestNode node;
    private static String token;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        node.await(node.identity().createCollective(new NewCollective("capucins", "Capucins", null, false)));
        node.await(node.identity().createMember(new NewMember("alice", "capucins", null, null, Role.MEMBER, "une phrase de passe")));
        HttpResponse<String> r = node.send(node.request("/api/v1/sessions").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"une phrase de passe\"}")));
        token = new JsonObject(r.body()).getString("token");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static byte[] image(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 140, 60));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.ORANGE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG with an EXIF segment holding a GPS position (45° 46′ 12.34″ N), as phones write them. */
    static byte[] jpegWithGps() {
        byte[] jpeg = image("jpeg", 64, 48);
        ByteBuffer tiff = ByteBuffer.allocate(80);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26).putInt(0);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        tiff.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(56);
        tiff.putInt(0);
        tiff.putInt(45).putInt(1).putInt(46).putInt(1).putInt(1234).putInt(100);
        byte[] exif = new byte[6 + tiff.position()];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.position());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xff);
        out.writeBytes(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    static HttpResponse<String> upload(byte[] bytes, String contentType) {
        return node.send(node.request("/api/v1/media").header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).POST(BodyPublishers.ofByteArray(bytes)));
    }

    static byte[] download(String url) {
        try {
            HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
                    node.request(URI.create(url).getPath()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Every marker of a JPEG up to its image data. */
    static java.util.List<Integer> markers(byte[] jpeg) {
        java.util.List<Integer> markers = new java.util.ArrayList<>();
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xFF) {
            int marker = jpeg[i + 1] & 0xff;
            markers.add(marker);
            if (marker == 0xDA) {
                break;
            }
            i += 2 + (((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff));
        }
        return markers;
    }

    @Test
    void exifAndGpsAreGone() throws IOException {
        byte[] original = jpegWithGps();
        assertTrue(contains(original, "Exif".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(markers(original).contains(0xE1), "the test photo carries APP1/EXIF");
        HttpResponse<String> r = upload(original, "image/jpeg");
        assertEquals(201, r.statusCode(), r.body());
        JsonObject media = new JsonObject(r.body());
        assertEquals(64, media.getInteger("width"));
        assertEquals(48, media.getInteger("height"));
        assertEquals("image/jpeg", media.getString("media_type"));
        assertEquals(28, media.getString("blurhash").length(), "4×3 components");
        byte[] stored = download(media.getString("url"));
        assertFalse(contains(stored, "Exif".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(markers(stored).contains(0xE1), "no APP1 segment: " + markers(stored));
        assertFalse(contains(stored, new byte[] {0, 0, 0, 45, 0, 0, 0, 1, 0, 0, 0, 46}), "no latitude left");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(stored));
        assertEquals(64, decoded.getWidth());
        assertNotNull(ImageIO.read(new ByteArrayInputStream(download(media.getString("preview_url")))));
    }

    /** A phone's portrait photo, stored sideways with orientation 6 and a GPS position, as ExifTool writes it. */
    @Test
    void aPortraitPhotoFromAPhoneIsServedUpright() {
        byte[] original = ExifImages.resource("quadrants-6-motorola.jpg");
        assertEquals(48, ExifImages.decode(original).getWidth(), "the pixels lie sideways");
        assertEquals("RG/BY", ExifImages.layout(ExifImages.decode(original)));
        byte[] latitude = {0, 0, 0, 45, 0, 0, 0, 1, 0, 0, 0, 46};
        assertTrue(contains(original, latitude) && contains(original, "Fairphone".getBytes(StandardCharsets.US_ASCII)));
        HttpResponse<String> r = upload(original, "image/jpeg");
        assertEquals(201, r.statusCode(), r.body());
        JsonObject media = new JsonObject(r.body());
        assertEquals(32, media.getInteger("width"));
        assertEquals(48, media.getInteger("height"));
        io.vertx.sqlclient.Row row = node.await(node.node().context().pool()
                .preparedQuery("SELECT width, height FROM media WHERE public_id = $1")
                .execute(io.vertx.sqlclient.Tuple.of(java.util.UUID.fromString(media.getString("id"))))).iterator().next();
        assertEquals(32, row.getInteger("width"), "the size stored for federation is the upright one");
        assertEquals(48, row.getInteger("height"));
        for (String url : new String[] {media.getString("url"), media.getString("preview_url")}) {
            byte[] served = download(url);
            BufferedImage picture = ExifImages.decode(served);
            assertEquals(32, picture.getWidth(), url);
            assertEquals(48, picture.getHeight(), url);
            assertEquals("BR/YG", ExifImages.layout(picture), "red top-right once turned a quarter clockwise");
            assertFalse(markers(served).contains(0xE1), "no APP1 segment: " + markers(served));
            assertFalse(contains(served, "Exif".getBytes(StandardCharsets.US_ASCII)), url);
            assertFalse(contains(served, "Fairphone".getBytes(StandardCharsets.US_ASCII)), url);
            assertFalse(contains(served, latitude), "no latitude left");
        }
    }

    @Test
    void pngTextChunksAreGone() {
        byte[] png = image("png", 40, 30);
        // Insert a tEXt chunk after IHDR (8 + 25 bytes).
        byte[] data = "tEXtComment\0secret!!".getBytes(StandardCharsets.ISO_8859_1);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        byte[] chunk = ByteBuffer.allocate(data.length + 8).putInt(data.length - 4).put(data).putInt((int) crc.getValue())
                .array();
        byte[] withText = new byte[png.length + chunk.length];
        System.arraycopy(png, 0, withText, 0, 33);
        System.arraycopy(chunk, 0, withText, 33, chunk.length);
        System.arraycopy(png, 33, withText, 33 + chunk.length, png.length - 33);
        HttpResponse<String> r = upload(withText, "image/png");
        assertEquals(201, r.statusCode(), r.body());
        byte[] stored = download(new JsonObject(r.body()).getString("url"));
        assertFalse(contains(stored, "secret".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void decompressionBombsAreRefusedFromTheHeader() {
        ByteBuffer png = ByteBuffer.allocate(64);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        png.putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(100_000).putInt(100_000);
        png.put(new byte[] {8, 2, 0, 0, 0});
        HttpResponse<String> r = upload(png.array(), "image/png");
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.body().contains("pixels"), r.body());

        byte[] jpeg = image("jpeg", 16, 16);
        int sof = 2;
        while (!((jpeg[sof] & 0xff) == 0xFF && (jpeg[sof + 1] & 0xff) == 0xC0)) {
            sof++;
        }
        jpeg[sof + 5] = (byte) 0xEA; // height 60000
        jpeg[sof + 6] = (byte) 0x60;
        jpeg[sof + 7] = (byte) 0xEA; // width 60000
        jpeg[sof + 8] = (byte) 0x60;
        assertEquals(422, upload(jpeg, "image/jpeg").statusCode());
    }

    @Test
    void anAnonymousUploadIsRefusedBeforeItsBodyIsStored() throws IOException {
        java.nio.file.Path uploads = node.dataDir().resolve("media").resolve("uploads");
        assertTrue(java.nio.file.Files.isDirectory(uploads), "the directory the body handler writes to");
        long before = countFiles(uploads);
        HttpResponse<String> r = node.send(node.request("/api/v1/media").header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(image("png", 64, 64))));
        assertEquals(401, r.statusCode(), r.body());
        assertEquals(before, countFiles(uploads), "nothing of an anonymous upload reaches the disk");
    }

    private static long countFiles(java.nio.file.Path dir) throws IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = java.nio.file.Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void whatIsNotAnImageIsRefused() {
        assertEquals(415, upload("hello, this is text".getBytes(StandardCharsets.UTF_8), "image/jpeg").statusCode());
        assertEquals(415, upload(image("png", 4, 4), "text/plain").statusCode());
        HttpResponse<String> r = upload("hello".getBytes(StandardCharsets.UTF_8), "image/webp");
        assertEquals(415, r.statusCode());
        assertTrue(r.body().contains("JPEG, PNG or WebP"), r.body());
        byte[] truncated = java.util.Arrays.copyOf(image("jpeg", 32, 32), 200);
        assertEquals(422, upload(truncated, "image/jpeg").statusCode());
        assertEquals(413, upload(new byte[MediaPipeline.MAX_BYTES + 1], "image/jpeg").statusCode());
        assertEquals(401, node.send(node.request("/api/v1/media").header("Content-Type", "image/png")
                .POST(BodyPublishers.ofByteArray(image("png", 4, 4)))).statusCode());
    }

    @Test
    void multipartUploadsWork() {
        HttpResponse<String> r = uploadAsMultipart("p.png", "image/png", image("png", 20, 10));
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(20, new JsonObject(r.body()).getInteger("width"));
    }

    @Test
    void filesAreServedForeverCacheable() {
        JsonObject media = new JsonObject(upload(image("png", 8, 8), "image/png").body());
        String path = URI.create(media.getString("url")).getPath();
        HttpResponse<String> r = node.get(path);
        assertEquals(200, r.statusCode());
        assertEquals("public, max-age=31536000, immutable", r.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
        String etag = r.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, node.get(path, "If-None-Match", etag).statusCode());
        assertEquals(404, node.get("/media/" + "0".repeat(64) + ".png").statusCode());
        assertEquals(404, node.get("/media/..%2F..%2Fetc%2Fpasswd").statusCode());
    }

    @Test
    void photosOfAnOfferCarryTheirAltText() {
        JsonObject media = new JsonObject(upload(image("jpeg", 120, 80), "image/jpeg").body());
        JsonObject attachment = firstAttachmentOfOfferWith(media, "Chaise", "furniture", "Une chaise en bois clair");
        assertEquals("Une chaise en bois clair", attachment.getString("name"));
        assertEquals(media.getString("url"), attachment.getString("url"));
        assertEquals(media.getString("blurhash"), attachment.getString("blurhash"));
    }

    @Test
    void anOfferPhotoSentAsWebpFederatesAsThePngTheNodeStored() {
        JsonObject media = new JsonObject(upload(ImageProbeTest.fixture("lossless-alpha.webp"), "image/webp").body());
        JsonObject attachment = firstAttachmentOfOfferWith(media, "Autocollants", "other", "Un disque rouge sur fond transparent");
        assertEquals("image/png", attachment.getString("mediaType"), "remote servers are never sent WebP");
        assertEquals(media.getString("url"), attachment.getString("url"));
        assertEquals(media.getString("blurhash"), attachment.getString("blurhash"));
        assertEquals(40, attachment.getInteger("width"));
    }

    // WebP: decoded by the ImageIO plugin, stored as JPEG (lossy) or PNG (lossless or transparent).

    /**
     * Gives away an offer titled {@code title} with {@code media} as its photo, and returns the photo
     * as the offer's ActivityPub document attaches it.
     */
    private static JsonObject firstAttachmentOfOfferWith(JsonObject media, String title, String category, String alt) {
        JsonObject offer = new JsonObject().put("kind", "give").put("title", title).put("category", category)
                .put("photos", new JsonArray().add(new JsonObject().put("media_id", media.getString("id")).put("alt", alt)));
        HttpResponse<String> created = node.send(node.request("/api/v1/offers").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(offer.encode())));
        assertEquals(201, created.statusCode(), created.body());
        String uri = new JsonObject(created.body()).getString("uri");
        JsonObject document = new JsonObject(node.get(URI.create(uri).getPath(), "Accept", "application/activity+json").body());
        return document.getJsonArray("attachment").getJsonObject(0);
    }

    /** Uploads {@code file} as the one part, named "file", of a multipart form. */
    private static HttpResponse<String> uploadAsMultipart(String filename, String type, byte[] file) {
        String boundary = "entraide-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return upload(body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    /** Rows in the media table and files under the media directory, uploads included. */
    private static String stored() throws IOException {
        long rows = node.await(node.node().context().pool().query("SELECT count(*) FROM media").execute())
                .iterator().next().getLong(0);
        java.nio.file.Path media = node.dataDir().resolve("media");
        try (var files = java.nio.file.Files.walk(media)) {
            return rows + " rows, " + files.filter(java.nio.file.Files::isRegularFile).count() + " files";
        }
    }

    private static JsonObject problem(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = new JsonObject(r.body());
        assertEquals(status, problem.getInteger("status"));
        return problem;
    }

    private static BufferedImage decode(byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(image);
        return image;
    }

    private static void assertNear(Color expected, int argb, String what) {
        Color actual = new Color(argb, true);
        int distance = Math.abs(expected.getRed() - actual.getRed()) + Math.abs(expected.getGreen() - actual.getGreen())
                + Math.abs(expected.getBlue() - actual.getBlue());
        assertTrue(distance < 30, what + ": expected about " + expected + ", got " + actual);
    }

    @Test
    void aWebpPhotoIsStoredWithAThumbnailAndABlurhash() throws IOException {
        HttpResponse<String> r = upload(ImageProbeTest.fixture("lossy.webp"), "image/webp");
        assertEquals(201, r.statusCode(), r.body());
        JsonObject media = new JsonObject(r.body());
        assertEquals("image/jpeg", media.getString("media_type"), "lossy WebP becomes a JPEG");
        assertEquals(64, media.getInteger("width"));
        assertEquals(48, media.getInteger("height"));
        assertEquals(28, media.getString("blurhash").length(), "4×3 components");
        assertTrue(media.getString("url").endsWith(".jpg"), media.getString("url"));

        BufferedImage photo = decode(download(media.getString("url")));
        assertEquals(64, photo.getWidth());
        assertNear(new Color(255, 200, 0), photo.getRGB(32, 24), "the orange disc");
        assertNear(new Color(30, 140, 60), photo.getRGB(2, 2), "the green field");
        assertEquals(64, decode(download(media.getString("preview_url"))).getWidth(), "small photos keep their size");

        String path = URI.create(media.getString("url")).getPath();
        HttpResponse<String> served = node.get(path);
        assertEquals("public, max-age=31536000, immutable", served.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("image/jpeg", served.headers().firstValue("Content-Type").orElse(""));
        assertEquals(304, node.get(path, "If-None-Match", served.headers().firstValue("ETag").orElseThrow()).statusCode());
    }

    @Test
    void losslessAndTransparentWebpBecomePng() throws IOException {
        JsonObject lossless = new JsonObject(upload(ImageProbeTest.fixture("lossless-alpha.webp"), "image/webp").body());
        assertEquals("image/png", lossless.getString("media_type"));
        BufferedImage disc = decode(download(lossless.getString("url")));
        assertEquals(0, disc.getRGB(0, 0) >>> 24, "the transparent corner stays transparent");
        assertEquals(0xFFC82828, disc.getRGB(20, 15), "lossless pixels are kept exactly");
        assertEquals("image/png", node.get(URI.create(lossless.getString("url")).getPath()).headers()
                .firstValue("Content-Type").orElse(""));

        JsonObject lossyAlpha = new JsonObject(upload(ImageProbeTest.fixture("lossy-alpha.webp"), "image/webp").body());
        assertEquals("image/png", lossyAlpha.getString("media_type"), "transparency is not flattened into a JPEG");
        assertEquals(0, decode(download(lossyAlpha.getString("url"))).getRGB(0, 0) >>> 24);
        assertEquals(0, decode(download(lossyAlpha.getString("preview_url"))).getRGB(0, 0) >>> 24);
    }

    @Test
    void exifAndXmpOfAWebpAreGone() throws IOException {
        byte[] original = ImageProbeTest.fixture("exif-gps.webp");
        byte[] latitude = {0, 0, 0, 45, 0, 0, 0, 1, 0, 0, 0, 46};
        byte[][] traces = {"EXIF".getBytes(StandardCharsets.US_ASCII), "XMP ".getBytes(StandardCharsets.US_ASCII),
                "MM\0*".getBytes(StandardCharsets.US_ASCII), latitude, "xmpmeta".getBytes(StandardCharsets.US_ASCII),
                "GPSLatitude".getBytes(StandardCharsets.US_ASCII)};
        for (byte[] trace : traces) {
            assertTrue(contains(original, trace), "the test photo carries " + new String(trace, StandardCharsets.US_ASCII));
        }
        HttpResponse<String> r = upload(original, "image/webp");
        assertEquals(201, r.statusCode(), r.body());
        JsonObject media = new JsonObject(r.body());
        for (String url : new String[] {media.getString("url"), media.getString("preview_url")}) {
            byte[] stored = download(url);
            for (byte[] trace : traces) {
                assertFalse(contains(stored, trace), url + " still holds " + new String(trace, StandardCharsets.US_ASCII));
            }
            assertFalse(contains(stored, "Exif".getBytes(StandardCharsets.US_ASCII)), url);
            assertFalse(markers(stored).contains(0xE1), "no APP1 segment: " + markers(stored));
            assertEquals(64, decode(stored).getWidth(), "the pixels are all that is left");
        }
    }

    @Test
    void webpBombsAreRefusedFromTheHeaderAndNothingIsWritten() throws IOException {
        String before = stored();
        byte[] bomb = ImageProbeTest.fixture("bomb-50000x50000.webp");
        assertTrue(bomb.length < 1024, "a few hundred bytes claiming 2.5 billion pixels");
        JsonObject problem = problem(upload(bomb, "image/webp"), 422);
        assertTrue(problem.getString("detail").contains("too many pixels"), problem.encode());

        byte[] lossless = ImageProbeTest.webp(ImageProbeTest.vp8l(16384, 16384, 0));
        assertTrue(problem(upload(lossless, "image/webp"), 422).getString("detail").contains("too many pixels"));
        byte[] lossy = ImageProbeTest.webp(ImageProbeTest.vp8(16383, 16383));
        assertTrue(problem(upload(lossy, "image/webp"), 422).getString("detail").contains("too many pixels"));
        assertEquals(before, stored());
    }

    @Test
    void eachBrokenWebpIsRefusedForItsOwnReason() throws IOException {
        String before = stored();
        assertTrue(problem(upload(ImageProbeTest.fixture("animated.webp"), "image/webp"), 415)
                .getString("detail").startsWith("Animated WebP images are not accepted"));
        assertTrue(problem(upload(ImageProbeTest.fixture("truncated.webp"), "image/webp"), 422)
                .getString("detail").contains("incomplete"));
        assertTrue(problem(upload(ImageProbeTest.fixture("silence.wav"), "image/webp"), 415)
                .getString("detail").contains("JPEG, PNG or WebP"));
        assertTrue(problem(upload("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), "image/webp"), 422)
                .getString("detail").contains("RIFF structure"));
        byte[] noImage = ImageProbeTest.webp(ImageProbeTest.vp8x(0, 8, 8));
        assertTrue(problem(upload(noImage, "image/webp"), 422).getString("detail").contains("holds no image"));
        byte[] badFrame = ImageProbeTest.webp(ImageProbeTest.vp8l(8, 8, 2));
        assertTrue(problem(upload(badFrame, "image/webp"), 422).getString("detail").contains("frame header"));
        assertEquals(before, stored());
    }

    /** Bytes damaged after a sound header reach the decoder: it may cope or refuse, never fail the server. */
    @Test
    void damagedWebpDataIsRefusedOrDecodedNeverAnError() {
        java.util.Random random = new java.util.Random(5);
        for (String name : new String[] {"lossy.webp", "lossless-alpha.webp", "lossy-alpha.webp"}) {
            for (int i = 0; i < 15; i++) {
                byte[] damaged = ImageProbeTest.fixture(name);
                for (int k = 0; k < 8; k++) {
                    damaged[40 + random.nextInt(damaged.length - 40)] = (byte) random.nextInt(256);
                }
                int status = upload(damaged, "image/webp").statusCode();
                assertTrue(status == 201 || status == 422, name + ": " + status);
            }
        }
    }

    @Test
    void aWebpCanBeSentAsMultipart() {
        HttpResponse<String> r = uploadAsMultipart("p.webp", "image/webp", ImageProbeTest.fixture("lossless-alpha.webp"));
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(40, new JsonObject(r.body()).getInteger("width"));
    }
}
