-- +goose Up
-- Plans made by the scheduling service. The inputs are kept (options), so
-- a plan can be shown again and regenerated; each week keeps its phase,
-- kind, target and the rationale in words.
CREATE TABLE plans (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    athlete_id  bigint NOT NULL,
    coach_id    bigint NOT NULL,
    event_id    bigint REFERENCES events (id) ON DELETE SET NULL,
    sport       text NOT NULL CHECK (sport IN ('run', 'bike', 'tri', 'strength')),
    start_day   date NOT NULL,
    end_day     date NOT NULL,
    inputs      jsonb NOT NULL CHECK (jsonb_typeof(inputs) = 'object'),
    notes       text[] NOT NULL DEFAULT '{}',
    created_by  bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (end_day >= start_day),
    FOREIGN KEY (athlete_id, coach_id) REFERENCES athletes (id, coach_id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX plans_athlete_idx ON plans (athlete_id, created_at);

CREATE TABLE plan_weeks (
    plan_id         bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    start_day       date NOT NULL,
    phase           text NOT NULL CHECK (phase IN ('base', 'build', 'peak', 'taper', 'race', 'recovery')),
    kind            text NOT NULL CHECK (kind IN ('build', 'cutback', 'taper', 'race', 'recovery')),
    target_minutes  integer NOT NULL CHECK (target_minutes BETWEEN 0 AND 3000),
    easy_share      numeric(4, 3) NOT NULL CHECK (easy_share BETWEEN 0 AND 1),
    rationale       text NOT NULL CHECK (length(rationale) BETWEEN 1 AND 2000),
    PRIMARY KEY (plan_id, start_day)
);

-- Workouts a plan made point at it; a key workout is a hard one.
ALTER TABLE workouts
    ADD COLUMN plan_id bigint REFERENCES plans (id) ON DELETE SET NULL,
    ADD COLUMN key boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT workouts_recovery_not_key CHECK (NOT (key AND kind IN ('rest', 'recovery')));
CREATE INDEX workouts_plan_idx ON workouts (plan_id) WHERE plan_id IS NOT NULL;

-- +goose Down
ALTER TABLE workouts DROP CONSTRAINT workouts_recovery_not_key, DROP COLUMN key, DROP COLUMN plan_id;
DROP TABLE plan_weeks;
DROP TABLE plans;
