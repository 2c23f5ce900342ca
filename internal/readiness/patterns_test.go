package readiness

import (
	"math"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"
)

// weeksOf is today and the 60 steady days before it, each changed by f (k
// days before today).
func weeksOf(f func(k int, c *Answers)) []Answers {
	cs := make([]Answers, 0, 61)
	for k := 0; k <= 60; k++ {
		c := steady(k)
		if f != nil {
			f(k, &c)
		}
		cs = append(cs, c)
	}
	return cs
}

// codes are the flags' codes.
func codes(p Pattern) []string {
	var out []string
	for _, f := range p.Flags {
		out = append(out, f.Code)
	}
	return out
}

func TestPatternFlags(t *testing.T) {
	restDays := []time.Time{ago(2), ago(6), ago(9), ago(13)} // the days after them: 1, 5, 8, 12
	sessions := func(n, harder int) []Session {
		var out []Session
		for i := range n {
			s := Session{Day: ago(1 + i), Kind: "tempo", TargetRPE: 6, RPE: 6}
			if i < harder {
				s.RPE = 7.5
			}
			out = append(out, s)
		}
		return out
	}
	sore := func(days int, area string) map[time.Time][]string {
		m := map[time.Time][]string{}
		for k := range days {
			m[ago(k)] = []string{area, area}
		}
		return m
	}
	for _, c := range []struct {
		name     string
		in       PatternInput
		want     []string
		evidence string
	}{
		{name: "steady weeks raise nothing", in: PatternInput{CheckIns: weeksOf(nil), RestDays: restDays, Sessions: sessions(8, 1)}},
		{
			name: "always tired, after rest days too",
			in: PatternInput{RestDays: restDays, CheckIns: weeksOf(func(k int, c *Answers) {
				if k < 14 && k%5 != 3 {
					c.Fatigue = 2
				}
			})},
			want: []string{FlagTired}, evidence: "Energy at 2 or worse on 11 of 14 mornings, 3 of 4 after a rest or easy day",
		},
		{
			// Tired most mornings, but with no rest or easy day to tell
			// whether rest clears it: not judged.
			name: "tired with nothing to tell rest apart",
			in: PatternInput{CheckIns: weeksOf(func(k int, c *Answers) {
				if k < 14 {
					c.Fatigue = 2
				}
			})},
		},
		{
			// Easy sessions logged above their target: athletes do.
			name: "easy sessions harder than planned", in: PatternInput{CheckIns: weeksOf(nil),
				Sessions: []Session{{Day: ago(1), Kind: "easy", TargetRPE: 3, RPE: 5}, {Day: ago(2), Kind: "easy", TargetRPE: 3, RPE: 5},
					{Day: ago(4), Kind: "easy", TargetRPE: 3, RPE: 5}, {Day: ago(5), Kind: "recovery", TargetRPE: 2, RPE: 4}}},
		},
		{
			// Long catch-up nights are not disturbed sleep.
			name: "long nights", in: PatternInput{CheckIns: weeksOf(func(k int, c *Answers) {
				if k < 14 && k%2 == 0 {
					c.SleepHours = 10
				}
			})},
		},
		{
			// Tired on most days, but fresh after every rest day: rest
			// clears it, which is training, not a red flag.
			name: "tired but rest clears it",
			in: PatternInput{RestDays: restDays, CheckIns: weeksOf(func(k int, c *Answers) {
				if k < 14 && !slices.Contains([]int{1, 5, 8, 12}, k) {
					c.Fatigue = 2
				}
			})},
		},
		{
			name: "tired on half the days is not most",
			in: PatternInput{CheckIns: weeksOf(func(k int, c *Answers) {
				if k < 14 && k%2 == 0 {
					c.Fatigue = 2
				}
			})},
		},
		{
			name: "performance falling", in: PatternInput{CheckIns: weeksOf(nil), Sessions: sessions(6, 4)},
			want: []string{FlagPerformance}, evidence: "4 of 6 moderate or hard workouts logged 1.5 RPE or more above their target (tempo)",
		},
		{name: "two harder sessions are not a trend", in: PatternInput{CheckIns: weeksOf(nil), Sessions: sessions(3, 2)}},
		{name: "harder on a minority", in: PatternInput{CheckIns: weeksOf(nil), Sessions: sessions(9, 3)}},
		{
			name: "three short nights in a row",
			in: PatternInput{CheckIns: weeksOf(func(k int, c *Answers) {
				if k >= 3 && k <= 5 {
					c.SleepHours = 5.5
				}
			})},
			want: []string{FlagSleep}, evidence: "3 short nights in a row",
		},
		{
			name: "two short nights are not a run",
			in: PatternInput{CheckIns: weeksOf(func(k int, c *Answers) {
				if k == 3 || k == 4 || k == 6 {
					c.SleepHours = 5.5
				}
			})},
		},
		{
			name: "sleep all over the place",
			in: PatternInput{CheckIns: weeksOf(func(k int, c *Answers) {
				if k < 14 {
					c.SleepHours = []float64{9.5, 6, 8.5, 6.25, 10}[k%5]
				}
			})},
			want: []string{FlagSleep}, evidence: "6 of 14 nights an hour or more short of your usual 8 h, or poor",
		},
		{
			name: "mood sliding",
			in: PatternInput{CheckIns: weeksOf(func(k int, c *Answers) {
				switch {
				case k < 7:
					c.Mood, c.Stress, c.Motivation = 3, 2, 3
				case k < 14:
					c.Mood, c.Stress, c.Motivation = 3, 3, 3
				}
			})},
			want: []string{FlagMood}, evidence: "averaged 2.7 this week, 3.0 the week before, against your usual",
		},
		{
			// Low, but rising again: no slide.
			name: "mood low but recovering",
			in: PatternInput{CheckIns: weeksOf(func(k int, c *Answers) {
				switch {
				case k < 7:
					c.Mood, c.Stress, c.Motivation = 3, 3, 3
				case k < 14:
					c.Mood, c.Stress, c.Motivation = 2, 2, 3
				}
			})},
		},
		{
			name: "the same sore area most days, and sore", in: PatternInput{SorenessAreas: sore(5, "calves"),
				CheckIns: weeksOf(func(k int, c *Answers) {
					if k < 4 {
						c.Soreness = 2
					}
				})},
			want: []string{FlagSoreness}, evidence: "Sore calves on 5 of 7 days",
		},
		{name: "a sore spot ticked on a build's mornings that feel fine", in: PatternInput{CheckIns: weeksOf(nil), SorenessAreas: sore(6, "calves")}},
		{name: "sore four days", in: PatternInput{CheckIns: weeksOf(func(_ int, c *Answers) { c.Soreness = 2 }), SorenessAreas: sore(4, "calves")}},
		{
			name: "injuries that keep coming back",
			in: PatternInput{CheckIns: weeksOf(func(k int, c *Answers) {
				c.Injury = k == 25 || k == 24 || k == 15 || k == 3
			})},
			want: []string{FlagSoreness}, evidence: "An injury reported on 3 separate occasions in 30 days",
		},
		{
			name: "one long injury is one occasion",
			in: PatternInput{CheckIns: weeksOf(func(k int, c *Answers) {
				c.Injury = k < 10
			})},
		},
		{
			name: "missing days: too few check-ins to judge",
			in: PatternInput{CheckIns: slices.DeleteFunc(weeksOf(func(k int, c *Answers) { c.Fatigue, c.SleepHours = 1, 4 }),
				func(c Answers) bool {
					k := dayNumber(today) - dayNumber(c.Day)
					return k < 14 && (k%2 == 0 || k == 13) // 6 of the 14 days left
				})},
		},
	} {
		c.in.Today = today
		p := Patterns(c.in)
		if !slices.Equal(codes(p), c.want) {
			t.Errorf("%s: flags %v, want %v", c.name, codes(p), c.want)
			continue
		}
		if len(p.Flags) > 0 && !strings.Contains(p.Flags[0].Evidence, c.evidence) {
			t.Errorf("%s: evidence %q lacks %q", c.name, p.Flags[0].Evidence, c.evidence)
		}
		for _, f := range p.Flags {
			if len(f.Series) != patternDays || f.Title == "" || f.Signal == "" {
				t.Errorf("%s: flag %+v", c.name, f)
			}
		}
		if _, ok := p.Reason(); ok {
			t.Errorf("%s: one flag is not a pattern", c.name)
		}
	}
}

