package workouts

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"rebound/internal/load"
	"rebound/internal/store"
	"rebound/internal/timezone"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/web/components"
)

// ShowData is the workout's page: its plan, what was done, and the file
// from the watch it was logged from, if any.
type ShowData struct {
	Athlete  training.Athlete
	Workout  training.Workout
	Activity *store.Activity    // nil: logged by hand, or not yet
	Others   []training.Workout // the day's other workouts that could take the file
	Back     string             // the week
	Coach    bool               // the viewer is the athlete's coach
	CanLog   bool               // its day has come
	Zone2    int                // the athlete's zone 2 ceiling, bpm; 0: unknown
	Problem  string
}

func (d ShowData) base() string {
	return "/athletes/" + strconv.FormatInt(d.Athlete.ID, 10) + "/workouts/" + strconv.FormatInt(d.Workout.ID, 10)
}

func (d ShowData) sys() units.System { return units.System(d.Athlete.Units) }

// LoadMethodText says where an unrated workout's load comes from.
func LoadMethodText(w training.Workout) string {
	if !w.Log.Unrated {
		return ""
	}
	switch w.Log.LoadMethod {
	case "power":
		return "estimated from power"
	case "heart rate":
		return "estimated from heart rate"
	}
	return "no estimate: the file has neither heart rate nor power"
}

// LoadText is a done workout's load with where it comes from: "385",
// "57 (estimated from heart rate)".
func LoadText(w training.Workout) string {
	l := strconv.Itoa(int(math.Round(load.Logged(w.Log))))
	if m := LoadMethodText(w); m != "" {
		return l + " (" + m + ")"
	}
	return l
}

// stat is one figure of the file.
type stat struct{ Label, Value string }

// stats are the file's figures in the athlete's units.
func (d ShowData) stats() []stat {
	x, sys := d.Activity, d.sys()
	loc := timezone.Location(d.Athlete.Timezone)
	out := []stat{
		{"Start", x.Start.In(loc).Format("Mon 2 Jan 2006, 15:04")},
		{"Moving time", clockTime(x.MovingS)},
		{"Elapsed time", clockTime(x.ElapsedS)},
	}
	if x.DistanceM > 0 {
		out = append(out, stat{"Distance", sys.Distance(int(math.Round(x.DistanceM)))})
		if avg := averageSpeed(x); avg > 0 {
			out = append(out, stat{speedLabel(x.Sport), speedText(x.Sport, sys, avg)})
		}
	}
	if x.AscentM > 0 {
		out = append(out, stat{"Climbing", strconv.Itoa(int(math.Round(x.AscentM))) + " m"})
	}
	if x.AvgHR > 0 {
		out = append(out, stat{"Heart rate", strconv.Itoa(x.AvgHR) + " bpm average, " + strconv.Itoa(x.MaxHR) + " max"})
	}
	if x.AvgPower > 0 {
		p := strconv.Itoa(x.AvgPower) + " W average"
		if x.NormPower > 0 {
			p += ", " + strconv.Itoa(x.NormPower) + " W normalized"
		}
		out = append(out, stat{"Power", p})
	}
	if d.Zone2 > 0 && len(x.Stream.HR) > 0 && d.Workout.Kind == "recovery" {
		out = append(out, stat{"Above zone 2 (" + strconv.Itoa(d.Zone2) + " bpm)", clockTime(TimeAbove(x.Stream, d.Zone2))})
	}
	est := strconv.Itoa(int(math.Round(x.EstimatedLoad)))
	switch x.LoadMethod {
	case "power":
		est += ", from power"
	case "heart rate":
		est += ", from heart rate"
	default:
		est = "none: no heart rate or power"
	}
	return append(out, stat{"Estimated load", est})
}

// TimeAbove is how long the samples' heart rate was above ceiling: each
// sample above it counts until the next one (at most a step).
func TimeAbove(s store.Stream, ceiling int) int {
	total := 0
	for i, hr := range s.HR {
		if hr <= ceiling || i >= len(s.T) {
			continue
		}
		d := s.StepS
		if i+1 < len(s.T) {
			d = min(d, s.T[i+1]-s.T[i])
		}
		total += max(d, 0)
	}
	return total
}

