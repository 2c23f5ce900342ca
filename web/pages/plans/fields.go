package plans

import (
	"rebound/internal/plan"
	"rebound/web/components"
)

// PlanFields is the new-plan form (Form), posted again from the preview
// (Preview).
type PlanFields struct {
	components.Problems

	Event, Sport, Start, Weeks, WeeklyMinutes, Experience, LongDay components.Text

	CutbackEvery, CutbackDepth, MaxRamp, KeyWorkouts, TaperDays components.Text

	// A new goal event, entered on the form.
	EventName, EventDay, EventKind, EventPriority components.Text

	Days         [7]DayFields    // by time.Weekday, Sunday first
	Availability components.Text // the days as a whole: an error, no input
}

// DayFields is one day of the availability table.
type DayFields struct {
	Avail components.Text // "on": the athlete can train
	Max   components.Text // at most these minutes
}

// Input is a field of the form and its input's name.
type Input struct {
	Name string
	Text *components.Text
}

// Inputs are the form's inputs by name: what is read from a post, what
// the preview posts again, and what a saved plan keeps.
func (f *PlanFields) Inputs() []Input {
	in := []Input{{"event", &f.Event}, {"sport", &f.Sport}, {"start", &f.Start}, {"weeks", &f.Weeks},
		{"weekly_minutes", &f.WeeklyMinutes}, {"experience", &f.Experience}, {"long_day", &f.LongDay},
		{"cutback_every", &f.CutbackEvery}, {"cutback_depth", &f.CutbackDepth}, {"max_ramp", &f.MaxRamp},
		{"key_workouts", &f.KeyWorkouts}, {"taper_days", &f.TaperDays},
		{"event_name", &f.EventName}, {"event_day", &f.EventDay}, {"event_kind", &f.EventKind}, {"event_priority", &f.EventPriority}}
	for i, key := range plan.WeekdayKeys {
		in = append(in, Input{"avail_" + key, &f.Days[i].Avail}, Input{"max_" + key, &f.Days[i].Max})
	}
	return in
}
