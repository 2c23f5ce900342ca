package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"
	"time"

	"rebound/internal/config"
	"rebound/internal/demo"
)

const seedSynopsis = `seed [flags] --demo

  --demo   make a demo coach with thirteen athletes and 120 days of history up
           to today (check-ins, plans, logged workouts, goal events), and
           print how to sign in. Running it again duplicates nothing: it fills
           in the days since the last run and prints new passwords for the
           demo accounts. The demo coach is ` + demo.CoachEmail + `.
           It is the only seed there is for now.

  Like serve, it uses DATABASE_URL, or else the private PostgreSQL under the
  data directory (the one a running "rebound serve" started, if there is one),
  and applies pending migrations first.`

// seedCommand fills the database with demo data.
func seedCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("seed", seedSynopsis, stderr)
	withDemo := fs.Bool("demo", false, "make (or bring up to date) the demo coach and athletes")
	load := config.Flags(fs, getenv, "database-url", "data-dir", "pg-bin", "base-url", "addr", "log-level", "log-format")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("seed takes no arguments, got %q", fs.Args())
	}
	if !*withDemo {
		fs.Usage()
		return errors.New("seed needs --demo: the demo coach and athletes are the only seed there is for now")
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	logger := cfg.Logger(stderr)
	db, err := openDatabase(ctx, cfg, logger, true)
	if err != nil {
		return err
	}
	err = migrateUp(ctx, db, logger)
	if err == nil {
		began := time.Now()
		var res demo.Result
		if res, err = demo.Seed(ctx, db.store, time.Now()); err == nil {
			printDemo(stdout, res, time.Since(began), publicBase(cfg))
		}
	}
	return errors.Join(err, db.Close())
}

// migrateUp applies pending migrations and the SQL functions, as serve
// does at start-up.
func migrateUp(ctx context.Context, db *database, logger *slog.Logger) error {
	if _, err := db.upgrade(ctx, logger); err != nil {
		return fmt.Errorf("migrate the database: %w", err)
	}
	return nil
}

// publicBase is where users reach the app: the base URL, else the address
// it listens on.
func publicBase(cfg config.Config) string {
	if cfg.BaseURL != "" {
		return cfg.BaseURL
	}
	return "http://" + localAddr(cfg.Addr)
}

// printDemo says what the seed did and how to sign in.
func printDemo(w io.Writer, res demo.Result, took time.Duration, base string) {
	if res.Created {
		fmt.Fprintf(w, "The demo is ready (%.1f s): coach %s with %d athletes and %d days of history up to today.\n",
			took.Seconds(), res.Coach.Name, len(res.Athletes), demo.HistoryDays)
	} else {
		fmt.Fprintf(w, "The demo was already there; nothing is duplicated. Brought up to date (%.1f s): %d check-ins and %d logged workouts added since the last run.\n",
			took.Seconds(), res.CheckIns, res.Logged)
	}
	fmt.Fprintf(w, "\nSign in at %s/login:\n", base)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "  coach\t%s\t%s\t%s, the coach's dashboard\n", res.Coach.Email, res.Coach.Password, res.Coach.Name)
	for _, a := range res.Logins() {
		fmt.Fprintf(tw, "  athlete\t%s\t%s\t%s, an athlete's own pages (best on a phone)\n", a.Email, a.Password, a.Name)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nThese passwords are new: every run of \"rebound seed --demo\" gives the demo accounts above fresh random ones")
	fmt.Fprintln(w, "(and signs them out elsewhere). The other demo athletes' passwords are random and not shown.")
	fmt.Fprintln(w, "\nThe athletes:")
	for _, a := range res.Athletes {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", a.Name, a.Timezone, a.About)
	}
	tw.Flush()
}
