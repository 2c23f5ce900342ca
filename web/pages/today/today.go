package today

import (
	"strconv"
	"time"

	"rebound/internal/training"
	"rebound/internal/units"
)

// greeting is the home page's hello at the athlete's hour: no "good
// evening" after midnight for an early riser or a night-shift worker.
func greeting(now time.Time) string {
	switch h := now.Hour(); {
	case h < 5:
		return "Hello"
	case h < 12:
		return "Good morning"
	case h < 18:
		return "Good afternoon"
	}
	return "Good evening"
}

// glanceStatus is a workout's state in a few characters: done, skipped,
// or its planned time.
func glanceStatus(w training.Workout) string {
	switch w.Status {
	case "done":
		return "✓ done"
	case "skipped":
		return "skipped"
	}
	if w.PlannedDurationS > 0 {
		return units.Duration(w.PlannedDurationS)
	}
	return ""
}

func workoutPath(a training.Athlete, w training.Workout) string {
	return "/athletes/" + strconv.FormatInt(a.ID, 10) + "/workouts/" + strconv.FormatInt(w.ID, 10)
}

// unrated are the workouts of the week (and yesterday) done from a file
// that the athlete has not said how hard they were, oldest first.
func unrated(d Data) []training.Workout {
	var out []training.Workout
	seen := map[int64]bool{}
	add := func(w training.Workout) {
		if w.Status == "done" && w.Log.Unrated && !w.Day.After(d.Day) && !seen[w.ID] {
			seen[w.ID] = true
			out = append(out, w)
		}
	}
	for _, w := range d.Recent {
		add(w)
	}
	return out
}

// weekEmpty reports whether nothing at all is planned this week: the
// athlete is told plainly, not shown seven days that look like rest.
func weekEmpty(d Data) bool {
	for _, day := range d.Week {
		if len(day.Workouts) > 0 {
			return false
		}
	}
	return true
}
