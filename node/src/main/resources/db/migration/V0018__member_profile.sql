-- A member's profile beyond name and summary: where they live, the languages they speak, and the
-- photo that stands for them (one of their own uploads; its public URL is what documents carry).
ALTER TABLE members
    ADD COLUMN neighbourhood text NOT NULL DEFAULT '' CHECK (length(neighbourhood) <= 100),
    ADD COLUMN languages text[] NOT NULL DEFAULT '{}' CHECK (cardinality(languages) <= 5);
ALTER TABLE actors
    ADD COLUMN avatar_media_id bigint REFERENCES media (id) ON DELETE SET NULL,
    ADD COLUMN avatar_url text,
    ADD COLUMN avatar_alt text;
