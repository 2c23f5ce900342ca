package imports

import (
	"rebound/internal/store"
	"rebound/internal/training"
)

// Match picks the workout an activity is the record of, among the
// workouts planned on its day in its sport that are still to do (the
// store finds those, rest days and workouts with a file left out): the
// one whose planned time is closest to the activity's, the first planned
// on a tie. With none, the activity becomes a workout of its own.
func Match(a store.NewActivity, candidates []training.Workout) (int64, bool) {
	best, bestGap := int64(0), -1
	for _, w := range candidates {
		gap := w.PlannedDurationS - a.DurationS()
		if gap < 0 {
			gap = -gap
		}
		if bestGap < 0 || gap < bestGap {
			best, bestGap = w.ID, gap
		}
	}
	return best, bestGap >= 0
}
