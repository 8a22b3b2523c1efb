-- This version number belongs to the identity tables (actors, keys). Until they are part of this
-- build, the file keeps the numbering without gaps; it is replaced by them and does nothing.
SELECT 1;
