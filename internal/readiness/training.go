package readiness

import (
	"fmt"
	"math"
)

// loadLimit is the acute:chronic ratio above which the load is flagged, the
// upper edge of the range popularised by Gabbett (2016).
const loadLimit = 1.5

// trainingLoad flags an acute:chronic workload ratio above 1.5, judged at
// the two decimals shown, as Amber. The words describe how fast load has
// risen relative to what the athlete is used to, never an injury risk: the
// ratio does not predict injury well (Impellizzeri et al. 2020). An unknown
// ratio (0, NaN, negative or infinite) is not judged.
func trainingLoad(acwr float64) (Reason, bool) {
	r := math.Round(acwr*100) / 100
	if !(r > loadLimit) || math.IsInf(r, 1) {
		return Reason{}, false
	}
	return reason(Amber, CodeLoad,
		fmt.Sprintf("Training load well above your recent normal (acute:chronic %.2f)", r)), true
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
