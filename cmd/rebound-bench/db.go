package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"rebound/internal/auth"
	"rebound/internal/bulkdata"
	"rebound/internal/coaching"
	"rebound/internal/devdb"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/migrations"
)

// benchDB is the database under test: DATABASE_URL, or a private
// PostgreSQL under the data directory (durable, as production runs it).
type benchDB struct {
	dsn    string
	store  *store.Store
	server *devdb.Server
}

func openBenchDB(ctx context.Context, o options, logger *slog.Logger) (*benchDB, error) {
	db := &benchDB{dsn: os.Getenv("DATABASE_URL")}
	if db.dsn == "" {
		bin, err := devdb.FindBinaries(os.Getenv("REBOUND_PG_BIN"))
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(o.dataDir, 0o755); err != nil {
			return nil, err
		}
		db.server, err = devdb.New(ctx, devdb.Options{DataDir: filepath.Join(o.dataDir, "pgdata"), BinDir: bin, Logger: logger})
		if err != nil {
			return nil, err
		}
		if err := db.server.Start(ctx); err != nil {
			return nil, err
		}
		if err := db.server.CreateDatabase(ctx, "rebound"); err != nil {
			return nil, errors.Join(err, db.server.Stop())
		}
		db.dsn = db.server.DSN("rebound")
	}
	var err error
	if db.store, err = store.Open(ctx, db.dsn); err != nil {
		return nil, errors.Join(err, db.stopServer())
	}
	sqlDB := stdlib.OpenDBFromPool(db.store.Pool())
	defer sqlDB.Close()
	if _, err := migrations.Up(ctx, sqlDB, nil); err != nil {
		db.close()
		return nil, fmt.Errorf("migrate: %w", err)
	}
	return db, nil
}

// settle vacuums the database before the load, as autovacuum would have
// on a server that kept running: earlier runs wrote tens of thousands of
// check-ins in a minute and then stopped PostgreSQL, and the dead rows
// they left in the dashboard's change log (athlete_status_changes) would
// be read on every visit of the next run (2–7 ms of database time each).
func (db *benchDB) settle(ctx context.Context) error {
	_, err := db.store.Pool().Exec(ctx, `VACUUM`)
	return err
}

func (db *benchDB) stopServer() error {
	if db.server == nil {
		return nil
	}
	return db.server.Stop()
}

func (db *benchDB) close() {
	db.store.Close()
	_ = db.stopServer()
}

// athlete is one athlete the load visits.
type athlete struct {
	id    int64
	email string // for those with an account
	user  store.User
	week  string // the first day of their current week
}

// fixture is what the load needs to know of the data.
type fixture struct {
	coachEmail, password string
	all                  []athlete // the coach's pages visit every athlete
	joined               []athlete // those with accounts submit check-ins
	tokens               []string  // calendar feed tokens
	coach                store.User
	zones                []*time.Location // the athletes' time zones, the commonest first
}

// fixture loads the generated data unless it is there, and prepares the
// run's calendar links.
func (db *benchDB) fixture(ctx context.Context, o options) (fixture, error) {
	var f fixture
	began := time.Now()
	loaded, err := generate(ctx, db.store.Pool(), o.athletes, o.days)
	if err != nil {
		return f, fmt.Errorf("generate data: %w", err)
	}
	if loaded.created {
		fmt.Fprintf(os.Stderr, "rebound-bench: generated %d athletes × %d days in %s\n", o.athletes, o.days, time.Since(began).Round(time.Millisecond))
	}
	f.coachEmail, f.password = loaded.coachEmail, loaded.password
	coach, _, err := db.store.Credentials(ctx, f.coachEmail)
	if err != nil {
		return f, err
	}
	roster, err := db.store.Athletes(ctx, coach, false)
	if err != nil {
		return f, err
	}
	f.coach = coach
	now := time.Now()
	athletesIn := map[string]int{}
	for _, a := range roster {
		athletesIn[a.Timezone]++
		email := ""
		if a.Joined {
			email = a.Email
		}
		f.all = append(f.all, athlete{id: a.ID, email: email, week: weekOf(a, now).Format(time.DateOnly)})
	}
	for _, a := range f.all {
		if a.email != "" {
			u, _, err := db.store.Credentials(ctx, a.email)
			if err != nil {
				return f, err
			}
			a.user = u
			f.joined = append(f.joined, a)
		}
	}
	names := slices.Collect(maps.Keys(athletesIn))
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(athletesIn[b]-athletesIn[a], strings.Compare(a, b)) })
	for _, name := range names {
		loc, err := time.LoadLocation(name)
		if err != nil {
			return f, err
		}
		f.zones = append(f.zones, loc)
	}
	if len(f.joined) == 0 {
		return f, errors.New("no athlete of the generated coach has an account")
	}
	for i := 0; i < len(f.all) && i < 100; i++ {
		token, hash := auth.NewToken()
		if err := db.store.IssueCalendarToken(ctx, coach, f.all[i].id, hash); err != nil {
			return f, err
		}
		f.tokens = append(f.tokens, token)
	}
	return f, nil
}

