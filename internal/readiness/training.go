package readiness

import (
	"fmt"
	"math"

	"rebound/internal/training"
)

// trainingLoad flags a load rising too fast (training.LoadRisingFast) as
// Amber, in words of how fast load has risen relative to what the athlete
// is used to.
func trainingLoad(acwr float64) (Reason, bool) {
	if !training.LoadRisingFast(acwr) {
		return Reason{}, false
	}
	return reason(Amber, CodeLoad,
		fmt.Sprintf("Training load well above your recent normal (acute:chronic %.2f)", math.Round(acwr*100)/100)), true
}

// missedRecovery flags recovery done too hard yesterday (Input.MissedRecovery,
// in the caller's words) as Amber: a recovery session is easy — RPE 3 or less
// on the CR-10 scale (Foster et al. 2001) — so that the body can adapt to
// the hard work around it, and one done hard is more load where the plan
// needed recovery (Seiler 2010). It needs no baseline.
func missedRecovery(what string) (Reason, bool) {
	if what == "" {
		return Reason{}, false
	}
	return reason(Amber, CodeMissedRecovery, what), true
}
