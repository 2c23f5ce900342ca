package weeks

import (
	"time"

	"rebound/internal/load"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/web/pages/workouts"
)

// Sheet is one athlete's week on one printed page.
type Sheet struct {
	Athlete  training.Athlete
	Start    time.Time
	Week     training.PlanWeek
	HasPlan  bool
	Days     []SheetDay
	PlannedS int
}

// SheetDay is one day's row on the sheet.
type SheetDay struct {
	Date  time.Time
	Items []SheetItem
}

// SheetItem is a workout as printed: what, how much and how hard.
type SheetItem struct {
	training.Workout
	Amount  string // "50 min · 10 km"
	Targets string // "RPE 4 · zone 2: 145–151 bpm, 5:06–5:48 /km"
}

// NewSheet lays out the week from start of the athlete's workouts.
func NewSheet(a training.Athlete, start time.Time, list []training.Workout, week training.PlanWeek, hasPlan bool) Sheet {
	s := Sheet{Athlete: a, Start: start, Week: week, HasPlan: hasPlan}
	for i := range 7 {
		s.Days = append(s.Days, SheetDay{Date: start.AddDate(0, 0, i)})
	}
	sys := units.System(a.Units)
	var planned []training.Workout
	for _, w := range list {
		k := int(w.Day.Sub(start).Hours() / 24)
		if k < 0 || k >= 7 || !w.Planned {
			continue
		}
		s.Days[k].Items = append(s.Days[k].Items, SheetItem{Workout: w, Amount: workouts.Amount(w, sys), Targets: workouts.Targets(a, w)})
		planned = append(planned, w)
	}
	s.PlannedS, _ = load.WeekTime(planned)
	return s
}

// Dates is the week's span: "Mon 23 – Sun 29 November 2026".
func (s Sheet) Dates() string {
	end := s.Start.AddDate(0, 0, 6)
	switch {
	case s.Start.Year() != end.Year():
		return s.Start.Format("Mon 2 January 2006") + " – " + end.Format("Mon 2 January 2006")
	case s.Start.Month() != end.Month():
		return s.Start.Format("Mon 2 January") + " – " + end.Format("Mon 2 January 2006")
	}
	return s.Start.Format("Mon 2") + " – " + end.Format("Mon 2 January 2006")
}

// Empty reports whether no day of the week holds anything.
func (s Sheet) Empty() bool {
	for _, d := range s.Days {
		if len(d.Items) > 0 {
			return false
		}
	}
	return true
}
