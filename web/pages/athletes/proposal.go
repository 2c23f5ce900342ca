package athletes

import (
	"slices"
	"time"

	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/internal/training"
)

// ProposalDay is one day of a proposal's week, as planned now and as the
// proposal would leave it.
type ProposalDay struct {
	Day           time.Time
	Now, Proposed []ProposalSession
	Changed       bool
}

// ProposalSession is one workout of a ProposalDay.
type ProposalSession struct {
	Title   string
	Kind    string
	Minutes int
	RPE     float64
	Done    bool
}

// ProposalWeek lays the proposal's days out, from the check-in's day for
// a week: ws are the athlete's workouts of those days (others are
// ignored), each adjustment puts its workout's After in place of the
// workout, on its new day when it moves.
func ProposalWeek(p store.Proposal, ws []training.Workout) []ProposalDay {
	days := make([]ProposalDay, 7)
	for i := range days {
		days[i].Day = p.CheckInDay.AddDate(0, 0, i)
	}
	at := func(d time.Time) *ProposalDay {
		i := int(d.Sub(p.CheckInDay).Hours() / 24)
		if i < 0 || i >= len(days) {
			return nil
		}
		return &days[i]
	}
	for _, w := range ws {
		s := ProposalSession{Title: w.Title, Kind: w.Kind, Minutes: w.PlannedDurationS / 60, RPE: w.TargetRPE, Done: w.Status != "planned"}
		if d := at(w.Day); d != nil {
			d.Now = append(d.Now, s)
		}
		i := slices.IndexFunc(p.Adjustments, func(a plan.Adjustment) bool { return a.WorkoutID == w.ID })
		if i < 0 {
			if d := at(w.Day); d != nil {
				d.Proposed = append(d.Proposed, s)
			}
			continue
		}
		a := p.Adjustments[i].After
		if d := at(a.Date); d != nil {
			d.Proposed = append(d.Proposed, ProposalSession{Title: a.Title, Kind: a.Kind, Minutes: a.Minutes, RPE: a.RPE})
			d.Changed = true
		}
		if d := at(w.Day); d != nil {
			d.Changed = true
		}
	}
	return days
}
