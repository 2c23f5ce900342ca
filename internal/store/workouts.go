package store

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/apperr"
	"rebound/internal/plan"
	"rebound/internal/training"
)

// textKept is p as it is saved: with its structure only while its text
// is what the structure writes (plan.Written). Text anyone wrote or
// edited otherwise is the coach's own, which nothing may rewrite.
func textKept(p training.Prescription) training.Prescription {
	u := plan.FromPrescription(p)
	u.Title = strings.TrimSpace(u.Title)
	if p.Structure != nil && !plan.Written(u) {
		p.Structure = nil
	}
	return p
}

// ErrStale is the conflict of saving over someone else's newer change.
var ErrStale = apperr.New(apperr.Conflict, "Someone changed this workout while you were editing it. Your changes are kept below; check the current version and save again.")

const workoutColumns = `
	w.id, w.athlete_id, w.day, w.sport, w.kind, w.title, coalesce(w.planned_duration_s, 0), coalesce(w.planned_distance_m, 0),
	coalesce(w.target_rpe, 0)::float8, coalesce(w.target_zone, 0), w.description, w.planned, w.protected, w.status,
	coalesce(w.actual_duration_s, 0), coalesce(w.actual_distance_m, 0), coalesce(w.rpe, 0)::float8, coalesce(w.avg_hr, 0),
	w.athlete_notes, w.logged_at, w.coach_modified_at, w.version, w.key, coalesce(w.plan_id, 0), w.structure,
	w.status = 'done' AND w.rpe IS NULL, coalesce(w.estimated_load, 0), coalesce(w.load_method, ''),
	coalesce((SELECT x.id FROM activities x WHERE x.workout_id = w.id), 0)`

func scanWorkout(row pgx.Row) (training.Workout, error) {
	var w training.Workout
	err := row.Scan(&w.ID, &w.AthleteID, &w.Day, &w.Sport, &w.Kind, &w.Title, &w.PlannedDurationS, &w.PlannedDistanceM,
		&w.TargetRPE, &w.TargetZone, &w.Description, &w.Planned, &w.Protected, &w.Status,
		&w.Log.DurationS, &w.Log.DistanceM, &w.Log.RPE, &w.Log.AvgHR, &w.Log.Notes, &w.LoggedAt, &w.ModifiedAt, &w.Version,
		&w.Key, &w.PlanID, &w.Structure, &w.Log.Unrated, &w.Log.EstimatedLoad, &w.Log.LoadMethod, &w.ActivityID)
	w.CoachModified = w.ModifiedAt != nil
	if w.Status != "planned" {
		w.Log.Status = w.Status
	}
	return w, err
}

// visible is the scope of every workout read: the athlete's coach or the
// athlete themself ($1 is the actor).
const visible = `JOIN athletes a ON a.id = w.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)`

// Workouts returns the athlete's workouts on days from..to (inclusive),
// by day and then in the order they were made.
func (s *Store) Workouts(ctx context.Context, actor User, athleteID int64, from, to time.Time) ([]training.Workout, error) {
	return workouts(ctx, s.pool, actor, athleteID, from, to)
}

func workouts(ctx context.Context, q querier, actor User, athleteID int64, from, to time.Time) ([]training.Workout, error) {
	rows, err := q.Query(ctx, `SELECT `+workoutColumns+` FROM workouts w `+visible+`
		WHERE w.athlete_id = $2 AND w.day BETWEEN $3 AND $4 ORDER BY w.day, w.id`, actor.ID, athleteID, from, to)
	if err != nil {
		return nil, wrap(err, "workout")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (training.Workout, error) { return scanWorkout(row) })
	return list, wrap(err, "workout")
}

// Workout returns one workout the actor may see.
func (s *Store) Workout(ctx context.Context, actor User, id int64) (training.Workout, error) {
	w, err := scanWorkout(s.pool.QueryRow(ctx, `SELECT `+workoutColumns+` FROM workouts w `+visible+` WHERE w.id = $2`, actor.ID, id))
	return w, wrap(err, "workout")
}

// AddWorkout plans a workout for the coach's athlete on day, and records
// the change. The row carries the coach's id, which the database checks
// against the athlete. Its structure is kept only with the text it
// writes (textKept).
func (s *Store) AddWorkout(ctx context.Context, coach User, athleteID int64, day time.Time, p training.Prescription) (training.Workout, error) {
	var w training.Workout
	p = textKept(p)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `
			INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned_duration_s, planned_distance_m,
				target_rpe, target_zone, description, structure, protected, key, created_at, updated_at)
			SELECT a.id, $2, $3, $4, $5, $6, nullif($7, 0), nullif($8, 0), nullif($9::float8, 0), nullif($10, 0), $11, $13, $5 = 'recovery',
				$5 IN ('long', 'tempo', 'intervals', 'race'), $12, $12
			FROM athletes a WHERE a.id = $1 AND a.coach_id = $2
			RETURNING id`,
			athleteID, coach.ID, day, p.Sport, p.Kind, strings.TrimSpace(p.Title), p.PlannedDurationS, p.PlannedDistanceM,
			p.TargetRPE, p.TargetZone, p.Description, s.Now(), p.Structure).Scan(&id)
		if err != nil {
			return err
		}
		if w, err = lockWorkout(ctx, tx, coach, id); err != nil {
			return err
		}
		return s.record(ctx, tx, coach, change{athleteID: athleteID, workoutID: id, action: "add", after: &w})
	})
	return w, wrap(err, "athlete")
}

