package plan

import "fmt"

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
		return Workout{Sport: sportOther, Kind: kindRecovery, RPE: 2, Zone: zRecovery,
			Title:       "Active recovery " + duration(d.minutes),
			Description: "Easy walk or spin, then 10 min of mobility for the muscles trained yesterday. Blood flow, not training."}
	case d.variant == kindMobility:
		return Workout{Sport: sportOther, Kind: kindMobility, RPE: 2,
			Title:       "Mobility " + duration(d.minutes),
			Description: "Hips, thoracic spine, ankles and shoulders: slow controlled ranges, nothing forced."}
	}
	return Workout{Sport: sportOther, Kind: kindCrossTraining, RPE: 3, Zone: zEndurance,
		Title:       "Easy cardio " + duration(d.minutes),
		Description: "Walk, cycle or row at a conversational effort: aerobic fitness that speeds recovery between heavy days."}
}

// strengthSchemes progress block by block (a block ends with a deload):
// more sets of fewer repetitions as the athlete adapts, always stopping
// about two repetitions short of failure (RPE 8).
var strengthSchemes = []string{"3 × 8", "4 × 6", "4 × 5", "5 × 5"}

// heavy is a heavy lower- or upper-body session. Its hard minutes are the
// working sets, about a quarter of the session: the rest between sets and
// the warm-up sets are easy.
func (p *planner) heavy(lower bool, minutes int, c weekCtx, hardMax int) Workout {
	scheme := strengthSchemes[min((c.spec.n-1)/p.every, len(strengthSchemes)-1)]
	w := Workout{Sport: sportStrength, Kind: kindStrength, RPE: 8, HardMinutes: max(1, min(minutes/4, hardMax))}
	if lower {
		w.Title = "Lower body, heavy"
		w.Description = fmt.Sprintf("Squat %s, Romanian deadlift %s, split squat 3 × 8 per leg, calf raise 3 × 12.", scheme, scheme)
	} else {
		w.Title = "Upper body, heavy"
		w.Description = fmt.Sprintf("Bench press %s, row %s, overhead press 3 × 8, pull-ups 3 sets stopping 2 short of failure.", scheme, scheme)
	}
	w.Description += " Warm up with lighter sets; 2–3 min rest between heavy sets; stop about 2 repetitions short of failure (RPE 8)."
	if c.spec.kind == KindCutback {
		w.Description += " Deload: one set fewer of each exercise at the same weight."
	}
	return w
}

// conditioning is a short interval session on a bike, rower or ski erg:
// 30 s hard, 90 s easy.
func conditioning(minutes, hardMax int) Workout {
	n := max(1, min((minutes-10)/2, 10, 2*hardMax))
	return Workout{Sport: sportOther, Kind: kindIntervals, RPE: 8, Zone: zVO2, HardMinutes: (n + 1) / 2,
		Title: fmt.Sprintf("Conditioning: %d × 30 s hard", n),
		Description: fmt.Sprintf("Bike, rower or ski erg: 5 min easy, %d × 30 s hard (RPE 8–9) with 90 s easy between, easy to %s in all.",
			n, duration(minutes))}
}
