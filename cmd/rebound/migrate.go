package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/pressly/goose/v3"

	"rebound/internal/config"
)

const migrateSynopsis = `migrate [flags] up|down|status

  up      apply every pending migration, then the current SQL functions
  down    roll back the most recent migration
  status  list the migrations and whether each is applied`

func migrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("migrate", migrateSynopsis, stderr)
	load := config.Flags(fs, getenv, "database-url", "data-dir", "pg-bin", "log-level", "log-format")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("migrate needs one of: up, down, status")
	}
	action := fs.Arg(0)
	if action != "up" && action != "down" && action != "status" {
		fs.Usage()
		return fmt.Errorf("unknown migrate command %q", action)
	}
	logger := cfg.Logger(stderr)
	db, err := openDatabase(ctx, cfg, logger, true)
	if err != nil {
		return err
	}
	if action == "up" {
		results, err := db.upgrade(ctx, nil)
		for _, r := range results {
			fmt.Fprintf(stdout, "applied %s (%s)\n", r.Source.Path, r.Duration.Round(1e6))
		}
		if err == nil && len(results) == 0 {
			fmt.Fprintln(stdout, "the database is up to date")
		}
		return errors.Join(err, db.Close())
	}
	err = db.withMigrations(nil, func(p *goose.Provider) error {
		switch action {
		case "down":
			r, err := p.Down(ctx)
			if errors.Is(err, goose.ErrNoNextVersion) {
				fmt.Fprintln(stdout, "no migration to roll back")
				return nil
			}
			if err == nil {
				fmt.Fprintf(stdout, "rolled back %s\n", r.Source.Path)
			}
			return err
		default:
			statuses, err := p.Status(ctx)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "VERSION\tMIGRATION\tAPPLIED")
			for _, st := range statuses {
				applied := "pending"
				if st.State == goose.StateApplied {
					applied = st.AppliedAt.Local().Format("2006-01-02 15:04:05")
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\n", st.Source.Version, st.Source.Path, applied)
			}
			return tw.Flush()
		}
	})
	return errors.Join(err, db.Close())
}
