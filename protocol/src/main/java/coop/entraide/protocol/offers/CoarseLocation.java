package coop.entraide.protocol.offers;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Where an offer roughly is: a neighbourhood name and a point rounded to a grid of
 * {@link #GRID_DEGREES} (about 1.1 km north–south, less east–west away from the equator), so
 * that no exact address ever leaves the author's device in an offer.
 *
 * @param neighbourhood  a name people of the area recognise; may be {@code null}
 * @param precisionMetres the grid size, published as Entraide {@code locationPrecision}
 */
public record CoarseLocation(String neighbourhood, double latitude, double longitude, int precisionMetres) {
    public static final double GRID_DEGREES = 0.01;
    public static final int GRID_METRES = 1000;

    public CoarseLocation {
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("coordinates out of range");
        }
    }

    /** Rounds a precise point to the grid: what is stored and published. */
    public static CoarseLocation rounded(String neighbourhood, double latitude, double longitude) {
        return new CoarseLocation(neighbourhood, round(latitude), round(longitude), GRID_METRES);
    }

    /** Rounds to two decimals, half away from zero, through the decimal text of the value. */
    public static double round(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    /** Whether the point already lies on the grid (a remote node that rounded as we do). */
    public boolean isOnGrid() {
        return round(latitude) == latitude && round(longitude) == longitude;
    }
}
