-- +goose Up
-- The athlete's daily readiness check-in: one row per athlete per local
-- day (the unique key makes a double tap or a retried request update the
-- same row). Rows made by a wearable import hold only the measured fields
-- until the athlete answers the questions. The score, light and reasons
-- are worked out when the row is written, so pages only read them.
CREATE TABLE checkins (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    athlete_id     bigint NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    day            date NOT NULL,
    answered       boolean NOT NULL DEFAULT false,
    sleep_hours    numeric(4, 2) CHECK (sleep_hours BETWEEN 0 AND 24 AND sleep_hours * 4 = trunc(sleep_hours * 4)),
    sleep_quality  smallint CHECK (sleep_quality BETWEEN 1 AND 5),
    fatigue        smallint CHECK (fatigue BETWEEN 1 AND 5),
    soreness       smallint CHECK (soreness BETWEEN 1 AND 5),
    stress         smallint CHECK (stress BETWEEN 1 AND 5),
    mood           smallint CHECK (mood BETWEEN 1 AND 5),
    motivation     smallint CHECK (motivation BETWEEN 1 AND 5),
    soreness_areas text[] NOT NULL DEFAULT '{}' CHECK (soreness_areas <@ ARRAY['neck', 'shoulders', 'arms', 'upper_back',
                       'lower_back', 'hips', 'glutes', 'quads', 'hamstrings', 'knees', 'calves', 'shins', 'ankles', 'feet']),
    resting_hr     smallint CHECK (resting_hr BETWEEN 25 AND 220),
    hrv_rmssd      numeric(5, 1) CHECK (hrv_rmssd BETWEEN 1 AND 300),
    illness        boolean NOT NULL DEFAULT false,
    injury         boolean NOT NULL DEFAULT false,
    notes          text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
    score          smallint CHECK (score BETWEEN 0 AND 100),
    light          text CHECK (light IN ('green', 'amber', 'red')),
    reasons        jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(reasons) = 'array'),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (athlete_id, day),
    -- An answered check-in has every answer and its verdict.
    CHECK (NOT answered OR (sleep_hours IS NOT NULL AND sleep_quality IS NOT NULL AND fatigue IS NOT NULL
        AND soreness IS NOT NULL AND stress IS NOT NULL AND mood IS NOT NULL AND motivation IS NOT NULL
        AND score IS NOT NULL AND light IS NOT NULL)),
    CHECK (answered OR (sleep_quality IS NULL AND fatigue IS NULL AND soreness IS NULL AND stress IS NULL
        AND mood IS NULL AND motivation IS NULL AND NOT illness AND NOT injury AND score IS NULL AND light IS NULL))
);

-- +goose Down
DROP TABLE checkins;
