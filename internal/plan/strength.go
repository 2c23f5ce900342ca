package plan

import "rebound/internal/training"

// strength builds a strength-training day. Every heavy day is a full-body
// session, alternating two sessions (A: squat, bench press, row, hip
// thrust; B: Romanian deadlift, overhead press, pull-up, split squat; see
// chooseVariants). Each has a squat or lunge, a hinge, a push and a pull,
// so every pattern is trained on every heavy day, at least twice a week
// with two or three heavy days, 48 h apart whichever session falls where:
// twice a week builds more muscle and strength than once for the same
// work (Schoenfeld, Ogborn & Krieger 2016), and total-body sessions 2–3
// days a week are the novice's and intermediate's model (ACSM 2009).
// Rest or recovery follows each heavy day; easy days alternate easy
// cardio and mobility.
func (p *planner) strength(d slot, c weekCtx, hardMax int) Workout {
	switch {
	case d.role == roleKey:
		return p.heavy(d.variant == "B", d.minutes, c, hardMax)
	case d.role == roleRecovery:
		return Workout{Sport: training.SportOther, Kind: training.KindRecovery, RPE: 2, Zone: zRecovery, Structure: &Structure{Zone: zRecovery}}
	case d.variant == training.KindMobility:
		return Workout{Sport: training.SportOther, Kind: training.KindMobility, RPE: 2, Structure: &Structure{}}
	}
	return Workout{Sport: training.SportOther, Kind: training.KindCrossTraining, RPE: 3, Zone: zEndurance, Structure: &Structure{Zone: zEndurance}}
}

// strengthBlocks are the sets and starting repetitions of each block (the
// weeks up to a deload): fewer repetitions at heavier loads as the athlete
// adapts, the last repeated.
var strengthBlocks = []struct{ sets, lifts int }{{3, 8}, {3, 6}, {4, 6}, {4, 5}}

// heavy is heavy full-body session A, or B with b. The load progresses
// by double progression (ACSM 2009 progression models) without going near
// failure: a block's first week chooses weights at RPE 7 (3 repetitions in
// reserve), the second adds one repetition a set at those weights (RPE 8,
// the most a repetition may be added at), and the third, the top of the
// range reached, adds 2.5–5 % and goes back to the block's repetitions.
// The next block has fewer repetitions, so its weights are chosen afresh
// by effort, not by a percentage: 2.5–5 % on 10-repetition weights for 6
// repetitions leaves sets at RPE 5–6. The cutback week is a deload: the
// block's first repetitions, one set fewer of every exercise, two more in
// reserve (RPE 6). Its hard minutes are the working sets, about a quarter
// of the session: the rest between sets and the warm-up sets are easy.
func (p *planner) heavy(b bool, minutes int, c weekCtx, hardMax int) Workout {
	n := c.spec.n - 1 // training weeks before this one
	block := n / p.every
	scheme := strengthBlocks[min(block, len(strengthBlocks)-1)]
	s := Structure{Sets: scheme.sets, Lifts: scheme.lifts, Full: true, Session: 1, Block: block + 1, Step: n%p.every + 1}
	if b {
		s.Session = 2
	}
	rpe := 8.0
	switch {
	case c.spec.kind == KindCutback:
		s.Sets, s.Step, rpe = s.Sets-1, 0, 6
	case s.Step == 1:
		rpe = 7
	case s.Step == 2:
		s.Lifts++
	}
	return Workout{Sport: training.SportStrength, Kind: training.KindStrength, RPE: rpe, HardMinutes: max(1, min(minutes/4, hardMax)), Structure: &s}
}
