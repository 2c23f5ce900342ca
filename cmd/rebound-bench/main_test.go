package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

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
	var clocks []string
	for _, r := range results {
		if day, ok := strings.CutPrefix(r.name, "refresh after change, "); ok {
			clocks = append(clocks, day)
		}
	}
	if len(results)-len(clocks) != 10 || len(clocks) < 5 || !slices.Contains(clocks, "Sunday evening") {
		t.Fatalf("%d endpoints measured and the refresh on %q, want 10 and the week's days and a clock change", len(results)-len(clocks), clocks)
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

// The refresh is measured on the days whose plans have differed.
func TestClockDays(t *testing.T) {
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	now := time.Date(2026, 12, 6, 0, 50, 0, 0, time.UTC) // a Sunday
	got := clockDays(now, []*time.Location{zone("Europe/London"), zone("Asia/Tokyo"), zone("America/New_York"), zone("Australia/Sydney")})
	want := []string{
		"Monday 2026-11-30T09:00:00Z",
		"Thursday 2026-12-03T12:00:00Z",
		"Saturday 2026-12-05T10:00:00Z",
		"Sunday evening 2026-11-29T20:30:00Z",
		"clocks change in Europe/London 2026-10-25T12:00:00Z",
		"clocks change in America/New_York 2026-11-01T12:00:00-05:00",
	}
	var names []string
	for _, c := range got {
		names = append(names, c.name+" "+c.at.Format(time.RFC3339))
	}
	if !slices.Equal(names, want) {
		t.Errorf("clock days\n%q\nwant\n%q", names, want)
	}
}

// -only picks endpoints by whole words of their names, one or several.
func TestOnlyPicksEndpointsByWords(t *testing.T) {
	names := []string{"healthz (ceiling)", "dashboard", "dashboard after change", "athlete page", "check-in upsert (ceiling)",
		"check-in judged without HTTP", "check-in submission", "refresh after change, Monday"}
	for _, tc := range []struct {
		only []string
		want []string
	}{
		{nil, names},
		{[]string{"dashboard"}, []string{"healthz (ceiling)", "dashboard", "dashboard after change", "check-in upsert (ceiling)"}},
		{[]string{"dashboard after"}, []string{"healthz (ceiling)", "dashboard after change", "check-in upsert (ceiling)"}},
		{[]string{"after"}, []string{"healthz (ceiling)", "dashboard after change", "check-in upsert (ceiling)", "refresh after change, Monday"}},
		{[]string{"check-in", "athlete"}, []string{"healthz (ceiling)", "athlete page", "check-in upsert (ceiling)", "check-in judged without HTTP",
			"check-in submission"}},
		{[]string{"check-in submission"}, []string{"healthz (ceiling)", "check-in upsert (ceiling)", "check-in submission"}},
		{[]string{"dash"}, []string{"healthz (ceiling)", "check-in upsert (ceiling)"}},
	} {
		var got []string
		for _, n := range names {
			if (options{only: tc.only}).wants(n) {
				got = append(got, n)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("-only %q: %q, want %q", tc.only, got, tc.want)
		}
	}
}
