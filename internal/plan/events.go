package plan

import "math"

// eventRules is what the plan needs to know about one kind of event. The
// numbers are this product's coaching defaults, chosen from common practice
// for age-group athletes; each is explained where it is used.
type eventRules struct {
	kind      EventKind
	sport     Sport
	name      string // in words: "marathon"
	distanceM int    // run races: the distance, for time and pace estimates

	// Taper: its default length in days (the design's ranges: 5K/10K ~7–10,
	// half ~10–14, marathon and long triathlon ~14–21); its depth is the
	// same for every event (see planner.drop).
	taperDays int

	// Build time: the fewest weeks, start to race, that are safe from
	// baseMinutes a week; from less, the weeks to ramp up to baseMinutes are
	// added. idealWeeks is the usual plan length; a plan between the two is
	// shortened, a longer one gets a longer base phase.
	minWeeks    int
	idealWeeks  int
	baseMinutes int

	peak        [3]int // target peak week, minutes, by experience (beginner, intermediate, advanced)
	raceMinutes [3]int // finishing time estimate without a threshold pace, by experience

	longCap int // longest long session of bike and triathlon events: the long ride
	// Run: the longest long run, by experience, which the peak week is
	// built to carry, and the shortest that prepares for the race at all
	// (0: any).
	longRun [3]int
	minLong int
	// Run: the longest long run in distance (0: none), which a fast
	// runner reaches before the minutes: Pfitzinger & Douglas's (2009)
	// 22 miles for a marathon, 17 for a half.
	longKm     float64
	longRunCap int // triathlon: longest long run
	// Triathlon: the shortest long ride and long run by the peak that
	// prepare for the race (0: any); the peak week is raised to carry
	// them, and a plan that cannot reach them carries a warning.
	minRide, minRun int
	longRoom        int // the long day must hold at least this many minutes
	qualityCap      int // longest quality session

	recovery float64 // the recovery week after an A race, as a fraction of the peak week
}

