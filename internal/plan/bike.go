package plan

import (
	"fmt"

	"rebound/internal/training"
)

// rideSession is a kind of quality ride.
type rideSession int

const (
	rideTempo     rideSession = iota // base: long steady efforts in zone 3
	rideSweetSpot                    // 88–94 % of FTP: much of threshold's benefit for less fatigue
	rideThreshold                    // repetitions at FTP
	rideVO2                          // 3-minute repetitions at VO2max power
)

// rideLineups are the quality rides of each phase, by event (the
// triathlon's bike sessions use the "" row), in the order weeks rotate
// through them.
var rideLineups = map[EventKind][3][]rideSession{ // base, build, peak and taper
	TimeTrial: {{rideTempo, rideSweetSpot}, {rideSweetSpot, rideThreshold}, {rideThreshold, rideVO2}},
	GranFondo: {{rideTempo, rideSweetSpot}, {rideSweetSpot, rideThreshold}, {rideSweetSpot, rideThreshold}},
	"":        {{rideTempo, rideSweetSpot}, {rideSweetSpot, rideThreshold}, {rideThreshold, rideSweetSpot}},
}

// ride builds a cycling day.
func (p *planner) ride(d slot, c weekCtx, hardMax int) Workout {
	switch d.role {
	case roleKey:
		if d.key == 0 {
			return p.longRide(d.minutes, c, hardMax, false)
		}
		lineup, ok := rideLineups[p.eventKind()]
		if !ok {
			lineup = rideLineups[""]
		}
		l := lineup[phaseIndex(c.spec.phase)]
		return p.rideQuality(l[(d.key-1+c.w)%len(l)], d.minutes, hardMax)
	case roleTuneUp:
		return p.rideSharpener(d.minutes, hardMax, false)
	case roleRecovery:
		return p.recoverySpin()
	case roleShakeout:
		w := p.enduranceRide()
		w.Structure.Name, w.Structure.Strides = "Shakeout", 3
		return w
	}
	return p.enduranceRide()
}

func (p *planner) recoverySpin() Workout {
	return Workout{Sport: training.SportBike, Kind: training.KindRecovery, RPE: 2, Zone: zRecovery, Structure: p.rideSteady(zRecovery)}
}

func (p *planner) enduranceRide() Workout {
	return Workout{Sport: training.SportBike, Kind: training.KindEasy, RPE: 3, Zone: zEndurance, Structure: p.rideSteady(zEndurance)}
}

// rideSteady is the structure of a steady ride at level: the athlete's
// targets there and for easy riding.
func (p *planner) rideSteady(level int) *training.Structure {
	return &training.Structure{Zone: level, Cue: p.bikeCue(level), Easy: p.bikeCue(zEndurance)}
}

// longRide is the week's long ride. A triathlete's long ride from the build
// phase on ends with a run off the bike (a brick, see brickMinutes and
// brickRace), so the legs learn the change, and holds blocks at race
// effort (see raceBlocks). Non-beginner triathletes from the build
// phase on (taper included: it is where their intensity is kept), and gran
// fondo riders in the peak phase, ride up to 40 minutes of it (a quarter at
// most) at race effort, in 20-minute blocks.
func (p *planner) longRide(minutes int, c weekCtx, hardMax int, brick bool) Workout {
	w := Workout{Sport: training.SportBike, Kind: training.KindLong, RPE: 4, Zone: zEndurance, Structure: p.rideSteady(zEndurance)}
	s := w.Structure
	ph := c.spec.phase
	if brick {
		s.Brick = p.brickMinutes(ph, minutes)
		if s.BrickRace = p.brickRace(ph, s.Brick); s.BrickRace > 0 {
			s.BrickCue, _ = p.raceRunCue()
			w.HardMinutes += s.BrickRace
		}
	}
	race := p.eventKind() == GranFondo && ph == PhasePeak ||
		p.sport == Triathlon && p.ev != nil && ph != PhaseBase && (p.exp != Beginner || ph == PhasePeak)
	n, each := min(hardMax, 40, minutes/4)/20, 20
	if p.sport == Triathlon && c.blocks != nil {
		n, each = p.raceBlocks(*c.blocks, min(hardMax, minutes/4))
	}
	if race && n > 0 {
		level, cue := raceZone[p.ev.kind], p.bikeCue(raceZone[p.ev.kind])
		if p.sport == Triathlon {
			// An Ironman's race effort sits at the top of zone 2: the
			// blocks are told apart from the easy riding around them
			// (and its easy target) by a level of their own.
			level, cue = max(level, zTempo), p.raceRideCue()
			s.Easy = p.easyBelowRace()
		}
		s.Reps, s.Work, s.Rest, s.Finish, s.Effort, s.Zone, s.Cue = n, 60*each, 300, true, "at race effort", level, cue
		w.HardMinutes += each * n
	}
	return w
}

