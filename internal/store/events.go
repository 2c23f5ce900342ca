package store

import (
	"context"
	"strings"

	"rebound/internal/training"

	"github.com/jackc/pgx/v5"
)

const eventColumns = `e.id, e.athlete_id, e.name, e.day, e.sport, e.kind, coalesce(e.distance_m, 0), e.priority, e.notes`

func scanEvent(row pgx.Row) (training.Event, error) {
	var e training.Event
	err := row.Scan(&e.ID, &e.AthleteID, &e.Name, &e.Day, &e.Sport, &e.Kind, &e.DistanceM, &e.Priority, &e.Notes)
	return e, err
}

// Events lists the athlete's events by date.
func (s *Store) Events(ctx context.Context, actor User, athleteID int64) ([]training.Event, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+eventColumns+` FROM events e
		JOIN athletes a ON a.id = e.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		WHERE e.athlete_id = $2 ORDER BY e.day, e.id`, actor.ID, athleteID)
	if err != nil {
		return nil, wrap(err, "event")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (training.Event, error) { return scanEvent(row) })
	return list, wrap(err, "event")
}

// Event returns one event of the coach's athlete.
func (s *Store) Event(ctx context.Context, coach User, id int64) (training.Event, error) {
	e, err := scanEvent(s.pool.QueryRow(ctx, `SELECT `+eventColumns+` FROM events e WHERE e.id = $2 AND e.coach_id = $1`, coach.ID, id))
	return e, wrap(err, "event")
}

// AddEvent adds a goal event for the coach's athlete.
func (s *Store) AddEvent(ctx context.Context, coach User, athleteID int64, e training.Event) (training.Event, error) {
	err := s.pool.QueryRow(ctx, `
		INSERT INTO events (athlete_id, coach_id, name, day, sport, kind, distance_m, priority, notes, created_at)
		SELECT a.id, $2, $3, $4, $5, $6, nullif($7, 0), $8, $9, $10 FROM athletes a WHERE a.id = $1 AND a.coach_id = $2
		RETURNING id`,
		athleteID, coach.ID, strings.TrimSpace(e.Name), e.Day, e.Sport, e.Kind, e.DistanceM, e.Priority, e.Notes, s.Now()).Scan(&e.ID)
	e.AthleteID = athleteID
	return e, wrap(err, "athlete")
}

// UpdateEvent changes an event of the coach's athlete.
func (s *Store) UpdateEvent(ctx context.Context, coach User, e training.Event) error {
	tag, err := s.pool.Exec(ctx, `
		UPDATE events SET name = $3, day = $4, sport = $5, kind = $6, distance_m = nullif($7, 0), priority = $8, notes = $9
		WHERE id = $2 AND coach_id = $1`,
		coach.ID, e.ID, strings.TrimSpace(e.Name), e.Day, e.Sport, e.Kind, e.DistanceM, e.Priority, e.Notes)
	if err == nil && tag.RowsAffected() == 0 {
		return notFound("event")
	}
	return wrap(err, "event")
}

// DeleteEvent removes an event of the coach's athlete.
func (s *Store) DeleteEvent(ctx context.Context, coach User, id int64) error {
	tag, err := s.pool.Exec(ctx, `DELETE FROM events WHERE id = $2 AND coach_id = $1`, coach.ID, id)
	if err == nil && tag.RowsAffected() == 0 {
		return notFound("event")
	}
	return wrap(err, "event")
}
