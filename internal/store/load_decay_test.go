package store_test

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"rebound/internal/load"
	"rebound/internal/pgtest"
)

// load_state_advance (SQL) equals load.Advance (Go) over every gap from 0
// to 36,500 days, from states of every size (down to the tiny figures an
// older version could store), with and without the day's load: never an
// underflow, the same figures, and exactly 0 once a figure has decayed
// below load.Floor.
func TestLoadStateAdvanceEqualsGoOverEveryGap(t *testing.T) {
	pool := pgtest.Pool(t)
	from := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	since := from.AddDate(0, 0, -90)
	states := map[string]load.State{
		"no history":           {},
		"training":             {Day: from, Since: since, Acute: 350, Chronic: 300, ATL: 320, CTL: 280, TSB: -40},
		"a huge load":          {Day: from, Since: since, Acute: 1e6, Chronic: 9e5, ATL: 8e5, CTL: 7e5, TSB: 1e5},
		"just above the floor": {Day: from, Since: since, Acute: 2e-12, Chronic: 3e-12, ATL: 2e-12, CTL: 5e-12, TSB: -3e-12},
		"older tiny figures":   {Day: from, Since: since, Acute: 1e-300, Chronic: 1e-310, ATL: 4e-320, CTL: 1e-200, TSB: 0},
		"no load yet":          {Day: from},
	}
	const maxGap = 36500
	for name, s := range states {
		for _, l := range []float64{0, 250} {
			t.Run(fmt.Sprintf("%s, load %v", name, l), func(t *testing.T) {
				t.Parallel()
				advanceOverEveryGap(t, pool, name, s, l, from, maxGap)
			})
		}
	}
}

// advanceOverEveryGap holds the two equal from state s with load l on
// each day from + 0 … maxGap days.
func advanceOverEveryGap(t *testing.T, pool *pgxpool.Pool, name string, s load.State, l float64, from time.Time, maxGap int) {
	ctx := context.Background()
	var day, sinceArg *time.Time
	if !s.Day.IsZero() {
		day = &s.Day
	}
	if !s.Since.IsZero() {
		sinceArg = &s.Since
	}
	rows, err := pool.Query(ctx, `
		SELECT g, x.day, x.since, x.acute, x.chronic, x.atl, x.ctl, x.tsb
		FROM generate_series(0, $9::int) g,
			LATERAL load_state_advance(CASE WHEN $1::date IS NULL THEN NULL
				ELSE ROW($1::date, $2::date, $3::float8, $4::float8, $5::float8, $6::float8, $7::float8)::load_state END,
				NULL, $10::date + g, $8::float8) x
		ORDER BY g`, day, sinceArg, s.Acute, s.Chronic, s.ATL, s.CTL, s.TSB, l, maxGap, from)
	if err != nil {
		t.Fatalf("%s, load %v: %v", name, l, err)
	}
	var g int
	var got load.State
	var gotSince *time.Time
	n := 0
	_, err = pgx.ForEachRow(rows, []any{&g, &got.Day, &gotSince, &got.Acute, &got.Chronic, &got.ATL, &got.CTL, &got.TSB}, func() error {
		n++
		got.Since = time.Time{}
		if gotSince != nil {
			got.Since = *gotSince
		}
		want := load.Advance(s, from.AddDate(0, 0, g), l)
		if !got.Day.Equal(want.Day) || !got.Since.Equal(want.Since) {
			t.Fatalf("%s, load %v, gap %d: day %s since %s, want %s %s", name, l, g, got.Day, got.Since, want.Day, want.Since)
		}
		for _, f := range []struct {
			what      string
			got, want float64
		}{{"acute", got.Acute, want.Acute}, {"chronic", got.Chronic, want.Chronic}, {"ATL", got.ATL, want.ATL},
			{"CTL", got.CTL, want.CTL}, {"TSB", got.TSB, want.TSB}} {
			if !sameFloat(f.got, f.want) {
				t.Fatalf("%s, load %v, gap %d: %s %v in SQL, %v in Go", name, l, g, f.what, f.got, f.want)
			}
			// Below the floor both are 0 (a figure right at it may
			// round either way: the two power functions differ in
			// the last bits).
			if (f.got == 0) != (f.want == 0) && math.Max(math.Abs(f.got), math.Abs(f.want)) > 1.001*load.Floor {
				t.Fatalf("%s, load %v, gap %d: %s %v in SQL, %v in Go: one is 0", name, l, g, f.what, f.got, f.want)
			}
			if g > 0 && f.what != "TSB" && f.want != 0 && f.want < load.Floor {
				t.Fatalf("%s, load %v, gap %d: %s %v, under the floor but not 0", name, l, g, f.what, f.want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("%s, load %v: %v", name, l, err)
	}
	if n != maxGap+1 {
		t.Fatalf("%s, load %v: %d rows", name, l, n)
	}
	// A century without training: everything decayed is exactly 0.
	if l == 0 && !s.Day.IsZero() {
		if end := load.Advance(s, from.AddDate(0, 0, maxGap), 0); end.Acute != 0 || end.Chronic != 0 || end.ATL != 0 || end.CTL != 0 || end.TSB != 0 {
			t.Errorf("%s: after %d days %+v", name, maxGap, end)
		}
	}
}