// events lists every event kind the plan knows. Peak weeks are modest on
// purpose: under 7 h a week for a first marathon.
//
// Run long runs: the peak long run grows with the race and the runner's
// experience. Marathon: 2 h 30 – 3 h, Pfitzinger & Douglas's (2009) 20–22
// miles for runners with the weeks behind them, never past 3 h of time on
// feet (Daniels 2014 stops long runs at 2 h 30; Hansons, Humphrey 2012,
// at 16 miles: beyond it the damage outgrows the gain); a first marathon
// 2 h 15. Below 2 h of long run a marathon is a warning, not a plan. The
// peak week is then at least what carries that long run within the 30 %
// rule. Half: 1 h 30 – 2 h (Pfitzinger & Douglas 2009, 15–17 miles for
// the fastest); 10K and 5K: 1–1 h 45 (Pfitzinger & Latter 2015). Tapers of 8–21 days by distance, volume down 45–55 % in
// the last week while intensity and frequency hold (Bosquet et al. 2007:
// 8–14 days and 41–60 % work best; Mujika & Padilla 2003).
//
// Triathlon long sessions by the peak: a 70.3 needs a long ride of 3 h
// and a long run of 1 h 30 at least, an Olympic 2 h and 1 h (beginner
// 70.3 plans build to 4 h and 2 h: TrainingPeaks' 6–10.5 h plan; Friel's
// first-70.3 plan, 10–13 h a week), an Ironman 4 h 30 and 2 h 15 (Friel
// 2016; common Ironman plans build to rides of 5–6 h and runs of
// 2 h 30 – 3 h).
var events = []eventRules{
	{kind: FiveK, sport: Run, name: "5K", distanceM: 5000,
		taperDays: 8, minWeeks: 4, idealWeeks: 10, baseMinutes: 60,
		peak: [3]int{180, 270, 390}, raceMinutes: [3]int{35, 27, 21},
		longRun: [3]int{60, 75, 90}, longRoom: 40, qualityCap: 70, recovery: 0.6},
	{kind: TenK, sport: Run, name: "10K", distanceM: 10000,
		taperDays: 10, minWeeks: 6, idealWeeks: 12, baseMinutes: 90,
		peak: [3]int{210, 300, 440}, raceMinutes: [3]int{70, 55, 42},
		longRun: [3]int{75, 90, 105}, minLong: 50, longRoom: 50, qualityCap: 80, recovery: 0.55},
	{kind: Half, sport: Run, name: "half marathon", distanceM: 21097,
		taperDays: 12, minWeeks: 8, idealWeeks: 14, baseMinutes: 150,
		peak: [3]int{270, 360, 480}, raceMinutes: [3]int{150, 120, 95},
		longRun: [3]int{90, 105, 120}, minLong: 80, longKm: 27, longRoom: 75, qualityCap: 85, recovery: 0.45},
	{kind: Marathon, sport: Run, name: "marathon", distanceM: 42195,
		taperDays: 19, minWeeks: 12, idealWeeks: 18, baseMinutes: 180,
		peak: [3]int{360, 450, 570}, raceMinutes: [3]int{330, 255, 200},
		longRun: [3]int{135, 165, 180}, minLong: 120, longKm: 35, longRoom: 90, qualityCap: 100, recovery: 0.25},
	{kind: Ultra, sport: Run, name: "ultra", distanceM: 50000,
		taperDays: 19, minWeeks: 16, idealWeeks: 24, baseMinutes: 240,
		peak: [3]int{420, 540, 660}, raceMinutes: [3]int{480, 420, 360},
		longRun: [3]int{180, 210, 240}, minLong: 150, longRoom: 120, qualityCap: 90, recovery: 0.3},
	{kind: Sprint, sport: Triathlon, name: "sprint triathlon",
		taperDays: 7, minWeeks: 6, idealWeeks: 10, baseMinutes: 120,
		peak: [3]int{240, 300, 420}, raceMinutes: [3]int{95, 80, 70},
		longCap: 90, longRunCap: 50, longRoom: 60, qualityCap: 75, recovery: 0.5},
	{kind: Olympic, sport: Triathlon, name: "Olympic triathlon",
		taperDays: 10, minWeeks: 8, idealWeeks: 14, baseMinutes: 180,
		peak: [3]int{300, 390, 510}, raceMinutes: [3]int{180, 150, 130},
		longCap: 150, longRunCap: 75, minRide: 120, minRun: 60, longRoom: 75, qualityCap: 90, recovery: 0.45},
	{kind: Half703, sport: Triathlon, name: "70.3 triathlon",
		taperDays: 14, minWeeks: 12, idealWeeks: 20, baseMinutes: 270,
		peak: [3]int{420, 500, 630}, raceMinutes: [3]int{390, 330, 290},
		longCap: 210, longRunCap: 110, minRide: 180, minRun: 90, longRoom: 120, qualityCap: 90, recovery: 0.35},
	{kind: Ironman, sport: Triathlon, name: "Ironman",
		taperDays: 21, minWeeks: 20, idealWeeks: 30, baseMinutes: 360,
		peak: [3]int{540, 660, 840}, raceMinutes: [3]int{840, 720, 610},
		longCap: 330, longRunCap: 150, minRide: 270, minRun: 135, longRoom: 150, qualityCap: 100, recovery: 0.3},
	{kind: TimeTrial, sport: Bike, name: "40 km time trial",
		taperDays: 7, minWeeks: 4, idealWeeks: 8, baseMinutes: 120,
		peak: [3]int{300, 420, 540}, raceMinutes: [3]int{75, 65, 55},
		longCap: 150, longRoom: 60, qualityCap: 90, recovery: 0.5},
	{kind: GranFondo, sport: Bike, name: "gran fondo",
		taperDays: 10, minWeeks: 8, idealWeeks: 14, baseMinutes: 180,
		peak: [3]int{360, 480, 600}, raceMinutes: [3]int{330, 270, 230},
		longCap: 300, longRoom: 120, qualityCap: 120, recovery: 0.4},
}

// eventAliases maps the database's triathlon kinds to ours.
var eventAliases = map[EventKind]EventKind{
	"sprint_tri":  Sprint,
	"olympic_tri": Olympic,
	"half_tri":    Half703,
	"full_tri":    Ironman,
}

// rulesFor returns the rules of kind (or of its alias), or nil.
func rulesFor(kind EventKind) *eventRules {
	if k, ok := eventAliases[kind]; ok {
		kind = k
	}
	for i := range events {
		if events[i].kind == kind {
			return &events[i]
		}
	}
	return nil
}

// experienceIndex is exp's index into the by-experience tables.
func experienceIndex(exp Experience) int {
	switch exp {
	case Beginner:
		return 0
	case Advanced:
		return 2
	}
	return 1
}

// riegel is Riegel's (1981) endurance model solved for time: a runner who
// can hold thresholdPace (s/km) for about an hour, as threshold pace is
// defined, runs distanceM in the returned seconds, with pace slowing as
// duration^0.06:
//
//	pace(t) = threshold · (t / 3600 s)^0.06,  t = distance · pace(t)
//	⇒ t = (distance_km · threshold · 3600^−0.06)^(1/0.94)
//
// It is an estimate for planning (race-day minutes, race-pace targets); the
// marathon estimate is optimistic for runners without the volume behind it,
// so callers round and say "about".
func riegel(distanceM int, thresholdPace float64) float64 {
	km := float64(distanceM) / 1000
	return math.Pow(km*thresholdPace*math.Pow(3600, -0.06), 1/0.94)
}

// racePace is the estimated race pace, s/km, over distanceM.
func racePace(distanceM int, thresholdPace float64) float64 {
	return riegel(distanceM, thresholdPace) / (float64(distanceM) / 1000)
}