// clockTime writes seconds as h:mm:ss (or m:ss).
func clockTime(s int) string {
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

func averageSpeed(x *store.Activity) float64 {
	t := x.MovingS
	if t <= 0 {
		t = x.ElapsedS
	}
	if t <= 0 {
		return 0
	}
	return x.DistanceM / float64(t)
}

// paced sports show a pace (time per distance), the others a speed.
func paced(sport string) bool { return sport == "run" || sport == "swim" }

func speedLabel(sport string) string {
	if paced(sport) {
		return "Average pace"
	}
	return "Average speed"
}

// speedText writes a speed (m/s) as runners, swimmers and cyclists read
// it: min:ss per km or mile, per 100 m in the water, km/h or mph.
func speedText(sport string, sys units.System, ms float64) string {
	switch {
	case !(ms > 0):
		return "–"
	case sport == "swim":
		sec := int(math.Round(100 / ms))
		return fmt.Sprintf("%d:%02d /100 m", sec/60, sec%60)
	case sport == "run":
		return sys.Pace(1000 / ms)
	case sys == units.Imperial:
		return strconv.FormatFloat(ms*3.6/1.609344, 'f', 1, 64) + " mph"
	}
	return strconv.FormatFloat(ms*3.6, 'f', 1, 64) + " km/h"
}

// lapSpeed is a lap's pace or speed.
func lapSpeed(sport string, sys units.System, l store.Lap) string {
	if l.ElapsedS <= 0 || l.DistanceM <= 0 {
		return "–"
	}
	return speedText(sport, sys, l.DistanceM/float64(l.ElapsedS))
}

func lapDistance(sys units.System, sport string, m float64) string {
	if m <= 0 {
		return "–"
	}
	if sport == "swim" {
		return strconv.Itoa(int(math.Round(m))) + " m"
	}
	return sys.Distance(int(math.Round(m)))
}

func optional(v int, unit string) string {
	if v <= 0 {
		return "–"
	}
	return strconv.Itoa(v) + " " + unit
}

func minutes(s int) string {
	return units.Duration(s)
}

// traceHeight is the charts' height in viewBox units (600 wide): tall
// enough to read on a phone.
const traceHeight = 230

// heartTrace is the heart-rate chart of the file.
func (d ShowData) heartTrace() components.Trace {
	x := d.Activity
	vals := make([]float64, len(x.Stream.HR))
	for i, hr := range x.Stream.HR {
		vals[i] = math.NaN()
		if hr > 0 {
			vals[i] = float64(hr)
		}
	}
	desc := fmt.Sprintf("Heart rate over %s: %d bpm on average, %d at most.", minutes(x.ElapsedS), x.AvgHR, x.MaxHR)
	if d.Zone2 > 0 && d.Workout.Kind == "recovery" {
		desc += fmt.Sprintf(" Zone 2 ends at %d bpm; %s above it.", d.Zone2, clockTime(TimeAbove(x.Stream, d.Zone2)))
	}
	return components.Trace{ID: "trace-hr", Title: "Heart rate", Desc: desc, Unit: "bpm", Seconds: x.Stream.T, Values: vals,
		Gap: 3 * x.Stream.StepS, Class: "series-hr", Height: traceHeight}
}

// effortTrace is the second chart: power on a ride that has it, else pace
// (runs and swims) or speed.
func (d ShowData) effortTrace() (components.Trace, bool) {
	x, sys := d.Activity, d.sys()
	gap := 3 * x.Stream.StepS
	if x.Sport == "bike" && len(x.Stream.Power) > 0 {
		vals := make([]float64, len(x.Stream.Power))
		for i, p := range x.Stream.Power {
			vals[i] = float64(p)
		}
		desc := fmt.Sprintf("Power over %s: %d W on average", minutes(x.ElapsedS), x.AvgPower)
		if x.NormPower > 0 {
			desc += fmt.Sprintf(", %d W normalized", x.NormPower)
		}
		return components.Trace{ID: "trace-power", Title: "Power", Desc: desc + ".", Unit: "W", Seconds: x.Stream.T, Values: vals,
			Gap: gap, Trim: true, Class: "series-power", Height: traceHeight}, true
	}
	if len(x.Stream.Speed) == 0 {
		return components.Trace{}, false
	}
	vals := make([]float64, len(x.Stream.Speed))
	avg := speedText(x.Sport, sys, averageSpeed(x))
	if paced(x.Sport) {
		per, unit := 1000.0, "min/km"
		if sys == units.Imperial {
			per, unit = 1609.344, "min/mi"
		}
		if x.Sport == "swim" {
			per, unit = 100, "min/100 m"
		}
		for i, v := range x.Stream.Speed {
			vals[i] = math.NaN()
			if v >= 0.3 { // slower is standing still
				vals[i] = per / v
			}
		}
		return components.Trace{ID: "trace-pace", Title: "Pace", Desc: fmt.Sprintf("Pace over %s: %s on average; faster is higher.", minutes(x.ElapsedS), avg),
			Unit: unit, Seconds: x.Stream.T, Values: vals, Gap: gap, Invert: true, Trim: true, Label: paceLabel, Class: "series-pace", Height: traceHeight}, true
	}
	factor, unit := 3.6, "km/h"
	if sys == units.Imperial {
		factor, unit = 3.6/1.609344, "mph"
	}
	for i, v := range x.Stream.Speed {
		vals[i] = v * factor
	}
	return components.Trace{ID: "trace-speed", Title: "Speed", Desc: fmt.Sprintf("Speed over %s: %s on average.", minutes(x.ElapsedS), avg),
		Unit: unit, Seconds: x.Stream.T, Values: vals, Gap: gap, Trim: true, Class: "series-speed", Height: traceHeight}, true
}

// paceLabel writes a pace tick (seconds) as m:ss.
func paceLabel(s float64) string {
	sec := int(math.Round(s))
	return fmt.Sprintf("%d:%02d", sec/60, sec%60)
}

// otherLabel names a workout the file could move to.
func otherLabel(w training.Workout, sys units.System) string {
	parts := []string{w.Title}
	if a := Amount(w, sys); a != "" {
		parts = append(parts, a)
	}
	switch w.Status {
	case "done":
		parts = append(parts, "logged by hand")
	case "skipped":
		parts = append(parts, "skipped")
	}
	return strings.Join(parts, " · ")
}

func dayText(t time.Time) string { return t.Format("Monday 2 January 2006") }

func lapSpeedLabel(sport string) string {
	if paced(sport) {
		return "Pace"
	}
	return "Speed"
}

// rateWord is the CR-10 scale's word for a rating, for a screen reader.
func rateWord(rpe int) string {
	if w, ok := rpeWords[rpe]; ok {
		return ", " + w
	}
	return ""
}

// uploadedAt is when the file was uploaded, in the athlete's zone.
func (d ShowData) uploadedAt() string {
	return d.Activity.UploadedAt.In(timezone.Location(d.Athlete.Timezone)).Format("2 Jan 2006, 15:04")
}
