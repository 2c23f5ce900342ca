// Package readiness owns the scoring of the athlete's daily check-in: from
// today's report, the weeks of check-ins before it and the training load it
// turns one day into a 0–100 score, a green, amber or red light and the
// reasons for both, in plain words for the athlete and the coach and as
// stable codes a response engine can act on. Recovery is where the gains are
// made; the light says when recovery has not kept up.
//
// Three kinds of rule apply. Plain thresholds (illness, injury, short sleep,
// a low wellness sum, an item at its worst, a fast rise in load, recovery
// done too hard) work from the first check-in; resting HR needs only three
// earlier readings. Personal-baseline rules (HRV, wellness and sleep against
// the athlete's own normal) apply once there are enough check-ins to know
// what normal is: at least 7 in the 28 days before today. And amber findings
// from independent sources that converge — on one day, or two days running —
// make the day red (converging.go).
//
// The package is pure and deterministic: callers load check-ins, compute the
// acute:chronic ratio with package load, and render the Result. Numbers are
// judged as they are shown (whole bpm, whole ms, whole minutes, the load
// ratio to two decimals), so the words never contradict the light.
package readiness

import (
	"math"
	"slices"
	"time"
)

// Answers are a check-in's answers of one day, what it is scored on
// (the stored check-in, with its verdict, is training.Answers). Zero
// RestingHR / HRV mean "not given". A value outside its documented range is treated as not given too:
// the form validates input, so such a value is a corrupt record, and judging
// it would be guessing.
type Answers struct {
	Day        time.Time // calendar day at 00:00 UTC (other times count as their own calendar day)
	SleepHours float64   // 0–24; always given, so 0 means no sleep

	// 1–5, 5 = best (fresh, no soreness, relaxed, ...)
	SleepQuality, Fatigue, Soreness, Stress, Mood, Motivation int

	RestingHR int     // bpm, 0 = none; plausible 20–250
	HRV       float64 // rMSSD in ms, 0 = none; plausible 1–1000

	Illness, Injury bool
	// IllnessSite is where an illness is felt: AboveNeck or BelowNeck.
	// With Illness and no site (an older client, an import) it is read as
	// BelowNeck, the cautious reading; without Illness it is ignored.
	IllnessSite string
	// InjuryAreas are the injured body areas, in the check-in's
	// vocabulary ("knees", "lower_back"); ignored without Injury.
	InjuryAreas []string
}

// Where an illness is felt (Answers.IllnessSite).
const (
	AboveNeck = "above_neck" // runny nose, sore throat, sneezing
	BelowNeck = "below_neck" // fever, chest, aches, stomach
)

// Light is the traffic light of a day, or the seriousness of one reason.
type Light string

const (
	Green Light = "green" // train as planned
	Amber Light = "amber" // train, but watch it or ease off
	Red   Light = "red"   // rest, or talk to the coach before training hard
)

// Reason codes: Reason.Code is one of these. They are stable (they are
// stored with every verdict); the response engine answers each, and the
// Text is for people.
const (
	CodeIllnessAboveNeck = "illness_above_neck" // Amber: easy only, if the athlete feels up to it
	CodeIllnessBelowNeck = "illness_below_neck" // Red: no training; also illness whose site was not given
	CodeInjury           = "injury"             // Red; Reason.Areas names the injured areas when given
	CodeRestingHR        = "resting_hr"         // Amber or Red: resting HR above its 28-day baseline
	CodeHRV              = "hrv"                // Amber below the normal range; a Green note above it
	CodeHRVExcluded      = "hrv_excluded"       // Green note: today's HRV reading was left out as implausible
	CodeWellness         = "wellness"           // Amber or Red: the wellness sum low
	CodeItemLow          = "item_low"           // Amber: one item at 1 of 5
	CodeSleep            = "sleep"              // Amber or Red: short sleep
	CodeLoad             = "load"               // Amber: acute:chronic load ratio above 1.5
	CodeMissedRecovery   = "missed_recovery"    // Amber: yesterday's recovery done too hard
	CodeConverging       = "converging"         // Red: Amber findings from independent sources at once
	CodeIllnessRecent    = "illness_recent"     // Amber: ill yesterday, not today: a gradual return
	CodeOK               = "ok"                 // Green note on a day with nothing to report

	// CodeIllness is what verdicts stored before the site was asked say
	// of any illness. It means CodeIllnessBelowNeck: read it with
	// CanonicalCode.
	CodeIllness = "illness"
)

// CanonicalCode is a stored reason code as a current verdict gives it: the
// "illness" of older verdicts, made before the site was asked, is illness
// below the neck (the cautious reading, as for a check-in without a site).
// Other codes are returned unchanged.
func CanonicalCode(code string) string {
	if code == CodeIllness {
		return CodeIllnessBelowNeck
	}
	return code
}

// Reason is one finding behind a Result.
type Reason struct {
	Light Light    // how serious: Red or Amber; Green for a note that costs nothing
	Code  string   // stable machine code: one of the Code constants
	Text  string   // plain words for the athlete and coach
	Areas []string // CodeInjury: the injured body areas, as the check-in names them
	Flags []string // CodePattern: the red flags' codes
}

func reason(l Light, code, text string) Reason { return Reason{Light: l, Code: code, Text: text} }

