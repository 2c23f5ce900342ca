package readiness

import (
	"math"
	"math/rand"
	"reflect"
	"slices"
	"testing"
	"time"
)

var today = time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)

// ago is the calendar day k days before today.
func ago(k int) time.Time { return today.AddDate(0, 0, -k) }

// fresh is an ordinary good day k days before today: resting HR 50, HRV
// 60 ms, every item 4 (wellness 20), 8 h sleep.
func fresh(k int) Answers {
	return Answers{
		Day: ago(k), SleepHours: 8,
		SleepQuality: 4, Fatigue: 4, Soreness: 4, Stress: 4, Mood: 4, Motivation: 4,
		RestingHR: 50, HRV: 60,
	}
}

// steady is the ordinary check-in k days before today: fresh, varied in a
// 3-day cycle c = k%3 − 1, which is 0, +1, −1 for k = 1, 2, 3:
//
//	resting HR 50+c bpm   (50, 51, 49)
//	HRV        60+3c ms   (60, 63, 57)
//	mood       4+c        (wellness sum 20, 21, 19)
//	sleep      8 h + 30c min
//
// With steady days 1–30 before today the baselines are:
//
//	resting HR, days 1–28: ten 50s, nine 51s, nine 49s → 1400/28 = 50 bpm
//	wellness, days 1–28:   ten 20s, nine 21s, nine 19s → mean 20,
//	                       SD √(18/27) ≈ 0.82, floored to 1.5:
//	                       Amber below 18.5, Red below 17
//	sleep, days 1–28:      ten 8 h, nine 8 h 30, nine 7 h 30 → 8 h
//	HRV, days 1–30:        ten each of ln 60, 63, 57 → m ≈ 4.0935,
//	                       s ≈ 0.042, floored to 0.05:
//	                       e^(m ± 0.025) ≈ 58.5–61.5 → 58–61 ms
func steady(k int) Answers {
	c := k%3 - 1
	ci := fresh(k)
	ci.RestingHR += c
	ci.HRV += 3 * float64(c)
	ci.Mood += c
	ci.SleepHours += 0.5 * float64(c)
	return ci
}

// history is the steady days from to to days before today, newest first.
func history(from, to int) []Answers {
	var h []Answers
	for k := from; k <= to; k++ {
		h = append(h, steady(k))
	}
	return h
}

// edit returns h's check-in k days before today, changed by f. h holds days
// 1, 2, … in order.
func edit(h []Answers, f func(k int, c *Answers)) []Answers {
	h = slices.Clone(h)
	for i := range h {
		f(i+1, &h[i])
	}
	return h
}

// with returns c changed by f.
func with(c Answers, f func(*Answers)) Answers {
	f(&c)
	return c
}

var (
	illnessUnsaid = reason(Red, "illness_below_neck", "Reported illness, without saying where: read as below the neck or fever, to be safe")
	allNormal     = reason(Green, "ok", "All markers within your normal range")
	noWarning     = reason(Green, "ok", "No warning signs today (personal baselines start after 7 check-ins in 4 weeks)")
)

func checkResult(t *testing.T, name string, got, want Result) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", name, got, want)
	}
}

func hasCode(r Result, code string) bool {
	return slices.ContainsFunc(r.Reasons, func(x Reason) bool { return x.Code == code })
}

