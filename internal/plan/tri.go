package plan

// triWorkout builds a triathlon day. The week spreads the three sports: the
// long ride on the long day (a brick in the build and peak phases), the
// long run on the key day farthest from it, both with race-effort blocks
// from the build phase on, and for advanced athletes a third key session
// that alternates week by week between a quality ride and a quality run.
// The days after key workouts are recovery swims or spins, and the easy
// days a steady swim, then runs and rides (see chooseVariants).
func (p *planner) triWorkout(d slot, c weekCtx, hardMax int) Workout {
	switch d.role {
	case roleKey:
		switch d.key {
		case 0:
			return p.longRide(d.minutes, c, hardMax, true)
		case 1:
			return p.longRun(d.minutes, c, hardMax)
		}
		if c.w%2 == 0 {
			l := rideLineups[""][phaseIndex(c.spec.phase)]
			return p.rideQuality(l[(c.w/2)%len(l)], d.minutes, hardMax)
		}
		l := runLineups[""][phaseIndex(c.spec.phase)]
		return p.runQuality(l[(c.w/2)%len(l)], d.minutes, hardMax)
	case roleTuneUp:
		return p.rideSharpener(d.minutes, hardMax, true)
	case roleRecovery:
		if d.variant == sportBike {
			return p.recoverySpin()
		}
		return swim(true)
	case roleShakeout:
		return p.easyRun(d)
	}
	switch {
	case p.afterRace(d.idx) || d.variant == sportBike:
		return p.enduranceRide()
	case d.variant == sportRun:
		return p.run(d, c, hardMax)
	}
	return swim(false)
}

// swim is a recovery or an easy technique and endurance swim, by time: the
// plan knows no swim threshold, so the sets go by feel.
func swim(recovery bool) Workout {
	if recovery {
		return Workout{Sport: sportSwim, Kind: kindRecovery, RPE: 2, Zone: zRecovery, Structure: &Structure{Zone: zRecovery}}
	}
	return Workout{Sport: sportSwim, Kind: kindEasy, RPE: 3, Zone: zEndurance, Structure: &Structure{Zone: zEndurance}}
}
