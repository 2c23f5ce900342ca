package plan

import "rebound/internal/training"

// A triathlete's swimming (Friel, The Triathlete's Training Bible, 2016):
// a threshold set at critical swim speed (CSS, Wakayoshi et al. 1992: the
// pace a swimmer holds for about 1500 m) on the quality day, growing
// through the training weeks; and from an event's base phase on, one
// endurance swim a week that reaches the race's swim distance or more by
// the build phase, the last ones in open water.
//
// The plan knows no swim pace: the repetitions are timed at a CSS pace by
// experience (cssPer100), the endurance swim 10 s per 100 m slower.

// cssTestWeek reports whether week w (of spec, after a cutback week where
// afterCut) holds a triathlete's CSS test in place of the threshold set:
// the first week of the plan and the first week after each cutback, rested
// (Friel 2016 tests after a recovery week), in the base and build phases:
// the peak swims its sets. The test
// gives the pace the sets are swum at (Wakayoshi et al. 1992; the 400 m
// and 200 m time trials, as Swim England and most squads run it).
func (p *planner) cssTestWeek(w int, spec weekSpec, afterCut bool) bool {
	if p.sport != Triathlon || spec.kind != KindBuild || spec.phase != PhaseBase && spec.phase != PhaseBuild {
		return false
	}
	return w == 0 || afterCut
}

// cssTest is the CSS test of minutes: 400 m and 200 m swum as fast as the
// swimmer can hold each, easy between; the hard minutes are the two time
// trials at about the pace the plan assumes, a little faster. Its session
// RPE (Foster et al. 2001: the whole session's) is the CSS set's: two
// short efforts inside a mostly easy swim.
func (p *planner) cssTest(minutes int) Workout {
	work := (600*p.cssPer100()*9/10/100 + 59) / 60
	s := training.Structure{Name: cssTestName, Warm: 15, Cool: 5, Zone: zVO2}
	return Workout{Sport: training.SportSwim, Kind: training.KindIntervals, RPE: 7, Zone: zVO2, HardMinutes: work, Structure: &s}
}

// cssTestName names the CSS test's structure (see cssTest).
const cssTestName = "CSS test"

// swimLong is the variant of the easy day that holds the week's endurance
// swim (see triVariants).
const swimLong = "endurance_swim"

// cssPer100 is the CSS pace the plan times a swimmer's repetitions at,
// seconds per 100 m, by experience.
func (p *planner) cssPer100() int { return [3]int{150, 120, 105}[experienceIndex(p.exp)] }

// The CSS set's distance: it starts at cssStart (the higher end where
// the plan is short) and grows by 100 m, or 200 where that is needed to get
// there, every second build week, so it reaches cssTop at the last
// training week (or earlier, and holds): a beginner's 400–600 m to 1,200 m,
// an intermediate's 800–1,000 m to 1,500 m, an advanced swimmer's
// 1,000–1,200 m to 1,500 m. A sprint's set stops at 1,000 m.
var (
	cssStart = [3][2]int{{400, 600}, {800, 1000}, {1000, 1200}}
	cssTop   = [3]int{1200, 1500, 1500}
)

// trainingWeeks is how many base, build and peak weeks the plan has (see
// frame); a plan without an event is all base weeks. It holds once frame
// has set the taper's length.
func (p *planner) trainingWeeks() int {
	if p.ev == nil {
		return p.weeks
	}
	return p.race/7 - max(0, (p.taperLen-p.race%7+3)/7)
}

// buildWeeks is how many of training weeks 1…n are build weeks (not
// cutbacks), of a plan of train training weeks.
func (p *planner) buildWeeks(n, train int) int {
	b := 0
	for k := 1; k <= n; k++ {
		if p.trainingKind(k, train) == KindBuild {
			b++
		}
	}
	return b
}

// cssMetres is the CSS set of week c, in metres: growing through the
// build weeks (see cssStart); in a cutback week 55 % of the build week's
// before it (Friel's recovery weeks keep a short quality session), in the
// taper 60 % of the last training week's, then held, the intensity kept
// while the volume falls (Mujika & Padilla 2003); none in the race week.
// A cutback or taper goes by the set the week before held, where its day
// or its hard minutes held less than the rule.
func (p *planner) cssMetres(c weekCtx) int {
	spec := c.spec
	e := experienceIndex(p.exp)
	top := cssTop[e]
	if p.eventKind() == Sprint {
		top = min(top, 1000)
	}
	train := p.trainingWeeks()
	levels := max(0, (p.buildWeeks(train, train)-1)/2)
	start := clamp(top-100*levels, cssStart[e][0], min(cssStart[e][1], top))
	step := 100
	if start+100*levels < top {
		step = 200
	}
	// The set of the week with builds build weeks so far (itself included).
	at := func(builds int) int { return min(top, start+step*((max(builds, 1)-1)/2)) }
	held := 0 // the week before's set
	for _, w := range c.last {
		if w.Sport == training.SportSwim && w.Kind == training.KindIntervals && w.Structure != nil {
			held = max(held, w.Structure.Reps*w.Structure.Metres)
		}
	}
	switch spec.kind {
	case KindBuild:
		return at(p.buildWeeks(spec.n, train))
	case KindCutback:
		set := at(p.buildWeeks(spec.n, train))
		if held > 0 {
			set = min(set, held)
		}
		return p.cssPart(set, 0.55)
	case KindTaper:
		set := at(p.buildWeeks(train, train))
		switch {
		case held > 0 && spec.n > 1:
			return min(p.cssPart(set, 0.6), held) // held from the taper's first week
		case held > 0:
			set = min(set, held)
		}
		return p.cssPart(set, 0.6)
	}
	return 0
}