// Thirty steady days as the baseline; today varies. Scores are
// 100 − (25 − wellness) − 50 per Red − 20 per Amber, clamped to the band.
func TestScoreWithBaseline(t *testing.T) {
	base := history(1, 30)
	for _, c := range []struct {
		name  string
		today Answers
		acwr  float64
		hist  []Answers // base when nil
		want  Result
	}{
		{
			name:  "steady day", // 100 − 5
			today: fresh(0),
			want:  Result{Score: 95, Light: Green, Reasons: []Reason{allNormal}, Baseline: true},
		},
		{
			name:  "resting HR +8", // 58 − 50; 100 − 5 − 20
			today: with(fresh(0), func(c *Answers) { c.RestingHR = 58 }),
			want: Result{Score: 75, Light: Amber, Baseline: true, Reasons: []Reason{
				reason(Amber, "resting_hr", "Resting HR 8 bpm above your 28-day baseline (50 bpm)"),
			}},
		},
		{
			name:  "resting HR +4 is normal",
			today: with(fresh(0), func(c *Answers) { c.RestingHR = 54 }),
			want:  Result{Score: 95, Light: Green, Reasons: []Reason{allNormal}, Baseline: true},
		},
		{
			name:  "resting HR +5",
			today: with(fresh(0), func(c *Answers) { c.RestingHR = 55 }),
			want: Result{Score: 75, Light: Amber, Baseline: true, Reasons: []Reason{
				reason(Amber, "resting_hr", "Resting HR 5 bpm above your 28-day baseline (50 bpm)"),
			}},
		},
		{
			name:  "resting HR +10", // 100 − 5 − 50
			today: with(fresh(0), func(c *Answers) { c.RestingHR = 60 }),
			want: Result{Score: 45, Light: Red, Baseline: true, Reasons: []Reason{
				reason(Red, "resting_hr", "Resting HR 10 bpm above your 28-day baseline (50 bpm)"),
			}},
		},
		{
			name:  "resting HR with 2 readings in the 28 days is not judged",
			today: with(fresh(0), func(c *Answers) { c.RestingHR = 70 }),
			hist: edit(base, func(k int, c *Answers) {
				if k <= 26 {
					c.RestingHR = 0
				}
			}),
			want: Result{Score: 95, Light: Green, Reasons: []Reason{allNormal}, Baseline: true},
		},
		{
			// An older client does not ask where: read as below the neck.
			name:  "illness without a site", // 100 − 5 − 50
			today: with(fresh(0), func(c *Answers) { c.Illness = true }),
			want:  Result{Score: 45, Light: Red, Baseline: true, Reasons: []Reason{illnessUnsaid}},
		},
		{
			name:  "injury without areas",
			today: with(fresh(0), func(c *Answers) { c.Injury = true }),
			want:  Result{Score: 45, Light: Red, Baseline: true, Reasons: []Reason{reason(Red, "injury", "Reported injury")}},
		},
		{
			name:  "everything at once", // 100 − 5 − 2·50 − 2·20 = −45 → 0
			today: with(fresh(0), func(c *Answers) { c.Illness, c.Injury, c.RestingHR = true, true, 58 }),
			acwr:  1.6,
			want: Result{Score: 0, Light: Red, Baseline: true, Reasons: []Reason{
				illnessUnsaid,
				reason(Red, "injury", "Reported injury"),
				reason(Amber, "resting_hr", "Resting HR 8 bpm above your 28-day baseline (50 bpm)"),
				reason(Amber, "load", "Training load well above your recent normal (acute:chronic 1.60)"),
			}},
		},
		{
			name:  "wellness 19 is within 1.5 of 20", // 100 − 6
			today: with(fresh(0), func(c *Answers) { c.Mood = 3 }),
			want:  Result{Score: 94, Light: Green, Reasons: []Reason{allNormal}, Baseline: true},
		},
		{
			name:  "wellness 18 < 18.5", // 100 − 7 − 20
			today: with(fresh(0), func(c *Answers) { c.Mood = 2 }),
			want: Result{Score: 73, Light: Amber, Baseline: true, Reasons: []Reason{
				reason(Amber, "wellness", "Wellness well below your usual (18 of 25 vs 20)"),
			}},
		},
		{
			name:  "wellness 17 is not below 17", // 100 − 8 − 20
			today: with(fresh(0), func(c *Answers) { c.Mood, c.Stress = 2, 3 }),
			want: Result{Score: 72, Light: Amber, Baseline: true, Reasons: []Reason{
				reason(Amber, "wellness", "Wellness well below your usual (17 of 25 vs 20)"),
			}},
		},
		{
			// Far below (16 < 17), but a drop of 4 points, under 6, and no
			// other sign today: Amber, no longer Red. 100 − 9 − 20.
			name:  "wellness 16 < 17 on its own is Amber",
			today: with(fresh(0), func(c *Answers) { c.Mood, c.Stress = 2, 2 }),
			want: Result{Score: 71, Light: Amber, Baseline: true, Reasons: []Reason{
				reason(Amber, "wellness", "Wellness far below your usual (16 of 25 vs 20)"),
			}},
		},
		{
			name:  "soreness 1", // sum 17; 100 − 8 − 2·20
			today: with(fresh(0), func(c *Answers) { c.Soreness = 1 }),
			want: Result{Score: 52, Light: Amber, Baseline: true, Reasons: []Reason{
				reason(Amber, "wellness", "Wellness well below your usual (17 of 25 vs 20)"),
				reason(Amber, "item_low", "Soreness: 1 of 5"),
			}},
		},
		{
			name:  "motivation 1 is reported, not summed", // 100 − 5 − 20
			today: with(fresh(0), func(c *Answers) { c.Motivation = 1 }),
			want: Result{Score: 75, Light: Amber, Baseline: true, Reasons: []Reason{
				reason(Amber, "item_low", "Motivation: 1 of 5"),
			}},
		},
		{
			name:  "motivation 2 is an ordinary off day",
			today: with(fresh(0), func(c *Answers) { c.Motivation = 2 }),
			want:  Result{Score: 95, Light: Green, Reasons: []Reason{allNormal}, Baseline: true},
		},
		{
			name:  "an item out of range: no sum, no deficit",
			today: with(fresh(0), func(c *Answers) { c.Fatigue = 0 }),
			want:  Result{Score: 100, Light: Green, Reasons: []Reason{allNormal}, Baseline: true},
		},
		{
			name:  "sleep 1 h 30 min under the usual 8 h",
			today: with(fresh(0), func(c *Answers) { c.SleepHours = 6.5 }),
			want: Result{Score: 75, Light: Amber, Baseline: true, Reasons: []Reason{
				reason(Amber, "sleep", "Slept 6 h 30 min, 1 h 30 min under your usual 8 h"),
			}},
		},
		{
			name:  "sleep 1 h 15 min under is normal",
			today: with(fresh(0), func(c *Answers) { c.SleepHours = 6.75 }),
			want:  Result{Score: 95, Light: Green, Reasons: []Reason{allNormal}, Baseline: true},
		},
		{
			name:  "sleep 5.99 h is 359 min, under 6 h",
			today: with(fresh(0), func(c *Answers) { c.SleepHours = 5.99 }),
			want: Result{Score: 75, Light: Amber, Baseline: true, Reasons: []Reason{
				reason(Amber, "sleep", "Slept 5 h 59 min (under 6 h)"),
			}},
		},
		{
			name:  "sleep 4 h is not under 4 h",
			today: with(fresh(0), func(c *Answers) { c.SleepHours = 4 }),
			want: Result{Score: 75, Light: Amber, Baseline: true, Reasons: []Reason{
				reason(Amber, "sleep", "Slept 4 h (under 6 h)"),
			}},
		},
		{
			name:  "sleep 3 h 30 min",
			today: with(fresh(0), func(c *Answers) { c.SleepHours = 3.5 }),
			want: Result{Score: 45, Light: Red, Baseline: true, Reasons: []Reason{
				reason(Red, "sleep", "Slept 3 h 30 min (under 4 h)"),
			}},
		},
		{
			name:  "no sleep",
			today: with(fresh(0), func(c *Answers) { c.SleepHours = 0 }),
			want: Result{Score: 45, Light: Red, Baseline: true, Reasons: []Reason{
				reason(Red, "sleep", "Slept 0 h (under 4 h)"),
			}},
		},
		{
			name:  "sleep NaN is not given",
			today: with(fresh(0), func(c *Answers) { c.SleepHours = math.NaN() }),
			want:  Result{Score: 95, Light: Green, Reasons: []Reason{allNormal}, Baseline: true},
		},
		{
			name:  "load 1.62",
			today: fresh(0),
			acwr:  1.62,
			want: Result{Score: 75, Light: Amber, Baseline: true, Reasons: []Reason{
				reason(Amber, "load", "Training load well above your recent normal (acute:chronic 1.62)"),
			}},
		},
	} {
		h := c.hist
		if h == nil {
			h = base
		}
		checkResult(t, c.name, Score(Input{Today: c.today, History: h, ACWR: c.acwr}), c.want)
	}
}

