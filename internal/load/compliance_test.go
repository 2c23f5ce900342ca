package load

import (
	"math"
	"slices"
	"testing"
	"testing/quick"
	"time"

	"rebound/internal/training"
)

func TestWorkoutCompliance(t *testing.T) {
	for _, c := range []struct {
		planned, done float64
		status        string
		modified, due bool
		want          Compliance
	}{
		{60, 60, "done", false, true, Green},  // 60/60 = 100 %
		{60, 48, "done", false, true, Green},  // 48/60 = 80 %, the lower edge
		{60, 72, "done", false, true, Green},  // 72/60 = 120 %, the upper edge
		{60, 47, "done", false, true, Amber},  // 47/60 ≈ 78 %
		{60, 73, "done", false, true, Amber},  // 73/60 ≈ 122 %
		{60, 30, "done", false, true, Amber},  // 30/60 = 50 %, amber's lower edge
		{60, 90, "done", false, true, Amber},  // 90/60 = 150 %, amber's upper edge
		{60, 29, "done", false, true, Red},    // 29/60 ≈ 48 %
		{60, 91, "done", false, true, Red},    // 91/60 ≈ 152 %
		{70, 56, "done", false, false, Green}, // 56/70 = 80 %, done early counts too
		{70, 84, "done", false, true, Green},  // 84/70 = 120 %
		{70, 35, "done", false, true, Amber},  // 35/70 = 50 %
		{70, 105, "done", false, true, Amber}, // 105/70 = 150 %
		{60, 0, "done", false, true, Red},     // 0 %
		{0, 45, "done", false, true, Unplanned},
		{0, 0, "done", false, true, Unplanned},
		{60, 0, "skipped", false, true, Red},
		{60, 0, "skipped", false, false, Red}, // skipped ahead of time is still skipped
		{60, 0, "planned", false, true, Red},  // its day passed, nothing logged
		{60, 0, "planned", false, false, Pending},
		{60, 0, "", false, false, Pending}, // unknown status: nothing logged
		{60, 0, "skipped", true, true, ModifiedByCoach},
		{60, 0, "planned", true, true, ModifiedByCoach},
		{60, 200, "done", true, true, ModifiedByCoach},
		{60, math.NaN(), "done", false, true, Red},
	} {
		got := WorkoutCompliance(c.planned, c.done, c.status, c.modified, c.due)
		if got != c.want {
			t.Errorf("WorkoutCompliance(%v, %v, %q, %v, %v) = %q, want %q",
				c.planned, c.done, c.status, c.modified, c.due, got, c.want)
		}
	}
}

// Every whole-minute plan at exactly 50, 80, 120 and 150 % lands in the
// better band, whatever the division rounds to.
func TestWorkoutComplianceBoundaries(t *testing.T) {
	for planned := 10; planned <= 600; planned += 10 {
		for _, c := range []struct {
			percent int
			want    Compliance
		}{{50, Amber}, {80, Green}, {120, Green}, {150, Amber}} {
			done := float64(planned * c.percent / 100) // exact: planned is a multiple of 10
			if got := WorkoutCompliance(float64(planned), done, "done", false, true); got != c.want {
				t.Errorf("%v of %d min (%d %%) = %q, want %q", done, planned, c.percent, got, c.want)
			}
		}
	}
}

func TestWorkoutComplianceModifiedNeverRed(t *testing.T) {
	f := func(planned, done float64, status string, due bool) bool {
		return WorkoutCompliance(planned, done, status, true, due) == ModifiedByCoach
	}
	if err := quick.Check(f, nil); err != nil {
		t.Error(err)
	}
}

func TestWeekCompliance(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		planned, done, ratio float64
		want                 Compliance
	}{
		{300, 300, 1, Green},       // 300/300
		{300, 240, 0.8, Green},     // 240/300 = 80 %
		{300, 200, 2.0 / 3, Amber}, // 200/300 ≈ 67 %
		{300, 450, 1.5, Amber},     // 450/300 = 150 %
		{300, 100, 1.0 / 3, Red},   // 100/300 ≈ 33 %
		{300, 0, 0, Red},
		{0, 0, nan, Pending}, // nothing due yet
	} {
		ratio, got := WeekCompliance(c.planned, c.done)
		if !same(ratio, c.ratio) || got != c.want {
			t.Errorf("WeekCompliance(%v, %v) = (%v, %q), want (%v, %q)", c.planned, c.done, ratio, got, c.ratio, c.want)
		}
	}
}

