-- +goose Up
-- The dashboard looks up each athlete's next key workout still to do; a
-- partial index holds only those, so the lookup reads one entry instead of
-- every workout of the days ahead.
CREATE INDEX workouts_next_key_idx ON workouts (athlete_id, day, id) WHERE key AND status = 'planned';

-- +goose Down
DROP INDEX workouts_next_key_idx;
