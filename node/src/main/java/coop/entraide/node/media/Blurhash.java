package coop.entraide.node.media;

/**
 * The BlurHash encoder (the algorithm published by Wolt, used by Mastodon's {@code blurhash}): a
 * few cosine components of the image in linear light, quantised and written in base 83. Clients
 * draw the placeholder while the photo loads.
 */
public final class Blurhash {
    private static final String DIGITS =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

    private Blurhash() {
    }

    /**
     * @param rgb    packed 0xRRGGBB pixels, row by row
     * @param xComponents 1 to 9 horizontal components
     * @param yComponents 1 to 9 vertical components
     */
    public static String encode(int[] rgb, int width, int height, int xComponents, int yComponents) {
        if (xComponents < 1 || xComponents > 9 || yComponents < 1 || yComponents > 9) {
            throw new IllegalArgumentException("components must be from 1 to 9");
        }
        if (width < 1 || height < 1 || rgb.length != width * height) {
            throw new IllegalArgumentException("pixels do not match the size");
        }
        double[][] factors = new double[xComponents * yComponents][];
        for (int j = 0; j < yComponents; j++) {
            for (int i = 0; i < xComponents; i++) {
                factors[j * xComponents + i] = factor(rgb, width, height, i, j);
            }
        }
        StringBuilder hash = new StringBuilder();
        append(hash, (xComponents - 1) + (yComponents - 1) * 9, 1);
        double maximum = 1;
        if (factors.length > 1) {
            double actualMax = 0;
            for (int k = 1; k < factors.length; k++) {
                for (double v : factors[k]) {
                    actualMax = Math.max(actualMax, Math.abs(v));
                }
            }
            int quantisedMax = (int) Math.max(0, Math.min(82, Math.floor(actualMax * 166 - 0.5)));
            maximum = (quantisedMax + 1) / 166.0;
            append(hash, quantisedMax, 1);
        } else {
            append(hash, 0, 1);
        }
        append(hash, dc(factors[0]), 4);
        for (int k = 1; k < factors.length; k++) {
            append(hash, ac(factors[k], maximum), 2);
        }
        return hash.toString();
    }

    private static double[] factor(int[] rgb, int width, int height, int i, int j) {
        double normalisation = (i == 0 && j == 0) ? 1 : 2;
        double r = 0;
        double g = 0;
        double b = 0;
        for (int y = 0; y < height; y++) {
            double cosY = Math.cos(Math.PI * j * y / height);
            for (int x = 0; x < width; x++) {
                double basis = normalisation * Math.cos(Math.PI * i * x / width) * cosY;
                int p = rgb[y * width + x];
                r += basis * toLinear((p >> 16) & 0xff);
                g += basis * toLinear((p >> 8) & 0xff);
                b += basis * toLinear(p & 0xff);
            }
        }
        double scale = 1.0 / (width * height);
        return new double[] {r * scale, g * scale, b * scale};
    }

    private static int dc(double[] value) {
        return (toSrgb(value[0]) << 16) + (toSrgb(value[1]) << 8) + toSrgb(value[2]);
    }

    private static int ac(double[] value, double maximum) {
        int r = quantise(value[0] / maximum);
        int g = quantise(value[1] / maximum);
        int b = quantise(value[2] / maximum);
        return r * 19 * 19 + g * 19 + b;
    }

    private static int quantise(double v) {
        return (int) Math.max(0, Math.min(18, Math.floor(Math.copySign(Math.sqrt(Math.abs(v)), v) * 9 + 9.5)));
    }

    static double toLinear(int srgb) {
        double v = srgb / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    static int toSrgb(double linear) {
        double v = Math.max(0, Math.min(1, linear));
        return v <= 0.0031308 ? (int) (v * 12.92 * 255 + 0.5) : (int) ((1.055 * Math.pow(v, 1 / 2.4) - 0.055) * 255 + 0.5);
    }

    private static void append(StringBuilder hash, int value, int length) {
        for (int i = 1; i <= length; i++) {
            int digit = (int) ((value / (long) Math.pow(83, length - i)) % 83);
            hash.append(DIGITS.charAt(digit));
        }
    }
}
