package readiness

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// Resting HR thresholds, in bpm above the baseline (this product's design).
const (
	restingHRAmber = 5
	restingHRRed   = 10
)

// restingBPM is a plausible resting HR: 20–250 bpm; anything else is a typo.
func restingBPM(c Answers) (float64, bool) {
	return float64(c.RestingHR), c.RestingHR >= 20 && c.RestingHR <= 250
}

// restingHR compares the morning resting heart rate with the mean of the
// 28 days before (at least 3 readings): 5 bpm or more above is Amber, 10 or
// more Red. A raised morning heart rate is a classic sign of incomplete
// recovery, heat, dehydration or oncoming illness (Achten & Jeukendrup 2003;
// Buchheit 2014). The day itself is left out of the baseline so it cannot
// dilute its own rise. The baseline is rounded to whole bpm, as heart rate
// is measured, and the difference judged on the numbers shown.
//
// Four weeks, because the rise that matters is the one that lasts, and a
// short baseline soon takes it in: against the 7 days before, a steady 58
// after weeks at 50 is no longer flagged on its fifth day (baseline 55, +3);
// against 28 days it stays flagged through its 13th (baseline 53, +5).
// Three readings are enough to start, before the 7-check-in personal
// baseline: they average out one odd morning, and waiting would leave an
// athlete who starts while falling ill unflagged for a week. This product's
// design.
func (d day) restingHR() (Reason, bool) {
	today, ok := restingBPM(*d.checkIn(0))
	base, known := restingBaselineOf(d.values(1, restingHRDays, restingBPM))
	if !ok || !known {
		return Reason{}, false
	}
	baseBPM := int(math.Round(base))
	diff := int(today) - baseBPM
	light := Amber
	switch {
	case diff >= restingHRRed:
		light = Red
	case diff < restingHRAmber:
		return Reason{}, false
	}
	return reason(light, CodeRestingHR,
		fmt.Sprintf("Resting HR %d bpm above your 28-day baseline (%d bpm)", diff, baseBPM)), true
}

// restingBaselineOf is the baseline of the readings of the 28 days before.
func restingBaselineOf(prev []float64) (float64, bool) {
	if len(prev) < minRestingHR {
		return 0, false
	}
	base, _ := meanSD(prev)
	return base, true
}

// HRV normal-range constants.
const (
	hrvBand = 0.5 // half an SD either side of the mean: the smallest worthwhile change (Buchheit 2014)
	// minHRVSD floors the SD, in ln units, so that a run of identical
	// readings does not shrink the normal range to a point. 0.05 is ±2.5 %
	// in ms, below the day-to-day noise of any real measurement.
	minHRVSD = 0.05
	// hrvFactor bounds a plausible reading: within a third and three
	// times the athlete's usual rMSSD (usualHRV).
	hrvFactor = 3
)

// msHRV is a valid rMSSD reading, in ms.
func msHRV(c Answers) (float64, bool) {
	return c.HRV, c.HRV >= 1 && c.HRV <= 1000 // also 0 = none and NaN
}

// lnHRV is ln(rMSSD) of a valid reading.
func lnHRV(c Answers) (float64, bool) {
	if _, ok := msHRV(c); !ok {
		return 0, false
	}
	return math.Log(c.HRV), true
}

// usualHRV is the athlete's usual rMSSD as of day d: the median, in ms, of
// the valid readings of the 60 days before it (at least 7). A reading below
// a third of it or above three times it is implausible for the athlete and
// is left out of the 7-day mean and the normal range alike, so that one
// wrong reading cannot flag a week, or widen the normal range for two
// months. The median, because the readings it screens must not move it.
//
// A value typed in ln units (2.5–5.5 for any rMSSD from 12 to 250 ms) is
// below a third of any usual above 17 ms, and a slipped decimal point (600
// for 60) is far above three times it, while a factor of 3 (1.1 in ln units)
// is several times the day-to-day spread of ln rMSSD (Plews et al. 2012):
// no real morning is left out. This product's design.
func (d day) usualHRV() (float64, bool) {
	return usualHRVOf(d.values(1, hrvNormalDays, msHRV))
}

