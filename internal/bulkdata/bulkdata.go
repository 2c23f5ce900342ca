// Package bulkdata fills a database with one coach's worth of realistic
// data for load tests and query plans: by default 500 athletes and two
// years (730 days) of daily check-ins and workouts, the plans and goal
// events they come from, and sign-ins for the coach and the first 100
// athletes.
//
// The data is made to look like production, so that queries see the row
// counts and distributions they will meet: runners, cyclists, triathletes
// and strength athletes in time zones from Los Angeles to Auckland; plans
// from package plan (base blocks with cutback weeks, builds and tapers
// before goal events, recovery weeks after them) with their key and
// protected workouts; workouts done, skipped or never logged, recovery
// days now and then done too hard, a few sessions logged without a plan
// and some added by the coach; check-ins most mornings, with gaps (a
// forgotten day, a holiday, an athlete who has gone quiet), illnesses and
// injuries that turn days red, weeks of overreaching, tapers, and some
// athletes without HRV or resting heart rate. Each check-in carries the score, light and reasons the app
// would have stored: the simulation engine (package sim), which the demo
// runs on too, judges it on the check-ins before it and the load state of
// the workouts logged up to that morning, as package coaching does when a
// check-in is saved; only the red flags of the weeks before are left out,
// which would take three times as long to simulate.
//
// Everything is drawn from seeded random streams per athlete (package
// sim's Streams), so the same Options give the same data. Rows are written with COPY, the check-ins
// and workouts streamed on two connections while they are simulated; the
// load is not one transaction (a failed load leaves part of its rows), so
// load into a fresh database or with a new Prefix.
package bulkdata

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"rebound/internal/auth"
	"rebound/internal/plan"
	"rebound/internal/sim"
	"rebound/internal/training"
)

// domain is the e-mail domain of every account the load makes (.example:
// reserved, never delivered).
const domain = "load.rebound.example"

// DefaultPassword is the password of the coach and of the athletes with a
// sign-in, unless Options.Password says otherwise.
const DefaultPassword = "bulk-load-rebound-2026"

// Options say what to load. Zero values mean the defaults.
type Options struct {
	Athletes int       // athletes of the coach; default 500
	Days     int       // days of history, today included; default 730
	Logins   int       // the first this many athletes get a sign-in; default 100; negative: none
	Seed     uint64    // the random data's seed; default 1
	Now      time.Time // the instant the history ends; default time.Now()
	Prefix   string    // e-mail addresses are PREFIX-coach@… and PREFIX-athlete-0001@…; default "bulk"
	Password string    // of every sign-in made; default DefaultPassword
	Workers  int       // goroutines simulating athletes; default GOMAXPROCS
	// Logf, when set, is told how each stage went.
	Logf func(format string, args ...any)
}

// Account is a sign-in the load made.
type Account struct {
	Name      string
	Email     string
	Password  string
	UserID    int64
	AthleteID int64 // 0 for the coach
}

// Result is what a load made.
type Result struct {
	Coach       Account
	Logins      []Account // the athletes with a sign-in, in order
	Athletes    int64
	Users       int64 // the coach and the athletes' sign-ins
	Events      int64
	Plans       int64
	PlanWeeks   int64
	PlanChanges int64 // the history's line for each plan saved
	Workouts    int64
	CheckIns    int64
	Took        time.Duration
}

