-- What members read and what other servers page through, without scanning whole tables.

-- Timelines are newest first across authors, with a (published_at, id) cursor.
CREATE INDEX objects_published ON objects (published_at DESC, id DESC) WHERE deleted_at IS NULL;

-- "Does a local actor follow this one?" and an actor's following collection.
CREATE INDEX follows_follower ON follows (follower_id, state);

-- Boosts by followed actors bring objects into timelines.
CREATE INDEX reactions_actor ON reactions (actor_id, kind);
