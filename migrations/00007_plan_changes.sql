-- +goose Up
-- Every change to an athlete's plan: who, when, what, before and after,
-- and why. An override of the recovery rule carries its written reason.
-- The last change can be undone (undone_at marks it).
CREATE TABLE plan_changes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    athlete_id  bigint NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    workout_id  bigint,  -- no foreign key: the history outlives a deleted workout
    changed_by  bigint REFERENCES users (id) ON DELETE SET NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    action      text NOT NULL CHECK (action IN ('add', 'edit', 'delete', 'plan', 'undo')),
    summary     text NOT NULL CHECK (length(summary) BETWEEN 1 AND 500),
    reason      text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
    override    boolean NOT NULL DEFAULT false,
    before      jsonb,
    after       jsonb,
    undone_at   timestamptz,
    CHECK (NOT override OR length(btrim(reason)) >= 10),
    CHECK (action <> 'edit' OR (before IS NOT NULL AND after IS NOT NULL)),
    CHECK (action <> 'delete' OR before IS NOT NULL),
    CHECK (action <> 'add' OR after IS NOT NULL)
);
CREATE INDEX plan_changes_athlete_idx ON plan_changes (athlete_id, changed_at DESC);

-- What the athlete last saw of their plan, to mark what changed since.
ALTER TABLE athletes ADD COLUMN plan_seen_at timestamptz;

-- +goose Down
ALTER TABLE athletes DROP COLUMN plan_seen_at;
DROP TABLE plan_changes;
