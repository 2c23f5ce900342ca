package workouts

import (
	"math"
	"strconv"
	"strings"

	"rebound/internal/plan"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/internal/zones"
)

// Planned describes a workout's plan in the athlete's units:
// "60 min · 12 km · RPE 4 · zone 2".
func Planned(w training.Workout, sys units.System) string {
	var parts []string
	if amount := Amount(w, sys); amount != "" {
		parts = append(parts, amount)
	}
	if w.TargetRPE > 0 {
		parts = append(parts, units.RPE(w.TargetRPE))
	}
	if w.TargetZone > 0 {
		parts = append(parts, "zone "+strconv.Itoa(w.TargetZone))
	}
	if len(parts) == 0 {
		return "No targets"
	}
	return strings.Join(parts, " · ")
}

// DescriptionHint says whose a workout's text is: written from its
// numbers (and following them) or the coach's own.
func DescriptionHint(w training.Workout) string {
	if w.ID != 0 && w.Structure != nil {
		return "Title and description are written from the numbers and follow them when you change the minutes, RPE or zone. Change either and both are yours."
	}
	return "Warm-up, main set, cool-down; what it is for."
}

// Amount is a workout's planned time and distance: "50 min · 10 km";
// empty when it has neither.
func Amount(w training.Workout, sys units.System) string {
	var parts []string
	if w.PlannedDurationS > 0 {
		parts = append(parts, units.Duration(w.PlannedDurationS))
	}
	if w.PlannedDistanceM > 0 {
		parts = append(parts, sys.Distance(w.PlannedDistanceM))
	}
	return strings.Join(parts, " · ")
}

// Done describes what was logged: "55 min · 10.2 km · RPE 6 · 148 bpm"
// ("RPE not given yet" for a workout from a file the athlete has not rated).
func Done(w training.Workout, sys units.System) string {
	parts := []string{units.Duration(w.Log.DurationS)}
	if w.Log.DistanceM > 0 {
		parts = append(parts, sys.Distance(w.Log.DistanceM))
	}
	if w.Log.Unrated {
		parts = append(parts, "RPE not given yet")
	} else {
		parts = append(parts, units.RPE(w.Log.RPE))
	}
	if w.Log.AvgHR > 0 {
		parts = append(parts, strconv.Itoa(w.Log.AvgHR)+" bpm")
	}
	return strings.Join(parts, " · ")
}

// Targets turns a workout's intensity into the athlete's own numbers:
// "RPE 4 · zone 2: 140–151 bpm, 5:32–6:12 /km". A workout the plan wrote
// states the numbers its text gives (training.Structure.CueAt): at its zone,
// at its main set's when that differs, for its easy parts and for a fast
// start of the run off the bike. Others
// take heart rate from the threshold (else the maximum), pace for runs
// and power for rides from their thresholds; what the profile lacks is
// left out.
func Targets(a training.Athlete, w training.Workout) string {
	var parts []string
	if w.TargetRPE > 0 {
		parts = append(parts, units.RPE(w.TargetRPE))
	}
	if w.TargetZone == 0 {
		return strings.Join(parts, " · ")
	}
	zone := "zone " + strconv.Itoa(w.TargetZone)
	if s := w.Structure; s != nil {
		// Where the text gives no number (uphill repetitions go by feel)
		// the targets give none either.
		if c := plan.CueAt(*s, w.TargetZone); c != "" {
			zone += ": " + c
		}
		parts = append(parts, zone)
		if c := plan.CueAt(*s, s.Zone); s.Reps > 0 && s.Zone != w.TargetZone && c != "" {
			part := "main set"
			if s.Finish {
				part = "finish"
			}
			parts = append(parts, part+" zone "+strconv.Itoa(s.Zone)+": "+c)
		}
		if c := plan.CueAt(*s, 2); s.Warm > 0 && w.TargetZone != 2 && c != "" {
			parts = append(parts, "easy: "+c)
		}
		if s.BrickRace > 0 && s.BrickCue != "" {
			parts = append(parts, "run off the bike: "+s.BrickCue)
		}
		return strings.Join(parts, " · ")
	}
	if ranges := zoneRanges(a, w); len(ranges) > 0 {
		zone += ": " + strings.Join(ranges, ", ")
	}
	return strings.Join(append(parts, zone), " · ")
}

// zoneRanges are the heart rate, pace and power of the workout's zone in
// the athlete's zones.
func zoneRanges(a training.Athlete, w training.Workout) []string {
	var ranges []string
	hr := zones.HeartRateFromThreshold(a.ThresholdHR)
	if hr == nil {
		hr = zones.HeartRateFromMax(a.MaxHR)
	}
	if z, ok := zoneAt(hr, w.TargetZone); ok {
		ranges = append(ranges, span(z, func(v float64) string { return strconv.Itoa(int(v)) })+" bpm")
	}
	switch w.Sport {
	case "run":
		sys := units.System(a.Units)
		if z, ok := zoneAt(zones.RunPaceFromThreshold(float64(a.ThresholdPace)), w.TargetZone); ok && a.ThresholdPace > 0 {
			ranges = append(ranges, sys.PaceZone(z.Low, z.High))
		}
	case "bike":
		if z, ok := zoneAt(zones.PowerFromFTP(a.FTP), w.TargetZone); ok {
			ranges = append(ranges, span(z, func(v float64) string { return strconv.Itoa(int(v)) })+" W")
		}
	}
	return ranges
}

// zoneAt is the n-th zone (1-based) of a ladder, easiest first.
func zoneAt(zs []zones.Zone, n int) (zones.Zone, bool) {
	if n < 1 || n > len(zs) {
		return zones.Zone{}, false
	}
	return zs[n-1], true
}

// span writes a zone's range; the open ends read "up to" and "from".
func span(z zones.Zone, f func(float64) string) string {
	switch {
	case math.IsInf(z.High, 1):
		return "from " + f(z.Low)
	case z.Low <= 0:
		return "up to " + f(z.High)
	}
	return f(z.Low) + "–" + f(z.High)
}