func (o Options) withDefaults() (Options, error) {
	if o.Athletes == 0 {
		o.Athletes = 500
	}
	if o.Days == 0 {
		o.Days = 730
	}
	switch {
	case o.Logins == 0:
		o.Logins = 100
	case o.Logins < 0:
		o.Logins = 0
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Prefix == "" {
		o.Prefix = "bulk"
	}
	if o.Password == "" {
		o.Password = DefaultPassword
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	switch {
	case o.Athletes < 1 || o.Athletes > 9999:
		return o, fmt.Errorf("bulkdata: %d athletes: choose 1 to 9999", o.Athletes)
	case o.Days < 1 || o.Days > 3650:
		return o, fmt.Errorf("bulkdata: %d days: choose 1 to 3650", o.Days)
	case strings.ContainsAny(o.Prefix, "@ \t\n") || len(o.Prefix) > 40:
		return o, fmt.Errorf("bulkdata: the prefix %q must be a short e-mail local part", o.Prefix)
	}
	o.Logins = min(o.Logins, o.Athletes)
	return o, nil
}

// Load writes the coach, their athletes and every athlete's history, then
// runs ANALYZE so the planner sees the new row counts.
func Load(ctx context.Context, pool *pgxpool.Pool, opts Options) (Result, error) {
	began := time.Now()
	o, err := opts.withDefaults()
	if err != nil {
		return Result{}, err
	}
	logf := func(format string, args ...any) {
		if o.Logf != nil {
			o.Logf(format, args...)
		}
	}

	// One argon2 hash for every sign-in: it takes a while on purpose.
	var hash string
	var hashErr error
	hashed := make(chan struct{})
	go func() {
		defer close(hashed)
		hash, hashErr = auth.HashPassword(ctx, o.Password)
	}()

	stage := time.Now()
	athletes, err := plans(o)
	if err != nil {
		return Result{}, err
	}
	logf("bulkdata: %d athletes and their plans made in %v", len(athletes), time.Since(stage).Round(time.Millisecond))

	<-hashed
	if hashErr != nil {
		return Result{}, hashErr
	}
	stage = time.Now()
	res, err := writeAccounts(ctx, pool, o, athletes, hash)
	if err != nil {
		return res, err
	}
	logf("bulkdata: %d users, %d athletes, %d events, %d plans with %d weeks written in %v",
		res.Users, res.Athletes, res.Events, res.Plans, res.PlanWeeks, time.Since(stage).Round(time.Millisecond))

	stage = time.Now()
	if res.Workouts, res.CheckIns, err = stream(ctx, pool, o, athletes); err != nil {
		return res, err
	}
	logf("bulkdata: %d workouts and %d check-ins simulated and written in %v", res.Workouts, res.CheckIns,
		time.Since(stage).Round(time.Millisecond))

	stage = time.Now()
	// Every table, so that tables kept from these by the database (if any)
	// are counted too.
	if _, err := pool.Exec(ctx, `ANALYZE`); err != nil {
		return res, fmt.Errorf("bulkdata: analyze: %w", err)
	}
	logf("bulkdata: analyzed in %v", time.Since(stage).Round(time.Millisecond))
	res.Took = time.Since(began)
	return res, nil
}

// loaded is an athlete with their history's frame: days, events and plans.
type loaded struct {
	*athlete
	first, today time.Time // the athlete's calendar days
	created      time.Time
	events       []*event
	blocks       []*block
}

// plans draws every athlete and lays out their plans, in parallel.
func plans(o Options) ([]*loaded, error) {
	out := make([]*loaded, o.Athletes)
	errs := make([]error, o.Athletes)
	next := make(chan int)
	var wg sync.WaitGroup
	for range o.Workers {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = newLoaded(o, i)
			}
		})
	}
	for i := range o.Athletes {
		next <- i
	}
	close(next)
	wg.Wait()
	return out, errors.Join(errs...)
}

func newLoaded(o Options, i int) (*loaded, error) {
	a, err := newAthlete(o, i)
	if err != nil {
		return nil, err
	}
	l := &loaded{athlete: a, today: plan.Day(o.Now.In(a.loc))}
	l.first = l.today.AddDate(0, 0, -(o.Days - 1))
	if l.events, l.blocks, err = a.timeline(l.first, l.today); err != nil {
		return nil, fmt.Errorf("bulkdata: athlete %d: %w", i+1, err)
	}
	start := l.first
	if len(l.blocks) > 0 && l.blocks[0].start.Before(start) {
		start = l.blocks[0].start
	}
	l.created = sim.Clamp(sim.At(start.AddDate(0, 0, -14), a.loc, 10, 0), o.Now)
	for _, b := range l.blocks {
		b.created = sim.Clamp(sim.At(b.start.AddDate(0, 0, -2), a.loc, 20, 0), o.Now)
	}
	return l, nil
}