// Result is a scored check-in.
type Result struct {
	Score    int      // 0–100, higher = more ready; always inside the Light's band
	Light    Light    // the most serious reason's light
	Reasons  []Reason // most serious first; never empty
	Baseline bool     // personal-baseline rules applied (>= 7 check-ins in the 28 days before today)
}

// Input is everything Score needs.
type Input struct {
	Today Answers
	// Earlier check-ins, any order. Entries on or after Today's day are
	// ignored; of several on one day the last in the slice counts, as an
	// edit appended after the original would. Only the last 61 days
	// matter: yesterday is judged again, on its own 60 days, for the
	// converging rule.
	History []Answers
	// ACWR is the acute:chronic load ratio at the end of yesterday, from
	// package load; 0 or NaN = unknown. Yesterday's, because the athlete
	// checks in in the morning, before today's training: a ratio that
	// counted today would judge the same morning differently depending on
	// when it was saved or judged again.
	ACWR float64
	// MissedRecovery says in plain words what was done too hard of
	// yesterday's recovery ("Recovery done too hard yesterday: Recovery
	// jog at RPE 6"); empty when nothing was. It is the reason's Text.
	MissedRecovery string
	// Pattern is the red flags of the weeks up to today (Patterns): an
	// overreaching pattern is an Amber reason, the first of the Amber ones.
	Pattern Pattern
}

// Windows, in days before today, and how many readings each rule needs.
const (
	baselineDays = 28 // personal baseline: the four weeks before today
	minBaseline  = 7  // check-ins (and valid values) a baseline needs

	restingHRDays = 28 // resting HR baseline: the four weeks before today
	minRestingHR  = 3

	hrvWeek       = 7 // the rolling HRV mean: today and the 6 days before
	minHRVWeek    = 3 // Plews et al. 2014
	hrvNormalDays = 60
	minHRVNormal  = 14
	minHRVUsual   = 7 // readings the median that screens HRV needs

	// The longest look back: yesterday's own 60 days, for the converging
	// rule. The window holds this many days plus today.
	lookback = hrvNormalDays + 1
)

// Score judges in.Today against the plain thresholds and, with enough
// history, against the athlete's own baselines, and scores the day.
//
// Light: Red if any reason is Red, else Amber if any is Amber, else Green.
// Amber findings add up to Red only when they come from independent
// sources at once (converging.go); several of one kind never do.
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
	reasons, baseline := w.day(0).findings(in.ACWR, in.MissedRecovery)
	yesterday := func() ([]Reason, bool) {
		if w[1] == nil {
			return nil, false
		}
		// Judged the same way from the history; its load and recovery
		// are not known here.
		rs, _ := w.day(1).findings(0, "")
		return rs, true
	}
	if r, ok := converging(reasons, yesterday); ok {
		reasons = append(reasons, r)
	}
	if r, ok := w.backFromIllness(); ok {
		reasons = append(reasons, r)
	}
	if r, ok := in.Pattern.Reason(); ok {
		// First of its light: the weeks' pattern says more than one
		// morning's sign.
		reasons = append([]Reason{r}, reasons...)
	}

	if len(reasons) == 0 {
		text := "All markers within your normal range"
		if !baseline {
			// Without a baseline there is no personal normal to be within.
			text = "No warning signs today (personal baselines start after 7 check-ins in 4 weeks)"
		}
		reasons = append(reasons, reason(Green, CodeOK, text))
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

// findings judges the check-in of day d against the days before it, by
// every rule but the converging one; baseline reports whether the
// personal-baseline rules applied. acwr and missed are the day's load
// ratio and recovery done too hard, as in Input.
func (d day) findings(acwr float64, missed string) (reasons []Reason, baseline bool) {
	c := d.checkIn(0)
	baseline = d.checkIns(1, baselineDays) >= minBaseline
	add := func(r Reason, found bool) {
		if found {
			reasons = append(reasons, r)
		}
	}
	if c.Illness {
		reasons = append(reasons, illness(c.IllnessSite))
	}
	if c.Injury {
		reasons = append(reasons, injury(c.InjuryAreas))
	}
	add(d.restingHR())
	usual, known := d.usualHRV()
	if baseline {
		add(d.hrv(usual, known))
	}
	add(d.hrvExcluded(usual, known))
	wellness := len(reasons)
	r, far, found := d.wellness(baseline)
	add(r, found)
	reasons = append(reasons, itemsLow(*c)...)
	add(d.sleep(baseline))
	add(trainingLoad(acwr))
	add(missedRecovery(missed))
	if far && independentSignal(reasons) {
		reasons[wellness].Light = Red
	}
	return reasons, baseline
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
type window [lookback + 1]*Answers

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

// day is the window seen from the day `at` days before today, the day
// being judged: offset k is k days before it.
type day struct {
	w  *window
	at int
}

func (w *window) day(at int) day { return day{w, at} }

// checkIn is the check-in k days before d, nil when there is none.
func (d day) checkIn(k int) *Answers { return d.w[d.at+k] }

// checkIns counts the check-ins from days from to to before d.
func (d day) checkIns(from, to int) int {
	n := 0
	for _, c := range d.w[d.at+from : d.at+to+1] {
		if c != nil {
			n++
		}
	}
	return n
}

// values collects f's valid values from days from to to before d, nearest
// first.
func (d day) values(from, to int, f func(Answers) (float64, bool)) []float64 {
	var xs []float64
	for _, c := range d.w[d.at+from : d.at+to+1] {
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

// median is the median of xs, which it sorts; xs is not empty.
func median(xs []float64) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}