// usualHRVOf is the usual rMSSD from the readings of those 60 days, which
// it reorders.
func usualHRVOf(prev []float64) (float64, bool) {
	if len(prev) < minHRVUsual {
		return 0, false
	}
	return median(prev), true
}

// plausibleHRV reports whether a reading of ms is within a factor of 3 of
// the usual rMSSD.
func plausibleHRV(ms, usual float64) bool {
	return ms >= usual/hrvFactor && ms <= usual*hrvFactor
}

// keptHRV is lnHRV of the readings plausible against the usual rMSSD; with
// no usual known, of every valid one.
func keptHRV(usual float64, known bool) func(Answers) (float64, bool) {
	return func(c Answers) (float64, bool) {
		if known && !plausibleHRV(c.HRV, usual) {
			return 0, false
		}
		return lnHRV(c)
	}
}

// hrvExcluded notes (Green) that the day's own HRV reading was left out as
// implausible (usualHRV), and asks whether it was ln(rMSSD) when its
// exponential would have been plausible: apps show both, and 4.1 is e^4.1
// ≈ 60 ms.
func (d day) hrvExcluded(usual float64, known bool) (Reason, bool) {
	x, ok := msHRV(*d.checkIn(0))
	if !ok || !known || plausibleHRV(x, usual) {
		return Reason{}, false
	}
	text := fmt.Sprintf("HRV %s ms left out: far from your usual %d ms",
		strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64), int(math.Round(usual)))
	if plausibleHRV(math.Exp(x), usual) {
		text += " — was it ln(rMSSD)?"
	}
	return reason(Green, CodeHRVExcluded, text), true
}

// hrv compares the 7-day rolling mean of ln(rMSSD), the day included, with
// the athlete's normal range, after Plews et al. (2012, 2013) and Buchheit
// (2014):
//
//	rolling = mean of ln(rMSSD) over the day and the 6 before (≥ 3 readings)
//	normal  = m ± 0.5·s, with m and s the mean and SD of the daily ln(rMSSD)
//	          readings of the 60 days before (≥ 14 readings; s ≥ 0.05)
//
// counting only the readings plausible for the athlete (usualHRV). ln
// because rMSSD is skewed and its changes are proportional; the rolling
// mean because single days are noisy and three readings a week already give
// a valid weekly mean (Plews et al. 2014). Days without a reading are simply
// absent: a missing HRV is never read as a low one.
//
// s is the SD of the daily values, not of the 7-day means: neighbouring
// 7-day means share six of their seven days, so their SD is small (about
// s/√7 for independent days) and rests on only a handful of independent
// weeks; half of it would flag ordinary weeks. The daily SD is the athlete's
// real day-to-day spread, gives the wider, steadier range, and is how the
// smallest worthwhile change is defined (Buchheit 2014). Fourteen readings —
// two weeks daily, or about five weeks at three a week — is the fewest that
// estimates s without one odd morning dominating.
//
// Below the range is Amber. Above it is noted (Green) but not penalised: a
// high HRV is usually good, yet can also mean parasympathetic saturation
// (Plews et al. 2012), which only the coach can tell. Values are compared as
// shown, in whole ms.
func (d day) hrv(usual float64, known bool) (Reason, bool) {
	kept := keptHRV(usual, known)
	rolling, ok1 := hrvRollingOf(d.values(0, hrvWeek-1, kept))
	m, s, ok2 := hrvNormalOf(d.values(1, hrvNormalDays, kept))
	if !ok1 || !ok2 {
		return Reason{}, false
	}
	ms := func(ln float64) int { return int(math.Round(math.Exp(ln))) }
	avg, lo, hi := ms(rolling), ms(m-hrvBand*s), ms(m+hrvBand*s)
	text := func(where string) string {
		return fmt.Sprintf("HRV %s your normal range (7-day average %d ms vs %d–%d ms)", where, avg, lo, hi)
	}
	switch {
	case avg < lo:
		return reason(Amber, CodeHRV, text("below")), true
	case avg > hi:
		return reason(Green, CodeHRV, text("above")), true
	}
	return Reason{}, false
}

