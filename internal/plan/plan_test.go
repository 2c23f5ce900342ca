package plan

import (
	"errors"
	"strings"
	"testing"
	"time"

	"rebound/internal/training"
)

// baseInput is a valid input that the refusal cases break one field at a
// time: an intermediate runner, 4 h a week, a half marathon in 16 weeks.
func baseInput() Input {
	return Input{
		Athlete: Athlete{Sport: Run, WeeklyMinutes: 240, Experience: Intermediate, LongDay: time.Sunday},
		Event:   &Event{Name: "Half", Date: date(2026, 4, 26), Kind: Half, Priority: "A"},
		Start:   date(2026, 1, 5),
	}
}

func TestBaseInputIsValid(t *testing.T) {
	in := baseInput()
	p, err := Generate(in)
	if err != nil {
		t.Fatal(err)
	}
	if problems := Check(in, p); len(problems) > 0 {
		t.Fatal(strings.Join(problems, "\n"))
	}
}

func TestRefusals(t *testing.T) {
	unavailable := [7]DayAvailability{}
	for i := range unavailable {
		unavailable[i] = DayAvailability{Available: false, MaxMinutes: 60} // not the zero value: every day unticked
	}
	threeInARow := [7]DayAvailability{{Available: true}, {Available: true}, {Available: true}, {MaxMinutes: 1}}
	for _, c := range []struct {
		name   string
		change func(*Input)
		field  string
		words  string // part of the message
	}{
		{"event in the past", func(in *Input) { in.Event.Date = in.Start.AddDate(0, 0, -1) }, "event_date", "before the plan's start"},
		{"marathon in 5 weeks from 60 min a week", func(in *Input) {
			in.Athlete.WeeklyMinutes = 60
			in.Event.Kind = Marathon
			in.Event.Date = in.Start.AddDate(0, 0, 4*7+6)
		}, "event_date", "marathon needs at least 12 weeks"},
		{"marathon in 10 weeks from a good base", func(in *Input) {
			in.Athlete.WeeklyMinutes = 300
			in.Event.Kind = Marathon
			in.Event.Date = in.Start.AddDate(0, 0, 9*7+6)
		}, "event_date", "week 10"},
		{"3 key workouts on 90 min a week", func(in *Input) {
			in.Event = nil
			in.Athlete.WeeklyMinutes = 90
			in.Options.KeyWorkouts = 3
		}, "key_workouts", "at least 180 minutes"},
		{"no available days", func(in *Input) { in.Athlete.Availability = unavailable }, "availability", "0 available"},
		{"two available days for a race", func(in *Input) {
			in.Athlete.Availability = [7]DayAvailability{{Available: true}, {Available: true}, {MaxMinutes: 1}}
		}, "availability", "at least 3 days"},
		{"3 keys but no room to space them", func(in *Input) {
			in.Athlete.Availability = threeInARow
			in.Athlete.LongDay = time.Sunday
			in.Options.KeyWorkouts = 3
		}, "key_workouts", "allow 2"},
		{"no day long enough for a long run", func(in *Input) {
			for i := range in.Athlete.Availability {
				in.Athlete.Availability[i] = DayAvailability{Available: true, MaxMinutes: 45}
			}
		}, "availability", "at least 75 minutes"},
		{"event more than a year away", func(in *Input) { in.Event.Date = in.Start.AddDate(1, 1, 0) }, "event_date", "more than 52 weeks"},
		{"no start", func(in *Input) { in.Start = time.Time{} }, "start", ""},
		{"no event date", func(in *Input) { in.Event.Date = time.Time{} }, "event_date", ""},
		{"unknown sport", func(in *Input) { in.Athlete.Sport = "curling" }, "sport", ""},
		{"unknown experience", func(in *Input) { in.Athlete.Experience = "elite" }, "experience", ""},
		{"unknown units", func(in *Input) { in.Athlete.Units = "furlongs" }, "units", ""},
		{"too little training", func(in *Input) { in.Athlete.WeeklyMinutes = 45 }, "weekly_minutes", "at least 60"},
		{"too much training", func(in *Input) { in.Athlete.WeeklyMinutes = 4000 }, "weekly_minutes", ""},
		{"threshold pace typo", func(in *Input) { in.Athlete.ThresholdPace = 30 }, "threshold_pace", ""},
		{"FTP typo", func(in *Input) { in.Athlete.FTP = 2000 }, "ftp", ""},
		{"threshold HR above max", func(in *Input) { in.Athlete.ThresholdHR, in.Athlete.MaxHR = 190, 180 }, "threshold_hr", "below"},
		{"long day out of range", func(in *Input) { in.Athlete.LongDay = 9 }, "long_day", ""},
		{"negative room", func(in *Input) { in.Athlete.Availability[2] = DayAvailability{Available: true, MaxMinutes: -5} }, "availability", "negative"},
		{"cutback every 5", func(in *Input) { in.Options.CutbackEvery = 5 }, "cutback_every", ""},
		{"cutback too shallow", func(in *Input) { in.Options.CutbackDepth = 0.95 }, "cutback_depth", ""},
		{"ramp too steep", func(in *Input) { in.Options.MaxRamp = 0.2 }, "max_ramp", ""},
		{"four key workouts", func(in *Input) { in.Options.KeyWorkouts = 4 }, "key_workouts", ""},
		{"taper too short", func(in *Input) { in.Options.TaperDays = 3 }, "taper_days", ""},
		{"block too long", func(in *Input) { in.Event, in.Options.Weeks = nil, 60 }, "weeks", ""},
		{"unknown event", func(in *Input) { in.Event.Kind = "parkour" }, "event_kind", ""},
		{"triathlon for a runner", func(in *Input) { in.Event.Kind = Half703 }, "event_kind", "not a run event"},
		{"race for strength", func(in *Input) { in.Athlete.Sport = Strength }, "event_kind", "no race"},
		{"priority D", func(in *Input) { in.Event.Priority = "D" }, "event_priority", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := baseInput()
			c.change(&in)
			_, err := Generate(in)
			var r *Refusal
			if !errors.As(err, &r) {
				t.Fatalf("Generate = %v, want a *Refusal", err)
			}
			if r.Field != c.field || !strings.Contains(r.Message, c.words) {
				t.Fatalf("refusal %s: %q, want field %s and %q", r.Field, r.Message, c.field, c.words)
			}
			if problems := Check(in, Plan{}); len(problems) != 1 || !strings.Contains(problems[0], r.Message) {
				t.Errorf("Check on a refused input = %q, want the refusal", problems)
			}
		})
	}
}

