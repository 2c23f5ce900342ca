// Package readiness owns the scoring of the athlete's daily check-in: from
// today's report, the weeks of check-ins before it and the training load it
// turns one day into a 0–100 score, a green, amber or red light and the
// reasons for both, in plain words for the athlete and the coach. Recovery is
// where the gains are made; the light says when recovery has not kept up.
//
// Two kinds of rule apply. Plain thresholds (illness, injury, short sleep,
// a low wellness sum, an item at its worst, a fast rise in load) work from
// the first check-in. Personal-baseline rules (resting HR, HRV, wellness and
// sleep against the athlete's own normal) apply only once there are enough
// check-ins to know what normal is: at least 7 in the 28 days before today.
//
// The package is pure and deterministic: callers load check-ins, compute the
// acute:chronic ratio with package load, and render the Result. Numbers are
// judged as they are shown (whole bpm, whole ms, whole minutes, the load
// ratio to two decimals), so the words never contradict the light.
package readiness

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// CheckIn is one day's readiness report. Zero RestingHR / HRV mean "not
// given". A value outside its documented range is treated as not given too:
// the form validates input, so such a value is a corrupt record, and judging
// it would be guessing.
type CheckIn struct {
	Day        time.Time // calendar day at 00:00 UTC (other times count as their own calendar day)
	SleepHours float64   // 0–24; always given, so 0 means no sleep

	// 1–5, 5 = best (fresh, no soreness, relaxed, ...)
	SleepQuality, Fatigue, Soreness, Stress, Mood, Motivation int

	RestingHR int     // bpm, 0 = none; plausible 20–250
	HRV       float64 // rMSSD in ms, 0 = none; plausible 1–1000

	Illness, Injury bool
}

// Light is the traffic light of a day, or the seriousness of one reason.
type Light string

const (
	Green Light = "green" // train as planned
	Amber Light = "amber" // train, but watch it or ease off
	Red   Light = "red"   // rest, or talk to the coach before training hard
)

// Reason is one finding behind a Result. Its Code is one of "illness",
// "injury", "resting_hr", "hrv", "wellness", "item_low", "sleep", "load", or
// "ok" for the note on a day with nothing to report.
type Reason struct {
	Light Light  // how serious: Red or Amber; Green for a note that costs nothing
	Code  string // stable machine code
	Text  string // plain words for the athlete and coach
}

// Result is a scored check-in.
type Result struct {
	Score    int      // 0–100, higher = more ready; always inside the Light's band
	Light    Light    // the most serious reason's light
	Reasons  []Reason // most serious first; never empty
	Baseline bool     // personal-baseline rules applied (>= 7 check-ins in the 28 days before today)
}

// Input is everything Score needs.
type Input struct {
	Today CheckIn
	// Earlier check-ins, any order. Entries on or after Today's day are
	// ignored; of several on one day the last in the slice counts, as an
	// edit appended after the original would. Only the last 60 days matter.
	History []CheckIn
	ACWR    float64 // acute:chronic load ratio as of today from package load; 0 or NaN = unknown
}

// Windows, in days before today, and how many readings each rule needs.
const (
	baselineDays = 28 // personal baseline: the four weeks before today
	minBaseline  = 7  // check-ins (and valid values) a baseline needs

	restingHRDays = 7 // resting HR baseline: the week before today
	minRestingHR  = 3

	hrvWeek       = 7 // the rolling HRV mean: today and the 6 days before
	minHRVWeek    = 3 // Plews et al. 2014
	hrvNormalDays = 60
	minHRVNormal  = 14

	// The longest look back; window holds this many days plus today.
	lookback = hrvNormalDays
)

