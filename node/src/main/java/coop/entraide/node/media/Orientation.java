package coop.entraide.node.media;

import java.awt.geom.AffineTransform;
import java.util.Optional;

/**
 * The eight values of the EXIF/TIFF Orientation tag (0x0112, TIFF 6.0 §8): where the stored
 * pixels' row 0 and column 0 lie in the picture as it should be seen. A phone held sideways keeps
 * its sensor's pixel order and writes this tag instead of turning the image, so once the node has
 * dropped the metadata, the pixels themselves must be turned.
 */
enum Orientation {
    /** 1: row 0 at the top, column 0 on the left: already upright. */
    TOP_LEFT(1),
    /** 2: mirrored left to right. */
    TOP_RIGHT(2),
    /** 3: upside down. */
    BOTTOM_RIGHT(3),
    /** 4: mirrored top to bottom. */
    BOTTOM_LEFT(4),
    /** 5: mirrored along the diagonal from the top-left corner. */
    LEFT_TOP(5),
    /** 6: to be turned a quarter clockwise, the usual portrait photo of a phone. */
    RIGHT_TOP(6),
    /** 7: mirrored along the diagonal from the top-right corner. */
    RIGHT_BOTTOM(7),
    /** 8: to be turned a quarter counter-clockwise. */
    LEFT_BOTTOM(8);

    private final int tag;

    Orientation(int tag) {
        this.tag = tag;
    }

    int tag() {
        return tag;
    }

    /** The orientation a tag value names; there is none outside 1–8. */
    static Optional<Orientation> ofTag(long value) {
        for (Orientation o : values()) {
            if (o.tag == value) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** Whether the upright picture is as wide as the stored one is high (values 5 to 8). */
    boolean swapsSides() {
        return tag >= 5;
    }

    int uprightWidth(int storedWidth, int storedHeight) {
        return swapsSides() ? storedHeight : storedWidth;
    }

    int uprightHeight(int storedWidth, int storedHeight) {
        return swapsSides() ? storedWidth : storedHeight;
    }

    /**
     * Maps stored pixel coordinates to upright ones. Every value is a quarter turn or a mirror with
     * whole-pixel offsets, so each pixel centre lands on a pixel centre and nothing is resampled.
     */
    AffineTransform toUpright(int w, int h) {
        return switch (this) {
            case TOP_LEFT -> new AffineTransform();
            case TOP_RIGHT -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case BOTTOM_RIGHT -> new AffineTransform(-1, 0, 0, -1, w, h);
            case BOTTOM_LEFT -> new AffineTransform(1, 0, 0, -1, 0, h);
            case LEFT_TOP -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case RIGHT_TOP -> new AffineTransform(0, 1, -1, 0, h, 0);
            case RIGHT_BOTTOM -> new AffineTransform(0, -1, -1, 0, h, w);
            case LEFT_BOTTOM -> new AffineTransform(0, -1, 1, 0, 0, w);
        };
    }
}
