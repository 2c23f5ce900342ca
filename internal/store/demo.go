package store

import (
	"context"
	"time"

	"rebound/internal/training"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// What the demo seeder (package demo) needs beyond the app's own paths:
// writing weeks of history in one transaction each, with the times they
// happened, and giving the demo accounts new passwords.

// WithClock returns a store on the same pool whose clock is now: the demo
// seeder writes each day's history as of that day.
func (s *Store) WithClock(now func() time.Time) *Store {
	c := *s
	c.Now = now
	return &c
}

// SeedCheckIns stores answered check-ins of the coach's athlete, each with
// its verdict and UpdatedAt as when it was made, in one transaction. A day
// that already has a check-in keeps it. It returns how many were added.
func (s *Store) SeedCheckIns(ctx context.Context, coach User, athleteID int64, list []training.CheckIn) (int, error) {
	added := 0
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		added = 0
		if err := coachesAthlete(ctx, tx, coach, athleteID); err != nil {
			return err
		}
		batch := &pgx.Batch{}
		for _, c := range list {
			reasons, err := marshalReasons(c.Reasons)
			if err != nil {
				return err
			}
			batch.Queue(`
				INSERT INTO checkins (athlete_id, day, answered, sleep_hours, sleep_quality, fatigue, soreness, stress, mood, motivation,
					soreness_areas, resting_hr, hrv_rmssd, illness, illness_site, injury, injury_areas, notes, score, light, reasons,
					created_at, updated_at)
				VALUES ($1, $2, true, $3, $4, $5, $6, $7, $8, $9, $10, nullif($11, 0), nullif($12::float8, 0), $13, nullif($14, ''),
					$15, $16, $17, $18, $19, $20, $21, $21)
				ON CONFLICT (athlete_id, day) DO NOTHING`,
				athleteID, c.Day, c.SleepHours, c.SleepQuality, c.Fatigue, c.Soreness, c.Stress, c.Mood, c.Motivation,
				nonNil(c.SorenessAreas), c.RestingHR, c.HRV, c.Illness, c.IllnessSite, c.Injury, nonNil(c.InjuryAreas), c.Notes,
				c.Score, c.Light, reasons, c.UpdatedAt).
				Exec(func(tag pgconn.CommandTag) error {
					added += int(tag.RowsAffected())
					return nil
				})
		}
		return tx.SendBatch(ctx, batch).Close()
	})
	return added, wrap(err, "check-in")
}

// SeedLog is what was done of one planned workout, and when it was logged.
type SeedLog struct {
	WorkoutID int64
	Log       training.Log
	At        time.Time
}

// SeedLogs records logs of planned workouts of the coach's athlete in one
// transaction; a workout no longer planned (logged since) is left alone.
// It returns how many were logged.
func (s *Store) SeedLogs(ctx context.Context, coach User, athleteID int64, logs []SeedLog) (int, error) {
	logged := 0
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		logged = 0
		if err := coachesAthlete(ctx, tx, coach, athleteID); err != nil {
			return err
		}
		batch := &pgx.Batch{}
		for _, l := range logs {
			done := l.Log.Status == "done"
			batch.Queue(`
				UPDATE workouts SET status = $3,
					actual_duration_s = CASE WHEN $4 THEN $5::int END, actual_distance_m = CASE WHEN $4 THEN nullif($6::int, 0) END,
					rpe = CASE WHEN $4 THEN $7::float8 END, avg_hr = CASE WHEN $4 THEN nullif($8::int, 0) END,
					athlete_notes = $9, logged_at = $10, updated_at = $10, version = version + 1
				WHERE id = $2 AND athlete_id = $1 AND status = 'planned'`,
				athleteID, l.WorkoutID, l.Log.Status, done, l.Log.DurationS, l.Log.DistanceM, l.Log.RPE, l.Log.AvgHR, l.Log.Notes, l.At).
				Exec(func(tag pgconn.CommandTag) error {
					logged += int(tag.RowsAffected())
					return nil
				})
		}
		return tx.SendBatch(ctx, batch).Close()
	})
	return logged, wrap(err, "workout")
}

// SetPassword gives an account a new password hash; sessions made before
// now stop working, as after a reset.
func (s *Store) SetPassword(ctx context.Context, userID int64, passwordHash string) error {
	tag, err := s.pool.Exec(ctx, `UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1`,
		userID, passwordHash, s.Now())
	if err == nil && tag.RowsAffected() == 0 {
		return notFound("account")
	}
	return wrap(err, "account")
}

// coachesAthlete checks, in tx, that the athlete is the coach's.
func coachesAthlete(ctx context.Context, tx pgx.Tx, coach User, athleteID int64) error {
	var id int64
	return tx.QueryRow(ctx, `SELECT id FROM athletes WHERE id = $1 AND coach_id = $2`, athleteID, coach.ID).Scan(&id)
}
