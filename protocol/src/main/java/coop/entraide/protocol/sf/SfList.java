package coop.entraide.protocol.sf;

import java.util.List;

/** RFC 8941 §3.1 List: an ordered sequence of Items and Inner Lists; may be empty. */
public record SfList(List<Member> members) {

    public static final SfList EMPTY = new SfList(List.of());

    public SfList {
        members = List.copyOf(members);
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }
}