// Flags about training or mood with others make the pattern, whose reason
// says it is not a diagnosis; tiredness and short nights alone do not —
// short nights make anyone tired.
func TestPatternReason(t *testing.T) {
	tiredAndShort := PatternInput{Today: today, RestDays: []time.Time{ago(3), ago(8)}, CheckIns: weeksOf(func(k int, c *Answers) {
		if k < 14 {
			c.Fatigue = 2
		}
		if k >= 2 && k <= 5 {
			c.SleepHours = 5
		}
	})}
	p := Patterns(tiredAndShort)
	if !slices.Equal(codes(p), []string{FlagTired, FlagSleep}) || p.Overreaching() {
		t.Fatalf("tired and short nights: %v, overreaching %v", codes(p), p.Overreaching())
	}
	withWork := tiredAndShort
	for i := range 4 {
		withWork.Sessions = append(withWork.Sessions, Session{Day: ago(2*i + 9), Kind: "tempo", TargetRPE: 6, RPE: 8})
	}
	p = Patterns(withWork)
	r, ok := p.Reason()
	if !p.Overreaching() || !ok || r.Light != Amber || r.Code != CodePattern || !slices.Equal(r.Flags, []string{FlagTired, FlagPerformance, FlagSleep}) ||
		r.Text != "Red flags over the last weeks: always tired, workouts feel harder than planned, sleep all over the place — together a pattern of overreaching (not a diagnosis)" {
		t.Errorf("pattern %v, reason %+v", codes(p), r)
	}
}