// cssRep is the length of the CSS set's repetitions for a set of metres:
// 50 m for a beginner's sets under 800 m, else 100 m.
func (p *planner) cssRep(metres int) int {
	if p.exp == Beginner && metres < 800 {
		return 50
	}
	return 100
}

// cssPart is f of a CSS set of metres, in whole repetitions: within
// 50–60 % for f = 0.55 where the repetitions allow.
func (p *planner) cssPart(metres int, f float64) int {
	r := p.cssRep(int(f * float64(metres)))
	n := int(f*float64(metres)/float64(r) + 0.5)
	return max(1, n) * r
}

// cssRest is the rest between CSS repetitions of metres, seconds.
func (p *planner) cssRest(metres int) int {
	if p.exp == Beginner || metres < 100 {
		return 20
	}
	return 15
}

// cssMinutes is how long a threshold swim with a CSS set of metres takes:
// 10 minutes' warm-up, the set, 5 minutes easy, in whole 5 minutes.
func (p *planner) cssMinutes(metres int) int {
	if metres == 0 {
		return 0
	}
	r := p.cssRep(metres)
	n := metres / r
	set := n*p.cssPer100()*r/100 + (n-1)*p.cssRest(r)
	m := 15 + (set+59)/60
	return m + (5-m%5)%5
}

// cssSwim is the threshold swim of minutes: the week's CSS set (see
// cssMetres), as much of it as the minutes and hardMax minutes of work
// hold (Friel 2016; Wakayoshi et al. 1992 on CSS).
func (p *planner) cssSwim(minutes, hardMax, metres int) Workout {
	rep := p.cssRep(metres)
	rest := p.cssRest(rep)
	work := p.cssPer100() * rep / 100
	warm, cool := 10, 5
	main := (minutes - warm - cool) * 60
	n := max(0, min((main+rest)/(work+rest), metres/rep, hardMax*60/work))
	s := training.Structure{Name: "Swim", Warm: warm, Cool: cool, Reps: n, Work: work, Rest: rest, Metres: rep, Effort: "at CSS pace", Zone: zThreshold}
	if n == 0 {
		s = training.Structure{Zone: zEndurance}
		return Workout{Sport: training.SportSwim, Kind: training.KindEasy, RPE: 3, Zone: zEndurance, Structure: &s}
	}
	return Workout{Sport: training.SportSwim, Kind: training.KindIntervals, RPE: 7, Zone: zThreshold, HardMinutes: workMinutes(s), Structure: &s}
}

// enduranceSwim is an event's weekly endurance swim: build is its length
// from the build phase on (the race's swim distance or more), peak its
// length in an intermediate or advanced athlete's peak weeks, rep the
// repetitions it is swum in (0: one continuous swim). An Olympic's 1,500 m
// continuous, then 2,000 m; a 70.3's 4 × 500 m, then 2,500 m; an
// Ironman's 3 × 1,000 m, then the race's 3,800 m continuous in open water
// (the coach's review: an Ironman swimmer should have swum the distance
// before race day); a sprint's 1,000 m.
type enduranceSwim struct{ build, peak, rep int }

var enduranceSwims = map[EventKind]enduranceSwim{
	Sprint:  {1000, 1000, 0},
	Olympic: {1500, 2000, 0},
	Half703: {2000, 2500, 500},
	Ironman: {3000, 3800, 1000},
}

// openWater reports whether the event's swim may be in open water: every
// triathlon's, a sprint's too (most are in a lake or the sea, and a
// beginner's first open water must not be race day: most deaths in
// triathlon happen in the swim, Harris et al. 2010). The session's text
// says to swim in a pool when the race does.
func (p *planner) openWater() bool {
	switch p.eventKind() {
	case Sprint, Olympic, Half703, Ironman:
		return true
	}
	return false
}

