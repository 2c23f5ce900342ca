package readiness

import (
	"strconv"
	"testing"
)

// Signs, each Amber alone on an ordinary steady day (resting HR 50, usual
// wellness 20, sleep 8 h).
var (
	rhrUp      = reason(Amber, "resting_hr", "Resting HR 6 bpm above your 28-day baseline (50 bpm)")
	shortNight = reason(Amber, "sleep", "Slept 5 h 30 min (under 6 h)")
	loadUp     = reason(Amber, "load", "Training load well above your recent normal (acute:chronic 1.60)")
	hardJog    = reason(Amber, "missed_recovery", "Recovery done too hard yesterday: Recovery jog at RPE 6")
)

func tired(c Answers) Answers { // resting HR +6 and a short night
	return with(c, func(c *Answers) { c.RestingHR, c.SleepHours = 56, 5.5 })
}

func shortNightOf(c Answers) Answers { return with(c, func(c *Answers) { c.SleepHours = 5.5 }) }

// yesterday is an edit of a history that changes its day 1 by f.
func yesterday(f func(Answers) Answers) func(int, *Answers) {
	return func(k int, c *Answers) {
		if k == 1 {
			*c = f(*c)
		}
	}
}

// Against thirty steady days. Scores: 100 − (25 − wellness) − 50 per Red −
// 20 per Amber, clamped to the band.
func TestConverging(t *testing.T) {
	base := history(1, 30)
	// The low-HRV week of TestScoreHRV: 45 ms on days 1–6 and today.
	lowWeek := edit(history(1, 40), func(k int, c *Answers) {
		if k <= 6 {
			c.HRV = 45
		}
	})
	for _, c := range []struct {
		name   string
		today  Answers
		hist   []Answers // base when nil
		acwr   float64
		missed string
		want   Result
	}{
		{
			name:  "three sources today",
			today: tired(fresh(0)), acwr: 1.6,
			want: Result{Score: 0, Light: Red, Baseline: true, Reasons: []Reason{
				reason(Red, "converging", "Several signs at once: resting HR up, short sleep and load rising fast"),
				rhrUp, shortNight, loadUp,
			}},
		},
		{
			// Resting HR +9, a low-HRV week, 5 h of sleep, motivation 1
			// and a load ratio of 1.6: four sources.
			name: "the overreaching morning",
			today: with(fresh(0), func(c *Answers) {
				c.RestingHR, c.HRV, c.SleepHours, c.Motivation = 59, 45, 5, 1
			}),
			hist: lowWeek, acwr: 1.6,
			want: Result{Score: 0, Light: Red, Baseline: true, Reasons: []Reason{
				reason(Red, "converging", "Several signs at once: resting HR up, HRV low, motivation at 1, short sleep and load rising fast"),
				reason(Amber, "resting_hr", "Resting HR 9 bpm above your 28-day baseline (50 bpm)"),
				reason(Amber, "hrv", "HRV below your normal range (7-day average 45 ms vs 54–61 ms)"),
				reason(Amber, "item_low", "Motivation: 1 of 5"),
				reason(Amber, "sleep", "Slept 5 h (under 6 h)"),
				loadUp,
			}},
		},
		{
			name:  "recovery done too hard is a source",
			today: tired(fresh(0)), missed: hardJog.Text,
			want: Result{Score: 0, Light: Red, Baseline: true, Reasons: []Reason{
				reason(Red, "converging", "Several signs at once: resting HR up, short sleep and recovery done too hard"),
				rhrUp, shortNight, hardJog,
			}},
		},
		{
			name:  "two sources, yesterday quiet", // 100 − 5 − 40
			today: tired(fresh(0)),
			want:  Result{Score: 55, Light: Amber, Baseline: true, Reasons: []Reason{rhrUp, shortNight}},
		},
		{
			// Yesterday, judged on its own days, had the same two signs.
			name:  "two sources two days running",
			today: tired(fresh(0)),
			hist:  edit(base, yesterday(tired)),
			// 100 − 5 − 50 − 40.
			want: Result{Score: 5, Light: Red, Baseline: true, Reasons: []Reason{
				reason(Red, "converging", "Signs two days running: resting HR up and short sleep today; resting HR up and short sleep yesterday"),
				rhrUp, shortNight,
			}},
		},
		{
			name:  "two sources today, one yesterday",
			today: tired(fresh(0)),
			hist:  edit(base, yesterday(shortNightOf)),
			want:  Result{Score: 55, Light: Amber, Baseline: true, Reasons: []Reason{rhrUp, shortNight}},
		},
		{
			// Yesterday's load ratio is not known: today's is not lent to it.
			name:  "yesterday's short night and today's load do not make two yesterday",
			today: with(fresh(0), func(c *Answers) { c.SleepHours = 5.5 }), acwr: 1.6,
			hist: edit(base, yesterday(shortNightOf)),
			want: Result{Score: 55, Light: Amber, Baseline: true, Reasons: []Reason{shortNight, loadUp}},
		},
		{
			name:  "two sources today, no check-in yesterday",
			today: tired(fresh(0)),
			hist:  history(2, 30),
			want:  Result{Score: 55, Light: Amber, Baseline: true, Reasons: []Reason{rhrUp, shortNight}},
		},
		{
			// Resting HR and HRV read the same system: with a short night,
			// two sources.
			name:  "resting HR and HRV are one source",
			today: with(tired(fresh(0)), func(c *Answers) { c.HRV = 45 }),
			hist:  lowWeek,
			// 100 − 5 − 60 = 35, clamped into Amber.
			want: Result{Score: 50, Light: Amber, Baseline: true, Reasons: []Reason{
				rhrUp,
				reason(Amber, "hrv", "HRV below your normal range (7-day average 45 ms vs 54–61 ms)"),
				shortNight,
			}},
		},
		{
			name:  "illness has a rule of its own, not a source",
			today: with(tired(fresh(0)), func(c *Answers) { c.Illness, c.IllnessSite = true, AboveNeck }),
			want: Result{Score: 50, Light: Amber, Baseline: true, Reasons: []Reason{
				reason(Amber, "illness_above_neck", "Reported illness above the neck only (runny nose, sore throat, sneezing)"),
				rhrUp, shortNight,
			}},
		},
		{
			name:  "a Red day needs no escalation",
			today: with(tired(fresh(0)), func(c *Answers) { c.Illness = true }), acwr: 1.6,
			want: Result{Score: 0, Light: Red, Baseline: true, Reasons: []Reason{illnessUnsaid, rhrUp, shortNight, loadUp}},
		},
	} {
		h := c.hist
		if h == nil {
			h = base
		}
		checkResult(t, c.name, Score(Input{Today: c.today, History: h, ACWR: c.acwr, MissedRecovery: c.missed}), c.want)
	}
}