func TestScoreLoad(t *testing.T) {
	for _, c := range []struct {
		acwr float64
		want bool
	}{
		{1.6, true},
		{1.51, true},
		{1.5, false},
		{1.504, false}, // shown as 1.50
		{1.2, false},
		{0, false},
		{math.NaN(), false},
		{-2, false},
		{math.Inf(1), false},
	} {
		got := Score(Input{Today: fresh(0), ACWR: c.acwr})
		if hasCode(got, "load") != c.want {
			t.Errorf("ACWR %v: %+v, want load reason %v", c.acwr, got.Reasons, c.want)
		}
	}
}

// The HRV history is 34 steady days (7–40 before today) and a recent week
// whose readings are given per day; days 1–6 without one have HRV 0.
func TestScoreHRV(t *testing.T) {
	hist := func(recent map[int]float64) []Answers {
		return edit(history(1, 40), func(k int, c *Answers) {
			if k <= 6 {
				c.HRV = recent[k]
			}
		})
	}
	for _, c := range []struct {
		name   string
		today  float64
		recent map[int]float64
		hist   []Answers // hist(recent) when nil
		want   []Reason
	}{
		{
			// Week: 45, 45, 45 → 45 ms.
			// Normal, days 1–60: 34 steady + two 45s: m ≈ 4.0776, s ≈ 0.0776;
			// e^(m ± 0.0388) ≈ 56.8–61.3 → 57–61 ms.
			name:   "three low readings",
			today:  45,
			recent: map[int]float64{2: 45, 4: 45},
			want:   []Reason{reason(Amber, "hrv", "HRV below your normal range (7-day average 45 ms vs 57–61 ms)")},
		},
		{
			// Normal: 34 steady + six 45s: m ≈ 4.0505, s ≈ 0.1103;
			// e^(m ± 0.0552) ≈ 54.3–60.7 → 54–61 ms.
			name:   "a whole low week",
			today:  45,
			recent: map[int]float64{1: 45, 2: 45, 3: 45, 4: 45, 5: 45, 6: 45},
			want:   []Reason{reason(Amber, "hrv", "HRV below your normal range (7-day average 45 ms vs 54–61 ms)")},
		},
		{
			name:   "two readings in the week are not judged",
			today:  45,
			recent: map[int]float64{2: 45},
			want:   []Reason{allNormal},
		},
		{
			// Week: ln 60, 57, 63 (days 1, 3, 5) ≈ 4.0935 → 60 ms: the zeros
			// of days 2, 4, 6 and today are absent, not low.
			name:   "missing today, three normal readings",
			today:  0,
			recent: map[int]float64{1: 60, 3: 57, 5: 63},
			want:   []Reason{allNormal},
		},
		{
			name:  "missing everywhere",
			today: 0,
			hist:  edit(history(1, 40), func(_ int, c *Answers) { c.HRV = 0 }),
			want:  []Reason{allNormal},
		},
		{
			name:   "13 readings in 60 days are too few",
			today:  45,
			recent: map[int]float64{2: 45, 4: 45},
			hist: edit(history(1, 40), func(k int, c *Answers) {
				switch {
				case k == 2 || k == 4:
					c.HRV = 45
				case k <= 6 || k > 17: // days 7–17: 11 steady readings
					c.HRV = 0
				}
			}),
			want: []Reason{allNormal},
		},
		{
			// Normal: 24 steady (days 7–30 of a 30-day history) + two 80s:
			// m ≈ 4.1157, s ≈ 0.0880; e^(m ± 0.0440) ≈ 58.7–64.1 → 59–64 ms.
			name:  "high HRV is noted, not penalised",
			today: 80,
			hist: edit(history(1, 30), func(k int, c *Answers) {
				if k <= 6 {
					c.HRV = map[int]float64{2: 80, 4: 80}[k]
				}
			}),
			want: []Reason{reason(Green, "hrv", "HRV above your normal range (7-day average 80 ms vs 59–64 ms)")},
		},
	} {
		h := c.hist
		if h == nil {
			h = hist(c.recent)
		}
		got := Score(Input{Today: with(fresh(0), func(ci *Answers) { ci.HRV = c.today }), History: h})
		score, light := 95, Green // 100 − 5
		if c.want[0].Light == Amber {
			score, light = 75, Amber // 100 − 5 − 20
		}
		checkResult(t, c.name, got, Result{Score: score, Light: light, Reasons: c.want, Baseline: true})
	}
}

