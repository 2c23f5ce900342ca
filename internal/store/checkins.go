package store

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"rebound/internal/load"
	"rebound/internal/training"
)

const checkInColumns = `c.athlete_id, c.day, c.answered, coalesce(c.sleep_hours, 0)::float8, coalesce(c.sleep_quality, 0),
	coalesce(c.fatigue, 0), coalesce(c.soreness, 0), coalesce(c.stress, 0), coalesce(c.mood, 0), coalesce(c.motivation, 0),
	c.soreness_areas, coalesce(c.resting_hr, 0), coalesce(c.hrv_rmssd, 0)::float8, c.illness, coalesce(c.illness_site, ''),
	c.injury, c.injury_areas, c.notes, coalesce(c.score, 0), coalesce(c.light, ''), c.reasons, c.updated_at`

func scanCheckIn(row pgx.Row) (training.CheckIn, error) {
	var c training.CheckIn
	var reasons []byte
	err := row.Scan(&c.AthleteID, &c.Day, &c.Answered, &c.SleepHours, &c.SleepQuality, &c.Fatigue, &c.Soreness, &c.Stress,
		&c.Mood, &c.Motivation, &c.SorenessAreas, &c.RestingHR, &c.HRV, &c.Illness, &c.IllnessSite, &c.Injury, &c.InjuryAreas,
		&c.Notes, &c.Score, &c.Light, &reasons, &c.UpdatedAt)
	if err == nil {
		err = json.Unmarshal(reasons, &c.Reasons)
	}
	return c, err
}

// CheckIns returns the athlete's check-ins on days from..to, oldest first.
func (s *Store) CheckIns(ctx context.Context, actor User, athleteID int64, from, to time.Time) ([]training.CheckIn, error) {
	return checkIns(ctx, s.pool, actor, athleteID, from, to)
}

func checkIns(ctx context.Context, q querier, actor User, athleteID int64, from, to time.Time) ([]training.CheckIn, error) {
	rows, err := q.Query(ctx, `SELECT `+checkInColumns+` FROM checkins c
		JOIN athletes a ON a.id = c.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		WHERE c.athlete_id = $2 AND c.day BETWEEN $3 AND $4 ORDER BY c.day`, actor.ID, athleteID, from, to)
	if err != nil {
		return nil, wrap(err, "check-in")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (training.CheckIn, error) { return scanCheckIn(row) })
	return list, wrap(err, "check-in")
}

// Scoring is what a check-in of a day is judged on (ScoringHistory).
type Scoring struct {
	// The athlete's check-ins from `from` to the day before, oldest
	// first, with only what scoring reads (the day, whether it was
	// answered, the answers and measurements, and the last week's sore
	// areas); older areas, illness site, notes, verdict and times stay
	// zero, since decoding them was most of the cost of judging.
	History []training.CheckIn
	Load    load.State // the load state at the end of the day before (as LoadState)
	// The workouts done in the 21 days before, oldest first, with only
	// their day, kind, title, protected flag, target RPE, status and
	// log's RPE and average HR: what tells whether recovery was done too
	// hard the day before, and whether workouts cost more than planned.
	Recent             []training.Workout
	ThresholdHR, MaxHR int // the athlete's, for their zone 2 ceiling; 0: not known
}

