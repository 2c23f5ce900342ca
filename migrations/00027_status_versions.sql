-- +goose Up
-- The dashboard's digest of its kept rows became their versions, row by row
-- (athlete_status_versions, in migrations/functions/athlete_status.sql), so
-- that a process reads again only the rows that changed.
DROP FUNCTION IF EXISTS athlete_status_version(bigint, timestamptz, integer, integer);

-- +goose Down
-- The release that had athlete_status_version creates it again from its
-- own function files when it starts.