// Four days of history is no baseline: only the plain thresholds apply.
func TestScoreWithoutBaseline(t *testing.T) {
	var four, seven []Answers
	for k := 1; k <= 7; k++ {
		c := fresh(k)
		c.SleepQuality, c.Fatigue, c.Soreness, c.Stress, c.Mood = 5, 5, 5, 5, 4 // sum 24
		if k <= 4 {
			four = append(four, c)
		}
		seven = append(seven, c)
	}
	items := func(v ...int) Answers {
		c := fresh(0)
		c.SleepQuality, c.Fatigue, c.Soreness, c.Stress, c.Mood = v[0], v[1], v[2], v[3], v[4]
		return c
	}
	// Wellness 15 against a usual 24, resting HR 8 above 50.
	low := with(items(3, 3, 3, 3, 3), func(c *Answers) { c.RestingHR = 58 })
	for _, c := range []struct {
		name  string
		today Answers
		hist  []Answers
		want  Result
	}{
		{
			// 15 > 12 passes the plain thresholds, but resting HR needs
			// only 3 readings, not the baseline: +8 is Amber. 100 − 10 − 20.
			name: "wellness fine on plain thresholds, resting HR judged on 4 days", today: low, hist: four,
			want: Result{Score: 70, Light: Amber, Reasons: []Reason{
				reason(Amber, "resting_hr", "Resting HR 8 bpm above your 28-day baseline (50 bpm)"),
			}},
		},
		{
			// With 7 days the same day is judged personally: mean 24, SD 0
			// floored to 1.5, 15 < 24 − 3 and 9 points down → Red; +8 bpm
			// → Amber.
			// 100 − 10 − 50 − 20 = 20.
			name: "the same day with a baseline", today: low, hist: seven,
			want: Result{Score: 20, Light: Red, Baseline: true, Reasons: []Reason{
				reason(Red, "wellness", "Wellness far below your usual (15 of 25 vs 24)"),
				reason(Amber, "resting_hr", "Resting HR 8 bpm above your 28-day baseline (50 bpm)"),
			}},
		},
		{
			name: "no history", today: fresh(0),
			want: Result{Score: 95, Light: Green, Reasons: []Reason{noWarning}},
		},
		{
			name: "sum 13", today: items(3, 3, 3, 2, 2), hist: four, // 100 − 12
			want: Result{Score: 88, Light: Green, Reasons: []Reason{noWarning}},
		},
		{
			name: "sum 12", today: items(3, 3, 2, 2, 2), hist: four, // 100 − 13 − 20
			want: Result{Score: 67, Light: Amber, Reasons: []Reason{reason(Amber, "wellness", "Wellness low (12 of 25)")}},
		},
		{
			name: "sum 10", today: items(2, 2, 2, 2, 2), hist: four, // 100 − 15 − 20
			want: Result{Score: 65, Light: Amber, Reasons: []Reason{reason(Amber, "wellness", "Wellness low (10 of 25)")}},
		},
		{
			name: "sum 9", today: items(2, 2, 2, 2, 1), hist: four, // 100 − 16 − 50 − 20
			want: Result{Score: 14, Light: Red, Reasons: []Reason{
				reason(Red, "wellness", "Wellness very low (9 of 25)"),
				reason(Amber, "item_low", "Mood: 1 of 5"),
			}},
		},
		{
			name: "an item at 1 in a good sum", today: items(5, 5, 1, 5, 5), hist: four, // 100 − 4 − 20
			want: Result{Score: 76, Light: Amber, Reasons: []Reason{reason(Amber, "item_low", "Soreness: 1 of 5")}},
		},
		{
			name: "6 h 30 min needs a baseline to matter", today: with(fresh(0), func(c *Answers) { c.SleepHours = 6.5 }), hist: four,
			want: Result{Score: 95, Light: Green, Reasons: []Reason{noWarning}},
		},
		{
			name: "short sleep needs none", today: with(fresh(0), func(c *Answers) { c.SleepHours = 5.5 }), hist: four,
			want: Result{Score: 75, Light: Amber, Reasons: []Reason{reason(Amber, "sleep", "Slept 5 h 30 min (under 6 h)")}},
		},
	} {
		checkResult(t, c.name, Score(Input{Today: c.today, History: c.hist}), c.want)
	}
}

