-- The training load state of a day (package load, Advance), its decay, and
-- the running state over days as an aggregate.

-- x·keep^g, or 0 under load.Floor (10^−12 session-RPE units); the factor is
-- not computed past e^−460 (about 10^−200), where any figure under 10^188 is
-- under the floor, so nothing underflows (PostgreSQL refuses an underflow).
CREATE OR REPLACE FUNCTION load_decay(x float8, keep float8, g float8) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN x < 1e-12 OR g * ln(keep) < -460 THEN 0::float8
        WHEN x * power(keep, g) >= 1e-12 THEN x * power(keep, g)
        ELSE 0::float8
    END
$$;

-- s is the state so far (NULL: none yet in this run), seed the state
-- before the run (NULL: the athlete's history starts here).
CREATE OR REPLACE FUNCTION load_state_advance(s load_state, seed load_state, day date, load float8) RETURNS load_state
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    g float8;
    n load_state;
BEGIN
    IF s IS NULL THEN
        s := seed;
    END IF;
    IF s.day IS NOT NULL AND day <= s.day THEN
        RETURN s;
    END IF;
    n.day := day;
    n.since := s.since;
    IF s.day IS NULL THEN
        n.tsb := 0;
        n.atl := load / 7;
        n.ctl := load / 42;
    ELSE
        g := day - s.day;
        n.tsb := load_decay(s.ctl, 41::float8 / 42, g - 1) - load_decay(s.atl, 6::float8 / 7, g - 1);
        n.atl := load_decay(s.atl, 6::float8 / 7, g) + load / 7;
        n.ctl := load_decay(s.ctl, 41::float8 / 42, g) + load / 42;
    END IF;
    IF s.since IS NOT NULL THEN
        n.acute := (1 - 3::float8 / 4) * load + load_decay(s.acute, 3::float8 / 4, g);
        n.chronic := (1 - 27::float8 / 29) * load + load_decay(s.chronic, 27::float8 / 29, g);
    ELSIF load > 0 THEN
        n.since := day;
        n.acute := load;
        n.chronic := load;
    ELSE
        n.acute := 0;
        n.chronic := 0;
    END IF;
    RETURN n;
END
$$;

-- The running state over days in order, from a seed: as a window
-- function, load_state_run(seed, day, load) OVER (PARTITION BY athlete
-- ORDER BY day) is each day's state.
CREATE OR REPLACE AGGREGATE load_state_run(load_state, date, float8) (SFUNC = load_state_advance, STYPE = load_state);
