package store

import (
	"context"

	"rebound/internal/training"

	"github.com/jackc/pgx/v5"
)

// exportJoin scopes an export: one athlete the actor may see ($2, with
// the actor $1), or with athlete id 0 every athlete of the coach $1.
func exportJoin(alias string) string {
	return `JOIN athletes a ON a.id = ` + alias + `.athlete_id AND
		CASE WHEN $2::bigint = 0 THEN a.coach_id = $1 ELSE a.id = $2 AND (a.coach_id = $1 OR a.user_id = $1) END`
}

// EachCheckIn calls fn with every check-in of the athlete (athleteID 0:
// of every athlete of the coach, archived ones too), by athlete name and
// then day, with the athlete's name. It streams: one query, one row in
// memory at a time. An error from fn stops it and is returned.
func (s *Store) EachCheckIn(ctx context.Context, actor User, athleteID int64, fn func(name string, c training.CheckIn) error) error {
	rows, err := s.pool.Query(ctx, `SELECT `+checkInColumns+`, a.name FROM checkins c `+exportJoin("c")+`
		ORDER BY lower(a.name), a.id, c.day`, actor.ID, athleteID)
	if err != nil {
		return wrap(err, "check-in")
	}
	defer rows.Close()
	var name string
	for rows.Next() {
		c, err := scanCheckIn(plusRow{rows, []any{&name}})
		if err != nil {
			return wrap(err, "check-in")
		}
		if err := fn(name, c); err != nil {
			return err
		}
	}
	return wrap(rows.Err(), "check-in")
}

// EachWorkout calls fn with every workout of the athlete (athleteID 0: of
// every athlete of the coach, archived ones too), by athlete name, day
// and id, with the athlete's name. It streams, as EachCheckIn does.
func (s *Store) EachWorkout(ctx context.Context, actor User, athleteID int64, fn func(name string, w FeedWorkout) error) error {
	rows, err := s.pool.Query(ctx, `SELECT `+workoutColumns+`, w.updated_at, a.name FROM workouts w `+exportJoin("w")+`
		ORDER BY lower(a.name), a.id, w.day, w.id`, actor.ID, athleteID)
	if err != nil {
		return wrap(err, "workout")
	}
	defer rows.Close()
	var name string
	for rows.Next() {
		var f FeedWorkout
		if f.Workout, err = scanWorkout(plusRow{rows, []any{&f.UpdatedAt, &name}}); err != nil {
			return wrap(err, "workout")
		}
		if err := fn(name, f); err != nil {
			return err
		}
	}
	return wrap(rows.Err(), "workout")
}

// Plans returns every plan of the athlete, oldest first, each with its
// weeks, in two queries.
func (s *Store) Plans(ctx context.Context, actor User, athleteID int64) ([]SavedPlan, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT p.id, p.athlete_id, coalesce(p.event_id, 0), p.sport, p.start_day, p.end_day, p.inputs, p.warnings, p.notes, p.created_at
		FROM plans p JOIN athletes a ON a.id = p.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		WHERE p.athlete_id = $2 ORDER BY p.created_at, p.id`, actor.ID, athleteID)
	if err != nil {
		return nil, wrap(err, "plan")
	}
	plans, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (SavedPlan, error) {
		var p SavedPlan
		err := row.Scan(&p.ID, &p.AthleteID, &p.EventID, &p.Sport, &p.Start, &p.End, &p.Inputs, &p.Warnings, &p.Notes, &p.CreatedAt)
		return p, err
	})
	if err != nil || len(plans) == 0 {
		return plans, wrap(err, "plan")
	}
	index := map[int64]int{}
	ids := make([]int64, len(plans))
	for i, p := range plans {
		index[p.ID], ids[i] = i, p.ID
	}
	rows, err = s.pool.Query(ctx, `SELECT plan_id, start_day, phase, kind, target_minutes, easy_share::float8, rationale
		FROM plan_weeks WHERE plan_id = ANY($1) ORDER BY plan_id, start_day`, ids)
	if err != nil {
		return nil, wrap(err, "plan")
	}
	var id int64
	var w training.PlanWeek
	_, err = pgx.ForEachRow(rows, []any{&id, &w.Start, &w.Phase, &w.Kind, &w.TargetMinutes, &w.EasyShare, &w.Rationale}, func() error {
		p := &plans[index[id]]
		p.Weeks = append(p.Weeks, w)
		return nil
	})
	return plans, wrap(err, "plan")
}
