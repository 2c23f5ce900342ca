package readiness

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"rebound/internal/training"
)

// The five red flags of overtraining, seen as patterns over the last weeks
// rather than as one bad morning: always tired even after rest; performance
// falling; sleep all over the place; mood, stress or motivation sliding;
// soreness that lingers or injuries that keep coming back. Overreaching
// shows as several of these together over weeks, and no single marker
// diagnoses it (Meeusen et al. 2013, the ECSS/ACSM consensus on
// overtraining); self-reported wellness follows training load more
// faithfully than most objective markers (Saw et al. 2016), and a
// monitoring system should read trends against the athlete's own normal
// (Halson 2014). Two or more flags at once are an overreaching pattern;
// the words say it is a pattern worth acting on, not a diagnosis.

// Flag codes.
const (
	FlagTired       = "always_tired"
	FlagPerformance = "performance_falling"
	FlagSleep       = "sleep_disrupted"
	FlagMood        = "mood_low"
	FlagSoreness    = "soreness_lingers"
)

// FlagCodes are every flag's code (the database checks a proposal's
// pattern against them).
var FlagCodes = []string{FlagTired, FlagPerformance, FlagSleep, FlagMood, FlagSoreness}

// CodePattern is the reason code of an overreaching pattern in a verdict.
const CodePattern = "overreaching_pattern"

// Pattern windows and thresholds (this product's design, after the sources
// above; each flag needs several days, so no single morning raises one).
const (
	patternDays       = 21 // the flags' window, today included
	recentDays        = 14 // tiredness, sleep and mood: the last two weeks
	minRecent         = 7  // check-ins those two weeks need
	sorenessDays      = 7  // the same sore area on most of the last week
	minSoreDays       = 5
	minBadSoreness    = 4
	injuryDays        = 30 // injuries ticked on separate occasions
	minInjuries       = 3
	tiredShare        = 0.6 // of the check-ins: "most days"
	minAfterRest      = 2   // mornings after a rest or easy day, to judge them
	hardRPE           = 1.5 // logged above the target by this much: harder than planned
	moderateRPE       = 5   // the target of a moderate or hard session
	minHarder         = 3   // sessions logged harder than planned
	harderShare       = 0.5
	shortNightMinutes = 6 * 60 // minutes
	shortRun          = 3      // nights in a row
	sleepShort        = 60     // minutes under the usual: a short night
	minOffNights      = 4
	offShare          = 0.3
	moodDrop          = 0.75 // points below the usual, per item
	baselineFrom      = 22   // the usual: the days 22–60 before today
	baselineTo        = 60
	minBaselineLen    = 7
)

// Session is a done workout as the flags read it.
type Session struct {
	Day       time.Time
	Kind      string
	TargetRPE float64 // 0: none planned
	RPE       float64 // as logged
}

// PatternInput is what Patterns reads.
type PatternInput struct {
	Today    time.Time
	CheckIns []Answers // today's and the 60 days before, any order; a later one on a day wins
	// SorenessAreas are the sore areas reported each day of the last
	// week, by day (the check-in's vocabulary).
	SorenessAreas map[time.Time][]string
	Sessions      []Session   // done workouts of the last 21 days
	RestDays      []time.Time // days of the last 21 without training
}

// Flag is one red flag raised, with its evidence in words and its signal
// over the 21 days for a chart (NaN where a day has no value).
type Flag struct {
	Code     string
	Title    string // "Always tired"
	Evidence string // "Fatigue at 2 or worse on 9 of 12 mornings, after rest days too"
	Signal   string // what Series holds: "fatigue (5 = fresh)"
	Series   []float64
}

// Pattern is the flags of the last weeks.
type Pattern struct {
	Flags []Flag
}

// Overreaching reports whether the flags make an overreaching pattern:
// two or more at once, one of them about training, mood or soreness —
// short nights alone make one tired, and that is sleep's flag twice.
func (p Pattern) Overreaching() bool {
	return len(p.Flags) >= 2 && slices.ContainsFunc(p.Flags, func(f Flag) bool { return f.Code != FlagTired && f.Code != FlagSleep })
}

