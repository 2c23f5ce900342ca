package load

import (
	"math"
	"math/rand"
)

// The day-by-day recurrences over a slice of daily loads: the reference
// State and Advance (state.go), which step over the days with load, are
// held equal to (TestAdvanceMatchesTheRecurrences).

// EWMA is the exponentially weighted moving average of daily loads with
// decay λ = 2/(n+1) (Williams et al. 2017):
//
//	EWMA_t = λ·load_t + (1 − λ)·EWMA_{t−1}
//
// seeded with the first day's load (EWMA_0 = load_0), so a constant load has
// a constant average instead of climbing from an imaginary history of zeros.
// The price is that an unusual first day weighs on the early days. It returns
// nil for n < 1.
func EWMA(daily []float64, n int) []float64 {
	if n < 1 {
		return nil
	}
	lambda := 2 / float64(n+1)
	out := make([]float64, len(daily))
	for t, x := range daily {
		if t == 0 {
			out[0] = x
			continue
		}
		// Same formula rearranged: when the load equals the average the step
		// is exactly 0, so a constant load stays exactly constant.
		prev := out[t-1]
		out[t] = prev + lambda*(x-prev)
	}
	return out
}

// ACWR is the acute:chronic workload ratio per day: EWMA(daily, 7) divided by
// EWMA(daily, 28) (Williams et al. 2017). Where the chronic average is 0 there
// is no basis for a ratio and the day is NaN.
//
// The ratio describes how fast load is changing relative to what the athlete
// is used to. It is NOT an injury predictor: the evidence for that is weak and
// the ratio has conceptual and statistical flaws (Impellizzeri et al. 2020).
func ACWR(daily []float64) []float64 {
	acute, chronic := EWMA(daily, 7), EWMA(daily, 28)
	ratio := make([]float64, len(daily))
	for t := range daily {
		if chronic[t] == 0 {
			ratio[t] = math.NaN()
			continue
		}
		ratio[t] = acute[t] / chronic[t]
	}
	return ratio
}

// PerformanceManagement runs Banister et al.'s (1975) impulse-response model
// as TrainingPeaks' Performance Management Chart computes it (Allen & Coggan,
// Training and Racing with a Power Meter, 2010), starting from 0:
//
//	CTL_t = CTL_{t−1} + (load_t − CTL_{t−1}) / 42
//	ATL_t = ATL_{t−1} + (load_t − ATL_{t−1}) / 7
//	TSB_t = CTL_{t−1} − ATL_{t−1}   (TSB_0 = 0)
//
// TSB uses yesterday's values because form is how fresh the athlete is
// before today's training. The model is linear, so session-RPE loads work in
// place of TSS; only the scale of the numbers differs.
func PerformanceManagement(daily []float64) []Form {
	out := make([]Form, len(daily))
	var ctl, atl float64
	for t, x := range daily {
		tsb := ctl - atl
		ctl += (x - ctl) / 42
		atl += (x - atl) / 7
		out[t] = Form{ATL: atl, CTL: ctl, TSB: tsb}
	}
	return out
}

// randomLoads is a plausible training history: about a third rest days, the
// rest up to 1200 AU (RPE 10 × 2 h).
func randomLoads(rng *rand.Rand, n int) []float64 {
	daily := make([]float64, n)
	for i := range daily {
		if rng.Intn(3) > 0 {
			daily[i] = rng.Float64() * 1200
		}
	}
	return daily
}
