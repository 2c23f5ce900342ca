package load

import (
	"math"
	"math/rand"
	"testing"
	"time"
)

func TestMonotonyAndStrain(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		name     string
		week     []float64
		monotony float64
		strain   float64
	}{
		// Five days of 100, two rest days: mean = 500/7.
		// Deviations 200/7 (×5) and −500/7 (×2):
		//   variance = (5·200² + 2·500²)/7² / 7 = 700000/343, sd = √700000/√343
		//   mean/sd  = (500/7)·√343/√700000 = 500·√7/√700000 = 500/√100000 = √2.5
		// Strain = 500·√2.5.
		{"five even days", []float64{100, 100, 100, 100, 100, 0, 0}, math.Sqrt(2.5), 500 * math.Sqrt(2.5)},
		// One 70 AU day: mean = 10, deviations −10 (×6) and 60:
		//   variance = (6·100 + 3600)/7 = 600, monotony = 10/√600 = 1/√6, strain = 70/√6.
		{"one day", []float64{0, 0, 0, 70, 0, 0, 0}, 1 / math.Sqrt(6), 70 / math.Sqrt(6)},
		// Loads 1..7 minus 4 deviate by −3..3: variance = 2·(9+4+1)/7 = 4, sd = 2,
		// monotony = 4/2 = 2 (Foster's warning level), strain = 28·2 = 56.
		{"one to seven", []float64{1, 2, 3, 4, 5, 6, 7}, 2, 56},
		// No variation: the most monotonous week there is, +Inf ("very
		// high"); resting all week is not monotonous training: NaN.
		{"all rest", make([]float64, 7), nan, nan},
		{"same every day", []float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, inf, inf},
		{"same load, rounding", []float64{1e-320, 1e-320, 1e-320, 1e-320, 1e-320, 1e-320, 2e-320}, inf, inf},
		{"empty", nil, nan, nan},
	} {
		if got := Monotony(c.week); !same(got, c.monotony) {
			t.Errorf("%s: Monotony = %v, want %v", c.name, got, c.monotony)
		}
		if got := Strain(c.week); !same(got, c.strain) {
			t.Errorf("%s: Strain = %v, want %v", c.name, got, c.strain)
		}
	}
}

// Monotony has no unit: scaling every day by k > 0 leaves it unchanged, and
// strain scales by k.
func TestMonotonyScaleInvariant(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	for range 1000 {
		week := randomLoads(rng, 7)
		k := math.Exp(rng.Float64()*20 - 10) // 4.5e-5 .. 2.2e4
		scaled := make([]float64, 7)
		for i, x := range week {
			scaled[i] = k * x
		}
		m, mk := Monotony(week), Monotony(scaled)
		if math.IsNaN(m) != math.IsNaN(mk) || !math.IsNaN(m) && math.Abs(m-mk) > 1e-9*m {
			t.Fatalf("Monotony(%v) = %v but ×%v gives %v", week, m, k, mk)
		}
		s, sk := Strain(week), Strain(scaled)
		if !math.IsNaN(s) && math.Abs(k*s-sk) > 1e-9*sk {
			t.Fatalf("Strain(%v) = %v but ×%v gives %v", week, s, k, sk)
		}
	}
}

func TestRampFlag(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		weekly  []float64
		ramp    float64
		flagged bool
	}{
		{[]float64{100, 100, 130}, 0.3, false},          // 130/100 − 1 = 30 %: not more than 30 %
		{[]float64{100, 100, 131}, 0.31, true},          // 131/100 − 1 = 31 %
		{[]float64{100, 200, 200}, 1.0 / 3, true},       // base 150: 200/150 − 1 = 1/3
		{[]float64{900, 50, 100, 100, 120}, 0.2, false}, // only the last three weeks count
		{[]float64{300, 100, 100}, -0.5, false},         // base 200: 100/200 − 1
		{[]float64{60, 140, 130}, 0.3, false},           // base 100, exactly 30 % again
		{[]float64{0, 0, 50}, nan, false},               // nothing to compare with
		{[]float64{100, 100}, nan, false},               // too few weeks
		{nil, nan, false},
	} {
		ramp, flagged := RampFlag(c.weekly)
		if !same(ramp, c.ramp) || flagged != c.flagged {
			t.Errorf("RampFlag(%v) = (%v, %v), want (%v, %v)", c.weekly, ramp, flagged, c.ramp, c.flagged)
		}
	}
}

// Exactly 30 % over the base is never flagged however the rounding falls,
// and a whole load unit more always is.
func TestRampFlagBoundary(t *testing.T) {
	for base := 10; base <= 5000; base += 10 {
		last := float64(base) * 13 / 10 // exact: base is a multiple of 10
		if _, flagged := RampFlag([]float64{float64(base), float64(base), last}); flagged {
			t.Fatalf("base %d, last %v flagged", base, last)
		}
		if _, flagged := RampFlag([]float64{float64(base), float64(base), last + 1}); !flagged {
			t.Fatalf("base %d, last %v not flagged", base, last+1)
		}
	}
}

// A week's figures come from its own seven days, and its ramp from the
// totals of whole weeks before it.
func TestWeekOf(t *testing.T) {
	daily := []float64{
		100, 0, 100, 0, 100, 0, 100, // 400
		0, 200, 0, 200, 0, 0, 0, // 400
		300, 0, 100, 0, 100, 0, 100, // 600: +50 % on 400
	}
	w := WeekOf(daily)
	if w.Total != 600 || math.Abs(w.Ramp-0.5) > 1e-12 || !w.RampFlag {
		t.Errorf("WeekOf: total %v, ramp %v %v; want 600, 0.5, flagged", w.Total, w.Ramp, w.RampFlag)
	}
	if week := daily[14:]; w.Monotony != Monotony(week) || w.Strain != Strain(week) {
		t.Errorf("WeekOf: monotony %v, strain %v; want the last seven days' %v, %v", w.Monotony, w.Strain, Monotony(week), Strain(week))
	}
	if w := WeekOf(daily[7:]); !math.IsNaN(w.Ramp) || w.RampFlag || w.Total != 600 {
		t.Errorf("two weeks: ramp %v %v, total %v; want no ramp (NaN, false), 600", w.Ramp, w.RampFlag, w.Total)
	}
}

// The ratio shown and judged is the state's, or 0 without four weeks.
func TestRatioOrZero(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	var s State
	for d := range 40 {
		s = Advance(s, day.AddDate(0, 0, d), 300)
		want := s.ACWR()
		if math.IsNaN(want) {
			want = 0
		}
		if got := s.RatioOrZero(); got != want || d < RatioDays-1 && got != 0 || d >= RatioDays && got == 0 {
			t.Fatalf("day %d: %v, ACWR %v", d, got, s.ACWR())
		}
	}
}