// easyBelowRace is the easy target of a triathlete's long ride that holds
// race-effort blocks: zone 2 below the event's race band, where the two
// overlap (an Ironman is raced at 68–75 % of FTP, inside zone 2's
// 56–75 %), so the easy riding is not ridden at race power; zone 2 where
// they do not.
func (p *planner) easyBelowRace() string {
	b, ok := triRaceRide[p.eventKind()]
	if !ok || p.powerZones == nil || p.in.Athlete.FTP <= 0 {
		return p.bikeCue(zEndurance)
	}
	z := p.powerZones[zEndurance-1]
	race := int(b[0]*float64(p.in.Athlete.FTP) + 0.5)
	if float64(race) > z.High {
		return p.bikeCue(zEndurance)
	}
	return fmt.Sprintf("%.0f–%d W", z.Low, race-1)
}

// raceBlockLadders are the race-effort blocks of a triathlete's long ride,
// a rung a session from the build on (a beginner's from the peak, from the
// first rung): longer blocks towards the race's own bike leg, as Friel
// (2016) lengthens race-specific work through the build (the coach's
// review found 2 × 20 min for fifteen weeks).
var raceBlockLadders = map[EventKind]ladder{
	Sprint:  {{1, 10, 5}, {1, 15, 5}, {2, 10, 5}, {1, 20, 5}},
	Olympic: {{1, 20, 5}, {2, 15, 5}, {2, 20, 5}, {1, 45, 5}},
	Half703: {{2, 20, 5}, {2, 25, 5}, {2, 30, 5}, {3, 25, 5}, {3, 30, 5}},
	Ironman: {{2, 20, 5}, {2, 30, 5}, {3, 30, 5}, {2, 50, 5}, {3, 40, 5}},
}

// raceBlocks is the race-effort set of a long ride after done sessions of
// it: the rung reached (see raceBlockLadders), or the highest below it
// whose work fits most minutes.
func (p *planner) raceBlocks(done, most int) (n, each int) {
	l := raceBlockLadders[p.eventKind()]
	start := experienceIndex(p.exp)
	if p.exp != Beginner {
		start--
	}
	for i := min(len(l)-1, max(0, start)+done); i >= 0; i-- {
		if l[i][0]*l[i][1] <= most {
			return l[i][0], l[i][1]
		}
	}
	return 0, 0
}

// rideQuality builds a quality ride of minutes with at most hardMax minutes
// of work; repetitions that do not fit become a shorter tempo effort.
func (p *planner) rideQuality(kind rideSession, minutes, hardMax int) Workout {
	return p.rideAt(kind, minutes, hardMax, -1)
}

// rideLadders are the progressions of a triathlete's quality rides, a rung
// a session (see rung): more time in the zone, 10–30 % a step, as Friel
// (2016) and Coggan lengthen sweet-spot and threshold work (2 × 12 to
// 3 × 20 min of sweet spot, 3 × 8 to 2 × 20 min at threshold) and the
// base phase's tempo grows from one 20-minute block.
var rideLadders = [rideVO2 + 1]ladder{
	rideTempo:     {{1, 20, 0}, {2, 12, 5}, {2, 15, 5}, {2, 20, 5}, {3, 15, 5}},
	rideSweetSpot: {{2, 12, 4}, {2, 15, 4}, {2, 20, 4}, {3, 15, 4}, {3, 20, 4}},
	rideThreshold: {{3, 8, 4}, {4, 8, 4}, {3, 12, 4}, {2, 20, 5}},
	rideVO2:       {{4, 3, 3}, {5, 3, 3}, {6, 3, 3}, {5, 4, 4}},
}

