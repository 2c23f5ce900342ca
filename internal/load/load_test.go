package load

import (
	"math"
	"math/rand"
	"slices"
	"testing"
	"time"
)

// same reports whether got is want within a relative 1e-12, NaN matching NaN.
func same(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return got == want || math.Abs(got-want) <= 1e-12*math.Max(math.Abs(got), math.Abs(want))
}

func sameSlice(t *testing.T, name string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: len %d, want %d (%v)", name, len(got), len(want), got)
	}
	for i := range want {
		if !same(got[i], want[i]) {
			t.Errorf("%s[%d] = %v, want %v", name, i, got[i], want[i])
		}
	}
}

func TestSessionLoad(t *testing.T) {
	for _, c := range []struct{ rpe, min, want float64 }{
		{7, 60, 420},   // 7 × 60
		{2.5, 40, 100}, // 2.5 × 40
		{0, 90, 0},
		{5, 0, 0},
		{-1, 60, 0},
		{6, -30, 0},
		{math.NaN(), 60, 0},
		{0, math.Inf(1), 0}, // not 0 × Inf = NaN
	} {
		if got := SessionLoad(c.rpe, c.min); got != c.want {
			t.Errorf("SessionLoad(%v, %v) = %v, want %v", c.rpe, c.min, got, c.want)
		}
	}
}

// An RPE, once given, is the load; until then the file's estimate is.
func TestDoneLoad(t *testing.T) {
	for _, c := range []struct {
		rated               bool
		rpe, min, est, want float64
	}{
		{true, 6, 50, 120, 300}, // rated: the estimate no longer counts
		{true, 0, 50, 120, 0},   // rated 0 is a rating
		{false, 0, 50, 120, 120},
		{false, 0, 50, 0, 0}, // a file without heart rate or power
		{false, 0, 50, math.NaN(), 0},
		{false, 0, 50, -5, 0},
	} {
		if got := DoneLoad(c.rated, c.rpe, c.min, c.est); got != c.want {
			t.Errorf("DoneLoad(%v, %v, %v, %v) = %v, want %v", c.rated, c.rpe, c.min, c.est, got, c.want)
		}
	}
}

func FuzzSessionLoad(f *testing.F) {
	f.Add(7.0, 60.0)
	f.Add(-1.0, 30.0)
	f.Add(0.0, math.Inf(1))
	f.Fuzz(func(t *testing.T, rpe, minutes float64) {
		got := SessionLoad(rpe, minutes)
		if math.IsNaN(got) || got < 0 {
			t.Fatalf("SessionLoad(%v, %v) = %v", rpe, minutes, got)
		}
		if !(rpe > 0) || !(minutes > 0) {
			if got != 0 {
				t.Fatalf("SessionLoad(%v, %v) = %v, want 0", rpe, minutes, got)
			}
		}
	})
}