// A plan that is shorter than usual, but still safe, is built and says so.
func TestShortenedPlanSaysWhy(t *testing.T) {
	in := baseInput()
	in.Event.Date = in.Start.AddDate(0, 0, 9*7+6) // a half marathon in 10 weeks instead of 14
	p, err := Generate(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Notes) == 0 || !strings.Contains(p.Notes[0], "usually 14 weeks") {
		t.Errorf("Notes = %q, want why the plan is shorter", p.Notes)
	}
}

// The long day moves to the nearest day with room, and the note says so.
func TestLongDayMoves(t *testing.T) {
	in := baseInput()
	in.Athlete.Availability = [7]DayAvailability{{Available: false, MaxMinutes: 1}, {Available: true}, {Available: true},
		{Available: true}, {Available: true}, {Available: true}, {Available: true}}
	p, err := Generate(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range p.Weeks {
		for _, wo := range w.Workouts {
			if wo.Kind == training.KindLong && wo.Date.Weekday() != time.Saturday {
				t.Fatalf("long run on %s, want Saturday", wo.Date.Weekday())
			}
		}
	}
	if !strings.Contains(strings.Join(p.Notes, " "), "goes on Saturday") {
		t.Errorf("Notes = %q, want the move explained", p.Notes)
	}
}

// Without an event: Options.Weeks of base, cutbacks on the cadence, no race.
func TestRollingBase(t *testing.T) {
	for _, sport := range []Sport{Run, Bike, Triathlon, Strength} {
		in := Input{Athlete: Athlete{Sport: sport, WeeklyMinutes: 300, Experience: Advanced, LongDay: time.Saturday},
			Start: date(2026, 9, 7), Options: Options{CutbackEvery: 3, Weeks: 9}}
		p, err := Generate(in)
		if err != nil {
			t.Fatal(sport, err)
		}
		if problems := Check(in, p); len(problems) > 0 {
			t.Fatalf("%s: %s", sport, strings.Join(problems, "\n"))
		}
		if len(p.Weeks) != 9 {
			t.Fatalf("%s: %d weeks, want 9", sport, len(p.Weeks))
		}
		for i, w := range p.Weeks {
			if cut := (i+1)%3 == 0; cut != (w.Kind == KindCutback) || w.Phase != PhaseBase {
				t.Errorf("%s week %d: %s %s", sport, i+1, w.Phase, w.Kind)
			}
		}
	}
}

// The strength week: three full-body days (A, B, A) 48 h apart, the first
// on the long day, each followed by active recovery.
func TestStrengthWeek(t *testing.T) {
	in := Input{Athlete: Athlete{Sport: Strength, WeeklyMinutes: 300, Experience: Intermediate, LongDay: time.Monday},
		Start: date(2026, 9, 7)}
	p, err := Generate(in)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, wo := range p.Weeks[0].Workouts {
		if wo.Key {
			got = append(got, wo.Date.Weekday().String()[:3]+" "+wo.Title)
		}
	}
	if len(got) != 3 || got[0] != "Mon Full body A, heavy" {
		t.Errorf("key days %v, want three full-body days, A on Monday", got)
	}
}

// Priority B: a short taper, the plan ends with the race week.
func TestBRace(t *testing.T) {
	in := baseInput()
	in.Event.Priority = "B"
	p, err := Generate(in)
	if err != nil {
		t.Fatal(err)
	}
	if problems := Check(in, p); len(problems) > 0 {
		t.Fatal(strings.Join(problems, "\n"))
	}
	last := p.Weeks[len(p.Weeks)-1]
	if last.Kind != KindRace {
		t.Errorf("last week is %s, want the race week", last.Kind)
	}
	for _, w := range p.Weeks {
		if w.Kind == KindTaper {
			t.Errorf("a B race on a Sunday gets no full taper week (only the race week's days before it)")
		}
	}
}

// Text shows every week and day and the notes.
func TestText(t *testing.T) {
	p, err := Generate(baseInput())
	if err != nil {
		t.Fatal(err)
	}
	text := p.Text()
	for _, want := range []string{"Week 1,", "Week 17,", "Race: Half", "Rest day", "% easy"} {
		if !strings.Contains(text, want) {
			t.Errorf("Text lacks %q", want)
		}
	}
	if days := strings.Count(text, "\n  Mon "); days != len(p.Weeks) {
		t.Errorf("%d Mondays in Text, want %d", days, len(p.Weeks))
	}
}

// Check finds what an unsafe edit breaks.
func TestCheckCatchesUnsafeEdits(t *testing.T) {
	in := baseInput()
	for _, c := range []struct {
		name string
		edit func(p *Plan)
		want string
	}{
		{"recovery not protected", func(p *Plan) {
			for i, wo := range p.Weeks[1].Workouts {
				if wo.Kind == training.KindRecovery {
					p.Weeks[1].Workouts[i].Protected = false
					return
				}
			}
		}, "Protected false"},
		{"intervals the day after the long run", func(p *Plan) {
			for _, w := range p.Weeks {
				for _, wo := range w.Workouts {
					if wo.Kind == training.KindLong {
						next := workoutOn(p, wo.Date.AddDate(0, 0, 1))
						*next = Workout{Date: next.Date, Sport: training.SportRun, Kind: training.KindIntervals, Minutes: 45, HardMinutes: 18,
							RPE: 8, Zone: 5, Key: true, Title: "6 × 3 min at 5K effort"}
						return
					}
				}
			}
		}, "a key workout the day after another"},
		{"a week that jumps", func(p *Plan) {
			for i, wo := range p.Weeks[1].Workouts {
				if wo.Kind == training.KindEasy {
					p.Weeks[1].Workouts[i].Minutes += 90
					p.Weeks[1].TargetMinutes += 90
					return
				}
			}
		}, "above"},
		{"running after the race", func(p *Plan) {
			last := &p.Weeks[len(p.Weeks)-1]
			last.Workouts[3] = Workout{Date: last.Workouts[3].Date, Sport: training.SportRun, Kind: training.KindTempo, Key: true, RPE: 7, Title: "Tempo"}
		}, "after the event"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := Generate(in)
			if err != nil {
				t.Fatal(err)
			}
			c.edit(&p)
			problems := strings.Join(Check(in, p), "\n")
			if !strings.Contains(problems, c.want) {
				t.Errorf("Check = %q, want a problem with %q", problems, c.want)
			}
		})
	}
}