// rideAt builds a quality ride as rideQuality does, its set at step of the
// session's ladder (see rideLadders); step -1 fills the session as far as
// it holds.
func (p *planner) rideAt(kind rideSession, minutes, hardMax, step int) Workout {
	warm, cool := warmCool(minutes)
	main := minutes - warm - cool
	w := Workout{Sport: training.SportBike}
	s := training.Structure{Warm: warm, Cool: cool, Easy: p.bikeCue(zEndurance)}
	set := func(each, rest, most int) (n, e, r int) {
		if step >= 0 {
			return p.rung(rideLadders[kind], step, main, hardMax)
		}
		return reps(main, each, rest, most, hardMax), each, rest
	}
	switch kind {
	case rideSweetSpot:
		n, each, rest := set(12, 4, 4)
		if n < 2 {
			return p.rideAt(rideTempo, minutes, hardMax, -1)
		}
		w.Kind, w.RPE, w.Zone = training.KindTempo, 6, zTempo
		s.Reps, s.Work, s.Rest, s.Effort, s.Cue = n, 60*each, 60*rest, "sweet spot", p.sweetSpot()
	case rideThreshold:
		n, each, rest := set(8, 4, 5)
		if n < 2 {
			return p.rideAt(rideSweetSpot, minutes, hardMax, -1)
		}
		w.Kind, w.RPE, w.Zone = training.KindTempo, 7, zThreshold
		s.Reps, s.Work, s.Rest, s.Effort, s.Cue = n, 60*each, 60*rest, "at threshold", p.bikeCue(zThreshold)
	case rideVO2:
		n, each, rest := set(3, 3, 6)
		if n < 3 {
			return p.rideAt(rideThreshold, minutes, hardMax, -1)
		}
		w.Kind, w.RPE, w.Zone = training.KindIntervals, 8, zVO2
		s.Reps, s.Work, s.Rest, s.Effort, s.Cue = n, 60*each, 60*rest, "VO2max", p.bikeCue(zVO2)
	default:
		n, each, rest := set(15, 5, 3)
		w.Kind, w.RPE, w.Zone = training.KindTempo, 5, zTempo
		s.Cue = p.bikeCue(zTempo)
		if n >= 2 {
			s.Reps, s.Work, s.Rest, s.Effort = n, 60*each, 60*rest, "tempo"
		} else {
			s.Name, s.Reps, s.Work, s.Effort = "Tempo", 1, 60*max(1, min(main, hardMax, max(each, 20))), "steady"
		}
	}
	s.Zone = w.Zone
	w.Structure, w.HardMinutes = &s, workMinutes(s)
	return w
}

// rideSharpener is the race week's short session: a few minutes at race
// effort; a triathlete runs the last 5 minutes off the bike.
func (p *planner) rideSharpener(minutes, hardMax int, brick bool) Workout {
	warm, cool := warmCool(minutes)
	each := 3
	n := reps(minutes-warm-cool, each, 3, 3, min(hardMax, 9))
	if n == 0 {
		n, each = 1, max(1, min(hardMax, each))
	}
	// At race effort, as labelled: a triathlon's band (see raceRideCue) at
	// its race zone, at least tempo.
	level, rpe, cue := zThreshold, 7.0, p.bikeCue(raceZone[p.ev.kind])
	if brick {
		level, cue = max(raceZone[p.ev.kind], zTempo), p.raceRideCue()
		rpe = float64(level + 3)
	}
	w := Workout{Sport: training.SportBike, Kind: training.KindTempo, RPE: rpe, Zone: level, HardMinutes: n * each,
		Structure: &training.Structure{Name: "Sharpener", Warm: warm, Reps: n, Work: 60 * each, Rest: 180, Cool: cool,
			Effort: "at race effort", Zone: level, Cue: cue, Easy: p.bikeCue(zEndurance)}}
	if brick {
		w.Structure.Brick = 5
	}
	return w
}
