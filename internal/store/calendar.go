package store

import (
	"context"
	"time"

	"rebound/internal/training"

	"github.com/jackc/pgx/v5"
)

// CalendarLink is where an athlete's calendar-feed link stands. The link
// itself is shown once, when made; only its hash is kept.
type CalendarLink struct {
	Live      bool
	CreatedAt time.Time
	CreatedBy string // who made the live link
}

// calendarOwner locks the athlete row of athleteID if the actor is their
// coach or the athlete themself, so two requests for one athlete take
// turns.
func calendarOwner(ctx context.Context, tx pgx.Tx, actor User, athleteID int64) error {
	var id int64
	return tx.QueryRow(ctx, `SELECT id FROM athletes WHERE id = $2 AND (coach_id = $1 OR user_id = $1) FOR UPDATE`,
		actor.ID, athleteID).Scan(&id)
}

// IssueCalendarToken stores a new calendar-feed token for the athlete, made
// by their coach or by the athlete themself, and revokes the live one: its
// link stops working.
func (s *Store) IssueCalendarToken(ctx context.Context, actor User, athleteID int64, tokenHash []byte) error {
	now := s.Now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := calendarOwner(ctx, tx, actor, athleteID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE calendar_tokens SET revoked_at = $2 WHERE athlete_id = $1 AND revoked_at IS NULL`,
			athleteID, now); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO calendar_tokens (athlete_id, token_hash, created_by, created_at) VALUES ($1, $2, $3, $4)`,
			athleteID, tokenHash, actor.ID, now)
		return err
	})
	return wrap(err, "athlete")
}

// RevokeCalendarToken revokes the athlete's live calendar-feed token, if
// there is one.
func (s *Store) RevokeCalendarToken(ctx context.Context, actor User, athleteID int64) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := calendarOwner(ctx, tx, actor, athleteID); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE calendar_tokens SET revoked_at = $2 WHERE athlete_id = $1 AND revoked_at IS NULL`,
			athleteID, s.Now())
		return err
	})
	return wrap(err, "athlete")
}

// CalendarLinkOf says whether the athlete has a live calendar-feed link,
// and since when.
func (s *Store) CalendarLinkOf(ctx context.Context, actor User, athleteID int64) (CalendarLink, error) {
	var l CalendarLink
	rows, err := s.pool.Query(ctx, `
		SELECT t.created_at, coalesce(u.name, '')
		FROM calendar_tokens t
		JOIN athletes a ON a.id = t.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		LEFT JOIN users u ON u.id = t.created_by
		WHERE t.athlete_id = $2 AND t.revoked_at IS NULL`, actor.ID, athleteID)
	if err != nil {
		return l, wrap(err, "calendar link")
	}
	_, err = pgx.ForEachRow(rows, []any{&l.CreatedAt, &l.CreatedBy}, func() error {
		l.Live = true
		return nil
	})
	return l, wrap(err, "calendar link")
}

// CalendarAthlete returns the athlete whose live calendar token hashes to
// tokenHash: the token is the credential. A revoked or unknown token is
// NotFound.
func (s *Store) CalendarAthlete(ctx context.Context, tokenHash []byte) (training.Athlete, error) {
	a, err := scanAthlete(s.pool.QueryRow(ctx, athleteQuery(
		`WHERE a.id = (SELECT athlete_id FROM calendar_tokens WHERE token_hash = $2 AND revoked_at IS NULL)`), s.Now(), tokenHash))
	return a, wrap(err, "calendar")
}

// FeedWorkout is a workout in a calendar feed, with when it last changed.
type FeedWorkout struct {
	training.Workout
	UpdatedAt time.Time
}

// CalendarWorkouts returns the workouts, from day from on, of the athlete
// whose live calendar token hashes to tokenHash, by day. With a generic
// plan (queryGeneric): planned for each call, planning took a third of
// the read's time.
func (s *Store) CalendarWorkouts(ctx context.Context, tokenHash []byte, from time.Time) ([]FeedWorkout, error) {
	rows, err := s.queryGeneric(ctx, `SELECT `+workoutColumns+`, w.updated_at FROM workouts w
		WHERE w.athlete_id = (SELECT athlete_id FROM calendar_tokens WHERE token_hash = $1 AND revoked_at IS NULL)
			AND w.day >= $2 ORDER BY w.day, w.id`, tokenHash, from)
	if err != nil {
		return nil, wrap(err, "calendar")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (FeedWorkout, error) {
		var f FeedWorkout
		var err error
		f.Workout, err = scanWorkout(plusRow{row, []any{&f.UpdatedAt}})
		return f, err
	})
	return list, wrap(err, "calendar")
}

// plusRow scans the columns a scan function knows, then extra ones after
// them.
type plusRow struct {
	pgx.Row
	extra []any
}

func (r plusRow) Scan(dest ...any) error { return r.Row.Scan(append(dest, r.extra...)...) }
