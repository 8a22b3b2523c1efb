package coop.entraide.node.federation.social;

import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.Addressing;
import coop.entraide.protocol.as.As;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who a local actor's activity is for: its addressing ({@code to}/{@code cc}, PROTOCOL.md §5.6)
 * and, from the same description, where it is delivered. Public and followers-only activities go
 * to the author's followers; named actors are added to {@code cc} (or {@code to} for a direct
 * activity) and receive it in their own inbox.
 *
 * @param visibility public, followers-only or direct (unlisted is not offered: nothing here needs it)
 * @param actors     actors named explicitly: the collective a member posts in, a followed actor…
 */
public record Audience(Visibility visibility, List<Actor> actors) {

    public Audience {
        Objects.requireNonNull(visibility, "visibility");
        if (visibility == Visibility.UNLISTED) {
            throw new IllegalArgumentException("unlisted audiences are not published by this node");
        }
        actors = List.copyOf(actors);
    }

    /** {@code to: [Public], cc: [followers]}: everyone may read it, followers receive it. */
    public static Audience publicly() {
        return new Audience(Visibility.PUBLIC, List.of());
    }

    /** {@code to: [followers]}: only followers receive and may read it. */
    public static Audience followersOnly() {
        return new Audience(Visibility.FOLLOWERS, List.of());
    }

    /** Addressed to these actors only (a Follow, an Accept, an Undo of a Follow…). */
    public static Audience direct(Actor... recipients) {
        return new Audience(Visibility.DIRECT, List.of(recipients));
    }

    /** The same audience, also addressed to {@code actor}. */
    public Audience with(Actor actor) {
        List<Actor> more = new ArrayList<>(actors);
        if (more.stream().noneMatch(a -> a.uri().equals(actor.uri()))) {
            more.add(actor);
        }
        return new Audience(visibility, more);
    }

    /** Whether the author's followers receive it. */
    public boolean reachesFollowers() {
        return visibility != Visibility.DIRECT;
    }

    /** The addressing of an activity or object by {@code author} for this audience. */
    public Addressing addressing(Actor author) {
        List<String> named = actors.stream().map(Actor::uri).toList();
        return switch (visibility) {
            case PUBLIC -> Addressing.of(List.of(As.PUBLIC), concat(author.followers(), named));
            case FOLLOWERS -> Addressing.of(List.of(author.followers()), named);
            case DIRECT -> Addressing.of(named, List.of());
            case UNLISTED -> throw new IllegalStateException("unreachable");
        };
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        rest.stream().filter(uri -> !uri.equals(first)).forEach(all::add);
        return all;
    }
}