// Reason is the pattern as a verdict's reason: Amber, with the flags in
// words and the caveat that it is not a diagnosis; ok is false without
// a pattern.
func (p Pattern) Reason() (Reason, bool) {
	if !p.Overreaching() {
		return Reason{}, false
	}
	titles := make([]string, len(p.Flags))
	for i, f := range p.Flags {
		titles[i] = strings.ToLower(f.Title)
	}
	r := reason(Amber, CodePattern, "Red flags over the last weeks: "+strings.Join(titles, ", ")+
		" — together a pattern of overreaching (not a diagnosis)")
	for _, f := range p.Flags {
		r.Flags = append(r.Flags, f.Code)
	}
	return r, true
}

// Patterns reads the flags of the weeks up to in.Today.
func Patterns(in PatternInput) Pattern {
	h := newWeeks(in)
	var p Pattern
	for _, f := range []func() (Flag, bool){h.tired, h.performance, h.sleep, h.mood, h.soreness} {
		if flag, ok := f(); ok {
			p.Flags = append(p.Flags, flag)
		}
	}
	return p
}

// weeks is the input by day: index k is k days before today.
type weeks struct {
	in    PatternInput
	today int64
	byDay map[int64]*Answers
	light map[int64]bool // days of rest, or of easy training only
}

func newWeeks(in PatternInput) *weeks {
	h := &weeks{in: in, today: dayNumber(in.Today), byDay: map[int64]*Answers{}, light: map[int64]bool{}}
	for i := range in.CheckIns {
		c := &in.CheckIns[i]
		if k := h.today - dayNumber(c.Day); k >= 0 && k <= baselineTo {
			h.byDay[k] = c
		}
	}
	for _, d := range in.RestDays {
		h.light[h.today-dayNumber(d)] = true
	}
	hard := map[int64]bool{}
	for _, s := range in.Sessions {
		k := h.today - dayNumber(s.Day)
		if training.EasyKind(s.Kind) {
			if !hard[k] {
				h.light[k] = true
			}
		} else {
			hard[k], h.light[k] = true, false
		}
	}
	return h
}

// values is f of the check-ins from k = from to to days ago, with the
// days' indexes.
func (h *weeks) values(from, to int, f func(Answers) (float64, bool)) (xs []float64, ks []int) {
	for k := from; k <= to; k++ {
		if c := h.byDay[int64(k)]; c != nil {
			if x, ok := f(*c); ok {
				xs, ks = append(xs, x), append(ks, k)
			}
		}
	}
	return xs, ks
}

// series is f over the 21 days, oldest first, NaN where there is none.
func (h *weeks) series(f func(Answers) (float64, bool)) []float64 {
	out := make([]float64, patternDays)
	for i := range out {
		out[i] = math.NaN()
		if c := h.byDay[int64(patternDays-1-i)]; c != nil {
			if x, ok := f(*c); ok {
				out[i] = x
			}
		}
	}
	return out
}

// usual is the mean of f over the baseline days (22–60 before today), when
// there are enough of them.
func (h *weeks) usual(f func(Answers) (float64, bool)) (float64, bool) {
	xs, _ := h.values(baselineFrom, baselineTo, f)
	if len(xs) < minBaselineLen {
		return 0, false
	}
	return mean(xs), true
}

func item(v func(Answers) int) func(Answers) (float64, bool) {
	return func(c Answers) (float64, bool) { x := v(c); return float64(x), x >= 1 && x <= 5 }
}

