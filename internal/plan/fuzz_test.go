package plan

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// FuzzGenerate: whatever the numbers, Generate never panics, and it either
// refuses with a *Refusal naming a field or returns a plan that passes Check.
func FuzzGenerate(f *testing.F) {
	f.Add(180, 125, uint8(3), uint8(0), uint8(0), uint8(0), uint8(0), 0, 0, 0.0, 0.0, 0, 0, 0, 0, 0, 0, 188, uint8(0))
	f.Add(420, 69, uint8(1), uint8(0), uint8(2), uint8(0), uint8(0x7f), 60, 3, 0.6, 0.15, 3, 10, 0, 230, 0, 172, 0, uint8(1))
	f.Add(360, 139, uint8(7), uint8(2), uint8(1), uint8(6), uint8(0x5f), 75, 4, 0.9, 0.05, 2, 14, 0, 280, 230, 165, 0, uint8(2))
	f.Add(60, 34, uint8(3), uint8(0), uint8(0), uint8(0), uint8(0), 0, 0, 0.0, 0.0, 0, 0, 0, 0, 0, 0, 0, uint8(0))
	f.Add(90, -1, uint8(0), uint8(3), uint8(0), uint8(1), uint8(0x15), 20, 0, 0.0, 0.01, 3, 0, 52, 0, 0, 0, 0, uint8(0))
	f.Fuzz(func(t *testing.T, weekly, raceDay int, kind, sport, exp, longDay, days uint8, maxMinutes,
		every int, depth, ramp float64, keys, taper, weeks, pace, ftp, lthr, maxHR int, priority uint8) {
		in := Input{
			Athlete: Athlete{
				Sport:         []Sport{Run, Bike, Triathlon, Strength, "", "rowing"}[int(sport)%6],
				WeeklyMinutes: weekly,
				Experience:    []Experience{Beginner, Intermediate, Advanced, ""}[int(exp)%4],
				LongDay:       time.Weekday(int(longDay)%9 - 1), // −1 and 7 are out of range
				ThresholdPace: pace, FTP: ftp, ThresholdHR: lthr, MaxHR: maxHR,
			},
			Start:   date(2026, 3, 2),
			Options: Options{CutbackEvery: every, CutbackDepth: depth, MaxRamp: ramp, KeyWorkouts: keys, TaperDays: taper, Weeks: weeks},
		}
		if days != 0 {
			for wd := range in.Athlete.Availability {
				in.Athlete.Availability[wd] = DayAvailability{Available: days&(1<<wd) != 0, MaxMinutes: maxMinutes}
			}
		}
		if kind != 0 {
			in.Event = &Event{
				Name:     "Fuzz",
				Date:     in.Start.AddDate(0, 0, raceDay),
				Kind:     events[int(kind)%len(events)].kind,
				Priority: []string{"A", "B", "C", "", "X"}[int(priority)%5],
			}
		}
		p, err := Generate(in)
		if err != nil {
			var r *Refusal
			if !errors.As(err, &r) || r.Field == "" || r.Message == "" {
				t.Fatalf("Generate = %v, want a *Refusal with a field and a message", err)
			}
			return
		}
		if problems := Check(in, p); len(problems) > 0 {
			t.Fatalf("Check:\n%s\ninput: %s", strings.Join(problems, "\n"), describe(in))
		}
	})
}