// Wellness far below its usual (20; far below is under 17) is Red on its
// own only with a drop of 6 points or more, or with an independent sign
// the same day.
func TestWellnessFarBelow(t *testing.T) {
	base := history(1, 30)
	sum := func(soreness, stress, mood int) Answers { // sleep quality and fatigue stay 4
		return with(fresh(0), func(c *Answers) { c.Soreness, c.Stress, c.Mood = soreness, stress, mood })
	}
	far := func(l Light, n int) Reason {
		return reason(l, "wellness", "Wellness far below your usual ("+strconv.Itoa(n)+" of 25 vs 20)")
	}
	for _, c := range []struct {
		name  string
		today Answers
		acwr  float64
		want  Result
	}{
		{"14: six points down", sum(2, 2, 2), 0, // 100 − 11 − 50
			Result{Score: 39, Light: Red, Baseline: true, Reasons: []Reason{far(Red, 14)}}},
		{"15: five points down", sum(3, 2, 2), 0, // 100 − 10 − 20
			Result{Score: 70, Light: Amber, Baseline: true, Reasons: []Reason{far(Amber, 15)}}},
		{"16 and a short night", with(sum(4, 2, 2), func(c *Answers) { c.SleepHours = 5.5 }), 0, // 100 − 9 − 50 − 20
			Result{Score: 21, Light: Red, Baseline: true, Reasons: []Reason{far(Red, 16), shortNight}}},
		{"16 and a fast rise in load", sum(4, 2, 2), 1.6,
			Result{Score: 21, Light: Red, Baseline: true, Reasons: []Reason{far(Red, 16), loadUp}}},
		// An item at 1 is the same answers, not a second sign. 100 − 9 − 40.
		{"16 and motivation 1", with(sum(4, 2, 2), func(c *Answers) { c.Motivation = 1 }), 0,
			Result{Score: 51, Light: Amber, Baseline: true, Reasons: []Reason{far(Amber, 16), reason(Amber, "item_low", "Motivation: 1 of 5")}}},
		// Well below (17 is not under 17) does not turn Red with a second sign.
		{"17 and a short night", with(sum(4, 3, 2), func(c *Answers) { c.SleepHours = 5.5 }), 0, // 100 − 8 − 40
			Result{Score: 52, Light: Amber, Baseline: true, Reasons: []Reason{
				reason(Amber, "wellness", "Wellness well below your usual (17 of 25 vs 20)"), shortNight,
			}}},
	} {
		checkResult(t, c.name, Score(Input{Today: c.today, History: base, ACWR: c.acwr}), c.want)
	}
}