// Score judges in.Today against the plain thresholds and, with enough
// history, against the athlete's own baselines, and scores the day.
//
// Light: Red if any reason is Red, else Amber if any is Amber, else Green.
// Several Amber reasons never add up to Red: only a Red finding means stop.
//
// Score: 100 − (25 − wellness sum) − 50 per Red reason − 20 per Amber
// reason, then clamped into the band of the light: Green 80–100, Amber 50–79,
// Red 0–49. The bands do not overlap, so the number alone gives the light.
// The wellness term (0 when today's items are not all given) lets an
// unremarkable day still show how the athlete feels: all items at 4 is 95,
// all at 3 is 90. One Amber reason on an ordinary day gives about 75, one Red
// about 45. These weights are this product's design, not a published
// instrument. Adding a reason never raises the score.
func Score(in Input) Result {
	w := newWindow(in)
	baseline := w.checkIns(1, baselineDays) >= minBaseline

	var reasons []Reason
	add := func(r Reason, found bool) {
		if found {
			reasons = append(reasons, r)
		}
	}
	if in.Today.Illness {
		reasons = append(reasons, Reason{Red, "illness", "Reported illness"})
	}
	if in.Today.Injury {
		reasons = append(reasons, Reason{Red, "injury", "Reported injury"})
	}
	if baseline {
		add(w.restingHR())
		add(w.hrv())
	}
	add(w.wellness(baseline))
	reasons = append(reasons, itemsLow(in.Today)...)
	add(w.sleep(baseline))
	add(trainingLoad(in.ACWR))

	if len(reasons) == 0 {
		text := "All markers within your normal range"
		if !baseline {
			// Without a baseline there is no personal normal to be within.
			text = "No warning signs today (personal baselines start after 7 check-ins in 4 weeks)"
		}
		reasons = append(reasons, Reason{Green, "ok", text})
	}
	slices.SortStableFunc(reasons, func(a, b Reason) int { return rank(a.Light) - rank(b.Light) })

	raw := 100
	if sum, ok := wellnessSum(in.Today); ok {
		raw -= maxWellness - sum
	}
	for _, r := range reasons {
		raw -= penalty[r.Light]
	}
	light := reasons[0].Light
	return Result{
		Score:    min(max(raw, bands[light].low), bands[light].high),
		Light:    light,
		Reasons:  reasons,
		Baseline: baseline,
	}
}

// rank orders lights most serious first.
func rank(l Light) int {
	switch l {
	case Red:
		return 0
	case Amber:
		return 1
	}
	return 2
}

// penalty is what one reason of each light takes off the score.
var penalty = map[Light]int{Red: 50, Amber: 20, Green: 0}

// bands are the inclusive score ranges of each light.
var bands = map[Light]struct{ low, high int }{
	Green: {80, 100},
	Amber: {50, 79},
	Red:   {0, 49},
}

// MissedDays is the number of whole calendar days strictly between the last
// check-in and today: 0 if the last was today or yesterday, 1 if it was two
// days before today, and so on. A zero last (no check-in yet) or one after
// today gives 0: nothing has been missed that was never started.
func MissedDays(last, today time.Time) int {
	if last.IsZero() {
		return 0
	}
	return int(max(dayNumber(today)-dayNumber(last)-1, 0))
}

// Missed reports whether MissedDays is 2 or more, that is the last check-in
// was 3 or more days before today: one forgotten day is ordinary life, two in
// a row is worth the coach's attention (the design's "missed check-ins (2+
// days)").
func Missed(last, today time.Time) bool {
	return MissedDays(last, today) >= 2
}

// dayNumber is t's calendar day, in t's own location, as days since
// 1970-01-01. Unix seconds, unlike time.Duration, cannot overflow for any real
// date, and midnight UTC is a whole number of days from the epoch, so the
// division is exact before 1970 too.
func dayNumber(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / (24 * 60 * 60)
}

// window holds the check-ins of today (index 0) and of the lookback days
// before it (index k = k days ago), nil where there is none.
type window [lookback + 1]*CheckIn

func newWindow(in Input) *window {
	var w window
	w[0] = &in.Today
	today := dayNumber(in.Today.Day)
	for i := range in.History {
		// Entries on or after today are ignored: today is in.Today, and a
		// future entry is a clock or data error.
		if k := today - dayNumber(in.History[i].Day); k >= 1 && k <= lookback {
			w[k] = &in.History[i] // a later duplicate replaces an earlier one
		}
	}
	return &w
}

// checkIns counts the check-ins from days from to to before today.
func (w *window) checkIns(from, to int) int {
	n := 0
	for _, c := range w[from : to+1] {
		if c != nil {
			n++
		}
	}
	return n
}

// values collects f's valid values from days from to to before today.
func (w *window) values(from, to int, f func(CheckIn) (float64, bool)) []float64 {
	var xs []float64
	for _, c := range w[from : to+1] {
		if c == nil {
			continue
		}
		if x, ok := f(*c); ok {
			xs = append(xs, x)
		}
	}
	return xs
}

