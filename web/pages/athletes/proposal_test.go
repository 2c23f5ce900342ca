package athletes

import (
	"testing"
	"time"

	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/internal/training"
)

// A proposal's week: the intervals move from Tuesday to Thursday, the easy
// run from Thursday to Tuesday; Wednesday's recovery and the days after
// the week are as they were.
func TestProposalWeek(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	wo := func(id int64, d int, kind string, minutes int) training.Workout {
		return training.Workout{ID: id, Day: day(d), Status: "planned", Prescription: training.Prescription{Kind: kind, Title: kind, PlannedDurationS: minutes * 60}}
	}
	ws := []training.Workout{wo(1, 3, "intervals", 60), wo(2, 4, "recovery", 30), wo(3, 5, "easy", 50), wo(4, 12, "long", 100)}
	p := store.Proposal{CheckInDay: day(3), Adjustments: []plan.Adjustment{
		{WorkoutID: 1, After: plan.Upcoming{Date: day(5), Kind: "intervals", Title: "intervals", Minutes: 60}},
		{WorkoutID: 3, After: plan.Upcoming{Date: day(3), Kind: "easy", Title: "easy", Minutes: 50}},
	}}
	week := ProposalWeek(p, ws)
	if len(week) != 7 || !week[0].Day.Equal(day(3)) || !week[6].Day.Equal(day(9)) {
		t.Fatalf("days %v to %v", week[0].Day, week[len(week)-1].Day)
	}
	kinds := func(list []ProposalSession) string {
		s := ""
		for _, x := range list {
			s += x.Kind + " "
		}
		return s
	}
	for i, want := range []struct {
		now, proposed string
		changed       bool
	}{
		{"intervals ", "easy ", true},
		{"recovery ", "recovery ", false},
		{"easy ", "intervals ", true},
		{"", "", false},
	} {
		d := week[i]
		if kinds(d.Now) != want.now || kinds(d.Proposed) != want.proposed || d.Changed != want.changed {
			t.Errorf("%s: now %q proposed %q changed %v", d.Day.Format("Mon"), kinds(d.Now), kinds(d.Proposed), d.Changed)
		}
	}
}
