-- +goose Up
-- The athlete's profile: what the coach plans from. Units are SI in the
-- database (metres, seconds); `units` is only how they are shown.
ALTER TABLE athletes
    ADD COLUMN sports          text[] NOT NULL DEFAULT '{run}'
        CHECK (cardinality(sports) BETWEEN 1 AND 5 AND sports <@ ARRAY['run', 'bike', 'swim', 'strength', 'other']),
    ADD COLUMN units           text NOT NULL DEFAULT 'km' CHECK (units IN ('km', 'mi')),
    ADD COLUMN week_starts_sunday boolean NOT NULL DEFAULT false,
    ADD COLUMN birth_year      smallint CHECK (birth_year BETWEEN 1900 AND 2100),
    ADD COLUMN experience      text NOT NULL DEFAULT 'intermediate' CHECK (experience IN ('beginner', 'intermediate', 'advanced')),
    ADD COLUMN weekly_minutes  integer NOT NULL DEFAULT 0 CHECK (weekly_minutes BETWEEN 0 AND 3000),
    ADD COLUMN weekly_run_m    integer CHECK (weekly_run_m BETWEEN 0 AND 500000),
    ADD COLUMN weekly_bike_m   integer CHECK (weekly_bike_m BETWEEN 0 AND 3000000),
    ADD COLUMN threshold_hr    smallint CHECK (threshold_hr BETWEEN 80 AND 230),
    ADD COLUMN max_hr          smallint CHECK (max_hr BETWEEN 100 AND 240),
    ADD COLUMN threshold_pace_s_per_km smallint CHECK (threshold_pace_s_per_km BETWEEN 120 AND 900),
    ADD COLUMN ftp_w           smallint CHECK (ftp_w BETWEEN 50 AND 600),
    ADD COLUMN notes           text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
    ADD COLUMN archived_at     timestamptz,
    ADD CONSTRAINT athletes_threshold_below_max CHECK (threshold_hr IS NULL OR max_hr IS NULL OR threshold_hr < max_hr),
    ADD CONSTRAINT athletes_id_coach_key UNIQUE (id, coach_id);

-- Goal events. coach_id is the athlete's coach, checked by the foreign
-- key: the store writes the acting coach's id, so the database itself
-- refuses an event for another coach's athlete.
CREATE TABLE events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    athlete_id  bigint NOT NULL,
    coach_id    bigint NOT NULL,
    name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    day         date NOT NULL,
    sport       text NOT NULL CHECK (sport IN ('run', 'bike', 'swim', 'triathlon', 'other')),
    kind        text NOT NULL CHECK (kind IN ('5k', '10k', 'half', 'marathon', 'ultra',
                                              'sprint_tri', 'olympic_tri', 'half_tri', 'full_tri', 'custom')),
    distance_m  integer CHECK (distance_m BETWEEN 1 AND 1000000),
    priority    text NOT NULL CHECK (priority IN ('A', 'B', 'C')),
    notes       text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (kind <> 'custom' OR distance_m IS NOT NULL),
    FOREIGN KEY (athlete_id, coach_id) REFERENCES athletes (id, coach_id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX events_athlete_day_idx ON events (athlete_id, day);

-- Workouts: one row per training session, planned and/or done. A workout
-- logged without a plan has planned = false. Recovery workouts are always
-- protected (the adjustment engine never cuts them).
CREATE TABLE workouts (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    athlete_id          bigint NOT NULL,
    coach_id            bigint NOT NULL,
    day                 date NOT NULL,
    sport               text NOT NULL CHECK (sport IN ('run', 'bike', 'swim', 'strength', 'other')),
    kind                text NOT NULL CHECK (kind IN ('rest', 'recovery', 'easy', 'long', 'tempo', 'intervals',
                                                      'race', 'strength', 'mobility', 'cross_training')),
    title               text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    planned             boolean NOT NULL DEFAULT true,
    planned_duration_s  integer CHECK (planned_duration_s BETWEEN 0 AND 86400),
    planned_distance_m  integer CHECK (planned_distance_m BETWEEN 0 AND 1000000),
    target_rpe          numeric(3, 1) CHECK (target_rpe BETWEEN 0 AND 10),
    target_zone         smallint CHECK (target_zone BETWEEN 1 AND 7),
    description         text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    protected           boolean NOT NULL DEFAULT false,
    status              text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'skipped')),
    actual_duration_s   integer CHECK (actual_duration_s BETWEEN 0 AND 86400),
    actual_distance_m   integer CHECK (actual_distance_m BETWEEN 0 AND 1000000),
    rpe                 numeric(3, 1) CHECK (rpe BETWEEN 0 AND 10),
    avg_hr              smallint CHECK (avg_hr BETWEEN 25 AND 250),
    athlete_notes       text NOT NULL DEFAULT '' CHECK (length(athlete_notes) <= 2000),
    logged_at           timestamptz,
    coach_modified_at   timestamptz,  -- the coach changed the plan after first making it
    version             integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (kind <> 'recovery' OR protected),
    CHECK (planned OR status = 'done'),
    CHECK (status <> 'done' OR (actual_duration_s IS NOT NULL AND rpe IS NOT NULL AND logged_at IS NOT NULL)),
    CHECK (status = 'done' OR (actual_duration_s IS NULL AND actual_distance_m IS NULL AND rpe IS NULL AND avg_hr IS NULL)),
    FOREIGN KEY (athlete_id, coach_id) REFERENCES athletes (id, coach_id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX workouts_athlete_day_idx ON workouts (athlete_id, day);

-- +goose Down
DROP TABLE workouts;
DROP TABLE events;
ALTER TABLE athletes
    DROP CONSTRAINT athletes_id_coach_key,
    DROP CONSTRAINT athletes_threshold_below_max,
    DROP COLUMN archived_at, DROP COLUMN notes, DROP COLUMN ftp_w, DROP COLUMN threshold_pace_s_per_km,
    DROP COLUMN max_hr, DROP COLUMN threshold_hr, DROP COLUMN weekly_bike_m, DROP COLUMN weekly_run_m,
    DROP COLUMN weekly_minutes, DROP COLUMN experience, DROP COLUMN birth_year, DROP COLUMN week_starts_sunday,
    DROP COLUMN units, DROP COLUMN sports;
