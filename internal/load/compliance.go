package load

import (
	"math"
	"time"

	"rebound/internal/training"
)

// Compliance grades how closely a workout, or a week, followed the plan.
type Compliance string

const (
	Green           Compliance = "green"     // 80–120 % of the planned duration
	Amber           Compliance = "amber"     // 50–80 % or 120–150 %
	Red             Compliance = "red"       // beyond those, skipped, or not done by its day
	ModifiedByCoach Compliance = "modified"  // the coach deliberately changed it
	Unplanned       Compliance = "unplanned" // done without a plan
	Pending         Compliance = "pending"   // planned, not yet due or not yet logged
)

// grade applies TrainingPeaks' duration-compliance bands to done/planned:
// green 0.80–1.20, amber 0.50–0.80 or 1.20–1.50, red otherwise. Boundaries
// belong to the better band, within eps so that e.g. 48/60 is green.
func grade(ratio float64) Compliance {
	switch {
	case ratio >= 0.80-eps && ratio <= 1.20+eps:
		return Green
	case ratio >= 0.50-eps && ratio <= 1.50+eps:
		return Amber
	}
	return Red // also NaN
}

// WorkoutCompliance grades one workout, TrainingPeaks-style, from its planned
// and completed minutes. status is "planned", "done" or "skipped" (anything
// else counts as "planned": nothing was logged); due reports whether the
// workout's day has passed.
//
//   - modified by the coach: ModifiedByCoach whatever else holds, because a
//     deliberately changed workout is never "missed";
//   - done with nothing planned: Unplanned;
//   - done: graded on done/planned (see Green, Amber, Red);
//   - skipped: Red;
//   - not logged: Red once due, else Pending.
func WorkoutCompliance(plannedMin, doneMin float64, status string, modifiedByCoach bool, due bool) Compliance {
	switch {
	case modifiedByCoach:
		return ModifiedByCoach
	case status == "done" && !(plannedMin > 0):
		return Unplanned
	case status == "done":
		return grade(doneMin / plannedMin)
	case status == "skipped":
		return Red
	case due:
		return Red
	}
	return Pending
}

// WeekTime is a week's planned time, of its planned workouts, and its
// time done, of every done workout, planned or not, in seconds.
func WeekTime(week []training.Workout) (plannedS, doneS int) {
	for _, w := range week {
		if w.Planned {
			plannedS += w.PlannedDurationS
		}
		if w.Status == "done" {
			doneS += w.Log.DurationS
		}
	}
	return plannedS, doneS
}

// WeekSoFar is what a week's compliance is judged on, in seconds: the
// planned time of its planned workouts that are due (their day is before
// today, or they are done or skipped already) and the time done of those.
// Workouts logged without a plan count in neither. The dashboard's kept
// row sums the same in SQL (athlete_status_refresh, from workout_days),
// held to this by a test.
func WeekSoFar(week []training.Workout, today time.Time) (plannedS, doneS int) {
	for _, w := range week {
		if !w.Planned || !w.Day.Before(today) && w.Status == "planned" {
			continue
		}
		plannedS += w.PlannedDurationS
		if w.Status == "done" {
			doneS += w.Log.DurationS
		}
	}
	return plannedS, doneS
}

// WeekCompliance grades a week from the planned minutes of its workouts whose
// day has passed and the minutes done of those, on the same bands as
// WorkoutCompliance. With nothing planned and due there is nothing to judge
// yet, so it returns (NaN, Pending).
func WeekCompliance(plannedMin, doneMin float64) (ratio float64, c Compliance) {
	if !(plannedMin > 0) {
		return math.NaN(), Pending
	}
	ratio = doneMin / plannedMin
	return ratio, grade(ratio)
}

// RecoveryTooHard reports whether a completed recovery workout was done too
// hard to let the athlete recover: an RPE above training.RecoveryMaxRPE, or
// — when both are known (> 0) — an average heart rate above the athlete's
// zone 2 ceiling.
func RecoveryTooHard(rpe float64, avgHR int, zone2CeilingHR int) bool {
	return rpe > training.RecoveryMaxRPE || (avgHR > 0 && zone2CeilingHR > 0 && avgHR > zone2CeilingHR)
}
