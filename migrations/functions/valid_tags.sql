-- Tags group a coach's athletes on the dashboard ("Marathon squad",
-- "Juniors"). Each tag is short, trimmed and unique within the athlete;
-- athletes.tags is checked with this function.
CREATE OR REPLACE FUNCTION valid_tags(tags text[]) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT cardinality(tags) <= 8
       AND cardinality(tags) = (SELECT count(DISTINCT lower(t)) FROM unnest(tags) t)
       AND NOT EXISTS (SELECT 1 FROM unnest(tags) t WHERE t IS NULL OR t <> btrim(t) OR length(t) NOT BETWEEN 1 AND 40)
$$;
