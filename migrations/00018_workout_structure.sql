-- +goose Up
-- How a workout is built (its main set, warm-up and cool-down, the
-- athlete's targets for its parts; package plan's Structure), which its
-- title and description are written from, so that a change to its
-- numbers rewrites them and they never state other numbers. NULL: the
-- text is the coach's own, and nothing rewrites it.
ALTER TABLE workouts
    ADD COLUMN structure jsonb CHECK (structure IS NULL OR jsonb_typeof(structure) = 'object');

-- A plan's workouts that nobody has changed still carry the text the plan
-- wrote from their numbers: they follow them from their next change on.
-- Their parts were not recorded, so that text is written from the kind
-- and targets alone.
UPDATE workouts SET structure = '{}'
WHERE plan_id IS NOT NULL AND coach_modified_at IS NULL AND status = 'planned';

-- +goose Down
ALTER TABLE workouts DROP COLUMN structure;