// hrvRollingOf is the rolling mean of the ln(rMSSD) readings of that week.
func hrvRollingOf(week []float64) (float64, bool) {
	if len(week) < minHRVWeek {
		return 0, false
	}
	m, _ := meanSD(week)
	return m, true
}

// hrvNormalOf is the normal range's mean and (floored) SD from the
// ln(rMSSD) readings of those 60 days.
func hrvNormalOf(normal []float64) (m, s float64, ok bool) {
	if len(normal) < minHRVNormal {
		return 0, 0, false
	}
	m, s = meanSD(normal)
	return m, max(s, minHRVSD), true
}

// Trend is one day of the physiological baselines the scoring rules judge
// against, for charts; NaN where a rule has too few readings that day.
type Trend struct {
	Day             time.Time
	RestingBaseline float64 // bpm: mean of the 28 days before (restingHR)
	HRVRolling      float64 // ms: the 7-day rolling mean of ln(rMSSD), as ms
	HRVLow, HRVHigh float64 // ms: the normal range, mean ± 0.5 SD of the 60 days before
}

// Trends works out the baselines of each of the days from `from`, from
// check-ins of those days and the 60 before them (any order). It reads
// each day's values once and gathers and sums them in the order Score
// does, leaving out the same implausible HRV readings, so the charts show
// Score's figures to the last bit.
func Trends(checkIns []Answers, from time.Time, days int) []Trend {
	days = max(days, 0)
	first := dayNumber(from) - lookback // the day of index 0
	n := lookback + days
	// Each day's readings, NaN where there is none, and each charted day's
	// check-in.
	bpm, ms, ln := make([]float64, n), make([]float64, n), make([]float64, n)
	for j := range n {
		bpm[j], ms[j], ln[j] = math.NaN(), math.NaN(), math.NaN()
	}
	own := make([]*Answers, days)
	for i := range checkIns {
		c := &checkIns[i]
		j := dayNumber(c.Day) - first
		if j < 0 || j >= int64(n) {
			continue
		}
		// A later one on the same day wins, readings and all.
		bpm[j], ms[j], ln[j] = math.NaN(), math.NaN(), math.NaN()
		if v, ok := restingBPM(*c); ok {
			bpm[j] = v
		}
		if v, ok := lnHRV(*c); ok {
			ms[j], ln[j] = c.HRV, v
		}
		if j >= lookback {
			own[j-lookback] = c
		}
	}
	var buf []float64
	// readings are the values of the days from..to days before day t,
	// nearest first, as day.values gathers them, of the days keep allows.
	readings := func(xs []float64, t, from, to int, keep func(j int) bool) []float64 {
		buf = buf[:0]
		for k := from; k <= to; k++ {
			if v := xs[t-k]; !math.IsNaN(v) && keep(t-k) {
				buf = append(buf, v)
			}
		}
		return buf
	}
	all := func(int) bool { return true }
	out := make([]Trend, days)
	for i := range out {
		t := Trend{Day: from.AddDate(0, 0, i), RestingBaseline: math.NaN(), HRVRolling: math.NaN(), HRVLow: math.NaN(), HRVHigh: math.NaN()}
		if own[i] != nil {
			t.Day = own[i].Day
		}
		today := lookback + i
		if b, ok := restingBaselineOf(readings(bpm, today, 1, restingHRDays, all)); ok {
			t.RestingBaseline = b
		}
		usual, known := usualHRVOf(readings(ms, today, 1, hrvNormalDays, all))
		kept := func(j int) bool { return !known || plausibleHRV(ms[j], usual) }
		if r, ok := hrvRollingOf(readings(ln, today, 0, hrvWeek-1, kept)); ok {
			t.HRVRolling = math.Exp(r)
		}
		if m, s, ok := hrvNormalOf(readings(ln, today, 1, hrvNormalDays, kept)); ok {
			t.HRVLow, t.HRVHigh = math.Exp(m-hrvBand*s), math.Exp(m+hrvBand*s)
		}
		out[i] = t
	}
	return out
}
