package coop.entraide.protocol.sig.cavage;

/** Keeps remote input quoted in failure details short enough to log. */
final class Shorten {

    private static final int MAX = 80;

    private Shorten() {
    }

    static String of(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX) + "…";
    }
}