// tired: fatigue at 2 or worse (or 1.5 below the athlete's usual) on most
// mornings of the last two weeks, and on most mornings after a rest day
// among them: tiredness that rest does not clear is the first of the red
// flags (Meeusen et al. 2013).
func (h *weeks) tired() (Flag, bool) {
	fatigue := item(func(c Answers) int { return c.Fatigue })
	limit := 2.0
	if u, ok := h.usual(fatigue); ok {
		limit = max(limit, math.Floor(u-1.5)) // answers are whole points
	}
	xs, ks := h.values(0, recentDays-1, fatigue)
	if len(xs) < minRecent {
		return Flag{}, false
	}
	tired, afterRest, tiredAfterRest := 0, 0, 0
	for i, x := range xs {
		if x <= limit {
			tired++
		}
		if h.light[int64(ks[i]+1)] {
			afterRest++
			if x <= limit {
				tiredAfterRest++
			}
		}
	}
	// "Even after rest" needs mornings after rest to judge: two at least.
	if float64(tired) < tiredShare*float64(len(xs)) || afterRest < minAfterRest || 2*tiredAfterRest < afterRest {
		return Flag{}, false
	}
	ev := fmt.Sprintf("Energy at %g or worse on %d of %d mornings, %d of %d after a rest or easy day", limit, tired, len(xs), tiredAfterRest, afterRest)
	return Flag{Code: FlagTired, Title: "Always tired", Evidence: ev, Signal: "energy (5 = fresh)", Series: h.series(fatigue)}, true
}

// performance: moderate or hard workouts (a target of RPE 5 or more)
// logged clearly harder than planned (RPE 1.5 or more above the target) —
// at least three, and half of them, in the last three weeks: the same
// work costing more is how falling performance shows without a test
// (Meeusen et al. 2013; Halson 2014). Easy sessions stay out: athletes
// rate them above their target as a matter of course (Inoue et al. 2022).
func (h *weeks) performance() (Flag, bool) {
	series := make([]float64, patternDays)
	for i := range series {
		series[i] = math.NaN()
	}
	withTarget, harder := 0, 0
	kinds := map[string]int{}
	for _, s := range h.in.Sessions {
		k := h.today - dayNumber(s.Day)
		if k < 0 || k >= patternDays || !(s.TargetRPE >= moderateRPE) || !(s.RPE > 0) || s.Kind == "race" {
			continue
		}
		withTarget++
		over := s.RPE - s.TargetRPE
		i := patternDays - 1 - int(k)
		if math.IsNaN(series[i]) || over > series[i] {
			series[i] = over
		}
		if over >= hardRPE {
			harder++
			kinds[s.Kind]++
		}
	}
	if harder < minHarder || 2*harder < withTarget {
		return Flag{}, false
	}
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, strings.ReplaceAll(k, "_", " "))
	}
	slices.Sort(names)
	return Flag{Code: FlagPerformance, Title: "Workouts feel harder than planned",
		Evidence: fmt.Sprintf("%d of %d moderate or hard workouts logged 1.5 RPE or more above their target (%s)", harder, withTarget, strings.Join(names, ", ")),
		Signal:   "RPE logged above the target", Series: series}, true
}

// sleep: nights all over the place — at least 4 of the last two weeks'
// nights, and 30 % of them, an hour or more short of the athlete's usual
// (the mean of the days 22–60 before; without it, the two weeks' median)
// or rated poor (sleep quality 2 or worse) — or three or more short
// nights in a row (under 6 h, or an hour under the usual). Disturbed sleep
// is among the earliest signs of overreaching (Meeusen et al. 2013;
// Halson 2014). Long catch-up nights do not count, and counting nights,
// not their spread, keeps one sleepless night from raising the flag
// alone.
func (h *weeks) sleep() (Flag, bool) {
	xs, ks := h.values(0, recentDays-1, sleepMinutes)
	if len(xs) < minRecent {
		return Flag{}, false
	}
	signal := func(c Answers) (float64, bool) { m, ok := sleepMinutes(c); return m / 60, ok }
	flag := Flag{Code: FlagSleep, Title: "Sleep all over the place", Signal: "hours slept", Series: h.series(signal)}
	center, known := h.usual(sleepMinutes)
	if !known {
		sorted := slices.Sorted(slices.Values(xs))
		center = sorted[len(sorted)/2]
	}
	short := func(x float64) bool { return x < shortNightMinutes || known && x <= center-sleepShort }
	run, longest, off := 0, 0, 0
	for i, x := range xs {
		switch {
		case !short(x):
			run = 0
		case i > 0 && ks[i] == ks[i-1]+1 && run > 0:
			run++
		default:
			run = 1
		}
		longest = max(longest, run)
		if x <= center-sleepShort || h.byDay[int64(ks[i])].SleepQuality == 1 || h.byDay[int64(ks[i])].SleepQuality == 2 {
			off++
		}
	}
	switch {
	case longest >= shortRun:
		flag.Evidence = fmt.Sprintf("%d short nights in a row in the last two weeks", longest)
	case off >= minOffNights && float64(off) >= offShare*float64(len(xs)):
		flag.Evidence = fmt.Sprintf("%d of %d nights an hour or more short of your usual %s, or poor", off, len(xs), hm(math.Round(center)))
	default:
		return Flag{}, false
	}
	return flag, true
}