// workoutOn is the first workout on day d.
func workoutOn(p *Plan, d time.Time) *Workout {
	for i := range p.Weeks {
		for j := range p.Weeks[i].Workouts {
			if p.Weeks[i].Workouts[j].Date.Equal(d) {
				return &p.Weeks[i].Workouts[j]
			}
		}
	}
	return nil
}

// Check reports, and never panics on, plans that are malformed in ways an
// edit or a bad store row could make them.
func TestCheckMalformed(t *testing.T) {
	in := baseInput()
	good, err := Generate(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		edit func(p *Plan)
	}{
		{"no weeks", func(p *Plan) { p.Weeks = nil }},
		{"a week without workouts", func(p *Plan) { p.Weeks[2].Workouts = nil }},
		{"a week that starts late", func(p *Plan) { p.Weeks[3].Start = p.Weeks[3].Start.AddDate(0, 0, 1) }},
		{"a workout in another week", func(p *Plan) { p.Weeks[1].Workouts[0].Date = p.Weeks[5].Start }},
		{"an unknown phase", func(p *Plan) { p.Weeks[0].Phase = "winter" }},
		{"weeks missing at the end", func(p *Plan) { p.Weeks = p.Weeks[:5] }},
		{"no race", func(p *Plan) {
			for _, w := range p.Weeks {
				for i, wo := range w.Workouts {
					if wo.Kind == training.KindRace {
						w.Workouts[i] = Workout{Date: wo.Date, Sport: training.SportOther, Kind: training.KindRest, Title: "Rest day", Protected: true}
					}
				}
			}
		}},
		{"nonsense numbers", func(p *Plan) {
			p.Weeks[0].Workouts[1] = Workout{Date: p.Weeks[0].Workouts[1].Date, Sport: "kayak", Kind: "nap", Minutes: -5, RPE: 11, Zone: 9}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := clonePlan(good)
			c.edit(&p)
			if problems := Check(in, p); len(problems) == 0 {
				t.Error("Check found nothing wrong")
			}
		})
	}
}

// clonePlan copies a plan deeply enough that editing its workouts leaves
// the original alone.
func clonePlan(p Plan) Plan {
	q := p
	q.Weeks = append([]Week(nil), p.Weeks...)
	for i := range q.Weeks {
		q.Weeks[i].Workouts = append([]Workout(nil), p.Weeks[i].Workouts...)
	}
	return q
}

// Race-day fuelling follows the race's length (Jeukendrup 2014).
func TestRaceFuellingByLength(t *testing.T) {
	for _, c := range []struct {
		minutes int
		want    string
	}{
		{60, ""},
		{95, "up to 30 g"},
		{150, "up to 60 g"},
		{330, "up to 90 g"},
	} {
		_, d := write(training.KindRace, training.SportOther, c.minutes, 8, zThreshold, training.Structure{Name: "Race"})
		if c.want == "" && strings.Contains(d, " g of carbohydrate") || c.want != "" && !strings.Contains(d, c.want) {
			t.Errorf("%d min: %q, want %q", c.minutes, d, c.want)
		}
	}
}
