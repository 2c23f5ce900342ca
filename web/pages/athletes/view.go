package athletes

import (
	"math"
	"strconv"
	"time"

	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/internal/zones"
	"rebound/web/components"
)

// EventKind describes an event's distance in the athlete's units.
func EventKind(e training.Event, sys units.System) string {
	if e.Kind == "custom" && e.DistanceM > 0 {
		return components.Words(e.Sport) + ", " + sys.Distance(e.DistanceM)
	}
	return components.Words(e.Kind)
}

func volume(a training.Athlete) string {
	if a.WeeklyMinutes == 0 {
		return "not set"
	}
	out := units.Duration(a.WeeklyMinutes*60) + " a week"
	sys := units.System(a.Units)
	if a.WeeklyRunM > 0 {
		out += "; run " + sys.Distance(a.WeeklyRunM)
	}
	if a.WeeklyBikeM > 0 {
		out += "; bike " + sys.Distance(a.WeeklyBikeM)
	}
	return out
}

func bpm(z zones.Zone) string {
	if math.IsInf(z.High, 1) {
		return "≥ " + strconv.Itoa(int(z.Low)) + " bpm"
	}
	if z.Low <= 0 {
		return "≤ " + strconv.Itoa(int(z.High)) + " bpm"
	}
	return strconv.Itoa(int(z.Low)) + "–" + strconv.Itoa(int(z.High)) + " bpm"
}

func watts(z zones.Zone) string {
	if math.IsInf(z.High, 1) {
		return "≥ " + strconv.Itoa(int(z.Low)) + " W"
	}
	if z.Low <= 0 {
		return "≤ " + strconv.Itoa(int(z.High)) + " W"
	}
	return strconv.Itoa(int(z.Low)) + "–" + strconv.Itoa(int(z.High)) + " W"
}

// pace shows a pace zone (seconds per km, slower = larger) in the
// athlete's units, fastest bound first.
func pace(a training.Athlete) func(zones.Zone) string {
	sys := units.System(a.Units)
	return func(z zones.Zone) string { return sys.PaceZone(z.Low, z.High) }
}

// Overview is the athlete page's record: charts of the last 90 days, the
// last two weeks of check-ins, the weeks ahead and the latest changes.
type Overview struct {
	Readiness, RestingHR, HRV components.TimeChart
	Load                      components.TimeChart
	Volume                    components.BarChart
	CheckIns                  []training.CheckIn // the last two weeks
	Weeks                     []WeekAhead        // this week and the next ones
	Changes                   []training.Change  // the latest first
}

// WeekAhead is one coming week: what the plan says and what is in it.
type WeekAhead struct {
	Start    time.Time
	Path     string
	Week     training.PlanWeek
	InPlan   bool
	Current  bool
	PlannedS int
	DoneS    int
}

// weekVolume is a week's planned time, and what is done of it so far.
func weekVolume(w WeekAhead) string {
	switch {
	case w.PlannedS == 0 && w.DoneS == 0:
		return "nothing planned yet"
	case w.DoneS == 0:
		return units.Duration(w.PlannedS) + " planned"
	}
	return units.Duration(w.DoneS) + " done of " + units.Duration(w.PlannedS)
}
