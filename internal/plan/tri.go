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
		return p.rideSharpener(d.minutes, hardMax, "Easy to finish, the last 5 min running off the bike")
	case roleRecovery:
		if d.variant == sportBike {
			return p.recoverySpin(d.minutes)
		}
		return swim(d.minutes, true)
	case roleShakeout:
		return Workout{Sport: sportRun, Kind: kindEasy, RPE: 3, Zone: zEndurance,
			Title:       "Shakeout " + duration(d.minutes),
			Description: "A short easy jog with 4 × 20 s strides, or an easy swim or spin. Check the bike and pack the bags."}
	}
	switch {
	case p.afterRace(d.idx) || d.variant == sportBike:
		return p.enduranceRide(d.minutes)
	case d.variant == sportRun:
		return p.run(d, c, hardMax)
	}
	return swim(d.minutes, false)
}

// swim is a recovery or an easy technique and endurance swim, by time: the
// plan knows no swim threshold, so the sets go by feel.
func swim(minutes int, recovery bool) Workout {
	if recovery {
		return Workout{Sport: sportSwim, Kind: kindRecovery, RPE: 2, Zone: zRecovery,
			Title:       "Recovery swim " + duration(minutes),
			Description: "Easy swimming and drills (catch-up, fingertip drag) with long rests: loosen up, do not train."}
	}
	return Workout{Sport: sportSwim, Kind: kindEasy, RPE: 3, Zone: zEndurance,
		Title:       "Swim: technique and endurance " + duration(minutes),
		Description: "Easy warm-up and drills, then steady 200s with 20 s rest (RPE 3–4, long and smooth); easy finish."}
}