func TestDay(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip(err)
	}
	for _, c := range []struct {
		in   time.Time
		want time.Time
	}{
		// 23:30 in Los Angeles is already the 11th in UTC; the athlete's day is the 10th.
		{time.Date(2024, 3, 10, 23, 30, 0, 0, la), time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC)},
		{time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC)},
		{time.Date(2024, 12, 31, 23, 59, 59, 999, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)},
	} {
		if got := Day(c.in); got != c.want {
			t.Errorf("Day(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func date(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }

func TestDailyLoads(t *testing.T) {
	sessions := []Session{
		{Day: date(3, 1), Minutes: 60, RPE: 3},  // before the range
		{Day: date(3, 2), Minutes: 60, RPE: 7},  // 420
		{Day: date(3, 2), Minutes: 30, RPE: 2},  // + 60 = 480 on the 2nd
		{Day: date(3, 4), Minutes: 45, RPE: 4},  // 180
		{Day: date(3, 5), Minutes: 90, RPE: 5},  // after the range
		{Day: date(3, 3), Minutes: -10, RPE: 5}, // a bad entry counts 0
	}
	// from and to are not midnight: only their calendar days count.
	got := DailyLoads(sessions, date(3, 2).Add(15*time.Hour), date(3, 4).Add(time.Hour))
	sameSlice(t, "DailyLoads", got, []float64{480, 0, 180})

	if got := DailyLoads(sessions, date(3, 4), date(3, 2)); got != nil {
		t.Errorf("to before from: %v, want nil", got)
	}
	sameSlice(t, "one day", DailyLoads(nil, date(3, 4), date(3, 4)), []float64{0})
}

// Every in-range session's load lands on exactly one day. Integer minutes and
// RPEs keep the sums exact, so the totals must match to the bit.
func TestDailyLoadsConservesLoad(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for range 500 {
		from := date(1, 1).AddDate(0, 0, rng.Intn(365))
		to := from.AddDate(0, 0, rng.Intn(60))
		var sessions []Session
		var inRange float64
		for range rng.Intn(40) {
			s := Session{
				Day:     from.AddDate(0, 0, rng.Intn(80)-10).Add(time.Duration(rng.Intn(24)) * time.Hour),
				Minutes: float64(rng.Intn(240)),
				RPE:     float64(rng.Intn(11)),
			}
			sessions = append(sessions, s)
			if d := Day(s.Day); !d.Before(from) && !d.After(to) {
				inRange += SessionLoad(s.RPE, s.Minutes)
			}
		}
		daily := DailyLoads(sessions, from, to)
		if want := int(to.Sub(from)/day) + 1; len(daily) != want {
			t.Fatalf("%d days, want %d", len(daily), want)
		}
		var total float64
		for _, x := range daily {
			total += x
		}
		if total != inRange {
			t.Fatalf("daily total %v, in-range sessions %v", total, inRange)
		}
	}
}

func TestEWMA(t *testing.T) {
	// n = 3: λ = 2/4 = 0.5
	//   10
	//   10 + 0.5·(20 − 10)   = 15
	//   15 + 0.5·(0 − 15)    = 7.5
	//   7.5 + 0.5·(40 − 7.5) = 23.75
	sameSlice(t, "n=3", EWMA([]float64{10, 20, 0, 40}, 3), []float64{10, 15, 7.5, 23.75})
	// n = 7: λ = 2/8 = 0.25; 0, then 0 + 0.25·100 = 25, then 25 + 0.25·(−25) = 18.75
	sameSlice(t, "n=7", EWMA([]float64{0, 100, 0}, 7), []float64{0, 25, 18.75})
	// n = 1: λ = 1, the average is the day itself.
	sameSlice(t, "n=1", EWMA([]float64{3, 1, 4}, 1), []float64{3, 1, 4})
	sameSlice(t, "empty", EWMA(nil, 7), []float64{})
	if got := EWMA([]float64{1, 2}, 0); got != nil {
		t.Errorf("n=0: %v, want nil", got)
	}
}

// Seeded with the first value, the average of a constant load is that
// constant on every day, exactly.
func TestEWMAConstant(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for range 200 {
		c := rng.Float64() * 1000
		daily := make([]float64, 1+rng.Intn(100))
		for i := range daily {
			daily[i] = c
		}
		for _, e := range EWMA(daily, 1+rng.Intn(60)) {
			if e != c {
				t.Fatalf("EWMA of constant %v has %v", c, e)
			}
		}
	}
}

// An average never leaves the range of what it averages (λ ≤ 2/3 for n ≥ 2).
func TestEWMABounds(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for range 500 {
		daily := randomLoads(rng, 1+rng.Intn(200))
		lo, hi := slices.Min(daily), slices.Max(daily)
		for i, e := range EWMA(daily, 2+rng.Intn(60)) {
			if e < lo || e > hi {
				t.Fatalf("day %d: EWMA %v outside [%v, %v]", i, e, lo, hi)
			}
		}
	}
}

func TestACWR(t *testing.T) {
	// Day 0 seeds both averages with 100, so the ratio is 1.
	// Day 1, load 0: acute   = 100 + (2/8)·(0 − 100)  = 75
	//                chronic = 100 + (2/29)·(0 − 100) = 2700/29
	//                ratio   = 75·29/2700 = 2175/2700
	sameSlice(t, "100,0", ACWR([]float64{100, 0}), []float64{1, 2175.0 / 2700})
	// No load yet: no basis. Day 2, load 50: acute = 50/4 = 12.5,
	// chronic = 50·2/29 = 100/29, ratio = 12.5·29/100 = 3.625.
	nan := math.NaN()
	sameSlice(t, "0,0,50", ACWR([]float64{0, 0, 50}), []float64{nan, nan, 3.625})
	sameSlice(t, "empty", ACWR(nil), []float64{})
}

func TestACWRConstantIsOne(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	for range 200 {
		c := 1 + rng.Float64()*1000
		daily := make([]float64, 1+rng.Intn(400))
		for i := range daily {
			daily[i] = c
		}
		for i, r := range ACWR(daily) {
			if r != 1 {
				t.Fatalf("constant load %v: day %d ratio %v, want 1", c, i, r)
			}
		}
	}
}

func TestPerformanceManagement(t *testing.T) {
	// Day 0, load 42: CTL = 0 + 42/42 = 1;           ATL = 0 + 42/7 = 6;          TSB = 0
	// Day 1, load 42: CTL = 1 + 41/42 = 83/42;       ATL = 6 + 36/7 = 78/7;       TSB = 1 − 6 = −5
	// Day 2, load 0:  CTL = 83/42 · 41/42;           ATL = 78/7 · 6/7 = 468/49;   TSB = 83/42 − 468/42 = −385/42
	want := []Form{
		{ATL: 6, CTL: 1, TSB: 0},
		{ATL: 78.0 / 7, CTL: 83.0 / 42, TSB: -5},
		{ATL: 468.0 / 49, CTL: 83.0 * 41 / (42 * 42), TSB: -385.0 / 42},
	}
	got := PerformanceManagement([]float64{42, 42, 0})
	if len(got) != len(want) {
		t.Fatalf("%d days, want %d", len(got), len(want))
	}
	for i := range want {
		if !same(got[i].ATL, want[i].ATL) || !same(got[i].CTL, want[i].CTL) || !same(got[i].TSB, want[i].TSB) {
			t.Errorf("day %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if got := PerformanceManagement(nil); len(got) != 0 {
		t.Errorf("no days: %v", got)
	}
}

// Starting from 0, fitness and fatigue stay between 0 and the loads' extremes,
// and form is always yesterday's CTL − ATL.
func TestPerformanceManagementBounds(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for range 500 {
		daily := randomLoads(rng, 1+rng.Intn(400))
		lo, hi := slices.Min(daily), slices.Max(daily)
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
		pmc := PerformanceManagement(daily)
		for i, f := range pmc {
			if f.CTL < lo || f.CTL > hi || f.ATL < lo || f.ATL > hi {
				t.Fatalf("day %d: %+v outside [%v, %v]", i, f, lo, hi)
			}
			want := 0.0
			if i > 0 {
				want = pmc[i-1].CTL - pmc[i-1].ATL
			}
			if f.TSB != want {
				t.Fatalf("day %d: TSB %v, want %v", i, f.TSB, want)
			}
		}
	}
}

// randomLoads is a plausible training history: about a third rest days, the
// rest up to 1200 AU (RPE 10 × 2 h).
func randomLoads(rng *rand.Rand, n int) []float64 {
	daily := make([]float64, n)
	for i := range daily {
		if rng.Intn(3) > 0 {
			daily[i] = rng.Float64() * 1200
		}
	}
	return daily
}

func BenchmarkPerformanceManagementTwoYears(b *testing.B) {
	daily := randomLoads(rand.New(rand.NewSource(6)), 730)
	for b.Loop() {
		PerformanceManagement(daily)
	}
}

func BenchmarkACWRTwoYears(b *testing.B) {
	daily := randomLoads(rand.New(rand.NewSource(7)), 730)
	for b.Loop() {
		ACWR(daily)
	}
}