// mood: mood, stress and motivation (their mean, 5 = best) over the last
// week at least 0.75 below the athlete's usual and no better than the
// week before: a slide, not one bad day. Mood disturbance tracks training
// load and is a core marker of overreaching (Morgan et al. 1987; Meeusen
// et al. 2013).
func (h *weeks) mood() (Flag, bool) {
	mood := func(c Answers) (float64, bool) {
		var sum float64
		for _, v := range []int{c.Mood, c.Stress, c.Motivation} {
			if v < 1 || v > 5 {
				return 0, false
			}
			sum += float64(v)
		}
		return sum / 3, true
	}
	usual, ok := h.usual(mood)
	if !ok {
		return Flag{}, false
	}
	last, _ := h.values(0, 6, mood)
	before, _ := h.values(7, recentDays-1, mood)
	if len(last) < 4 || len(before) < 3 {
		return Flag{}, false
	}
	l, b := mean(last), mean(before)
	if l > usual-moodDrop || l > b {
		return Flag{}, false
	}
	return Flag{Code: FlagMood, Title: "Mood, stress or motivation sliding",
		Evidence: fmt.Sprintf("Mood, stress and motivation averaged %.1f this week, %.1f the week before, against your usual %.1f (5 = best)", l, b, usual),
		Signal:   "mood, stress and motivation (5 = best)", Series: h.series(mood)}, true
}

// soreness: the same sore area on at least 5 of the last 7 days with the
// soreness at 2 or worse on 4 of them, or an
// injury reported on three separate occasions in 30 days: soreness that
// does not clear and injuries that keep coming back are the fifth red flag
// (Meeusen et al. 2013).
func (h *weeks) soreness() (Flag, bool) {
	count := map[string]int{}
	for d, areas := range h.in.SorenessAreas {
		if k := h.today - dayNumber(d); k >= 0 && k < sorenessDays {
			for _, a := range slices.Compact(slices.Sorted(slices.Values(areas))) {
				count[a]++
			}
		}
	}
	soreness := item(func(c Answers) int { return c.Soreness })
	flag := Flag{Code: FlagSoreness, Title: "Soreness that lingers", Signal: "soreness (5 = none)", Series: h.series(soreness)}
	// Sore spots are ordinary in a build: they linger when the soreness
	// itself is bad (2 or worse) on most of the same week's mornings.
	bad := 0
	for k := range sorenessDays {
		if c := h.byDay[int64(k)]; c != nil && c.Soreness >= 1 && c.Soreness <= 2 {
			bad++
		}
	}
	var lingering []string
	for a, n := range count {
		if n >= minSoreDays && bad >= minBadSoreness {
			lingering = append(lingering, fmt.Sprintf("%s on %d of 7 days", strings.ReplaceAll(a, "_", " "), n))
		}
	}
	if len(lingering) > 0 {
		slices.Sort(lingering)
		flag.Evidence = "Sore " + strings.Join(lingering, ", ")
		return flag, true
	}
	// Separate occasions: a reported injury after a check-in without one.
	occasions, was := 0, false
	for k := injuryDays - 1; k >= 0; k-- {
		c := h.byDay[int64(k)]
		if c == nil {
			continue
		}
		if c.Injury && !was {
			occasions++
		}
		was = c.Injury
	}
	if occasions >= minInjuries {
		flag.Title = "Injuries that keep coming back"
		flag.Evidence = fmt.Sprintf("An injury reported on %d separate occasions in 30 days", occasions)
		return flag, true
	}
	return Flag{}, false
}

// mean is the mean of xs, which is not empty.
func mean(xs []float64) float64 {
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}
