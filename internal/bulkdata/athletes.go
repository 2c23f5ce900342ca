package bulkdata

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"rebound/internal/plan"
	"rebound/internal/sim"
	"rebound/internal/training"
)

// athlete is one generated athlete: the profile the coach keeps, the
// habits that shape their data (which devices they wear, how faithfully
// they check in and log) and their physiology (the baselines their
// readings vary around).
type athlete struct {
	idx     int
	streams sim.Streams
	rng     *rand.Rand // streams.Life(): who they are, their plans and episodes
	id      int64
	coach   int64 // the coach's user id
	user    int64 // the account's id; 0 without one
	training.Profile
	loc *time.Location

	sport   plan.Sport     // what their plans are for
	longDay time.Weekday   // of their plans
	off     []time.Weekday // days they cannot train

	strength  bool // the coach adds two short strength sessions a week
	quietDays int  // stopped checking in this many days ago; 0: still does

	// How their mornings read and how faithfully they check in and log,
	// for the simulation (package sim).
	usual  sim.Usual
	habits sim.Habits
}

// zonesByWeight are the time zones athletes live in, with how many of a
// hundred do: a coach with athletes in Europe and the Americas mostly, and
// a few far away.
var zonesByWeight = []struct {
	tz     string
	weight int
	units  string
}{
	{"Europe/London", 16, "km"}, {"Europe/Berlin", 12, "km"}, {"Europe/Madrid", 6, "km"}, {"Europe/Stockholm", 4, "km"},
	{"America/New_York", 16, "mi"}, {"America/Chicago", 8, "mi"}, {"America/Denver", 4, "mi"}, {"America/Los_Angeles", 10, "mi"},
	{"America/Toronto", 4, "km"}, {"America/Sao_Paulo", 4, "km"}, {"Australia/Sydney", 5, "km"}, {"Pacific/Auckland", 3, "km"},
	{"Asia/Tokyo", 3, "km"}, {"Asia/Kolkata", 2, "km"}, {"Africa/Johannesburg", 2, "km"}, {"UTC", 1, "km"},
}

var firstNames = []string{"Maya", "Liam", "Sofia", "Noah", "Amara", "Lucas", "Ines", "Kofi", "Hana", "Mateo", "Freya", "Omar",
	"Zoe", "Arjun", "Elena", "Tom", "Priya", "Jonas", "Chloe", "Diego", "Aisha", "Felix", "Nora", "Kenji", "Lena", "Samir",
	"Ruth", "Pablo", "Ingrid", "Theo", "Mei", "Oscar", "Leila", "Hugo", "Anna", "Tariq", "Clara", "Emil", "Yara", "Ben"}

var lastNames = []string{"Okafor", "Lindqvist", "Moreau", "Tanaka", "Schmidt", "Reyes", "Patel", "O'Brien", "Novak", "Costa",
	"Haddad", "Kowalski", "Nguyen", "Fischer", "Alvarez", "Mensah", "Sato", "Bianchi", "Larsen", "Dubois", "Khan", "Silva",
	"Murphy", "Weber", "Jensen", "Rossi", "Ibrahim", "Walsh", "Becker", "Santos"}