// meanSD is the mean and sample standard deviation (n − 1) of xs, which has
// at least two values.
func meanSD(xs []float64) (mean, sd float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	var squares float64
	for _, x := range xs {
		squares += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(squares / float64(len(xs)-1))
}

// Resting HR thresholds, in bpm above the baseline (this product's design).
const (
	restingHRAmber = 5
	restingHRRed   = 10
)

// restingBPM is a plausible resting HR: 20–250 bpm; anything else is a typo.
func restingBPM(c CheckIn) (float64, bool) {
	return float64(c.RestingHR), c.RestingHR >= 20 && c.RestingHR <= 250
}

// restingHR compares today's morning resting heart rate with the mean of the
// 7 days before today (at least 3 readings): 5 bpm or more above is Amber,
// 10 or more Red. A raised morning heart rate is a classic sign of incomplete
// recovery, heat, dehydration or oncoming illness (Achten & Jeukendrup 2003;
// Buchheit 2014). Today is left out of the baseline so it cannot dilute its
// own rise. The baseline is rounded to whole bpm, as heart rate is measured,
// and the difference judged on the numbers shown.
func (w *window) restingHR() (Reason, bool) {
	today, ok := restingBPM(*w[0])
	base, known := w.restingBaseline()
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
	return Reason{light, "resting_hr",
		fmt.Sprintf("Resting HR %d bpm above your 7-day baseline (%d bpm)", diff, baseBPM)}, true
}

// restingBaseline is the mean resting HR of the 7 days before today.
func (w *window) restingBaseline() (float64, bool) {
	return restingBaselineOf(w.values(1, restingHRDays, restingBPM))
}

// restingBaselineOf is the baseline of the readings of those 7 days.
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
)

// lnHRV is ln(rMSSD) of a plausible reading.
func lnHRV(c CheckIn) (float64, bool) {
	if !(c.HRV >= 1 && c.HRV <= 1000) { // also 0 = none and NaN
		return 0, false
	}
	return math.Log(c.HRV), true
}

// hrv compares the 7-day rolling mean of ln(rMSSD), today included, with the
// athlete's normal range, after Plews et al. (2012, 2013) and Buchheit (2014):
//
//	rolling = mean of ln(rMSSD) over today and the 6 days before (≥ 3 readings)
//	normal  = m ± 0.5·s, with m and s the mean and SD of the daily ln(rMSSD)
//	          readings of the 60 days before today (≥ 14 readings; s ≥ 0.05)
//
// ln because rMSSD is skewed and its changes are proportional; the rolling
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
func (w *window) hrv() (Reason, bool) {
	rolling, ok1 := w.hrvRolling()
	m, s, ok2 := w.hrvNormal()
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
		return Reason{Amber, "hrv", text("below")}, true
	case avg > hi:
		return Reason{Green, "hrv", text("above")}, true
	}
	return Reason{}, false
}

// hrvRolling is the mean ln(rMSSD) of today and the 6 days before.
func (w *window) hrvRolling() (float64, bool) {
	return hrvRollingOf(w.values(0, hrvWeek-1, lnHRV))
}

// hrvRollingOf is the rolling mean of the ln(rMSSD) readings of that week.
func hrvRollingOf(week []float64) (float64, bool) {
	if len(week) < minHRVWeek {
		return 0, false
	}
	m, _ := meanSD(week)
	return m, true
}

// hrvNormal is the mean and (floored) SD of ln(rMSSD) over the 60 days
// before today.
func (w *window) hrvNormal() (m, s float64, ok bool) {
	return hrvNormalOf(w.values(1, hrvNormalDays, lnHRV))
}

// hrvNormalOf is the normal range's mean and SD from the ln(rMSSD)
// readings of those 60 days.
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
	RestingBaseline float64 // bpm: mean of the 7 days before
	HRVRolling      float64 // ms: the 7-day rolling mean of ln(rMSSD), as ms
	HRVLow, HRVHigh float64 // ms: the normal range, mean ± 0.5 SD of the 60 days before
}

