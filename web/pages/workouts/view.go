package workouts

import (
	"strconv"
	"strings"

	"rebound/internal/store"
	"rebound/internal/units"
)

// Planned describes a workout's plan in the athlete's units:
// "60 min · 12 km · RPE 4 · zone 2".
func Planned(w store.Workout, sys units.System) string {
	var parts []string
	if w.PlannedDurationS > 0 {
		parts = append(parts, units.Duration(w.PlannedDurationS))
	}
	if w.PlannedDistanceM > 0 {
		parts = append(parts, sys.Distance(w.PlannedDistanceM))
	}
	if w.TargetRPE > 0 {
		parts = append(parts, "RPE "+strconv.FormatFloat(w.TargetRPE, 'f', -1, 64))
	}
	if w.TargetZone > 0 {
		parts = append(parts, "zone "+strconv.Itoa(w.TargetZone))
	}
	if len(parts) == 0 {
		return "No targets"
	}
	return strings.Join(parts, " · ")
}

// Done describes what was logged: "55 min · 10.2 km · RPE 6 · 148 bpm".
func Done(w store.Workout, sys units.System) string {
	parts := []string{units.Duration(w.Log.DurationS)}
	if w.Log.DistanceM > 0 {
		parts = append(parts, sys.Distance(w.Log.DistanceM))
	}
	parts = append(parts, "RPE "+strconv.FormatFloat(w.Log.RPE, 'f', -1, 64))
	if w.Log.AvgHR > 0 {
		parts = append(parts, strconv.Itoa(w.Log.AvgHR)+" bpm")
	}
	return strings.Join(parts, " · ")
}
