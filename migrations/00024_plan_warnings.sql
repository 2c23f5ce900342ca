-- +goose Up
-- What keeps a saved plan from preparing the athlete safely for the event
-- (package plan's Plan.Warnings), shown with the plan as long as it stands.
ALTER TABLE plans ADD COLUMN warnings text[] NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE plans DROP COLUMN warnings;
