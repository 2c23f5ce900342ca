package load

import (
	"math"
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
