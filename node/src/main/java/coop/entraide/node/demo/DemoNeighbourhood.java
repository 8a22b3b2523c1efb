package coop.entraide.node.demo;

import coop.entraide.node.identity.Role;
import java.util.List;

/**
 * One neighbourhood of the demo: the node's name, its collective and its members. The demo runs
 * two of them, so that what one publishes can be seen crossing to the other.
 */
public record DemoNeighbourhood(String nodeName, String nodeDescription, String collective,
                                String collectiveName, String collectiveSummary, List<Person> members) {

    /** A demo account. Demo passwords are public by design: the demo listens on loopback only. */
    public record Person(String username, String displayName, Role role, String summary) {
        public String password() {
            return "entraide-" + username;
        }
    }

    /** The two neighbourhoods, in the order of the demo's ports. */
    public static List<DemoNeighbourhood> both() {
        return List.of(
                new DemoNeighbourhood("Quartier des Capucins",
                        "Les voisins des Capucins s'entraident : objets à donner, à prêter, coups de main.",
                        "capucins", "Voisins des Capucins",
                        "Association de quartier : prêts d'outils, dons, repair café le samedi.",
                        List.of(new Person("alice", "Alice Martin", Role.ADMIN, "Trésorière de l'association."),
                                new Person("bruno", "Bruno Lefèvre", Role.MEMBER, "Bricoleur, prête sa perceuse."),
                                new Person("chloe", "Chloé Nguyen", Role.MODERATOR, "Anime le repair café."))),
                new DemoNeighbourhood("Croix-Rousse Solidaire",
                        "Épicerie solidaire et jardin partagé sur les pentes de la Croix-Rousse.",
                        "croixrousse", "Croix-Rousse Solidaire",
                        "Épicerie solidaire, jardin partagé, collectes pour les familles du quartier.",
                        List.of(new Person("dalia", "Dalia Benali", Role.ADMIN, "Coordonne l'épicerie solidaire."),
                                new Person("emile", "Émile Robert", Role.MEMBER, "Jardinier du dimanche."))));
    }
}
