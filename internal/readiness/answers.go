package readiness

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// illness judges a reported illness by where it is felt, after the "neck
// check" (Eichner 1993): with symptoms above the neck only (runny nose, sore
// throat, sneezing) easy training may go on if the athlete feels up to it,
// so it is Amber; below the neck or with fever (fever, chest, aches,
// stomach) it is Red, since exercise with a systemic infection prolongs it
// and risks myocarditis (Friman & Wesslén 2000). An illness without a site
// (an older client, an import) is read as below the neck, the cautious
// reading, and the words say so.
func illness(site string) Reason {
	switch site {
	case AboveNeck:
		return reason(Amber, CodeIllnessAboveNeck, "Reported illness above the neck only (runny nose, sore throat, sneezing)")
	case BelowNeck:
		return reason(Red, CodeIllnessBelowNeck, "Reported illness below the neck or fever (fever, chest, aches, stomach)")
	}
	return reason(Red, CodeIllnessBelowNeck, "Reported illness, without saying where: read as below the neck or fever, to be safe")
}

// backFromIllness is Amber on the first day without illness after a day
// with it: the return to training is gradual, easy for a few days, since
// hard training straight after an infection risks a relapse (Schwellnus et
// al. 2016, IOC consensus on load and illness).
func (w *window) backFromIllness() (Reason, bool) {
	if w[0].Illness || w[1] == nil || !w[1].Illness {
		return Reason{}, false
	}
	return reason(Amber, CodeIllnessRecent, "Ill yesterday, well today: ease back in over 3 days"), true
}

// injury is Red, with the injured areas when given: what can still be
// trained depends on where it hurts, which is the response engine's to
// decide and the coach's to discuss.
func injury(areas []string) Reason {
	r := reason(Red, CodeInjury, "Reported injury")
	if len(areas) > 0 {
		r.Areas = slices.Clone(areas)
		words := make([]string, len(areas))
		for i, a := range areas {
			words[i] = strings.ReplaceAll(a, "_", " ")
		}
		r.Text += ": " + strings.Join(words, ", ")
	}
	return r
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
	// and "far below" one of 4.
	minWellnessSD = 1.5
	// wellnessRedDrop is the drop under the usual sum, in points, that
	// makes "far below" Red on its own: more than a point on every item.
	wellnessRedDrop = 6
)

// wellnessSum is the five-item Hooper/McLean wellness sum, when all five
// items are given.
func wellnessSum(c Answers) (int, bool) {
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
// With a baseline and at least 7 complete sums in the 28 days before, the
// sum is compared with their mean m and sample SD s (s ≥ 1.5): below m − s
// is Amber ("well below"), below m − 2s "far below". Far below is Red only
// when the drop from the usual sum is also 6 points or more — more than a
// point on every item — and otherwise Amber, with far reporting it: it
// turns Red when an independent sign agrees the same day (Score). With the
// SD floored at 1.5 the 2-SD test alone fires at a 4-point drop (a usual 20
// falling to 16), which one bad night and one hard session produce
// together: the answers follow even one day's training closely (Saw et al.
// 2016), and on their own such a dip is a day to ease off, not to stop. The
// 1 and 2 SD steps and the 6 points are this product's design.
//
// The baseline replaces the plain thresholds, because some athletes rate
// themselves low every day and that is their normal. Otherwise: 12 or less
// Amber, 9 or less Red.
func (d day) wellness(baseline bool) (r Reason, far, found bool) {
	today, ok := wellnessSum(*d.checkIn(0))
	if !ok {
		return Reason{}, false, false
	}
	sum := func(c Answers) (float64, bool) {
		s, ok := wellnessSum(c)
		return float64(s), ok
	}
	if prev := d.values(1, baselineDays, sum); baseline && len(prev) >= minBaseline {
		m, s := meanSD(prev)
		s = max(s, minWellnessSD)
		x := float64(today)
		usual := int(math.Round(m))
		switch {
		case x < m-2*s:
			text := fmt.Sprintf("Wellness far below your usual (%d of 25 vs %d)", today, usual)
			if usual-today >= wellnessRedDrop {
				return reason(Red, CodeWellness, text), false, true
			}
			return reason(Amber, CodeWellness, text), true, true
		case x < m-s:
			return reason(Amber, CodeWellness, fmt.Sprintf("Wellness well below your usual (%d of 25 vs %d)", today, usual)), false, true
		}
		return Reason{}, false, false
	}
	switch {
	case today <= plainWellnessRed:
		return reason(Red, CodeWellness, fmt.Sprintf("Wellness very low (%d of 25)", today)), false, true
	case today <= plainWellnessAmber:
		return reason(Amber, CodeWellness, fmt.Sprintf("Wellness low (%d of 25)", today)), false, true
	}
	return Reason{}, false, false
}

// itemsLow gives one Amber reason per item at 1 of 5, the worst answer, even
// when the sum looks fine: very sore legs matter on a day of good sleep and
// mood. Motivation counts here, because a loss of it is an early sign of
// overreaching (Meeusen et al. 2013). An item at 2 adds no reason of its
// own: it is an ordinary off day, and it already lowers the sum.
func itemsLow(c Answers) []Reason {
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
			rs = append(rs, reason(Amber, CodeItemLow, it.name+": 1 of 5"))
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
func sleepMinutes(c Answers) (float64, bool) {
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
// with a baseline (at least 7 nights in the 28 days before), 1 h 30 min or
// more under the baseline mean is Amber: 6 h 30 min is fine for some, a bad
// night for someone who sleeps 8 h. Only the most serious sleep finding is
// reported.
func (d day) sleep(baseline bool) (Reason, bool) {
	today, ok := sleepMinutes(*d.checkIn(0))
	if !ok {
		return Reason{}, false
	}
	switch {
	case today < veryShortSleep:
		return reason(Red, CodeSleep, "Slept "+hm(today)+" (under 4 h)"), true
	case today < shortSleep:
		return reason(Amber, CodeSleep, "Slept "+hm(today)+" (under 6 h)"), true
	}
	if prev := d.values(1, baselineDays, sleepMinutes); baseline && len(prev) >= minBaseline {
		m, _ := meanSD(prev)
		usual := math.Round(m)
		if under := usual - today; under >= sleepDrop {
			return reason(Amber, CodeSleep,
				fmt.Sprintf("Slept %s, %s under your usual %s", hm(today), hm(under), hm(usual))), true
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
