package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"

	"rebound/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// A tiny run end to end: data, server, sessions, every endpoint, report.
func TestHarnessRunsEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the app and runs it")
	}
	bin := filepath.Join(t.TempDir(), "rebound")
	build := exec.Command("go", "build", "-o", bin, "rebound/cmd/rebound")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	t.Setenv("DATABASE_URL", pgtest.DSN(t))
	// Bounded by a count of requests rather than by time, so a busy machine
	// still gets some of each.
	results, err := benchmark(context.Background(), []string{"-athletes", "6", "-days", "40", "-duration", "20s", "-max-requests", "12",
		"-coaches", "2", "-checkins", "3", "-rebound", bin})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 9 {
		t.Fatalf("%d endpoints measured, want 9", len(results))
	}
	for _, r := range results {
		if r.count() == 0 || r.errors() != 0 {
			t.Errorf("%s: %d requests, %d errors", r.name, r.count(), r.errors())
		}
		if r.name == "dashboard" && r.queries == 0 {
			t.Error("the dashboard's statement count was not read from the server's log")
		}
		// Each visit after a change draws the page anew: the kept rows and
		// proposals are read (more statements than a kept page's 3; another
		// worker's visit may have drawn it already).
		if r.name == "dashboard after change" && r.queries <= 3 {
			t.Errorf("the dashboard after a change took %.1f statements a visit: served as kept", r.queries)
		}
	}
}
