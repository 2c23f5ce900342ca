package sim

import (
	"math"
	"math/rand/v2"
	"time"

	"rebound/internal/training"
)

// Person is a simulated athlete's behaviour: how their mornings usually
// read, their habits, and the episodes of their history, acted out day by
// day on their Days. The demo and the load data differ only in what they
// put here: the demo's named athletes and their stories, the load's drawn
// athletes and episodes.
type Person struct {
	Streams
	AthleteID int64
	Days      *Athlete
	Body      Body   // what their logs are drawn from
	Usual     Usual  // how their mornings read
	Habits    Habits // how they check in and log
	// Sports are what they do (the profile's): the last is where their
	// soreness comes from.
	Sports   []string
	Episodes []Episode
	// Notes are the athlete's own words on some mornings, by day: what a
	// story has them say.
	Notes map[time.Time]string
	// LongNotes are what they write of a long workout, when they have
	// their own; nil: the usual.
	LongNotes  []string
	Loc        *time.Location
	Today, Now time.Time // their calendar day now, and now
}

// Usual is how an athlete's mornings read when nothing is going on.
type Usual struct {
	RestingHR        int
	HRV              float64 // rMSSD, ms; 0: they do not measure it
	Sleep            float64 // hours
	HRVRate, RHRRate float64 // the share of mornings with a reading
	// Lean moves the chance of a better than usual answer up and of a
	// worse one down (a cheerful athlete), or the other way: 0 for most.
	Lean float64
}

// Habits are how faithfully the athlete checks in and logs.
type Habits struct {
	CheckIns float64 // the share of ordinary days with a check-in
	ByNow    float64 // of today's, the share made by now
	Told     int     // the last days, today's included, always checked in: a story is told on them
	Done     float64 // the share of planned workouts done, the rest skipped
	Logged   float64 // the share of the done ones that get logged
	Monitor  float64 // the share of runs and rides logged with a heart rate
	TooHard  float64 // the share of recovery workouts done too hard
	// RestAfterRed is the share of key workouts skipped after a red
	// morning.
	RestAfterRed float64
	Unplanned    float64 // the share of free days with a workout logged without a plan
}

func (p *Person) daysBefore(d time.Time) int { return int(p.Today.Sub(d).Hours()+12) / 24 }

// ChecksIn says whether the athlete checks in on day d.
func (p *Person) ChecksIn(d time.Time) bool {
	x := p.Day(d, purposeCheckIn).Float64()
	rate := p.Habits.CheckIns
	for e := range p.episodesOn(d) {
		switch e.Kind {
		case Away:
			return false
		case Quiet:
			switch left := e.left(d); {
			case left < e.Flagged:
				return false
			case left == e.Flagged:
				return true // the last check-in before they stop
			}
			rate = 0.55
		}
	}
	k := p.daysBefore(d)
	switch {
	case k < p.Habits.Told:
		return true
	case k == 0:
		rate *= p.Habits.ByNow
	}
	return x < rate
}

// Morning makes day d's check-in, judges it as the app would and adds it
// to the athlete's days. Today's is drawn again (the same way every
// time) until fits takes it, when fits is given.
func (p *Person) Morning(d time.Time, fits func(training.CheckIn) bool) training.CheckIn {
	var c training.CheckIn
	for try := range 50 {
		c = p.Days.Judge(p.answers(d, try))
		if fits == nil || !d.Equal(p.Today) || fits(c) {
			break
		}
	}
	p.Days.AddCheckIn(c)
	return c
}

