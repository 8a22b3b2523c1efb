package coop.entraide.node.offers;

import coop.entraide.node.identity.Member;

/** Who is looking at or acting on offers: a signed-in member of a collective of this node. */
public record Viewer(long actorId, String actorUri, long collectiveId) {
    public static Viewer of(Member member) {
        return new Viewer(member.id(), member.actor().uri(), member.collectiveId());
    }
}