// Trends works out the baselines of each of the days from `from`, from
// check-ins of those days and the 60 before them (any order). It reads
// each day's values once and sums them in the order Score does, so the
// charts show Score's figures to the last bit.
func Trends(checkIns []CheckIn, from time.Time, days int) []Trend {
	days = max(days, 0)
	first := dayNumber(from) - lookback // the day of index 0
	n := lookback + days
	// Each day's readings, NaN where there is none, and each charted day's
	// check-in.
	bpm, ln := make([]float64, n), make([]float64, n)
	for j := range n {
		bpm[j], ln[j] = math.NaN(), math.NaN()
	}
	own := make([]*CheckIn, days)
	for i := range checkIns {
		c := &checkIns[i]
		j := dayNumber(c.Day) - first
		if j < 0 || j >= int64(n) {
			continue
		}
		// A later one on the same day wins, readings and all.
		bpm[j], ln[j] = math.NaN(), math.NaN()
		if v, ok := restingBPM(*c); ok {
			bpm[j] = v
		}
		if v, ok := lnHRV(*c); ok {
			ln[j] = v
		}
		if j >= lookback {
			own[j-lookback] = c
		}
	}
	var buf []float64
	// readings are the values of the days from..to days before day t,
	// nearest first, as window.values gathers them.
	readings := func(xs []float64, t, from, to int) []float64 {
		buf = buf[:0]
		for k := from; k <= to; k++ {
			if v := xs[t-k]; !math.IsNaN(v) {
				buf = append(buf, v)
			}
		}
		return buf
	}
	out := make([]Trend, days)
	for i := range out {
		t := Trend{Day: from.AddDate(0, 0, i), RestingBaseline: math.NaN(), HRVRolling: math.NaN(), HRVLow: math.NaN(), HRVHigh: math.NaN()}
		if own[i] != nil {
			t.Day = own[i].Day
		}
		today := lookback + i
		if b, ok := restingBaselineOf(readings(bpm, today, 1, restingHRDays)); ok {
			t.RestingBaseline = b
		}
		if r, ok := hrvRollingOf(readings(ln, today, 0, hrvWeek-1)); ok {
			t.HRVRolling = math.Exp(r)
		}
		if m, s, ok := hrvNormalOf(readings(ln, today, 1, hrvNormalDays)); ok {
			t.HRVLow, t.HRVHigh = math.Exp(m-hrvBand*s), math.Exp(m+hrvBand*s)
		}
		out[i] = t
	}
	return out
}

// Wellness constants (sum of five 1–5 items, 5–25).
const (
	maxWellness = 25
	// Plain thresholds, used without a baseline. 15 is every item at 3 of
	// 5, neutral; 12 or less averages below 2.5 (most items "worse than
	// usual"), 9 or less below 2 (most items bad). This product's design.
	plainWellnessAmber = 12
	plainWellnessRed   = 9
	// minWellnessSD floors the baseline SD, in points. Sums are whole
	// numbers and a steady athlete's SD can be near 0, when a one-point dip
	// would be "well below". With 1.5 Amber needs a drop of 2 points or more
	// and Red one of 4.
	minWellnessSD = 1.5
)

// wellnessSum is the five-item Hooper/McLean wellness sum, when all five
// items are given.
func wellnessSum(c CheckIn) (int, bool) {
	sum := 0
	for _, v := range []int{c.SleepQuality, c.Fatigue, c.Soreness, c.Stress, c.Mood} {
		if v < 1 || v > 5 {
			return 0, false
		}
		sum += v
	}
	return sum, true
}

// wellness judges the five-item wellness sum of McLean et al. (2010), after
// Hooper & Mackinnon (1995): sleep quality + fatigue + soreness + stress +
// mood, each 1–5 with 5 best, so 5–25. Motivation is asked too but is not
// one of McLean's items, so it stays out of the sum (see itemsLow).
//
// With a baseline and at least 7 complete sums in the 28 days before today,
// the sum is compared with their mean m and sample SD s (s ≥ 1.5): below
// m − s is Amber ("well below"), below m − 2s Red ("far below"); the 1 and 2
// SD steps are this product's design. The baseline replaces the plain
// thresholds, because some athletes rate themselves low every day and that
// is their normal. Otherwise: 12 or less Amber, 9 or less Red.
func (w *window) wellness(baseline bool) (Reason, bool) {
	today, ok := wellnessSum(*w[0])
	if !ok {
		return Reason{}, false
	}
	sum := func(c CheckIn) (float64, bool) {
		s, ok := wellnessSum(c)
		return float64(s), ok
	}
	if prev := w.values(1, baselineDays, sum); baseline && len(prev) >= minBaseline {
		m, s := meanSD(prev)
		s = max(s, minWellnessSD)
		x := float64(today)
		usual := int(math.Round(m))
		switch {
		case x < m-2*s:
			return Reason{Red, "wellness", fmt.Sprintf("Wellness far below your usual (%d of 25 vs %d)", today, usual)}, true
		case x < m-s:
			return Reason{Amber, "wellness", fmt.Sprintf("Wellness well below your usual (%d of 25 vs %d)", today, usual)}, true
		}
		return Reason{}, false
	}
	switch {
	case today <= plainWellnessRed:
		return Reason{Red, "wellness", fmt.Sprintf("Wellness very low (%d of 25)", today)}, true
	case today <= plainWellnessAmber:
		return Reason{Amber, "wellness", fmt.Sprintf("Wellness low (%d of 25)", today)}, true
	}
	return Reason{}, false
}