var grades = []Compliance{Green, Amber, Red, ModifiedByCoach, Unplanned, Pending}

// Minutes and statuses come from athletes' forms: whatever arrives, the answer
// is one of the grades and follows the rules that do not depend on the ratio.
func FuzzWorkoutCompliance(f *testing.F) {
	f.Add(60.0, 48.0, "done", false, true)
	f.Add(0.0, 30.0, "done", false, false)
	f.Add(60.0, 0.0, "planned", false, true)
	f.Add(60.0, 0.0, "skipped", true, false)
	f.Add(math.Inf(1), math.NaN(), "DONE", false, true)
	f.Fuzz(func(t *testing.T, planned, done float64, status string, modified, due bool) {
		got := WorkoutCompliance(planned, done, status, modified, due)
		if !slices.Contains(grades, got) {
			t.Fatalf("unknown grade %q", got)
		}
		switch {
		case modified && got != ModifiedByCoach, !modified && got == ModifiedByCoach:
			t.Fatalf("modified %v but %q", modified, got)
		case got == Unplanned && (status != "done" || planned > 0):
			t.Fatalf("%q %v planned: Unplanned", status, planned)
		case got == Pending && (status == "done" || status == "skipped" || due):
			t.Fatalf("%q due %v: Pending", status, due)
		}
		ratio, week := WeekCompliance(planned, done)
		if planned > 0 && !slices.Contains([]Compliance{Green, Amber, Red}, week) ||
			!(planned > 0) && (week != Pending || !math.IsNaN(ratio)) {
			t.Fatalf("WeekCompliance(%v, %v) = (%v, %q)", planned, done, ratio, week)
		}
	})
}

func TestRecoveryTooHard(t *testing.T) {
	for _, c := range []struct {
		rpe         float64
		avgHR, ceil int
		want        bool
	}{
		{2, 130, 145, false},
		{3, 145, 145, false}, // at the limits is still easy
		{3.5, 0, 0, true},    // felt harder than moderate
		{2, 146, 145, true},  // heart rate above zone 2
		{2, 180, 0, false},   // no ceiling known
		{2, 0, 145, false},   // no heart rate recorded
	} {
		if got := RecoveryTooHard(c.rpe, c.avgHR, c.ceil); got != c.want {
			t.Errorf("RecoveryTooHard(%v, %d, %d) = %v, want %v", c.rpe, c.avgHR, c.ceil, got, c.want)
		}
	}
}

func TestWeekTimeAndSoFar(t *testing.T) {
	mon := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	day := func(i int) time.Time { return mon.AddDate(0, 0, i) }
	wo := func(d int, planned bool, status string, plannedS, doneS int) training.Workout {
		return training.Workout{Day: day(d), Planned: planned, Status: status,
			Prescription: training.Prescription{PlannedDurationS: plannedS}, Log: training.Log{DurationS: doneS}}
	}
	week := []training.Workout{
		wo(0, true, "done", 3600, 3000), // due, done
		wo(1, true, "skipped", 1800, 0), // due, skipped
		wo(1, true, "planned", 1200, 0), // due, not logged
		wo(2, false, "done", 0, 2400),   // logged without a plan
		wo(3, true, "planned", 2700, 0), // today, to do
		wo(4, true, "done", 900, 1000),  // done ahead of its day
		wo(5, true, "planned", 5400, 0), // to come
		wo(6, true, "skipped", 600, 0),  // skipped ahead of its day
	}
	if p, d := WeekTime(week); p != 3600+1800+1200+2700+900+5400+600 || d != 3000+2400+1000 {
		t.Errorf("WeekTime = %d, %d", p, d)
	}
	if p, d := WeekSoFar(week, day(3)); p != 3600+1800+1200+900+600 || d != 3000+1000 {
		t.Errorf("WeekSoFar = %d, %d", p, d)
	}
	if p, d := WeekSoFar(nil, day(3)); p != 0 || d != 0 {
		t.Errorf("WeekSoFar of no workouts = %d, %d", p, d)
	}
}