// The baseline window is the 28 days before today: 7 check-ins on days
// 22–28 make a baseline, on days 23–29 only 6 of them count.
func TestBaselineWindow(t *testing.T) {
	for _, c := range []struct {
		from, to int
		want     bool
	}{
		{22, 28, true},
		{23, 29, false},
		{1, 6, false},
		{1, 7, true},
	} {
		got := Score(Input{Today: fresh(0), History: history(c.from, c.to)})
		if got.Baseline != c.want {
			t.Errorf("days %d–%d: Baseline %v, want %v", c.from, c.to, got.Baseline, c.want)
		}
	}
}

func TestHistoryCleaning(t *testing.T) {
	base := history(1, 30)
	rhr58 := with(fresh(0), func(c *Answers) { c.RestingHR = 58 })
	rhr := func(diff, baseline string) []Reason {
		return []Reason{reason(Amber, "resting_hr", "Resting HR "+diff+" bpm above your 28-day baseline ("+baseline+" bpm)")}
	}
	yesterday30 := with(steady(1), func(c *Answers) { c.RestingHR = 30 })
	bad := func(day time.Time) Answers {
		return with(fresh(0), func(c *Answers) { c.Day, c.RestingHR, c.Illness, c.SleepHours = day, 90, true, 2 })
	}
	for _, c := range []struct {
		name string
		hist []Answers
		want []Reason
	}{
		// Days 1–28 lose a 50 for a 30: 1380/28 ≈ 49.3 → 49; 58 − 49 = 9.
		{"a later duplicate replaces yesterday", append(slices.Clone(base), yesterday30), rhr("9", "49")},
		// The steady day 1 (50) comes after the 30 and wins: 58 − 50 = 8.
		{"an earlier duplicate is replaced", append([]Answers{yesterday30}, base...), rhr("8", "50")},
		{"entries dated today and later are ignored",
			append(slices.Clone(base), bad(ago(0)), bad(ago(-1)), bad(ago(-365)), bad(ago(0).Add(23*time.Hour))),
			rhr("8", "50")},
		// 18:00 at UTC−7 on day 1 is already today in UTC; its own calendar day counts.
		{"a check-in's calendar day is its own",
			append(slices.Clone(base), with(yesterday30, func(c *Answers) {
				c.Day = time.Date(2025, 3, 30, 18, 0, 0, 0, time.FixedZone("UTC−7", -7*3600))
			})),
			rhr("9", "49")},
		// Days over 60 before today are outside every window.
		{"old entries are ignored", append(slices.Clone(base), bad(ago(61)), bad(ago(400))), rhr("8", "50")},
	} {
		checkResult(t, c.name, Score(Input{Today: rhr58, History: c.hist}),
			Result{Score: 75, Light: Amber, Reasons: c.want, Baseline: true})
	}

	// Order does not matter when no day repeats.
	shuffled := slices.Clone(base)
	rand.New(rand.NewSource(1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	checkResult(t, "shuffled", Score(Input{Today: rhr58, History: shuffled}), Score(Input{Today: rhr58, History: base}))
}

func TestMissedDays(t *testing.T) {
	utcMinus7 := time.FixedZone("UTC−7", -7*3600)
	for _, c := range []struct {
		name   string
		last   time.Time
		days   int
		missed bool
	}{
		{"today", ago(0), 0, false},
		{"yesterday", ago(1), 0, false},
		{"2 days ago: 1 day missed", ago(2), 1, false},
		{"3 days ago: 2 days missed", ago(3), 2, true},
		{"10 days ago", ago(10), 9, true},
		{"after today", ago(-2), 0, false},
		{"never", time.Time{}, 0, false},
		// 23:30 at UTC−7 on the 29th is the 30th in UTC, but the athlete's day is the 29th.
		{"own calendar day", time.Date(2025, 3, 29, 23, 30, 0, 0, utcMinus7), 1, false},
		{"a year ago", ago(365), 364, true},
	} {
		// today late in the day: only its calendar day counts.
		now := today.Add(22 * time.Hour)
		if got := MissedDays(c.last, now); got != c.days {
			t.Errorf("%s: MissedDays = %d, want %d", c.name, got, c.days)
		}
		if got := Missed(c.last, now); got != c.missed {
			t.Errorf("%s: Missed = %v, want %v", c.name, got, c.missed)
		}
	}
}

// checkInvariants checks what must hold for every Result.
func checkInvariants(t *testing.T, in Input, r Result) {
	t.Helper()
	if r.Score < 0 || r.Score > 100 {
		t.Fatalf("score %d out of 0–100 for %+v", r.Score, in)
	}
	if len(r.Reasons) == 0 {
		t.Fatalf("no reasons for %+v", in)
	}
	worst := Green
	for i, x := range r.Reasons {
		if x.Text == "" || x.Code == "" {
			t.Fatalf("empty reason %+v", x)
		}
		if i > 0 && rank(x.Light) < rank(r.Reasons[i-1].Light) {
			t.Fatalf("reasons not most serious first: %+v", r.Reasons)
		}
		if rank(x.Light) < rank(worst) {
			worst = x.Light
		}
	}
	if r.Light != worst {
		t.Fatalf("light %s, most serious reason %s: %+v", r.Light, worst, r.Reasons)
	}
	var band string
	switch {
	case r.Score >= 80:
		band = "green"
	case r.Score >= 50:
		band = "amber"
	default:
		band = "red"
	}
	if string(r.Light) != band {
		t.Fatalf("light %s with score %d", r.Light, r.Score)
	}
	if len(signs(r.Reasons)) >= 3 && r.Light != Red {
		t.Fatalf("signs from 3 sources and light %s: %+v", r.Light, r.Reasons)
	}
	// Illness below the neck, or where not said, is Red; above the neck
	// at least Amber. No added finding raises the score or lowers the light.
	for _, site := range []string{"", BelowNeck, AboveNeck} {
		if in.Today.Illness || slices.ContainsFunc(r.Reasons, func(r Reason) bool { return r.Code == CodeIllnessRecent }) {
			break // already ill, or ill yesterday: illness today replaces the return from it
		}
		ill := in
		ill.Today.Illness, ill.Today.IllnessSite = true, site
		ri := Score(ill)
		if ri.Score > r.Score || rank(ri.Light) > rank(r.Light) || site != AboveNeck && ri.Light != Red || ri.Light == Green {
			t.Fatalf("illness (%q) took the score from %d to %d (light %s)", site, r.Score, ri.Score, ri.Light)
		}
	}
	missed := in
	missed.MissedRecovery = "Recovery done too hard yesterday: Recovery jog at RPE 6"
	if rm := Score(missed); rm.Score > r.Score || rank(rm.Light) > rank(r.Light) || rm.Light == Green {
		t.Fatalf("recovery done too hard took the score from %d to %d (light %s)", r.Score, rm.Score, rm.Light)
	}
}

// randomInput is a plausible check-in history of up to 90 days with gaps,
// the odd duplicate and future entry, and a plausible today.
func randomInput(rng *rand.Rand) Input {
	item := func() int { return 1 + rng.Intn(5) }
	checkIn := func(k int) Answers {
		c := Answers{
			Day:          ago(k),
			SleepHours:   3 + rng.Float64()*7,
			SleepQuality: item(), Fatigue: item(), Soreness: item(), Stress: item(), Mood: item(), Motivation: item(),
			Illness:     rng.Intn(30) == 0,
			IllnessSite: []string{"", AboveNeck, BelowNeck}[rng.Intn(3)],
			Injury:      rng.Intn(50) == 0,
		}
		if c.Injury && rng.Intn(2) == 0 {
			c.InjuryAreas = []string{"knees"}
		}
		if rng.Intn(4) > 0 {
			c.RestingHR = 40 + rng.Intn(30)
		}
		if rng.Intn(3) > 0 {
			c.HRV = 20 + rng.Float64()*100
			if rng.Intn(40) == 0 {
				c.HRV = math.Round(math.Log(c.HRV)*10) / 10 // typed in ln units
			}
		}
		return c
	}
	var h []Answers
	days := rng.Intn(91)
	for k := 1; k <= days; k++ {
		if rng.Intn(4) > 0 {
			h = append(h, checkIn(k))
		}
		if rng.Intn(20) == 0 {
			h = append(h, checkIn(k)) // duplicate
		}
	}
	if rng.Intn(10) == 0 {
		h = append(h, checkIn(-rng.Intn(3)))
	}
	rng.Shuffle(len(h), func(i, j int) { h[i], h[j] = h[j], h[i] })
	acwr := 0.5 + rng.Float64()*1.5
	switch rng.Intn(5) {
	case 0:
		acwr = 0
	case 1:
		acwr = math.NaN()
	}
	in := Input{Today: checkIn(0), History: h, ACWR: acwr}
	if rng.Intn(10) == 0 {
		in.MissedRecovery = "Recovery done too hard yesterday: Recovery jog at RPE 5"
	}
	return in
}

func TestScoreProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for range 3000 {
		in := randomInput(rng)
		r := Score(in)
		checkInvariants(t, in, r)
		if again := Score(in); !reflect.DeepEqual(r, again) {
			t.Fatalf("not deterministic: %+v then %+v", r, again)
		}
		// An implausible reading today counts as none, with a note.
		if usual, known := newWindow(in).day(0).usualHRV(); known {
			odd, none := in, in
			odd.Today.HRV, none.Today.HRV = usual/3.5, 0
			ro, rn := Score(odd), Score(none)
			if ro.Score != rn.Score || ro.Light != rn.Light || !hasCode(ro, "hrv_excluded") {
				t.Fatalf("HRV %v against a usual %v: %+v, without it %+v", odd.Today.HRV, usual, ro, rn)
			}
		}
		// Without any HRV there is never an HRV reason.
		in.Today.HRV = 0
		in.History = edit(in.History, func(_ int, c *Answers) { c.HRV = 0 })
		if r := Score(in); hasCode(r, "hrv") {
			t.Fatalf("HRV reason without HRV: %+v", r.Reasons)
		}
	}
}

func FuzzScore(f *testing.F) {
	f.Add(8.0, uint32(0x444444), 50, 60.0, false, false, 1.0, uint8(30), int64(1), 0.0)
	f.Add(math.NaN(), uint32(0xffffff), -5, math.Inf(1), true, true, math.NaN(), uint8(90), int64(-7), math.Inf(-1))
	f.Add(-3.0, uint32(0), 1<<40, -1.0, false, true, -1e308, uint8(0), int64(math.MaxInt64), 1e308)
	f.Fuzz(func(t *testing.T, sleep float64, items uint32, rhr int, hrv float64,
		illness, injury bool, acwr float64, days uint8, seed int64, junk float64) {
		// Six items from 4 bits each, −8..7; the illness site and
		// recovery done too hard from the bits above them.
		item := func(i int) int { return int(items>>(4*i)&0xf) - 8 }
		c0 := Answers{
			Day: today, SleepHours: sleep,
			SleepQuality: item(0), Fatigue: item(1), Soreness: item(2), Stress: item(3), Mood: item(4), Motivation: item(5),
			RestingHR: rhr, HRV: hrv, Illness: illness, Injury: injury,
			IllnessSite: []string{"", AboveNeck, BelowNeck, "elbow"}[items>>24&3],
		}
		if injury && items>>26&1 == 1 {
			c0.InjuryAreas = []string{"calves", "lower_back"}
		}
		// A plausible history from seed, with the fuzzed values and junk
		// mixed in, and one entry on an arbitrary instant.
		rng := rand.New(rand.NewSource(seed))
		var h []Answers
		for k := range int(days) {
			c := steady(k - 3)
			switch rng.Intn(4) {
			case 0:
				c.SleepHours, c.HRV, c.RestingHR = junk, junk, rhr
			case 1:
				c.SleepQuality, c.Mood, c.HRV, c.SleepHours = item(rng.Intn(6)), item(rng.Intn(6)), hrv, sleep
			}
			h = append(h, c)
		}
		h = append(h, with(c0, func(c *Answers) { c.Day = time.Unix(seed, 0) }))
		in := Input{Today: c0, History: h, ACWR: acwr}
		if items>>27&1 == 1 {
			in.MissedRecovery = "Recovery done too hard yesterday: Recovery jog at RPE 6"
		}
		checkInvariants(t, in, Score(in))
		if d := MissedDays(time.Unix(seed, 0), today); d < 0 {
			t.Fatalf("MissedDays %d", d)
		}
	})
}

func BenchmarkScoreNinetyDays(b *testing.B) {
	in := Input{Today: fresh(0), History: history(1, 90), ACWR: 1.2}
	for b.Loop() {
		Score(in)
	}
}