// weekOf is the first day of the athlete's week holding now, in their zone.
func weekOf(a training.Athlete, now time.Time) time.Time {
	if loc, err := time.LoadLocation(a.Timezone); err == nil {
		now = now.In(loc)
	}
	return training.WeekStart(time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), a.WeekStartsSunday)
}

// answers are the check-in the harness gives on its i-th submission, as
// the form's: today's (UTC), the fatigue and resting HR varying.
func answers(a athlete, i int) training.CheckIn {
	return training.CheckIn{AthleteID: a.id, Day: time.Now().UTC().Truncate(24 * time.Hour),
		SleepHours: 7.5, SleepQuality: 4, Fatigue: 2 + i%3, Soreness: 4, Stress: 3, Mood: 4, Motivation: 4, RestingHR: 48 + i%5,
		Notes: fmt.Sprintf("run %d", i)}
}

// upsert writes a check-in straight through the store: the statement a
// check-in submission ends with, without HTTP, session or scoring.
func (db *benchDB) upsert(ctx context.Context, a athlete, i int) sample {
	c := answers(a, i)
	c.Score, c.Light, c.Reasons = 90, "green", []training.Reason{{Light: "green", Code: "ok", Text: "All as usual"}}
	began := time.Now()
	return done(ctx, began, db.store.SaveCheckIn(ctx, a.user, c))
}

// judged judges a check-in and saves it with what it leads to, as a
// submission does after its session and form (coaching.Judge, then
// coaching.Save), through the store.
func (db *benchDB) judged(ctx context.Context, a athlete, i int) sample {
	began := time.Now()
	c, err := coaching.Judge(ctx, db.store, a.user, answers(a, i))
	if err == nil {
		err = coaching.Save(ctx, db.store, a.user, c)
	}
	return done(ctx, began, err)
}

// done is the sample of a call through the store that began then.
func done(ctx context.Context, began time.Time, err error) sample {
	s := sample{took: time.Since(began), status: 200}
	if err != nil {
		if ctx.Err() != nil {
			return sample{failure: "cancelled"}
		}
		s.failure = err.Error()
	}
	return s
}

// touch changes a note of the athlete's latest check-in, as an athlete
// editing it would: the coach's dashboard shows something else after it.
func (db *benchDB) touch(ctx context.Context, a athlete, i int) error {
	_, err := db.store.Pool().Exec(ctx, `UPDATE checkins SET notes = $2
		WHERE athlete_id = $1 AND day = (SELECT max(day) FROM checkins WHERE athlete_id = $1)`, a.id, fmt.Sprintf("edited %d", i))
	return err
}

// generated is the coach of the generated data.
type generated struct {
	coachEmail, password string
	created              bool
}

// generate loads athletes × days of history through package bulkdata,
// unless an earlier run did: the coach's address names the size.
func generate(ctx context.Context, pool *pgxpool.Pool, athletes, days int) (generated, error) {
	prefix := fmt.Sprintf("bench%dx%d", athletes, days)
	g := generated{password: bulkdata.DefaultPassword}
	err := pool.QueryRow(ctx, `SELECT email FROM users WHERE email LIKE $1 || '-coach@%'`, prefix).Scan(&g.coachEmail)
	if !errors.Is(err, pgx.ErrNoRows) {
		return g, err
	}
	res, err := bulkdata.Load(ctx, pool, bulkdata.Options{Athletes: athletes, Days: days, Prefix: prefix,
		Logf: func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }})
	if err != nil {
		return g, err
	}
	g.coachEmail, g.created = res.Coach.Email, true
	return g, nil
}