// answers are day d's answers: the athlete's usual morning with the day's
// noise, the last day's training in the legs, and the day's episodes.
func (p *Person) answers(d time.Time, try int) training.CheckIn {
	r := p.Day(d, purposeMorning+uint64(try))
	u := p.Usual
	hard, long := p.trained(d.AddDate(0, 0, -1))
	c := training.CheckIn{AthleteID: p.AthleteID, Day: d, Answered: true}

	sleep := u.Sleep + r.NormFloat64()*0.4
	if r.Float64() < 0.04 {
		sleep -= 1.5 // a bad night now and then
	}
	c.SleepHours = quarter(sleep)
	c.Fatigue = u.item(r, 0.15, 0.08)
	c.Soreness = u.item(r, 0.15, 0.07)
	c.Stress = u.item(r, 0.12, 0.15)
	c.Mood = u.item(r, 0.2, 0.06)
	c.Motivation = u.item(r, 0.25, 0.05)
	if hard && r.Float64() < 0.4 {
		c.Fatigue--
	}
	if long && r.Float64() < 0.35 {
		c.Soreness--
	}
	c.RestingHR = u.RestingHR + int(math.Round(r.NormFloat64()*1.2))
	if hard {
		c.RestingHR++
	}
	if u.HRV > 0 && r.Float64() < u.HRVRate {
		h := u.HRV * math.Exp(r.NormFloat64()*0.09)
		if hard {
			h *= 0.94
		}
		if p.daysBefore(d) < 7 {
			// A settled last week, so that today's 7-day HRV average says
			// what the episodes say (overreaching and illness have their
			// own).
			h = u.HRV * math.Exp(r.NormFloat64()*0.03)
		}
		c.HRV = tenth(h)
	}
	c.Notes = p.Notes[d]
	quality := p.bend(&c, d, r)
	if !chance(r, u.RHRRate) {
		c.RestingHR = 0
	}

	c.SleepHours = min(max(c.SleepHours, 3.5), 11)
	c.SleepQuality = 4
	switch {
	case c.SleepHours <= u.Sleep-1.25:
		c.SleepQuality = 2
	case c.SleepHours <= u.Sleep-0.5:
		c.SleepQuality = 3
	case c.SleepHours >= u.Sleep+0.5 && r.Float64() < 0.5:
		c.SleepQuality = 5
	}
	if quality != 0 {
		c.SleepQuality = quality
	}
	for _, v := range []*int{&c.Fatigue, &c.Soreness, &c.Stress, &c.Mood, &c.Motivation} {
		*v = min(max(*v, 1), 5)
	}
	if c.Soreness <= 3 {
		c.SorenessAreas = p.sorenessAreas(r)
	}
	if c.Notes == "" && r.Float64() < 0.1 {
		c.Notes = u.note(c, hard || long, r)
	}
	c.UpdatedAt = Clamp(At(d, p.Loc, 6, 40).Add(time.Duration(r.IntN(90))*time.Minute), p.Now)
	return c
}

// item is an answer of 4 ("better than usual" … "worse"), one better with
// chance up, one worse with chance down.
func (u Usual) item(r *rand.Rand, up, down float64) int {
	up, down = max(up+u.Lean, 0), max(down-u.Lean, 0)
	switch x := r.Float64(); {
	case x < up:
		return 5
	case x < up+down:
		return 3
	}
	return 4
}

// trained says whether the athlete did a hard (key, or RPE 6 and up) or a
// long workout on day.
func (p *Person) trained(day time.Time) (hard, long bool) {
	for _, i := range p.Days.On(day) {
		w := p.Days.Workout(i)
		if w.Status != "done" {
			continue
		}
		hard = hard || w.Key || w.Log.RPE >= 6
		long = long || w.Kind == "long"
	}
	return hard, long
}

var sorenessBySport = map[string][]string{
	"run":      {"calves", "quads", "hamstrings", "knees", "feet", "shins"},
	"bike":     {"quads", "lower_back", "neck", "glutes"},
	"swim":     {"shoulders", "upper_back"},
	"strength": {"glutes", "lower_back", "shoulders", "quads", "hamstrings"},
}

// sorenessAreas are one or two places the athlete's sport makes sore.
func (p *Person) sorenessAreas(r *rand.Rand) []string {
	areas := sorenessBySport[p.Sports[len(p.Sports)-1]]
	a := areas[r.IntN(len(areas))]
	b := areas[r.IntN(len(areas))]
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

// note is a morning's note in the athlete's words, from how it went.
func (u Usual) note(c training.CheckIn, trained bool, r *rand.Rand) string {
	switch {
	case c.SleepHours < u.Sleep-0.75:
		return pick(r, "Short night, woke up early.", "Noisy neighbours, poor sleep.", "Late night, early start.")
	case trained && c.Soreness <= 3:
		return pick(r, "Legs heavy after yesterday's session.", "A bit sore from yesterday.", "Calves tight after yesterday.")
	case c.Stress <= 3:
		return pick(r, "Busy week at work.", "Deadline at work, a bit stressed.", "Long day yesterday.")
	}
	return pick(r, "Feeling good.", "Slept well, ready to go.", "Good energy today.", "All fine.")
}

// quarter rounds hours to the quarter hour, as the form takes them.
func quarter(h float64) float64 { return math.Round(h*4) / 4 }

func tenth(x float64) float64 { return math.Round(x*10) / 10 }