// newAthlete draws athlete i of the load: everything about them comes
// from their own random stream, seeded by the load's seed and i.
func newAthlete(o Options, i int) (*athlete, error) {
	// Each athlete's own streams: the same whatever else is generated.
	streams := sim.Streams(o.Seed*0x9E3779B97F4A7C15 + uint64(i) + 1)
	rng := streams.Life()
	a := &athlete{idx: i, streams: streams, rng: rng}
	a.Name = firstNames[rng.IntN(len(firstNames))] + " " + lastNames[rng.IntN(len(lastNames))]
	a.Email = fmt.Sprintf("%s-athlete-%04d@%s", o.Prefix, i+1, domain)

	w := rng.IntN(100)
	for _, z := range zonesByWeight {
		if w < z.weight {
			a.Timezone, a.Units = z.tz, z.units
			break
		}
		w -= z.weight
	}
	var err error
	if a.loc, err = time.LoadLocation(a.Timezone); err != nil {
		return nil, fmt.Errorf("time zone %s: %w", a.Timezone, err)
	}
	a.WeekStartsSunday = a.Units == "mi" && rng.IntN(2) == 0

	switch r := rng.IntN(100); {
	case r < 55:
		a.sport, a.Sports = plan.Run, []string{"run"}
		if rng.IntN(4) == 0 {
			a.Sports = append(a.Sports, "strength")
		}
	case r < 70:
		a.sport, a.Sports = plan.Bike, []string{"bike"}
	case r < 90:
		a.sport, a.Sports = plan.Triathlon, []string{"run", "bike", "swim"}
	default:
		a.sport, a.Sports = plan.Strength, []string{"strength"}
	}
	switch r := rng.IntN(100); {
	case r < 25:
		a.Experience = string(plan.Beginner)
		a.WeeklyMinutes = 150 + 5*rng.IntN(19) // 2 h 30 to 4 h
	case r < 75:
		a.Experience = string(plan.Intermediate)
		a.WeeklyMinutes = 240 + 5*rng.IntN(37) // 4 to 7 h
	default:
		a.Experience = string(plan.Advanced)
		a.WeeklyMinutes = 360 + 5*rng.IntN(61) // 6 to 11 h
	}
	if a.sport == plan.Triathlon {
		a.WeeklyMinutes += 60
	}
	if a.sport == plan.Strength {
		a.WeeklyMinutes = min(a.WeeklyMinutes, 300)
	}

	a.longDay = time.Sunday
	switch r := rng.IntN(20); {
	case r < 7:
		a.longDay = time.Saturday
	case r == 7:
		a.longDay = time.Wednesday
	}
	if rng.IntN(3) == 0 { // one day a week they cannot train, never the long day
		for {
			wd := time.Weekday(rng.IntN(7))
			if wd != a.longDay {
				a.off = []time.Weekday{wd}
				break
			}
		}
	}

	a.BirthYear = 1958 + rng.IntN(50)
	age := 2026 - a.BirthYear
	if rng.IntN(10) < 6 {
		a.MaxHR = min(max(int(208-0.7*float64(age)+rng.NormFloat64()*6), 150), 215)
	}
	if rng.IntN(10) < 7 {
		top := a.MaxHR
		if top == 0 {
			top = int(208 - 0.7*float64(age))
		}
		a.ThresholdHR = min(max(int(float64(top)*0.9+rng.NormFloat64()*3), 120), top-3)
	}
	if (a.sport == plan.Run || a.sport == plan.Triathlon) && rng.IntN(10) < 6 {
		base := map[plan.Experience]int{plan.Beginner: 345, plan.Intermediate: 290, plan.Advanced: 240}[a.exp()]
		a.ThresholdPace = min(max(base+int(rng.NormFloat64()*25), 180), 480)
	}
	if (a.sport == plan.Bike || a.sport == plan.Triathlon) && rng.IntN(10) < 6 {
		base := map[plan.Experience]int{plan.Beginner: 170, plan.Intermediate: 230, plan.Advanced: 285}[a.exp()]
		a.FTP = min(max(base+int(rng.NormFloat64()*30), 100), 420)
	}
	if a.sport == plan.Run && a.ThresholdPace > 0 {
		a.WeeklyRunM = int(float64(a.WeeklyMinutes) * 60 / (float64(a.ThresholdPace) * 1.2) * 1000)
	}

	// Habits: most wear a watch for resting HR, fewer measure HRV, and a
	// few do neither; most check in nearly every day.
	if rng.IntN(100) < 65 {
		a.usual.HRVRate = 0.55 + 0.45*rng.Float64()
	}
	if rng.IntN(100) < 85 {
		a.usual.RHRRate = 0.6 + 0.4*rng.Float64()
	}
	a.habits = sim.Habits{CheckIns: 0.82 + 0.17*rng.Float64(), ByNow: 0.5, Logged: 0.85 + 0.14*rng.Float64(),
		Done: 0.92 + 0.06*rng.Float64(), Monitor: 0.65, TooHard: 1.0 / 6, RestAfterRed: 0.5, Unplanned: 1.0 / 30}
	a.strength = a.sport != plan.Strength && rng.IntN(100) < 50
	if rng.IntN(100) < 4 {
		a.quietDays = 3 + rng.IntN(18)
	}

	a.usual.RestingHR = int(math.Round(58 - 4*float64(experienceIndex(a.exp())) + rng.NormFloat64()*4))
	if hrv := math.Exp(math.Log(55) + 0.12*float64(experienceIndex(a.exp())) + rng.NormFloat64()*0.3); a.usual.HRVRate > 0 {
		a.usual.HRV = hrv
	}
	a.usual.Sleep = 7.5 + rng.NormFloat64()*0.4
	a.usual.Lean = rng.NormFloat64() * 0.06

	a.Tags = tagsFor(a, age)
	return a, nil
}

func (a *athlete) exp() plan.Experience { return plan.Experience(a.Experience) }

func experienceIndex(e plan.Experience) int {
	switch e {
	case plan.Beginner:
		return 0
	case plan.Advanced:
		return 2
	}
	return 1
}

// tagsFor groups the athlete as a coach would on the dashboard.
func tagsFor(a *athlete, age int) []string {
	tags := []string{}
	switch a.sport {
	case plan.Run:
		tags = append(tags, "Runners")
	case plan.Bike:
		tags = append(tags, "Cyclists")
	case plan.Triathlon:
		tags = append(tags, "Triathlon squad")
	case plan.Strength:
		tags = append(tags, "Strength")
	}
	if age >= 45 {
		tags = append(tags, "Masters")
	}
	if age <= 21 {
		tags = append(tags, "Juniors")
	}
	if a.exp() == plan.Beginner {
		tags = append(tags, "First season")
	}
	if a.Timezone == "Australia/Sydney" || a.Timezone == "Pacific/Auckland" || a.Timezone == "Asia/Tokyo" {
		tags = append(tags, "Remote")
	}
	return tags
}
