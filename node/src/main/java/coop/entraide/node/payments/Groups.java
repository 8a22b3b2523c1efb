package coop.entraide.node.payments;

final class Groups {
    private Groups() {
    }

    static String ofFour(String compact) {
        StringBuilder sb = new StringBuilder(compact.length() + compact.length() / 4);
        for (int i = 0; i < compact.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append(' ');
            }
            sb.append(compact.charAt(i));
        }
        return sb.toString();
    }
}