// itemsLow gives one Amber reason per item at 1 of 5, the worst answer, even
// when the sum looks fine: very sore legs matter on a day of good sleep and
// mood. Motivation counts here, because a loss of it is an early sign of
// overreaching (Meeusen et al. 2013). An item at 2 adds no reason of its
// own: it is an ordinary off day, and it already lowers the sum.
func itemsLow(c CheckIn) []Reason {
	var rs []Reason
	for _, it := range []struct {
		name string
		v    int
	}{
		{"Sleep quality", c.SleepQuality},
		{"Fatigue", c.Fatigue},
		{"Soreness", c.Soreness},
		{"Stress", c.Stress},
		{"Mood", c.Mood},
		{"Motivation", c.Motivation},
	} {
		if it.v == 1 {
			rs = append(rs, Reason{Amber, "item_low", it.name + ": 1 of 5"})
		}
	}
	return rs
}

// Sleep thresholds, in minutes.
const (
	shortSleep     = 6 * 60
	veryShortSleep = 4 * 60
	sleepDrop      = 90 // under the baseline mean
)

// sleepMinutes is SleepHours in whole minutes, as sleep trackers report it.
func sleepMinutes(c CheckIn) (float64, bool) {
	if !(c.SleepHours >= 0 && c.SleepHours <= 24) {
		return 0, false
	}
	return math.Round(c.SleepHours * 60), true
}

// sleep judges last night's sleep, in whole minutes. Under 6 h is Amber:
// adults are advised 7–9 h and less than 6 h is "not recommended"
// (Hirshkowitz et al. 2015). Under 4 h is Red: a night that short is acute
// sleep deprivation, which impairs mood, reaction and performance
// (Fullagar et al. 2015), and a hard session is not worth it. Otherwise,
// with a baseline (at least 7 nights in the 28 days before today), 1 h 30
// min or more under the baseline mean is Amber: 6 h 30 min is fine for
// some, a bad night for someone who sleeps 8 h. Only the most serious sleep
// finding is reported.
func (w *window) sleep(baseline bool) (Reason, bool) {
	today, ok := sleepMinutes(*w[0])
	if !ok {
		return Reason{}, false
	}
	switch {
	case today < veryShortSleep:
		return Reason{Red, "sleep", "Slept " + hm(today) + " (under 4 h)"}, true
	case today < shortSleep:
		return Reason{Amber, "sleep", "Slept " + hm(today) + " (under 6 h)"}, true
	}
	if prev := w.values(1, baselineDays, sleepMinutes); baseline && len(prev) >= minBaseline {
		m, _ := meanSD(prev)
		usual := math.Round(m)
		if under := usual - today; under >= sleepDrop {
			return Reason{Amber, "sleep",
				fmt.Sprintf("Slept %s, %s under your usual %s", hm(today), hm(under), hm(usual))}, true
		}
	}
	return Reason{}, false
}

// hm writes whole minutes as "7 h 30 min", "8 h" or "45 min".
func hm(minutes float64) string {
	h, m := int(minutes)/60, int(minutes)%60
	switch {
	case m == 0:
		return fmt.Sprintf("%d h", h)
	case h == 0:
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d h %d min", h, m)
}

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
	return Reason{Amber, "load",
		fmt.Sprintf("Training load well above your recent normal (acute:chronic %.2f)", r)}, true
}