// reserve takes n values of table's id sequence, so rows can be written
// with their ids known (COPY keeps given identity values) while the app
// goes on drawing ids of its own.
func reserve(ctx context.Context, tx pgx.Tx, table string, n int) ([]int64, error) {
	rows, err := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)`, table, n)
	if err != nil {
		return nil, err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err == nil && len(ids) != n {
		err = fmt.Errorf("%d ids of %s reserved, %d asked", len(ids), table, n)
	}
	return ids, err
}

// writeAccounts writes, in one transaction, the coach and the athletes'
// sign-ins, the athletes, their events, plans, plan weeks and the plans'
// lines in the plan history.
func writeAccounts(ctx context.Context, pool *pgxpool.Pool, o Options, athletes []*loaded, hash string) (Result, error) {
	res := Result{Coach: Account{Name: "Load Test Coach", Email: o.Prefix + "-coach@" + domain, Password: o.Password}}
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		var taken bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($1))`, res.Coach.Email).Scan(&taken); err != nil {
			return err
		}
		if taken {
			return fmt.Errorf("the account %s exists already: load into a fresh database, or choose another prefix", res.Coach.Email)
		}
		var admin bool
		if err := tx.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM users WHERE is_admin)`).Scan(&admin); err != nil {
			return err
		}

		nEvents, nPlans := 0, 0
		for _, a := range athletes {
			nEvents += len(a.events)
			nPlans += len(a.blocks)
		}
		userIDs, err := reserve(ctx, tx, "users", 1+o.Logins)
		if err != nil {
			return err
		}
		athleteIDs, err := reserve(ctx, tx, "athletes", len(athletes))
		if err != nil {
			return err
		}
		eventIDs, err := reserve(ctx, tx, "events", nEvents)
		if err != nil {
			return err
		}
		planIDs, err := reserve(ctx, tx, "plans", nPlans)
		if err != nil {
			return err
		}
		res.Coach.UserID = userIDs[0]
		for i, a := range athletes {
			a.id, a.coach = athleteIDs[i], res.Coach.UserID
			if i < o.Logins {
				a.user = userIDs[1+i]
				res.Logins = append(res.Logins, Account{Name: a.Name, Email: a.Email, Password: o.Password, UserID: a.user, AthleteID: a.id})
			}
			for _, e := range a.events {
				e.id, eventIDs = eventIDs[0], eventIDs[1:]
			}
			for _, b := range a.blocks {
				b.id, planIDs = planIDs[0], planIDs[1:]
			}
		}

		coachJoined := o.Now.AddDate(0, 0, -o.Days-60)
		users := [][]any{{res.Coach.UserID, res.Coach.Name, res.Coach.Email, hash, "coach", admin, coachJoined, coachJoined}}
		for _, a := range athletes[:o.Logins] {
			joined := a.created.Add(time.Hour)
			users = append(users, []any{a.user, a.Name, a.Email, hash, "athlete", false, joined, joined})
		}
		if res.Users, err = tx.CopyFrom(ctx, pgx.Identifier{"users"},
			[]string{"id", "name", "email", "password_hash", "role", "is_admin", "created_at", "password_changed_at"},
			pgx.CopyFromRows(users)); err != nil {
			return fmt.Errorf("users: %w", err)
		}

		rows := make([][]any, 0, len(athletes))
		for _, a := range athletes {
			rows = append(rows, []any{a.id, res.Coach.UserID, nullID(a.user), a.Name, a.Email, a.Timezone, a.created, a.Sports, a.Units,
				a.WeekStartsSunday, a.BirthYear, a.Experience, a.WeeklyMinutes, nullInt(a.WeeklyRunM), nullInt(a.ThresholdHR), nullInt(a.MaxHR),
				nullInt(a.ThresholdPace), nullInt(a.FTP), a.Tags})
		}
		if res.Athletes, err = tx.CopyFrom(ctx, pgx.Identifier{"athletes"},
			[]string{"id", "coach_id", "user_id", "name", "email", "timezone", "created_at", "sports", "units",
				"week_starts_sunday", "birth_year", "experience", "weekly_minutes", "weekly_run_m", "threshold_hr", "max_hr",
				"threshold_pace_s_per_km", "ftp_w", "tags"},
			pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("athletes: %w", err)
		}

		rows = rows[:0]
		for _, a := range athletes {
			for _, e := range a.events {
				created := sim.Clamp(sim.At(e.day.AddDate(0, 0, -7*max(e.weeks, 12)-5), a.loc, 21, 0), o.Now)
				rows = append(rows, []any{e.id, a.id, res.Coach.UserID, e.name, e.day, e.sport, e.kind, nullInt(e.distanceM),
					e.priority, created})
			}
		}
		if res.Events, err = tx.CopyFrom(ctx, pgx.Identifier{"events"},
			[]string{"id", "athlete_id", "coach_id", "name", "day", "sport", "kind", "distance_m", "priority", "created_at"},
			pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("events: %w", err)
		}

		rows = rows[:0]
		var weeks [][]any
		for _, a := range athletes {
			for _, b := range a.blocks {
				var eventID any
				var event int64
				if b.event != nil {
					eventID, event = b.event.id, b.event.id
				}
				notes := b.p.Notes
				if notes == nil {
					notes = []string{}
				}
				rows = append(rows, []any{b.id, a.id, res.Coach.UserID, eventID, string(b.in.Athlete.Sport), b.start, b.end,
					sim.PlanInputs(b.in, event), notes, res.Coach.UserID, b.created})
				for _, w := range b.p.Weeks {
					weeks = append(weeks, []any{b.id, w.Start, string(w.Phase), string(w.Kind), w.TargetMinutes, w.EasyShare, w.Rationale})
				}
			}
		}
		if res.Plans, err = tx.CopyFrom(ctx, pgx.Identifier{"plans"},
			[]string{"id", "athlete_id", "coach_id", "event_id", "sport", "start_day", "end_day", "inputs", "notes", "created_by", "created_at"},
			pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("plans: %w", err)
		}
		if res.PlanWeeks, err = tx.CopyFrom(ctx, pgx.Identifier{"plan_weeks"},
			[]string{"plan_id", "start_day", "phase", "kind", "target_minutes", "easy_share", "rationale"},
			pgx.CopyFromRows(weeks)); err != nil {
			return fmt.Errorf("plan weeks: %w", err)
		}

		// Each saved plan leaves its line in the plan's history, as the
		// plan page's save does.
		rows = rows[:0]
		for _, a := range athletes {
			for _, b := range a.blocks {
				summary := fmt.Sprintf("New plan from %s: %d weeks", b.start.Format("Mon 2 Jan 2006"), len(b.p.Weeks))
				rows = append(rows, []any{a.id, res.Coach.UserID, b.created, "plan", summary})
			}
		}
		if res.PlanChanges, err = tx.CopyFrom(ctx, pgx.Identifier{"plan_changes"},
			[]string{"athlete_id", "changed_by", "changed_at", "action", "summary"}, pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("plan changes: %w", err)
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("bulkdata: %w", err)
	}
	return res, nil
}

func nullInt(v int) any {
	if v == 0 {
		return nil
	}
	return v
}

func nullID(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

func nullFloat(v float64) any {
	if v == 0 {
		return nil
	}
	return v
}

// batch is one athlete's simulated rows, on their way to both COPYs.
type batch struct {
	ready    chan struct{} // closed when the rows are made
	workouts []training.Workout
	meta     []meta // by workout
	checkIns []training.CheckIn
	reasons  [][]byte // by check-in, as JSON
	pending  int      // COPYs yet to take the rows; guarded by stream's mutex
}

// stream simulates the athletes on Workers goroutines and writes their
// workouts and check-ins on two connections at once, athlete by athlete
// in order (so the same Options write the same rows in the same order).
// At most a window of athletes is held in memory.
func stream(ctx context.Context, pool *pgxpool.Pool, o Options, athletes []*loaded) (nWorkouts, nCheckIns int64, err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make([]*batch, len(athletes))
	for i := range batches {
		batches[i] = &batch{ready: make(chan struct{}), pending: 2}
	}
	window := make(chan struct{}, 4*o.Workers+8)
	var mu sync.Mutex
	release := func(i int) {
		mu.Lock()
		defer mu.Unlock()
		b := batches[i]
		if b.pending--; b.pending == 0 {
			b.workouts, b.meta, b.checkIns, b.reasons = nil, nil, nil, nil
			<-window
		}
	}

	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := range athletes {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	var workers sync.WaitGroup
	for range o.Workers {
		workers.Go(func() {
			for i := range jobs {
				a := athletes[i]
				b := batches[i]
				b.workouts, b.meta, b.checkIns = simulate(a.athlete, a.blocks, a.first, a.today, o.Now)
				b.reasons = make([][]byte, len(b.checkIns))
				for j, c := range b.checkIns {
					b.reasons[j], _ = json.Marshal(c.Reasons) // strings only: cannot fail
				}
				close(b.ready)
			}
		})
	}

	var copies sync.WaitGroup
	var errW, errC error
	copies.Go(func() {
		src := &workoutSource{source: source{ctx: ctx, batches: batches, release: release}, athletes: athletes}
		nWorkouts, errW = pool.CopyFrom(ctx, pgx.Identifier{"workouts"}, workoutColumns, src)
		if errW != nil {
			errW = fmt.Errorf("bulkdata: workouts: %w", errW)
			cancel()
		}
	})
	copies.Go(func() {
		src := &checkInSource{source: source{ctx: ctx, batches: batches, release: release}, athletes: athletes}
		nCheckIns, errC = pool.CopyFrom(ctx, pgx.Identifier{"checkins"}, checkInColumns, src)
		if errC != nil {
			errC = fmt.Errorf("bulkdata: check-ins: %w", errC)
			cancel()
		}
	})
	copies.Wait()
	cancel()
	workers.Wait()
	return nWorkouts, nCheckIns, errors.Join(errW, errC)
}

// source walks the batches in order for one COPY.
type source struct {
	ctx     context.Context
	batches []*batch
	release func(int)
	i       int // the athlete
	j       int // the next row of theirs
	cur     *batch
	err     error
}

// advance moves to the athlete's next row, waiting for the athlete's rows
// to be made; it reports false at the end or when the load is cancelled.
func (s *source) advance(rows func(*batch) int) bool {
	for {
		if s.cur != nil && s.j < rows(s.cur) {
			s.j++
			return true
		}
		if s.cur != nil {
			s.cur = nil
			s.release(s.i)
			s.i++
		}
		if s.i >= len(s.batches) {
			return false
		}
		select {
		case <-s.batches[s.i].ready:
		case <-s.ctx.Done():
			s.err = s.ctx.Err()
			return false
		}
		s.cur, s.j = s.batches[s.i], 0
	}
}

func (s *source) Err() error { return s.err }

var workoutColumns = []string{"athlete_id", "coach_id", "plan_id", "day", "sport", "kind", "title", "planned",
	"planned_duration_s", "planned_distance_m", "target_rpe", "target_zone", "description", "protected", "key", "status",
	"actual_duration_s", "actual_distance_m", "rpe", "avg_hr", "athlete_notes", "logged_at", "version", "created_at", "updated_at",
	"structure"}

type workoutSource struct {
	source
	athletes []*loaded
	row      [26]any
}

func (s *workoutSource) Next() bool {
	return s.advance(func(b *batch) int { return len(b.workouts) })
}

func (s *workoutSource) Values() ([]any, error) {
	w, m := &s.cur.workouts[s.j-1], &s.cur.meta[s.j-1]
	a := s.athletes[s.i]
	var rpe, logged any
	if w.Status == "done" {
		rpe = w.Log.RPE
	}
	if w.LoggedAt != nil {
		logged = *w.LoggedAt
	}
	s.row = [26]any{a.id, a.coach, nullID(w.PlanID), w.Day, w.Sport, w.Kind, w.Title, w.Planned,
		nullInt(w.PlannedDurationS), nullInt(w.PlannedDistanceM), nullFloat(w.TargetRPE), nullInt(w.TargetZone), w.Description,
		w.Protected, w.Key, w.Status, nullInt(w.Log.DurationS), nullInt(w.Log.DistanceM), rpe, nullInt(w.Log.AvgHR), w.Log.Notes,
		logged, w.Version, m.created, m.updated, w.Structure}
	return s.row[:], nil
}

var checkInColumns = []string{"athlete_id", "day", "answered", "sleep_hours", "sleep_quality", "fatigue", "soreness",
	"stress", "mood", "motivation", "soreness_areas", "resting_hr", "hrv_rmssd", "illness", "injury", "notes", "score",
	"light", "reasons", "created_at", "updated_at"}

var noAreas = []string{}

type checkInSource struct {
	source
	athletes []*loaded
	row      [21]any
}

func (s *checkInSource) Next() bool {
	return s.advance(func(b *batch) int { return len(b.checkIns) })
}

func (s *checkInSource) Values() ([]any, error) {
	c := &s.cur.checkIns[s.j-1]
	areas := c.SorenessAreas
	if areas == nil {
		areas = noAreas
	}
	s.row = [21]any{s.athletes[s.i].id, c.Day, true, c.SleepHours, c.SleepQuality, c.Fatigue, c.Soreness, c.Stress, c.Mood,
		c.Motivation, areas, nullInt(c.RestingHR), nullFloat(c.HRV), c.Illness, c.Injury, c.Notes, c.Score, c.Light,
		s.cur.reasons[s.j-1], c.UpdatedAt, c.UpdatedAt}
	return s.row[:], nil
}
