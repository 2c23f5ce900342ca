package plan

// strength builds a strength-training day: an upper/lower split with
// conditioning. The heavy lower-body day goes on the long day, the heavy
// upper-body day on the key day farthest from it, conditioning on the
// third key day; active recovery the day after each, and easy days
// alternate easy cardio and mobility.
func (p *planner) strength(d slot, c weekCtx, hardMax int) Workout {
	switch {
	case d.role == roleKey && d.key < 2:
		return p.heavy(d.key == 0, d.minutes, c, hardMax)
	case d.role == roleKey:
		return conditioning(d.minutes, hardMax)
	case d.role == roleRecovery:
		return Workout{Sport: sportOther, Kind: kindRecovery, RPE: 2, Zone: zRecovery, Structure: &Structure{Zone: zRecovery}}
	case d.variant == kindMobility:
		return Workout{Sport: sportOther, Kind: kindMobility, RPE: 2, Structure: &Structure{}}
	}
	return Workout{Sport: sportOther, Kind: kindCrossTraining, RPE: 3, Zone: zEndurance, Structure: &Structure{Zone: zEndurance}}
}

// strengthSchemes progress block by block (a block ends with a deload):
// more sets of fewer repetitions as the athlete adapts, always stopping
// about two repetitions short of failure (RPE 8).
var strengthSchemes = []struct{ sets, lifts int }{{3, 8}, {4, 6}, {4, 5}, {5, 5}}

// heavy is a heavy lower- or upper-body session. Its hard minutes are the
// working sets, about a quarter of the session: the rest between sets and
// the warm-up sets are easy. A deload (cutback) week keeps the weight and
// does one set fewer.
func (p *planner) heavy(lower bool, minutes int, c weekCtx, hardMax int) Workout {
	scheme := strengthSchemes[min((c.spec.n-1)/p.every, len(strengthSchemes)-1)]
	if c.spec.kind == KindCutback {
		scheme.sets--
	}
	return Workout{Sport: sportStrength, Kind: kindStrength, RPE: 8, HardMinutes: max(1, min(minutes/4, hardMax)),
		Structure: &Structure{Sets: scheme.sets, Lifts: scheme.lifts, Upper: !lower}}
}

// conditioning is a short interval session on a bike, rower or ski erg:
// 30 s hard, 90 s easy, after 5 minutes easy.
func conditioning(minutes, hardMax int) Workout {
	n := max(1, min((minutes-10)/2, 10, 2*hardMax))
	s := Structure{Name: "Conditioning", Warm: 5, Reps: n, Work: 30, Rest: 90, Cool: 5, Effort: "hard", Zone: zVO2}
	return Workout{Sport: sportOther, Kind: kindIntervals, RPE: 8, Zone: zVO2, HardMinutes: s.workMinutes(), Structure: &s}
}
