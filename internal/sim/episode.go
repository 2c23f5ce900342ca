package sim

import (
	"iter"
	"math"
	"math/rand/v2"
	"time"

	"rebound/internal/training"
)

// Kind is what an episode is.
type Kind int

// The episodes an athlete's history may hold. Where one has a worst day,
// it is the last (an episode the demo ends today ends on its story's
// point).
const (
	// Illness: a day of feeling it coming, Flagged days reported ill (no
	// training), then the days of getting over it.
	Illness Kind = iota + 1
	// Injury: Flagged days reported injured, then sore till the end.
	Injury
	// Away: a holiday; no check-ins, workouts not logged.
	Away
	// Quiet: checking in less and logging less, and none of either on the
	// last Flagged days.
	Quiet
	// Overreaching: more than planned on every workout but recovery; in
	// the last eleven days the resting HR creeps up, HRV slides and the
	// mornings follow.
	Overreaching
	// Taper: every workout done, and fresh in the last ten days.
	Taper
	// ShiftWork: three weeks of shifts on top of training: tired, nights
	// all over the place, the same runs costing more.
	ShiftWork
	// Nights: a short night now and then (a new baby).
	Nights
	// ShortNight: one night of Hours, otherwise a good morning.
	ShortNight
)

// Episode is a stretch of an athlete's history, From to To (calendar
// days at 00:00 UTC, To included).
type Episode struct {
	Kind     Kind
	From, To time.Time
	Flagged  int     // Illness, Injury: the days reported; Quiet: the last days without a check-in
	Hours    float64 // ShortNight: the night's sleep
}

// episodesOn are the person's episodes of day d.
func (p *Person) episodesOn(d time.Time) iter.Seq[Episode] {
	return func(yield func(Episode) bool) {
		for _, e := range p.Episodes {
			if e.on(d) && !yield(e) {
				return
			}
		}
	}
}

func (e Episode) on(d time.Time) bool { return !d.Before(e.From) && !d.After(e.To) }

// left is how many days of the episode come after d.
func (e Episode) left(d time.Time) int { return int(e.To.Sub(d).Hours()+12) / 24 }

// since is how many days of the episode came before d.
func (e Episode) since(d time.Time) int { return int(d.Sub(e.From).Hours()+12) / 24 }

// ill says whether d is one of an illness's days reported ill.
func (e Episode) ill(d time.Time) bool {
	i := e.since(d)
	return e.Kind == Illness && i >= 1 && i <= e.Flagged
}

var (
	illNotes  = []string{"Sore throat and a blocked nose.", "Fever last night, staying in bed.", "Stomach bug.", "Head cold, feeling rough."}
	hurtNotes = []string{"Left calf tight since the last run.", "Knee sore on the stairs.", "Rolled my ankle.", "Lower back stiff after lifting."}
)

// bend puts day d's episodes into its answers, and returns the sleep
// rating they set (0: none).
func (p *Person) bend(c *training.CheckIn, d time.Time, r *rand.Rand) (quality int) {
	u := p.Usual
	if p.Habits.TooHard > 0 && r.Float64() < 0.2*p.Habits.TooHard {
		c.Soreness-- // the recovery days run too hard tell
	}
	for e := range p.episodesOn(d) {
		k := e.left(d)
		switch e.Kind {
		case Illness:
			switch i := e.since(d); {
			case i == 0:
				c.Fatigue = 3
			case e.ill(d):
				c.Illness, c.IllnessSite = true, "below_neck"
				c.RestingHR = u.RestingHR + 6 + min(i, 2)
				c.HRV = tenth(u.HRV * 0.78)
				c.SleepHours = quarter(u.Sleep - 1)
				c.Fatigue, c.Mood, c.Motivation, c.Soreness = 2, 2, 2, 3
				if c.Notes == "" && r.IntN(2) == 0 {
					c.Notes = pick(r, illNotes...)
				}
				quality = 2
			default: // getting over it
				c.Fatigue = min(c.Fatigue, 3)
				c.RestingHR += 3
			}
		case Injury:
			if e.since(d) < e.Flagged {
				c.Injury = true
				c.Soreness = min(c.Soreness, 2)
				if c.Notes == "" && r.IntN(2) == 0 {
					c.Notes = pick(r, hurtNotes...)
				}
			} else {
				c.Soreness = min(c.Soreness, 3)
			}
		case Overreaching:
			if k > 10 {
				continue
			}
			c.RestingHR = u.RestingHR + int(math.Round(5*float64(11-k)/11)) + r.IntN(3) - 1
			if k == 0 {
				c.RestingHR = u.RestingHR + 15
			}
			c.HRV = tenth(u.HRV * (1 - 0.032*float64(11-k)) * math.Exp(r.NormFloat64()*0.04))
			c.Fatigue = 3
			switch {
			case k == 0:
				c.Fatigue, c.Soreness, c.Motivation, c.Mood, c.Stress = 2, 2, 2, 3, 3
				c.SleepHours = quarter(u.Sleep - 0.75)
			case k <= 3:
				c.Fatigue, c.Soreness, c.Motivation, c.Mood = 3, 3, 3, 4
			case k <= 6:
				c.Soreness, c.Motivation = 3, 3
			}
			if k <= 3 {
				quality = 3
			}
		case Taper:
			if k <= 9 {
				c.Fatigue = max(c.Fatigue, 4+r.IntN(2))
				c.Soreness = max(c.Soreness, 4+r.IntN(2))
				c.Motivation = 5
			}
		case ShiftWork:
			if k <= 18 {
				c.Fatigue = 2
				if k%5 == 4 {
					c.Fatigue = 3
				}
			}
			if k <= 13 {
				c.SleepHours = quarter(u.Sleep + []float64{-1.75, 1.5, 0}[k%3])
				c.Mood, c.Stress, c.Motivation = 3, 3, 3
				if k <= 6 {
					c.Stress = 2
				}
				quality = 2 + k%2
			}
			if k == 0 {
				c.SleepHours, c.Soreness = quarter(u.Sleep-0.5), 4
			}
		case Nights:
			if r.Float64() < 0.2 {
				c.SleepHours = quarter(u.Sleep - 0.75)
			}
		case ShortNight:
			c.SleepHours = e.Hours
			for _, v := range []*int{&c.Fatigue, &c.Soreness, &c.Stress, &c.Mood, &c.Motivation} {
				*v = max(*v, 4)
			}
			c.RestingHR = u.RestingHR + 1
			quality = 3 // a short night, but slept well when asleep
		}
	}
	return quality
}
