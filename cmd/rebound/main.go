// Command rebound is the Rebound web app: `rebound serve` runs it,
// `rebound migrate` manages its database schema.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// version is set at build time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "rebound:", err)
		os.Exit(1)
	}
}

const usage = `Rebound: training plans built around recovery, for coaches and their athletes.

Usage:
  rebound serve         run the web app (and, without DATABASE_URL, its own PostgreSQL);
                        --demo makes the demo first, as rebound seed --demo does
  rebound migrate CMD   manage the database schema: up, down, status
  rebound plan [flags]  print the plan the scheduling service makes for given inputs
  rebound seed --demo   make a demo coach and thirteen athletes with 120 days of history
                        (again: fills in the days since, prints new passwords)
  rebound user reset-password EMAIL
                        print a one-time link to choose a new password
  rebound healthcheck   exit 0 when the server on REBOUND_ADDR answers /healthz
  rebound version       print the version

Run "rebound COMMAND -h" for a command's flags and environment variables.
`

// run is the whole program, with its inputs made explicit for tests.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return serve(ctx, rest, getenv, stdout, stderr)
	case "migrate":
		return migrate(ctx, rest, getenv, stdout, stderr)
	case "plan":
		return planCommand(rest, time.Now(), stdout, stderr)
	case "seed":
		return seedCommand(ctx, rest, getenv, stdout, stderr)
	case "user":
		return user(ctx, rest, getenv, stdout, stderr)
	case "healthcheck":
		return healthcheck(ctx, rest, getenv, stderr)
	case "version":
		return printVersion(rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: rebound %s\n\n", synopsis)
		fmt.Fprintln(stderr, "Flags (each also read from the environment variable in brackets):")
		fs.PrintDefaults()
	}
	return fs
}