// ScoringHistory reads, in one query and one row, what a check-in of day
// is judged on (Scoring): the check-ins come as one array per field, so
// the load state and workouts are sent and decoded once rather than with
// each of the 60 days.
func (s *Store) ScoringHistory(ctx context.Context, actor User, athleteID int64, from, day time.Time) (Scoring, error) {
	var (
		sc                                 Scoring
		st                                 stateRow
		days                               []time.Time
		kinds, titles                      []string
		protected                          []bool
		target, rpe                        []float64
		avgHR                              []int
		cDays                              []time.Time
		answered, illness, injury          []bool
		sleep, hrv                         []float64
		quality, fatigue, soreness, stress []int
		mood, motivation, restingHR        []int
		areas                              []*string
	)
	dest := append(st.dest(), &sc.ThresholdHR, &sc.MaxHR, &days, &kinds, &titles, &protected, &target, &rpe, &avgHR,
		&cDays, &answered, &sleep, &quality, &fatigue, &soreness, &stress, &mood, &motivation, &restingHR, &hrv,
		&illness, &injury, &areas)
	// The check-ins' arrays are aggregated in one pass over the same
	// rows, so they line up; the ordered subquery gives them oldest first
	// without a sort per array (scoring itself reads them in any order).
	err := s.pool.QueryRow(ctx, `SELECT `+stateColumns+`, coalesce(a.threshold_hr, 0), coalesce(a.max_hr, 0),
			coalesce(y.days, '{}'), coalesce(y.kinds, '{}'), coalesce(y.titles, '{}'), coalesce(y.protected, '{}'),
			coalesce(y.target_rpe, '{}'), coalesce(y.rpe, '{}'), coalesce(y.avg_hr, '{}'),
			coalesce(h.days, '{}'), coalesce(h.answered, '{}'), coalesce(h.sleep, '{}'), coalesce(h.quality, '{}'),
			coalesce(h.fatigue, '{}'), coalesce(h.soreness, '{}'), coalesce(h.stress, '{}'), coalesce(h.mood, '{}'),
			coalesce(h.motivation, '{}'), coalesce(h.resting_hr, '{}'), coalesce(h.hrv, '{}'), coalesce(h.illness, '{}'),
			coalesce(h.injury, '{}'), coalesce(h.areas, '{}')
		FROM athletes a
		LEFT JOIN LATERAL (
			SELECT * FROM workout_days d WHERE d.athlete_id = a.id AND d.day < $4 ORDER BY d.day DESC LIMIT 1
		) d ON true
		LEFT JOIN LATERAL (
			SELECT array_agg(w.day ORDER BY w.day, w.id) AS days, array_agg(w.kind ORDER BY w.day, w.id) AS kinds,
				array_agg(w.title ORDER BY w.day, w.id) AS titles, array_agg(w.protected ORDER BY w.day, w.id) AS protected,
				array_agg(coalesce(w.target_rpe, 0)::float8 ORDER BY w.day, w.id) AS target_rpe,
				array_agg(coalesce(w.rpe, 0)::float8 ORDER BY w.day, w.id) AS rpe,
				array_agg(coalesce(w.avg_hr, 0)::int ORDER BY w.day, w.id) AS avg_hr
			FROM workouts w WHERE w.athlete_id = a.id AND w.day BETWEEN $4::date - 21 AND $4::date - 1 AND w.status = 'done'
		) y ON true
		LEFT JOIN LATERAL (
			SELECT array_agg(c.day) AS days, array_agg(c.answered) AS answered,
				array_agg(coalesce(c.sleep_hours, 0)::float8) AS sleep, array_agg(coalesce(c.sleep_quality, 0)) AS quality,
				array_agg(coalesce(c.fatigue, 0)) AS fatigue, array_agg(coalesce(c.soreness, 0)) AS soreness,
				array_agg(coalesce(c.stress, 0)) AS stress, array_agg(coalesce(c.mood, 0)) AS mood,
				array_agg(coalesce(c.motivation, 0)) AS motivation, array_agg(coalesce(c.resting_hr, 0)) AS resting_hr,
				array_agg(coalesce(c.hrv_rmssd, 0)::float8) AS hrv, array_agg(c.illness) AS illness, array_agg(c.injury) AS injury,
				array_agg(CASE WHEN c.day >= $4::date - 7 THEN array_to_string(c.soreness_areas, ',') END) AS areas
			FROM (SELECT * FROM checkins c WHERE c.athlete_id = a.id AND c.day >= $3 AND c.day < $4 ORDER BY c.day) c
		) h ON true
		WHERE a.id = $2 AND (a.coach_id = $1 OR a.user_id = $1)`, actor.ID, athleteID, from, day).Scan(dest...)
	if err != nil {
		return Scoring{}, wrap(err, "athlete")
	}
	sc.History = make([]training.CheckIn, len(cDays))
	for i, d := range cDays {
		sc.History[i] = training.CheckIn{AthleteID: athleteID, Day: d, Answered: answered[i], SleepHours: sleep[i],
			SleepQuality: quality[i], Fatigue: fatigue[i], Soreness: soreness[i], Stress: stress[i], Mood: mood[i],
			Motivation: motivation[i], RestingHR: restingHR[i], HRV: hrv[i], Illness: illness[i], Injury: injury[i],
			SorenessAreas: splitAreas(areas[i])}
	}
	sc.Load = st.state().At(day.AddDate(0, 0, -1))
	for i := range kinds {
		sc.Recent = append(sc.Recent, training.Workout{AthleteID: athleteID, Day: days[i], Prescription: training.Prescription{Kind: kinds[i], Title: titles[i], TargetRPE: target[i]},
			Protected: protected[i], Status: "done", Log: training.Log{Status: "done", RPE: rpe[i], AvgHR: avgHR[i]}})
	}
	return sc, nil
}

// splitAreas is a check-in's sore areas as ScoringHistory sends them,
// joined by commas (the vocabulary has none): nil when not sent (before
// the last week), empty when none was sore.
func splitAreas(joined *string) []string {
	switch {
	case joined == nil:
		return nil
	case *joined == "":
		return []string{}
	}
	return strings.Split(*joined, ",")
}