// No single day's values raise a flag, whatever they are: on steady weeks,
// one morning (or one workout) at its worst adds nothing.
func TestPatternNeedsMoreThanOneDay(t *testing.T) {
	rng := rand.New(rand.NewSource(23))
	for range 3000 {
		k := rng.Intn(patternDays + 10)
		worst := func(_ int, c *Answers) {}
		in := PatternInput{Today: today, RestDays: []time.Time{ago(3)}, CheckIns: weeksOf(func(d int, c *Answers) {
			if d != k {
				return
			}
			c.SleepHours = float64(rng.Intn(97)) / 4
			c.SleepQuality, c.Fatigue, c.Soreness = 1+rng.Intn(5), 1+rng.Intn(5), 1+rng.Intn(5)
			c.Stress, c.Mood, c.Motivation = 1+rng.Intn(5), 1+rng.Intn(5), 1+rng.Intn(5)
			c.Injury = rng.Intn(2) == 0
		})}
		worst(0, nil)
		if rng.Intn(2) == 0 {
			in.SorenessAreas = map[time.Time][]string{ago(k): {"knees", "calves", "knees"}}
		}
		in.Sessions = []Session{{Day: ago(k), Kind: "intervals", TargetRPE: 5, RPE: 1 + 9*rng.Float64()}}
		if p := Patterns(in); len(p.Flags) > 0 {
			t.Fatalf("day %d alone raised %v: %+v", k, codes(p), p.Flags[0])
		}
	}
}

// Without HRV, sessions, areas or rest days, and with gaps, the flags read
// what there is, and the series leave the missing days NaN.
func TestPatternMissingData(t *testing.T) {
	cs := weeksOf(func(k int, c *Answers) {
		c.HRV, c.RestingHR = 0, 0
		if k < 14 {
			c.Fatigue = 1
		}
	})
	cs = slices.DeleteFunc(cs, func(c Answers) bool { return c.Day.Equal(ago(4)) })
	p := Patterns(PatternInput{Today: today, CheckIns: cs, RestDays: []time.Time{ago(2), ago(6)}})
	if !slices.Equal(codes(p), []string{FlagTired}) {
		t.Fatalf("flags %v", codes(p))
	}
	if s := p.Flags[0].Series; !math.IsNaN(s[patternDays-1-4]) || s[patternDays-1] != 1 {
		t.Errorf("series %v", s)
	}
	if p := Patterns(PatternInput{Today: today}); len(p.Flags) != 0 {
		t.Errorf("no data raised %v", codes(p))
	}
}