// enduranceMetres is week spec's endurance swim in metres, 0 for none: in
// the base phase from half the build phase's length towards it, then the
// build's and the peak's (see enduranceSwims; a beginner's peak holds the
// build's); 70 % in a cutback week, 60 % of the peak's in the taper; none
// in the race and recovery weeks.
func (p *planner) enduranceMetres(spec weekSpec) int {
	e, ok := enduranceSwims[p.eventKind()]
	if !ok {
		return 0
	}
	unit := e.rep
	if unit == 0 || p.openWaterWeek(spec) {
		unit = 100 // one continuous swim
	}
	down := func(m float64) int { return max(unit, int(m)/unit*unit) }
	peak := e.peak
	if p.exp == Beginner {
		peak = e.build // a beginner's peak week has no room for more
	}
	m := 0
	switch spec.phase {
	case PhaseBase:
		m = down(float64(e.build) * (0.5 + 0.5*float64(spec.inPh)/float64(max(spec.of, 1))))
	case PhaseBuild:
		m = e.build
	case PhasePeak:
		m = peak
	case PhaseTaper:
		return down(0.6 * float64(peak))
	default:
		return 0
	}
	if spec.kind == KindCutback {
		m = down(0.7 * float64(m))
	}
	return m
}

// openWaterWeek reports whether week spec's endurance swim is swum in open
// water: in the build phase's last two weeks, the peak and the taper, so a
// race in open water has at least two before it.
func (p *planner) openWaterWeek(spec weekSpec) bool {
	if !p.openWater() {
		return false
	}
	switch spec.phase {
	case PhasePeak, PhaseTaper:
		return true
	case PhaseBuild:
		return spec.inPh >= spec.of-1
	}
	return false
}

// easyPer100 is the endurance swim's pace, seconds per 100 m: 10 s slower
// than CSS.
func (p *planner) easyPer100() int { return p.cssPer100() + 10 }

// enduranceParts is how week spec's endurance swim of metres is swum:
// repetitions of rep metres with 30 s rest, or one continuous swim (in
// open water always).
func (p *planner) enduranceParts(spec weekSpec, metres int) (reps, rep int) {
	e := enduranceSwims[p.eventKind()]
	if e.rep == 0 || p.openWaterWeek(spec) || metres < e.rep {
		return 1, metres
	}
	return metres / e.rep, e.rep
}

// enduranceMinutes is how long week spec's endurance swim takes: 5
// minutes' warm-up with drills, the swim, 5 minutes easy, in whole 5
// minutes; 0 without one.
func (p *planner) enduranceMinutes(spec weekSpec) int {
	metres := p.enduranceMetres(spec)
	if metres == 0 {
		return 0
	}
	n, rep := p.enduranceParts(spec, metres)
	set := n*p.easyPer100()*rep/100 + 30*(n-1)
	m := 10 + (set+59)/60
	return m + (5-m%5)%5
}

// enduranceLimit is the endurance swim's limit in a week c of target
// minutes: its own length where that is at most a sixth of the week, else
// what the week gives it, from 30 minutes up to its length.
func (p *planner) enduranceLimit(l limit, c weekCtx, target int) limit {
	need := p.enduranceMinutes(c.spec)
	if need == 0 || c.post {
		return l // the race week: an easy swim
	}
	l.w, l.lo, l.hi = 0.15, 30, need
	if 6*need <= target {
		l.lo = need
	}
	return l
}

// enduranceWorkout is day d's endurance swim in week c: as much of the
// week's (see enduranceMetres) as d's minutes hold, in open water where
// openWaterWeek says; an easy swim where the week has none.
func (p *planner) enduranceWorkout(d slot, c weekCtx) Workout {
	metres := p.enduranceMetres(c.spec)
	if metres == 0 {
		return swim(false)
	}
	n, rep := p.enduranceParts(c.spec, metres)
	warm, cool, rest := 5, 5, 30
	main := (d.minutes - warm - cool) * 60
	work := p.easyPer100() * rep / 100
	s := training.Structure{Name: "Endurance swim", Warm: warm, Cool: cool, Rest: rest, Effort: "steady", Zone: zEndurance}
	if p.openWaterWeek(c.spec) {
		s.Name = "Open-water swim"
	}
	if n == 1 {
		// One continuous swim: as far as the minutes hold, in whole 100 m.
		work = min(work, main)
		s.Reps, s.Work, s.Metres = 1, work, max(100, work*100/p.easyPer100()/100*100)
	} else {
		s.Reps, s.Work, s.Metres = max(1, min(n, (main+rest)/(work+rest))), work, rep
	}
	if s.Reps == 1 {
		s.Rest = 0
	}
	return Workout{Sport: training.SportSwim, Kind: training.KindEasy, RPE: 3, Zone: zEndurance, Structure: &s}
}
