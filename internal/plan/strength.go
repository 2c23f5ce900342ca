package plan

// strength builds a strength-training day. Every heavy day is a full-body
// session, alternating two sessions (fullBody) that each train all six
// movement patterns: a squat or lunge, a hip hinge, a horizontal and a
// vertical push, a horizontal and a vertical pull. Whichever session
// falls where, every pattern is then trained on every heavy day: at least
// twice a week with two heavy days or more, 48 h apart. Total-body
// sessions 2–3 days a week are the novice's and intermediate's model, each
// muscle group 2–3 times a week (ACSM 2009 progression models), and twice
// a week builds more muscle than once for the same work (Schoenfeld,
// Ogborn & Krieger 2016). An A/B split of the patterns would train half
// of them once a week whenever the week has an odd number of heavy days.
// Rest or recovery follows each heavy day; easy days alternate easy
// cardio and mobility.
func (p *planner) strength(d slot, c weekCtx, hardMax int) Workout {
	switch {
	case d.role == roleKey:
		return p.heavy(d.variant == "B", d.minutes, c, hardMax)
	case d.role == roleRecovery:
		return Workout{Sport: sportOther, Kind: kindRecovery, RPE: 2, Zone: zRecovery, Structure: &Structure{Zone: zRecovery}}
	case d.variant == kindMobility:
		return Workout{Sport: sportOther, Kind: kindMobility, RPE: 2, Structure: &Structure{}}
	}
	return Workout{Sport: sportOther, Kind: kindCrossTraining, RPE: 3, Zone: zEndurance, Structure: &Structure{Zone: zEndurance}}
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
	return Workout{Sport: sportStrength, Kind: kindStrength, RPE: rpe, HardMinutes: max(1, min(minutes/4, hardMax)), Structure: &s}
}

// lift is one exercise of a full-body session: a main lift takes the
// session's sets, an accessory fewer (accessorySets); side is "leg" or
// "arm" for one done a side at a time.
type lift struct {
	name string
	main bool
	side string
}

// fullBody are sessions A and B. Each trains the six patterns, three as
// main lifts and the other three as accessories, the other way round in
// the other session: A a squat, bench press and row, B a hinge, overhead
// press and pull-up. A hip thrust is not the hinge: it extends the hip
// with the hamstrings short, where the Romanian deadlift loads them long.
var fullBody = [2][]lift{
	{{"squat", true, ""}, {"bench press", true, ""}, {"row", true, ""},
		{"Romanian deadlift", false, ""}, {"overhead press", false, ""}, {"lat pulldown or pull-ups", false, ""}},
	{{"Romanian deadlift", true, ""}, {"overhead press", true, ""}, {"pull-ups or lat pulldown", true, ""},
		{"split squat", false, "leg"}, {"dumbbell bench press", false, ""}, {"one-arm dumbbell row", false, "arm"}},
}

// fullBodyLifts are the lifts of full-body session A, or B with Session 2.
func (s Structure) fullBodyLifts() []lift {
	if s.Session == 2 {
		return fullBody[1]
	}
	return fullBody[0]
}

// accessorySets is how many sets each accessory lift of a full-body
// session takes: at most 3, and one fewer in a deload like every other
// lift.
func (s Structure) accessorySets() int {
	if s.Block > 0 && s.Step == 0 {
		return min(s.Sets+1, 3) - 1
	}
	return min(s.Sets, 3)
}
