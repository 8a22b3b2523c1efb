package coop.entraide.node.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Proactive content negotiation on {@code Accept} (RFC 9110 §12.5.1). Each offered type takes the
 * quality of the most specific range that matches it; the highest quality wins, then the offer
 * matched most specifically, then the server's order. A range's parameters must all be present
 * in the offer ({@code application/ld+json; profile="…activitystreams"} matches only that
 * profile). A missing or empty {@code Accept} accepts anything; unreadable ranges are ignored.
 */
public final class Negotiation {
    /** One range of an {@code Accept} header. */
    record Range(String type, String subtype, Map<String, String> parameters, double quality) {
        int specificity() {
            return (type.equals("*") ? 0 : 100) + (subtype.equals("*") ? 0 : 10) + parameters.size();
        }

        boolean matches(MediaType offer) {
            if (!type.equals("*") && !type.equals(offer.type())) {
                return false;
            }
            if (!subtype.equals("*") && !subtype.equals(offer.subtype())) {
                return false;
            }
            for (Map.Entry<String, String> p : parameters.entrySet()) {
                if (!p.getValue().equals(offer.parameters().get(p.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }

    private Negotiation() {
    }

    /** The best of {@code offers} (listed in the server's order of preference) for this header. */
    public static Optional<MediaType> choose(String accept, List<MediaType> offers) {
        List<Range> ranges = parse(accept);
        if (ranges.isEmpty()) {
            return offers.stream().findFirst();
        }
        MediaType best = null;
        double bestQuality = 0;
        int bestSpecificity = -1;
        for (MediaType offer : offers) {
            Range match = null;
            for (Range r : ranges) {
                if (r.matches(offer) && (match == null || r.specificity() > match.specificity())) {
                    match = r;
                }
            }
            if (match == null || match.quality() <= 0) {
                continue;
            }
            if (match.quality() > bestQuality
                    || (match.quality() == bestQuality && match.specificity() > bestSpecificity)) {
                best = offer;
                bestQuality = match.quality();
                bestSpecificity = match.specificity();
            }
        }
        return Optional.ofNullable(best);
    }

    static List<Range> parse(String header) {
        List<Range> ranges = new ArrayList<>();
        if (header == null) {
            return ranges;
        }
        for (String part : split(header, ',')) {
            List<String> pieces = split(part, ';');
            String[] typeAndSub = pieces.get(0).strip().toLowerCase(Locale.ROOT).split("/", -1);
            if (typeAndSub.length != 2 || typeAndSub[0].isEmpty() || typeAndSub[1].isEmpty()
                    || (typeAndSub[0].equals("*") && !typeAndSub[1].equals("*"))) {
                continue;
            }
            double quality = 1;
            Map<String, String> params = new HashMap<>();
            boolean valid = true;
            for (String p : pieces.subList(1, pieces.size())) {
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    valid = false;
                    break;
                }
                String name = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = unquote(p.substring(eq + 1).strip());
                if (name.equals("q")) {
                    try {
                        quality = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        valid = false;
                        break;
                    }
                    if (quality < 0 || quality > 1) {
                        valid = false;
                        break;
                    }
                } else if (!name.equals("charset")) {
                    params.put(name, value);
                }
            }
            if (valid) {
                ranges.add(new Range(typeAndSub[0], typeAndSub[1], params, quality));
            }
        }
        return ranges;
    }

    /** Splits on a separator outside double quotes; empty pieces are dropped. */
    private static List<String> split(String text, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                if (!current.toString().isBlank()) {
                    out.add(current.toString());
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString());
        }
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }
}
