-- The first day of the week holding `day`: a Monday, or a Sunday as the
-- athlete prefers (the week view's rule, held equal to it by a test).
CREATE OR REPLACE FUNCTION athlete_week_start(day date, sunday boolean) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
    SELECT day - CASE WHEN sunday THEN extract(dow FROM day)::int ELSE extract(isodow FROM day)::int - 1 END
$$;
