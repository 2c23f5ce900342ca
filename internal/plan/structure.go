package plan

import "rebound/internal/training"

// workSeconds is the main set's work: repetitions × their length.
func workSeconds(s training.Structure) int { return s.Reps * s.Work }

// workMinutes is the main set's work in whole minutes, rounded up: what
// Workout.HardMinutes counts.
func workMinutes(s training.Structure) int { return (workSeconds(s) + 59) / 60 }

// setMinutes is how long the main set takes between its warm-up and
// cool-down, recoveries included, in whole minutes rounded up.
func setMinutes(s training.Structure) int {
	if s.Reps == 0 {
		return 0
	}
	return (workSeconds(s) + (s.Reps-1)*s.Rest + 59) / 60
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
func fit(s training.Structure, from, to int) training.Structure {
	f := fitSet(s, from, to)
	if s.Reps == 1 && f.Reps == 1 && s.Metres > 0 && f.Work < s.Work {
		f.Metres = max(100, s.Metres*f.Work/s.Work/100*100)
	}
	return f
}

// fitSet is fit but for a continuous swim's distance.
func fitSet(s training.Structure, from, to int) training.Structure {
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
