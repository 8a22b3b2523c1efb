package coop.entraide.node.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Turns an uploaded photo into files safe to publish: the format checked from its signature, its
 * size in pixels checked from its header before decoding, then the pixels alone re-encoded (so
 * EXIF, GPS position, comments and every other metadata are gone), a thumbnail and a blurhash.
 * The one piece of metadata that changes what the photo looks like, the EXIF orientation a phone
 * writes instead of turning its pixels, is applied to the pixels first, so that the stored photo,
 * its thumbnail, its blurhash and the width and height given for it are all upright.
 * JPEG stays JPEG and PNG stays PNG. WebP is decoded by the TwelveMonkeys ImageIO plugin (the JDK
 * has no WebP reader; the plugin reads but does not write WebP) and stored as PNG when it is
 * lossless or transparent, as JPEG otherwise; animated WebP is refused, as a photo has one frame.
 * Synchronous and CPU-heavy: run it on a worker thread.
 */
public final class MediaPipeline {
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    public static final long MAX_PIXELS = 40_000_000L;
    public static final int MAX_SIDE = 16_384;
    public static final int THUMBNAIL_SIDE = 400;
    static final float JPEG_QUALITY = 0.85f;

    /** The encoded files and what clients need to show them. */
    public record Image(String contentType, String extension, byte[] bytes, int width, int height, byte[] thumbnail,
            int thumbnailWidth, int thumbnailHeight, String blurhash) {
    }

    /** The outcome: an image, or why not with the HTTP status that says it. */
    public sealed interface Result {
        record Ok(Image image) implements Result {
        }

        record Refused(int status, String reason) implements Result {
        }
    }

    public Result process(byte[] upload) {
        if (upload.length > MAX_BYTES) {
            return new Result.Refused(413, "A photo may be at most " + MAX_BYTES / (1024 * 1024) + " MiB.");
        }
        ImageProbe.Result header = ImageProbe.probe(upload);
        if (header instanceof ImageProbe.Unreadable unreadable) {
            return refusal(unreadable.defect());
        }
        ImageProbe.Probe probe = (ImageProbe.Probe) header;
        if (probe.width() > MAX_SIDE || probe.height() > MAX_SIDE || probe.pixels() > MAX_PIXELS) {
            return new Result.Refused(422, "This image has too many pixels (at most " + MAX_PIXELS / 1_000_000
                    + " million, " + MAX_SIDE + " per side).");
        }
        Orientation orientation = ExifOrientation.of(upload, probe.format()).orElse(Orientation.TOP_LEFT);
        BufferedImage pixels;
        try {
            pixels = decode(upload, probe);
        } catch (IOException | RuntimeException e) {
            return new Result.Refused(422, "This file is not a readable image.");
        }
        if (pixels == null) {
            return new Result.Refused(422, "This file is not a readable image.");
        }
        boolean png = probe.lossless() || hasTransparency(pixels);
        try {
            BufferedImage clean = png ? toArgb(pixels, orientation) : toRgb(pixels, orientation);
            BufferedImage thumb = thumbnail(clean);
            int[] rgb = thumb.getRGB(0, 0, thumb.getWidth(), thumb.getHeight(), null, 0, thumb.getWidth());
            return new Result.Ok(new Image(png ? "image/png" : "image/jpeg", png ? "png" : "jpg",
                    encode(clean, png), clean.getWidth(), clean.getHeight(), encode(thumb, png), thumb.getWidth(),
                    thumb.getHeight(), Blurhash.encode(rgb, thumb.getWidth(), thumb.getHeight(), 4, 3)));
        } catch (IOException e) {
            return new Result.Refused(422, "This image could not be processed.");
        }
    }

    /** What the member is told when the header cannot be believed; nothing has been decoded yet. */
    private static Result.Refused refusal(ImageProbe.Defect defect) {
        return switch (defect) {
            case UNKNOWN_FORMAT -> new Result.Refused(415, "Send a JPEG, PNG or WebP photo.");
            case ANIMATED -> new Result.Refused(415,
                    "Animated WebP images are not accepted; send a still photo (JPEG, PNG or WebP).");
            case TRUNCATED -> new Result.Refused(422,
                    "This WebP file is incomplete: it ends before the size its header announces.");
            case BROKEN_CONTAINER -> new Result.Refused(422, "This WebP file is damaged: its RIFF structure is broken.");
            case NO_IMAGE -> new Result.Refused(422, "This WebP file holds no image.");
            case BROKEN_FRAME_HEADER -> new Result.Refused(422, "This WebP image is damaged: its frame header is broken.");
            case UNREADABLE_HEADER -> new Result.Refused(422, "This file is not a readable image.");
        };
    }

    /** Decodes with the reader for the probed format only, refusing a frame larger than the header said. */
    private static BufferedImage decode(byte[] bytes, ImageProbe.Probe probe) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(readerName(probe.format()));
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if (reader.getWidth(0) > probe.width() || reader.getHeight(0) > probe.height()) {
                    return null;
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    private static String readerName(ImageProbe.Format format) {
        return switch (format) {
            case JPEG -> "jpeg";
            case PNG -> "png";
            case WEBP -> "webp"; // registered by the TwelveMonkeys plugin through META-INF/services
        };
    }

    /** Whether any pixel is not fully opaque: such an image is kept as PNG rather than flattened into a JPEG. */
    private static boolean hasTransparency(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return false;
        }
        int[] row = new int[image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, image.getWidth(), 1, row, 0, image.getWidth());
            for (int argb : row) {
                if ((argb >>> 24) != 0xFF) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The pixels turned upright, on white: transparent pixels of a JPEG-bound image become white. */
    static BufferedImage toRgb(BufferedImage source, Orientation orientation) {
        return upright(source, orientation, BufferedImage.TYPE_INT_RGB, java.awt.Color.WHITE);
    }

    /** The pixels turned upright, transparency kept. */
    static BufferedImage toArgb(BufferedImage source, Orientation orientation) {
        return upright(source, orientation, BufferedImage.TYPE_INT_ARGB, null);
    }

    /**
     * Draws the source through the orientation's transform into a new image of the given type: the
     * copy the pipeline makes anyway, so turning the photo costs no extra image in memory.
     */
    private static BufferedImage upright(BufferedImage source, Orientation orientation, int type,
            java.awt.Color background) {
        int w = source.getWidth();
        int h = source.getHeight();
        BufferedImage target = new BufferedImage(orientation.uprightWidth(w, h), orientation.uprightHeight(w, h), type);
        Graphics2D g = target.createGraphics();
        try {
            if (background != null) {
                g.setColor(background);
                g.fillRect(0, 0, target.getWidth(), target.getHeight());
            }
            // Nearest neighbour: a quarter turn or a mirror moves whole pixels, nothing is blended.
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(source, orientation.toUpright(w, h), null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static BufferedImage thumbnail(BufferedImage source) {
        double scale = Math.min(1.0, (double) THUMBNAIL_SIDE / Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage thumb = new BufferedImage(w, h, source.getType());
        Graphics2D g = thumb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return thumb;
    }

    /** Writes pixels only: no metadata object is given to the writer, so none is written. */
    private static byte[] encode(BufferedImage image, boolean png) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName(png ? "png" : "jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (!png) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
