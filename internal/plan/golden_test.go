package plan

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the current output")

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// goldenCases are real athletes, printed in full so a coach can read
// the plans (testdata/*.golden) and a change to the rules shows as a diff.
var goldenCases = []struct {
	name string
	in   Input
}{
	{
		// A first marathon in 18 weeks from three hours a week; knows only
		// a maximum heart rate. Race on the Sunday of week 18.
		name: "first_marathon",
		in: Input{
			Athlete: Athlete{Sport: Run, WeeklyMinutes: 180, Experience: Beginner, LongDay: time.Sunday,
				MaxHR: 188, Units: "km"},
			Event: &Event{Name: "Spring City Marathon", Date: date(2026, 5, 17), Kind: Marathon, Priority: "A"},
			Start: date(2026, 1, 12),
		},
	},
	{
		// An advanced runner, 7 h a week, threshold pace 3:50 /km, a 10K
		// in 10 weeks; Saturdays are short (at most an hour).
		name: "advanced_10k",
		in: Input{
			Athlete: Athlete{Sport: Run, WeeklyMinutes: 420, Experience: Advanced, LongDay: time.Sunday,
				ThresholdPace: 230, ThresholdHR: 172, Units: "km",
				Availability: [7]DayAvailability{
					{Available: true}, {Available: true}, {Available: true}, {Available: true},
					{Available: true}, {Available: true}, {Available: true, MaxMinutes: 60},
				}},
			Event: &Event{Name: "Harbour 10K", Date: date(2026, 5, 10), Kind: TenK, Priority: "A"},
			Start: date(2026, 3, 2),
		},
	},
	{
		// An intermediate triathlete, 6 h a week, FTP 230 W, threshold pace
		// 4:40 /km, reads miles; no training on Fridays, Wednesdays at most
		// 75 min; the long ride on Saturday. A 70.3 in 20 weeks.
		name: "half_ironman",
		in: Input{
			Athlete: Athlete{Sport: Triathlon, WeeklyMinutes: 360, Experience: Intermediate, LongDay: time.Saturday,
				FTP: 230, ThresholdPace: 280, ThresholdHR: 165, Units: "mi",
				Availability: [7]DayAvailability{
					{Available: true}, {Available: true}, {Available: true}, {Available: true, MaxMinutes: 75},
					{Available: true}, {Available: false}, {Available: true},
				}},
			Event: &Event{Name: "Lakeside 70.3", Date: date(2026, 6, 14), Kind: Half703, Priority: "A"},
			Start: date(2026, 1, 26),
		},
	},
	{
		// A 3:30 marathoner (threshold pace 4:37 /km, which Riegel's model
		// puts at 3 h 30 for the marathon) on 6 h a week, 18 weeks out,
		// long run on Sunday. Reviewed in docs/PLANS.md.
		name: "marathon_330",
		in: Input{
			Athlete: Athlete{Sport: Run, WeeklyMinutes: 360, Experience: Intermediate, LongDay: time.Sunday,
				ThresholdPace: 277, ThresholdHR: 168, Units: "km"},
			Event: &Event{Name: "River Marathon", Date: date(2026, 10, 11), Kind: Marathon, Priority: "A"},
			Start: date(2026, 6, 8),
		},
	},
	{
		// An advanced half marathoner on 10 h a week (threshold pace
		// 3:45 /km), 14 weeks out, no running on Fridays, the race on a
		// Saturday. Reviewed in docs/PLANS.md.
		name: "advanced_half",
		in: Input{
			Athlete: Athlete{Sport: Run, WeeklyMinutes: 600, Experience: Advanced, LongDay: time.Sunday,
				ThresholdPace: 225, MaxHR: 192, Units: "km",
				Availability: [7]DayAvailability{
					{Available: true}, {Available: true}, {Available: true}, {Available: true},
					{Available: true}, {Available: false}, {Available: true},
				}},
			Event: &Event{Name: "Harbour Half", Date: date(2026, 9, 19), Kind: Half, Priority: "A"},
			Start: date(2026, 6, 15),
		},
	},
	{
		// A first 70.3 from 8 h a week, a beginner with a heart-rate
		// monitor only; the long ride on Saturday. Race on the Sunday of
		// week 21.
		name: "beginner_70_3",
		in: Input{
			Athlete: Athlete{Sport: Triathlon, WeeklyMinutes: 480, Experience: Beginner, LongDay: time.Saturday,
				MaxHR: 185, Units: "km"},
			Event: &Event{Name: "Harbour 70.3", Date: date(2026, 5, 31), Kind: Half703, Priority: "A"},
			Start: date(2026, 1, 5),
		},
	},
	{
		// An intermediate Olympic-distance triathlete on 9 h a week, FTP
		// 250 W, threshold pace 4:30 /km; the long ride on Saturday. Race
		// on the Sunday of week 16.
		name: "intermediate_olympic",
		in: Input{
			Athlete: Athlete{Sport: Triathlon, WeeklyMinutes: 540, Experience: Intermediate, LongDay: time.Saturday,
				FTP: 250, ThresholdPace: 270, ThresholdHR: 168, Units: "km"},
			Event: &Event{Name: "City Olympic Triathlon", Date: date(2026, 5, 24), Kind: Olympic, Priority: "A"},
			Start: date(2026, 2, 2),
		},
	},
	{
		// A strength athlete who lifts three days a week (Monday,
		// Wednesday, Friday), 3 h in all; a 12-week block.
		name: "strength_3day",
		in: Input{
			Athlete: Athlete{Sport: Strength, WeeklyMinutes: 180, Experience: Intermediate, LongDay: time.Monday,
				Availability: [7]DayAvailability{
					{}, {Available: true}, {}, {Available: true}, {}, {Available: true}, {},
				}},
			Start: date(2026, 1, 5),
		},
	},
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Generate(c.in)
			if err != nil {
				t.Fatal(err)
			}
			if problems := Check(c.in, p); len(problems) > 0 {
				t.Errorf("Check:\n%s", strings.Join(problems, "\n"))
			}
			got := p.Text()
			path := filepath.Join("testdata", c.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/plan -update to create it)", err)
			}
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := range min(len(gl), len(wl)) {
					if gl[i] != wl[i] {
						t.Fatalf("%s differs at line %d:\n got %s\nwant %s\n(if the change is intended: go test ./internal/plan -update, then read the diff)",
							path, i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("%s differs in length: got %d lines, want %d", path, len(gl), len(wl))
			}
		})
	}
}
