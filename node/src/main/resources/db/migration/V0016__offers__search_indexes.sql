-- Text search newest first over many offers (docs/benchmarks.md, "Offer search").
--
-- When a word is common, the fastest way to the newest matches is to walk offers newest first and
-- keep those that match, rather than read every match from the text index and sort them. The walk
-- checks kind, category, state and visibility first; carrying these columns in the newest-first
-- indexes lets it do so from the index alone (an index-only scan) and read an offer's row only
-- to test its text. Same keys and predicates as before, so listings use them as they did.
DROP INDEX offers_newest;
CREATE INDEX offers_newest ON offers (published_at DESC, id DESC)
    INCLUDE (kind, category, state, visibility) WHERE deleted_at IS NULL;

DROP INDEX offers_collective_newest;
CREATE INDEX offers_collective_newest ON offers (collective_id, published_at DESC, id DESC)
    INCLUDE (kind, category, state, visibility) WHERE deleted_at IS NULL;

-- A search for one kind or one category walks only those offers: a sixth or a tenth of the way.
CREATE INDEX offers_kind_newest ON offers (kind, published_at DESC, id DESC)
    INCLUDE (category, state, visibility) WHERE deleted_at IS NULL;
CREATE INDEX offers_category_newest ON offers (category, published_at DESC, id DESC)
    INCLUDE (kind, state, visibility) WHERE deleted_at IS NULL;