// SaveCheckIn stores the athlete's own answers for c.Day with their
// verdict. Submitting again the same day updates that day's row (a
// double tap or a retried request leaves one row, the last answers),
// keeping measured values an import put there when the form leaves them
// empty.
func (s *Store) SaveCheckIn(ctx context.Context, athlete User, c training.CheckIn) error {
	args, err := checkInArgs(athlete, c, s.Now())
	if err != nil {
		return wrap(err, "check-in")
	}
	tag, err := s.pool.Exec(ctx, saveCheckIn, args...)
	return checkInSaved(tag, err)
}

// SaveCheckInAndProposal stores c as SaveCheckIn does and, in the same
// round trip and transaction, what it leads to: the proposal p as
// SaveProposal stores it, or with p nil the withdrawal of the athlete's
// pending proposals (RetireProposals).
func (s *Store) SaveCheckInAndProposal(ctx context.Context, athlete User, c training.CheckIn, p *Proposal) error {
	args, err := checkInArgs(athlete, c, s.Now())
	if err != nil {
		return wrap(err, "check-in")
	}
	batch := &pgx.Batch{}
	batch.Queue(saveCheckIn, args...)
	if p == nil {
		batch.Queue(retireProposals, athlete.ID, c.AthleteID)
	} else {
		pargs, err := proposalArgs(athlete, *p, s.Now())
		if err != nil {
			return wrap(err, "proposal")
		}
		batch.Queue(saveProposal, pargs...)
	}
	// The statements run in one implicit transaction: a failure of
	// either rolls back both.
	br := s.pool.SendBatch(ctx, batch)
	defer br.Close()
	if err := checkInSaved(br.Exec()); err != nil {
		return err
	}
	if p == nil {
		_, err := br.Exec()
		return wrap(err, "proposal")
	}
	var mine bool
	err = br.QueryRow().Scan(&mine)
	return proposalSaved(mine, err)
}

// saveCheckIn is SaveCheckIn's statement, with checkInArgs.
const saveCheckIn = `
	INSERT INTO checkins (athlete_id, day, answered, sleep_hours, sleep_quality, fatigue, soreness, stress, mood, motivation,
		soreness_areas, resting_hr, hrv_rmssd, illness, injury, notes, score, light, reasons, created_at, updated_at,
		illness_site, injury_areas)
	SELECT a.id, $3, true, $4, $5, $6, $7, $8, $9, $10, $11, nullif($12, 0), nullif($13::float8, 0), $14, $15, $16, $17, $18, $19, $20, $20,
		nullif($21, ''), $22
	FROM athletes a WHERE a.id = $2 AND a.user_id = $1
	ON CONFLICT (athlete_id, day) DO UPDATE SET answered = true, sleep_hours = EXCLUDED.sleep_hours,
		sleep_quality = EXCLUDED.sleep_quality, fatigue = EXCLUDED.fatigue, soreness = EXCLUDED.soreness,
		stress = EXCLUDED.stress, mood = EXCLUDED.mood, motivation = EXCLUDED.motivation,
		soreness_areas = EXCLUDED.soreness_areas,
		resting_hr = coalesce(EXCLUDED.resting_hr, checkins.resting_hr),
		hrv_rmssd = coalesce(EXCLUDED.hrv_rmssd, checkins.hrv_rmssd),
		illness = EXCLUDED.illness, illness_site = EXCLUDED.illness_site,
		injury = EXCLUDED.injury, injury_areas = EXCLUDED.injury_areas, notes = EXCLUDED.notes,
		score = EXCLUDED.score, light = EXCLUDED.light, reasons = EXCLUDED.reasons, updated_at = EXCLUDED.updated_at`

// checkInArgs are saveCheckIn's parameters.
func checkInArgs(athlete User, c training.CheckIn, now time.Time) ([]any, error) {
	reasons, err := marshalReasons(c.Reasons)
	return []any{athlete.ID, c.AthleteID, c.Day, c.SleepHours, c.SleepQuality, c.Fatigue, c.Soreness, c.Stress, c.Mood, c.Motivation,
		nonNil(c.SorenessAreas), c.RestingHR, c.HRV, c.Illness, c.Injury, c.Notes, c.Score, c.Light, reasons, now,
		c.IllnessSite, nonNil(c.InjuryAreas)}, err
}

// checkInSaved is saveCheckIn's outcome: no row is someone else's athlete.
func checkInSaved(tag pgconn.CommandTag, err error) error {
	if err == nil && tag.RowsAffected() == 0 {
		return notFound("athlete")
	}
	return wrap(err, "check-in")
}

