package store

import (
	"context"
	"time"

	"rebound/internal/training"

	"github.com/jackc/pgx/v5"
)

// RosterWorkouts returns the workouts of all the coach's active athletes
// on days from..to, by athlete, day and the order they were made: one
// query for a whole squad's printed week.
func (s *Store) RosterWorkouts(ctx context.Context, coach User, from, to time.Time) ([]training.Workout, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+workoutColumns+` FROM workouts w
		JOIN athletes a ON a.id = w.athlete_id AND a.coach_id = $1 AND a.archived_at IS NULL
		WHERE w.day BETWEEN $2 AND $3 ORDER BY w.athlete_id, w.day, w.id`, coach.ID, from, to)
	if err != nil {
		return nil, wrap(err, "workout")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (training.Workout, error) { return scanWorkout(row) })
	return list, wrap(err, "workout")
}

// RosterPlanWeeks returns, for each of the coach's active athletes, the
// plan weeks starting from..to, each from the newest plan that has it.
func (s *Store) RosterPlanWeeks(ctx context.Context, coach User, from, to time.Time) (map[int64][]training.PlanWeek, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT DISTINCT ON (p.athlete_id, pw.start_day) p.athlete_id,
			pw.start_day, pw.phase, pw.kind, pw.target_minutes, pw.easy_share::float8, pw.rationale
		FROM plan_weeks pw JOIN plans p ON p.id = pw.plan_id
		JOIN athletes a ON a.id = p.athlete_id AND a.coach_id = $1 AND a.archived_at IS NULL
		WHERE pw.start_day BETWEEN $2 AND $3
		ORDER BY p.athlete_id, pw.start_day, p.created_at DESC, p.id DESC`, coach.ID, from, to)
	if err != nil {
		return nil, wrap(err, "plan")
	}
	out := map[int64][]training.PlanWeek{}
	var id int64
	var w training.PlanWeek
	_, err = pgx.ForEachRow(rows, []any{&id, &w.Start, &w.Phase, &w.Kind, &w.TargetMinutes, &w.EasyShare, &w.Rationale}, func() error {
		out[id] = append(out[id], w)
		return nil
	})
	return out, wrap(err, "plan")
}
