package load

import (
	"math"
	"slices"
)

// Monotony is Foster's (1998) training monotony: the mean of a week's seven
// daily loads (rest days as 0) divided by their standard deviation.
//
// The deviation is the population one (dividing by 7, not by 6): the seven
// days are the whole week being described, not a sample drawn from a larger
// set, and Foster's examples divide the same way. The sample deviation would
// make every figure √(7/6) ≈ 1.08 times higher and move Foster's warning
// level of 2.
//
// When the loads do not vary the deviation is 0. The same load every day is
// the most monotonous week possible: Monotony returns +Inf, which pages say
// as "very high". An all-rest week has nothing to be monotonous about, and
// an empty week no days: NaN, "not meaningful".
func Monotony(week []float64) float64 {
	// Test equality directly: the mean of equal values can round away from
	// them and leave a tiny spurious deviation.
	if len(week) == 0 || slices.Max(week) <= 0 {
		return math.NaN()
	}
	if slices.Min(week) == slices.Max(week) {
		return math.Inf(1)
	}
	n := float64(len(week))
	var sum float64
	for _, x := range week {
		sum += x
	}
	mean := sum / n
	var squares float64
	for _, x := range week {
		squares += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(squares / n)
	if sd == 0 { // varying values so close together that the squares underflow: as good as the same
		return math.Inf(1)
	}
	return mean / sd
}

// Strain is Foster's (1998) training strain: the week's total load times its
// Monotony. It is NaN wherever Monotony is, and +Inf ("very high") where
// Monotony is.
func Strain(week []float64) float64 {
	var total float64
	for _, x := range week {
		total += x
	}
	return total * Monotony(week)
}

// rampLimit is the weekly progression above which Nielsen et al. (2014) found
// novice runners more often injured.
const rampLimit = 0.30

// eps absorbs floating-point error in threshold comparisons: 130/100 − 1 is
// 0.30000000000000004, yet a 30 % ramp is not "more than 30 %". Real
// differences (a minute in a week) are many orders of magnitude larger.
const eps = 1e-9

// RampFlag compares the last week's total load with the mean of the two weeks
// before it: ramp = last/base − 1, flagged when the ramp is more than 30 %
// (Nielsen et al. 2014, who measured weekly running distance in novice
// runners; applied here to session load). Averaging two weeks keeps one light
// week from making an ordinary week look like a jump. With fewer than three
// weeks or no load in the base there is nothing to compare: (NaN, false).
func RampFlag(weekly []float64) (ramp float64, flagged bool) {
	n := len(weekly)
	if n < 3 {
		return math.NaN(), false
	}
	base := (weekly[n-3] + weekly[n-2]) / 2
	if !(base > 0) {
		return math.NaN(), false
	}
	ramp = weekly[n-1]/base - 1
	return ramp, ramp > rampLimit+eps
}

// WeekLoad is a week's figures from its daily loads: its total, Foster's
// monotony and strain, and its ramp against the weeks before it.
type WeekLoad struct {
	Total, Monotony, Strain float64
	Ramp                    float64 // RampFlag's
	RampFlag                bool
}

// WeekOf works out the figures of the last week of daily: whole weeks of
// daily loads, oldest first, the week itself last.
func WeekOf(daily []float64) WeekLoad {
	var w WeekLoad
	week := daily[len(daily)-7:]
	for _, l := range week {
		w.Total += l
	}
	w.Monotony, w.Strain = Monotony(week), Strain(week)
	weekly := make([]float64, 0, len(daily)/7)
	for i := 0; i+7 <= len(daily); i += 7 {
		var sum float64
		for _, l := range daily[i : i+7] {
			sum += l
		}
		weekly = append(weekly, sum)
	}
	w.Ramp, w.RampFlag = RampFlag(weekly)
	return w
}