// Measurement is what a wearable export gives for a day; zero is "not in
// the file".
type Measurement struct {
	Day        time.Time
	RestingHR  int
	HRV        float64
	SleepHours float64
}

// ImportMeasurements fills or updates the measured fields of the
// athlete's days, never the answers, and stores the verdicts rescore
// works out on the rows as written (nil: none), in one transaction.
//
// The transaction first locks the athlete's row, so two imports for one
// athlete (a double submit, the coach and the athlete at once) run one
// after the other instead of locking the same days in different orders
// and deadlocking; it writes the days in day order, as the rescoring
// does, so nothing else meets them in another order either. FOR NO KEY
// UPDATE leaves the athlete's other writes (a check-in, a logged workout,
// whose foreign keys take a key-share lock) free to run alongside.
func (s *Store) ImportMeasurements(ctx context.Context, actor User, athleteID int64, ms []Measurement,
	rescore func(context.Context, Judging) ([]training.CheckIn, error)) error {
	ms = slices.SortedFunc(slices.Values(ms), func(a, b Measurement) int { return a.Day.Compare(b.Day) })
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `SELECT id FROM athletes WHERE id = $2 AND (coach_id = $1 OR user_id = $1) FOR NO KEY UPDATE`,
			actor.ID, athleteID).Scan(&id); err != nil {
			return err
		}
		now := s.Now()
		batch := &pgx.Batch{}
		for _, m := range ms {
			batch.Queue(`
				INSERT INTO checkins (athlete_id, day, resting_hr, hrv_rmssd, sleep_hours, created_at, updated_at)
				VALUES ($1, $2, nullif($3, 0), nullif($4::float8, 0), nullif($5::float8, 0), $6, $6)
				ON CONFLICT (athlete_id, day) DO UPDATE SET
					resting_hr = coalesce(EXCLUDED.resting_hr, checkins.resting_hr),
					hrv_rmssd = coalesce(EXCLUDED.hrv_rmssd, checkins.hrv_rmssd),
					sleep_hours = coalesce(EXCLUDED.sleep_hours, checkins.sleep_hours),
					updated_at = EXCLUDED.updated_at`,
				athleteID, m.Day, m.RestingHR, m.HRV, m.SleepHours, now)
		}
		if err := tx.SendBatch(ctx, batch).Close(); err != nil || rescore == nil {
			return err
		}
		list, err := rescore(ctx, Judging{tx: tx, now: now})
		if err != nil {
			return err
		}
		slices.SortFunc(list, func(a, b training.CheckIn) int { return a.Day.Compare(b.Day) })
		batch = &pgx.Batch{}
		for _, c := range list {
			reasons, err := marshalReasons(c.Reasons)
			if err != nil {
				return err
			}
			batch.Queue(`UPDATE checkins SET score = $3, light = $4, reasons = $5 WHERE athlete_id = $1 AND day = $2 AND answered`,
				athleteID, c.Day, c.Score, c.Light, reasons)
		}
		return tx.SendBatch(ctx, batch).Close()
	})
	return wrap(err, "athlete")
}

// Judging reads what judging check-ins reads (package coaching's
// Import), inside the transaction of an import: the rows it wrote are
// what the verdicts are worked out on. Each read is scoped by the actor,
// as the Store's own.
type Judging struct {
	tx  pgx.Tx
	now time.Time
}

// CheckIns is Store.CheckIns, in the import's transaction.
func (j Judging) CheckIns(ctx context.Context, actor User, athleteID int64, from, to time.Time) ([]training.CheckIn, error) {
	return checkIns(ctx, j.tx, actor, athleteID, from, to)
}

// Days is Store.Days, in the import's transaction.
func (j Judging) Days(ctx context.Context, actor User, athleteID int64, from, to time.Time) (DayHistory, error) {
	return days(ctx, j.tx, actor, athleteID, from, to)
}

// Workouts is Store.Workouts, in the import's transaction.
func (j Judging) Workouts(ctx context.Context, actor User, athleteID int64, from, to time.Time) ([]training.Workout, error) {
	return workouts(ctx, j.tx, actor, athleteID, from, to)
}

// Athlete is Store.Athlete, in the import's transaction.
func (j Judging) Athlete(ctx context.Context, actor User, id int64) (training.Athlete, error) {
	return athlete(ctx, j.tx, j.now, actor, id)
}

// marshalReasons encodes reasons as a JSON array, never null.
func marshalReasons(rs []training.Reason) ([]byte, error) {
	if rs == nil {
		rs = []training.Reason{}
	}
	return json.Marshal(rs)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
