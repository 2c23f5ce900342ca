package plan

import "fmt"

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
		return p.rideSharpener(d.minutes, hardMax, "Easy to finish")
	case roleRecovery:
		return p.recoverySpin(d.minutes)
	case roleShakeout:
		return Workout{Sport: sportBike, Kind: kindEasy, RPE: 3, Zone: zEndurance,
			Title:       "Shakeout spin " + duration(d.minutes),
			Description: "Easy spinning with 3 × 30 s at race cadence to wake the legs up; check the bike. Nothing more."}
	}
	return p.enduranceRide(d.minutes)
}

func (p *planner) recoverySpin(minutes int) Workout {
	return Workout{Sport: sportBike, Kind: kindRecovery, RPE: 2, Zone: zRecovery,
		Title:       "Recovery spin " + duration(minutes),
		Description: fmt.Sprintf("Easy spinning in a light gear, %s. If it feels like training, it is too hard.", p.bikeCue(zRecovery))}
}

func (p *planner) enduranceRide(minutes int) Workout {
	return Workout{Sport: sportBike, Kind: kindEasy, RPE: 3, Zone: zEndurance,
		Title:       "Endurance ride " + duration(minutes),
		Description: fmt.Sprintf("Steady and easy, %s, cadence 85–95.", p.bikeCue(zEndurance))}
}

// longRide is the week's long ride. A triathlete's long ride in the build
// and peak phases ends with 15 minutes of running off the bike (a brick),
// so the legs learn the change. Non-beginner triathletes from the build
// phase on (taper included: it is where their intensity is kept), and gran
// fondo riders in the peak phase, ride up to 40 minutes of it (a quarter at
// most) at race effort, in 20-minute blocks.
func (p *planner) longRide(minutes int, c weekCtx, hardMax int, brick bool) Workout {
	w := Workout{Sport: sportBike, Kind: kindLong, RPE: 4, Zone: zEndurance,
		Title: "Long ride " + duration(minutes),
		Description: fmt.Sprintf("Mostly at %s. Eat and drink every 20–30 min from the start: practise the race's fuelling.",
			p.bikeCue(zEndurance))}
	ph := c.spec.phase
	brick = brick && ph != PhaseBase && minutes >= 75
	if brick {
		w.Title = fmt.Sprintf("Brick: ride %s + run 15 min", duration(minutes-15))
	}
	race := p.eventKind() == GranFondo && ph == PhasePeak ||
		p.sport == Triathlon && p.ev != nil && p.exp != Beginner && ph != PhaseBase
	if n := min(hardMax, 40, minutes/4) / 20; race && n > 0 {
		w.HardMinutes = 20 * n
		blocks, between := "20 min", ""
		if n > 1 {
			blocks, between = fmt.Sprintf("%d × 20 min", n), ", 5 min easy between"
		}
		w.Title += ", " + blocks + " at race effort"
		w.Description += fmt.Sprintf(" In the second half, %s at race effort (%s)%s.", blocks, p.bikeCue(raceZone[p.ev.kind]), between)
	}
	if brick {
		w.Description += fmt.Sprintf(" Straight off the bike, run 15 min easy (%s): quick, short steps.", p.runCue(zEndurance))
	}
	return w
}

// rideQuality builds a quality ride of minutes with at most hardMax minutes
// of work; repetitions that do not fit become a shorter tempo effort.
func (p *planner) rideQuality(kind rideSession, minutes, hardMax int) Workout {
	warm, cool := warmCool(minutes)
	main := minutes - warm - cool
	w := Workout{Sport: sportBike}
	var work string
	switch kind {
	case rideSweetSpot:
		n := reps(main, 12, 4, 4, hardMax)
		if n < 2 {
			return p.rideQuality(rideTempo, minutes, hardMax)
		}
		w.Kind, w.RPE, w.Zone, w.HardMinutes = kindTempo, 6, zTempo, 12*n
		w.Title = fmt.Sprintf("%d × 12 min sweet spot", n)
		work = fmt.Sprintf("%d × 12 min at sweet spot (%s), 4 min easy between", n, p.sweetSpot())
	case rideThreshold:
		n := reps(main, 8, 4, 5, hardMax)
		if n < 2 {
			return p.rideQuality(rideSweetSpot, minutes, hardMax)
		}
		w.Kind, w.RPE, w.Zone, w.HardMinutes = kindTempo, 7, zThreshold, 8*n
		w.Title = fmt.Sprintf("%d × 8 min at threshold", n)
		work = fmt.Sprintf("%d × 8 min at threshold (%s), 4 min easy between", n, p.bikeCue(zThreshold))
	case rideVO2:
		n := reps(main, 3, 3, 6, hardMax)
		if n < 3 {
			return p.rideQuality(rideThreshold, minutes, hardMax)
		}
		w.Kind, w.RPE, w.Zone, w.HardMinutes = kindIntervals, 8, zVO2, 3*n
		w.Title = fmt.Sprintf("%d × 3 min VO2max", n)
		work = fmt.Sprintf("%d × 3 min hard (%s), 3 min easy between", n, p.bikeCue(zVO2))
	default:
		n := reps(main, 15, 5, 3, hardMax)
		w.Kind, w.RPE, w.Zone = kindTempo, 5, zTempo
		if n >= 2 {
			w.HardMinutes = 15 * n
			w.Title = fmt.Sprintf("%d × 15 min tempo", n)
			work = fmt.Sprintf("%d × 15 min tempo (%s), 5 min easy between", n, p.bikeCue(zTempo))
		} else {
			w.HardMinutes = max(1, min(main, hardMax, 20))
			w.Title = fmt.Sprintf("Tempo: %d min", w.HardMinutes)
			work = fmt.Sprintf("%d min steady tempo (%s)", w.HardMinutes, p.bikeCue(zTempo))
		}
	}
	w.Description = fmt.Sprintf("Warm up %d min easy (%s). %s. Easy to finish, %s in all.",
		warm, p.bikeCue(zEndurance), work, duration(minutes))
	return w
}

// rideSharpener is the race week's short session: a few minutes at race
// effort. finish ends the description: what follows the ride.
func (p *planner) rideSharpener(minutes, hardMax int, finish string) Workout {
	warm, cool := warmCool(minutes)
	each := 3
	n := reps(minutes-warm-cool, each, 3, 3, min(hardMax, 9))
	if n == 0 {
		n, each = 1, max(1, min(hardMax, each))
	}
	return Workout{Sport: sportBike, Kind: kindTempo, RPE: 7, Zone: zThreshold, HardMinutes: n * each,
		Title: fmt.Sprintf("Sharpener: %d × %d min at race effort", n, each),
		Description: fmt.Sprintf("Warm up %d min easy, then %d × %d min at race effort (%s), 3 min easy between. %s, %s in all.",
			warm, n, each, p.bikeCue(raceZone[p.ev.kind]), finish, duration(minutes))}
}
