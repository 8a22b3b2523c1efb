package coop.entraide.node.identity;

import java.util.Optional;

/** The ActivityStreams actor types this node stores (Activity Vocabulary §3.2, as Mastodon accepts them). */
public enum ActorType {
    APPLICATION("Application"),
    GROUP("Group"),
    ORGANIZATION("Organization"),
    PERSON("Person"),
    SERVICE("Service");

    private final String asName;

    ActorType(String asName) {
        this.asName = asName;
    }

    /** The name in documents and in the database, e.g. {@code Group}. */
    public String asName() {
        return asName;
    }

    public static Optional<ActorType> fromAsName(String name) {
        for (ActorType t : values()) {
            if (t.asName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
