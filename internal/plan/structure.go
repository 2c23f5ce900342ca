package plan

// Structure is how a workout is built beyond its kind, sport and targets:
// its main set (warm-up, repetitions with recoveries, cool-down; or a
// block that ends a long session), and the athlete's own targets for its
// parts as they were when it was planned. A workout's title and
// description are written from it and the workout's numbers (see Retext),
// so the text can never state other numbers than the workout holds.
//
// A workout whose text is the coach's own has no Structure: nothing
// rewrites it.
type Structure struct {
	// The session's name where its title leads with one ("Hills",
	// "Fartlek", "Sharpener", "Shakeout", "Conditioning"), or the
	// race's name.
	Name string `json:"name,omitempty"`
	Warm int    `json:"warm,omitempty"` // minutes easy before the main set
	Reps int    `json:"reps,omitempty"` // repetitions in the main set; 0: no main set
	Work int    `json:"work,omitempty"` // seconds each repetition; with Reps 1, one continuous block
	Rest int    `json:"rest,omitempty"` // seconds easy between repetitions
	Cool int    `json:"cool,omitempty"` // minutes easy after the main set, at least
	// A swim's repetitions go by distance: metres each, Work their time at
	// the pace the plan assumes.
	Metres int `json:"metres,omitempty"`
	// The main set ends a long session (the last minutes of a long run,
	// blocks in a long ride's second half) instead of sitting between a
	// warm-up and a cool-down: the rest of the session is easy.
	Finish bool `json:"finish,omitempty"`
	// The work in words, as it follows "3 × 15 min": "at marathon pace",
	// "at 5K effort", "uphill", "sweet spot". True only at Zone.
	Effort string `json:"effort,omitempty"`
	// The level of the main set (of the whole session without one), on
	// Workout.Zone's scale: Effort and Cue hold there.
	Zone int    `json:"zone,omitempty"`
	Cue  string `json:"cue,omitempty"`  // the athlete's target at Zone: a pace, power or heart-rate range
	Easy string `json:"easy,omitempty"` // the athlete's target for the easy parts, at zone 2
	// Relaxed strides (20 s running, 30 s on the bike) at the end of an
	// easy session; they add no hard minutes.
	Strides int `json:"strides,omitempty"`
	Brick   int `json:"brick,omitempty"` // minutes run straight off the bike, the last of the session
	// The first minutes of the brick run at race effort, and the target
	// there: the race's last leg, rehearsed on tired legs.
	BrickRace int    `json:"brick_race,omitempty"`
	BrickCue  string `json:"brick_cue,omitempty"`
	// A heavy strength session: sets and repetitions of each main lift,
	// upper or lower body, or the whole body (Full, session A or B:
	// Session 1 or 2). Block and Step place it in the load progression:
	// the block (from 1) and the week within it (from 1; 0 is the deload
	// week that ends a block).
	Sets    int  `json:"sets,omitempty"`
	Lifts   int  `json:"lifts,omitempty"`
	Upper   bool `json:"upper,omitempty"`
	Full    bool `json:"full,omitempty"`
	Session int  `json:"session,omitempty"`
	Block   int  `json:"block,omitempty"`
	Step    int  `json:"step,omitempty"`
	// Sets a full-body session leaves out of those planned, to fit its
	// minutes (see liftSets).
	Cut int `json:"cut,omitempty"`
	// The sport this workout stands in for and spares: "run" for
	// cross-training while running is out (an injury, the days after a
	// race).
	Instead string `json:"instead,omitempty"`
}

// workSeconds is the main set's work: repetitions × their length.
func (s Structure) workSeconds() int { return s.Reps * s.Work }

// workMinutes is the main set's work in whole minutes, rounded up: what
// Workout.HardMinutes counts.
func (s Structure) workMinutes() int { return (s.workSeconds() + 59) / 60 }

// setMinutes is how long the main set takes between its warm-up and
// cool-down, recoveries included, in whole minutes rounded up.
func (s Structure) setMinutes() int {
	if s.Reps == 0 {
		return 0
	}
	return (s.workSeconds() + (s.Reps-1)*s.Rest + 59) / 60
}

// fit is s, written for a session of from minutes, for one of to minutes.
// It never adds: the warm-up and cool-down are at most a session of to
// minutes has (warmCool); a shorter session has proportionally fewer
// repetitions, a shorter block or fewer sets; the main set is then cut to
// what fits (a block ending a long session to a quarter of it, at least
// 10 minutes, or none; a run off the bike to a fifth). With from = to, as
// the generator calls it, only what does not fit changes.
//
// A continuous swim (one repetition of Metres) swims as far as its time
// allows, in whole 100 m.
func (s Structure) fit(from, to int) Structure {
	f := s.fitSet(from, to)
	if s.Reps == 1 && f.Reps == 1 && s.Metres > 0 && f.Work < s.Work {
		f.Metres = max(100, s.Metres*f.Work/s.Work/100*100)
	}
	return f
}

// fitSet is fit but for a continuous swim's distance.
func (s Structure) fitSet(from, to int) Structure {
	to = max(to, 0)
	if to < from {
		s.Sets = max(min(s.Sets, 1), s.Sets*to/from)
		switch {
		case s.Reps > 1:
			s.Reps = max(1, s.Reps*to/from)
		case s.Reps == 1 && !s.Finish:
			s.Work = max(min(s.Work, 60), s.Work*to/from/60*60)
		}
	}
	if s.Brick > 0 && to < 4*s.Brick { // a quarter at most (see brickMinutes)
		s.Brick, s.BrickRace, s.BrickCue = 0, 0, ""
	}
	if s.Reps == 0 {
		return s
	}
	if s.Finish {
		quarter := to / 4 * 60
		switch {
		case s.Reps == 1:
			s.Work = min(s.Work, quarter/300*300) // whole 5 minutes
			if s.Work < 600 {
				s.Reps = 0
			}
		default:
			s.Reps = min(s.Reps, quarter/max(s.Work, 1))
		}
		if s.Reps == 0 {
			s.Work, s.Rest = 0, 0
		}
		return s
	}
	warm, cool := warmCool(to)
	s.Warm, s.Cool = min(s.Warm, warm), min(s.Cool, cool)
	main := (to - s.Warm - max(s.Cool, s.Brick)) * 60 // a run off the bike is the cool-down
	switch {
	case main < 60:
		s.Warm, s.Reps, s.Work, s.Rest, s.Cool = 0, 0, 0, 0, 0
	case s.Reps == 1:
		s.Work = min(s.Work, main)
	default:
		s.Reps = min(s.Reps, (main+s.Rest)/(s.Work+s.Rest))
		if s.Reps == 0 { // not even one repetition: one shorter block
			s.Reps, s.Work, s.Rest = 1, main/60*60, 0
		}
	}
	return s
}