// ProtectedError refuses a change that would cut a recovery workout; Why
// says how, in words. With a written reason the coach may override it.
type ProtectedError struct{ Why string }

func (e *ProtectedError) Error() string { return e.Why }

// MinOverrideReason is the shortest reason that overrides the recovery rule.
const MinOverrideReason = 10

// protects checks a change of before into after against the recovery rule:
// a change that cuts recovery needs a reason, and is then an override.
func protects(before training.Workout, after *plan.Session, reason string) (override bool, err error) {
	why := plan.CutsRecovery(session(before), after)
	if why == "" {
		return false, nil
	}
	if len([]rune(strings.TrimSpace(reason))) < MinOverrideReason {
		return false, &ProtectedError{Why: why}
	}
	return true, nil
}

func session(w training.Workout) plan.Session {
	return plan.Session{Kind: w.Kind, Date: w.Day, Minutes: w.PlannedDurationS / 60, RPE: w.TargetRPE, Zone: w.TargetZone, Protected: w.Protected}
}

// UpdatePlan changes a planned workout of the coach's athlete, if nobody
// changed it since version, and records the change. A change that cuts a
// recovery workout is refused (*ProtectedError) unless reason says why.
// Its structure is kept only with the text it writes (textKept): a new
// title or description with the old structure is the coach's text.
func (s *Store) UpdatePlan(ctx context.Context, coach User, id int64, version int, day time.Time, p training.Prescription, reason string) (training.Workout, error) {
	var after training.Workout
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		before, err := lockVersion(ctx, tx, coach, id, version)
		if err != nil {
			return err
		}
		after, err = s.updatePlan(ctx, tx, coach, before, day, p, reason)
		return err
	})
	return after, wrap(err, "workout")
}

// updatePlan changes the locked workout before into p on day, checking
// the recovery rule, and records the change, in the caller's transaction.
func (s *Store) updatePlan(ctx context.Context, tx pgx.Tx, coach User, before training.Workout, day time.Time, p training.Prescription, reason string) (training.Workout, error) {
	override, err := protects(before, &plan.Session{Kind: p.Kind, Date: day, Minutes: p.PlannedDurationS / 60, RPE: p.TargetRPE, Zone: p.TargetZone}, reason)
	if err != nil {
		return training.Workout{}, err
	}
	p = textKept(p)
	_, err = tx.Exec(ctx, `
		UPDATE workouts w SET day = $3, sport = $4, kind = $5, title = $6, planned_duration_s = nullif($7, 0),
			planned_distance_m = nullif($8, 0), target_rpe = nullif($9::float8, 0), target_zone = nullif($10, 0),
			description = $11, structure = $13, protected = (protected OR $5 = 'recovery'), key = $5 IN ('long', 'tempo', 'intervals', 'race'),
			coach_modified_at = $12, updated_at = $12, version = version + 1
		WHERE w.id = $2 AND w.coach_id = $1`,
		coach.ID, before.ID, day, p.Sport, p.Kind, strings.TrimSpace(p.Title), p.PlannedDurationS, p.PlannedDistanceM,
		p.TargetRPE, p.TargetZone, p.Description, s.Now(), p.Structure)
	if err != nil {
		return training.Workout{}, err
	}
	after, err := lockWorkout(ctx, tx, coach, before.ID)
	if err != nil {
		return after, err
	}
	return after, s.record(ctx, tx, coach, change{athleteID: before.AthleteID, workoutID: before.ID, action: "edit",
		before: &before, after: &after, reason: reason, override: override})
}

// DeleteWorkout removes a workout of the coach's athlete, if nobody changed
// it since version, and records the change. Deleting a recovery workout is
// refused (*ProtectedError) unless reason says why.
func (s *Store) DeleteWorkout(ctx context.Context, coach User, id int64, version int, reason string) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		before, err := lockVersion(ctx, tx, coach, id, version)
		if err != nil {
			return err
		}
		override, err := protects(before, nil, reason)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM workouts WHERE id = $1`, id); err != nil {
			return err
		}
		return s.record(ctx, tx, coach, change{athleteID: before.AthleteID, workoutID: id, action: "delete",
			before: &before, reason: reason, override: override})
	})
	return wrap(err, "workout")
}

// lockVersion locks a workout of the coach's athlete that must still be at
// version: a later one means someone else saved first (ErrStale).
func lockVersion(ctx context.Context, tx pgx.Tx, coach User, id int64, version int) (training.Workout, error) {
	w, err := lockWorkout(ctx, tx, coach, id)
	if err == nil && w.Version != version {
		return w, ErrStale
	}
	return w, err
}

// lockWorkout reads a workout of the coach's athlete and locks its row.
func lockWorkout(ctx context.Context, tx pgx.Tx, coach User, id int64) (training.Workout, error) {
	return scanWorkout(tx.QueryRow(ctx, `SELECT `+workoutColumns+` FROM workouts w WHERE w.id = $2 AND w.coach_id = $1 FOR UPDATE`, coach.ID, id))
}

// ErrHasFile refuses to mark skipped a workout a file shows was done.
var ErrHasFile = apperr.New(apperr.Invalid, "A file from the watch shows this workout was done. To log it as skipped, first unmatch the file on the workout's page.")

// LogWorkout records what was done (or that it was skipped) for a workout
// of the athlete — by the athlete, or by their coach on their behalf. A
// workout done from a file keeps the file's estimate beside the RPE; one
// with a file cannot be skipped (ErrHasFile).
func (s *Store) LogWorkout(ctx context.Context, actor User, id int64, l training.Log) (training.Workout, error) {
	done := l.Status == "done"
	tag, err := s.pool.Exec(ctx, `
		UPDATE workouts w SET status = $3,
			actual_duration_s = CASE WHEN $4 THEN $5::int END, actual_distance_m = CASE WHEN $4 THEN nullif($6::int, 0) END,
			rpe = CASE WHEN $4 THEN $7::float8 END, avg_hr = CASE WHEN $4 THEN nullif($8::int, 0) END,
			estimated_load = CASE WHEN $4 THEN w.estimated_load END, load_method = CASE WHEN $4 THEN w.load_method END,
			athlete_notes = $9, logged_at = $10, updated_at = $10, version = version + 1
		FROM athletes a
		WHERE w.id = $2 AND a.id = w.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		  AND ($4 OR NOT EXISTS (SELECT FROM activities x WHERE x.workout_id = w.id))`,
		actor.ID, id, l.Status, done, l.DurationS, l.DistanceM, l.RPE, l.AvgHR, l.Notes, s.Now())
	if err != nil {
		return training.Workout{}, wrap(err, "workout")
	}
	if tag.RowsAffected() == 0 {
		if w, err := s.Workout(ctx, actor, id); err == nil && w.ActivityID != 0 {
			return w, ErrHasFile
		}
		return training.Workout{}, notFound("workout")
	}
	return s.Workout(ctx, actor, id)
}

// RateWorkout records how hard a done workout was (session RPE, 0–10),
// for one done from a file that the athlete had not rated yet or to
// change the rating: from then on the RPE is its load, not the estimate.
func (s *Store) RateWorkout(ctx context.Context, actor User, id int64, rpe float64) (training.Workout, error) {
	tag, err := s.pool.Exec(ctx, `
		UPDATE workouts w SET rpe = $3, updated_at = $4, version = version + 1
		FROM athletes a
		WHERE w.id = $2 AND a.id = w.athlete_id AND (a.coach_id = $1 OR a.user_id = $1) AND w.status = 'done'`,
		actor.ID, id, rpe, s.Now())
	if err != nil {
		return training.Workout{}, wrap(err, "workout")
	}
	if tag.RowsAffected() == 0 {
		return training.Workout{}, notFound("workout")
	}
	return s.Workout(ctx, actor, id)
}

// LogUnplanned records a workout done without a plan.
func (s *Store) LogUnplanned(ctx context.Context, actor User, athleteID int64, day time.Time, p training.Prescription, l training.Log) (training.Workout, error) {
	var id int64
	now := s.Now()
	err := s.pool.QueryRow(ctx, `
		INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned, protected, status,
			actual_duration_s, actual_distance_m, rpe, avg_hr, athlete_notes, logged_at, created_at, updated_at)
		SELECT a.id, a.coach_id, $3, $4, $5, $6, false, $5 = 'recovery', 'done', $7, nullif($8, 0), $9, nullif($10, 0), $11, $12, $12, $12
		FROM athletes a WHERE a.id = $2 AND (a.coach_id = $1 OR a.user_id = $1)
		RETURNING id`,
		actor.ID, athleteID, day, p.Sport, p.Kind, strings.TrimSpace(p.Title), l.DurationS, l.DistanceM, l.RPE, l.AvgHR, l.Notes, now).Scan(&id)
	if err != nil {
		return training.Workout{}, wrap(err, "athlete")
	}
	return s.Workout(ctx, actor, id)
}
