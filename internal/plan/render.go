package plan

import (
	"strconv"
	"strings"

	"rebound/internal/training"

	"rebound/internal/units"
)

// write is a workout's title and description, written from its kind,
// sport, minutes, targets and structure alone, so the text states no
// number the workout does not hold: the minutes only where they add up
// ("55 min in all"), an RPE only as the target, the parts (warm-up,
// repetitions, recoveries) as s has them, which fit the minutes (fit).
// Distances are left to the workout's own field, shown beside the text.
// Titles do not repeat the duration, which is shown beside them too.
func write(kind, sport string, minutes int, rpe float64, zone int, s training.Structure) (title, description string) {
	w := writer{kind: kind, sport: sport, minutes: minutes, rpe: rpe, zone: zone, s: s}
	return w.title(), w.description()
}

// writer holds one workout while write writes it.
type writer struct {
	kind, sport string
	minutes     int
	rpe         float64
	zone        int
	s           training.Structure
	b           strings.Builder
}

func (w *writer) title() string {
	s := w.s
	switch w.kind {
	case training.KindRest:
		return "Rest day"
	case training.KindRace:
		if s.Name == "" {
			return "Race"
		}
		return "Race: " + s.Name
	case training.KindRecovery:
		switch {
		case w.sport == training.SportRun:
			return "Recovery run"
		case w.sport == training.SportBike:
			return "Recovery spin"
		case w.sport == training.SportSwim:
			return "Recovery swim"
		case s.Instead == training.SportRun:
			return "Recovery walk or easy spin"
		}
		return "Active recovery"
	case training.KindEasy:
		switch {
		case w.sport == training.SportSwim && s.Reps > 0:
			return w.swimTitle()
		case s.Name != "" && w.sport == training.SportBike:
			return s.Name + " spin"
		case s.Name != "":
			return s.Name
		case w.sport == training.SportRun && s.Strides > 0:
			return "Easy run with strides"
		case w.sport == training.SportRun:
			return "Easy run"
		case w.sport == training.SportBike:
			return "Endurance ride"
		case w.sport == training.SportSwim:
			return "Swim: technique and endurance"
		case s.Instead != "":
			return w.crossInstead()
		}
		return "Easy session"
	case training.KindLong:
		return w.longTitle()
	case training.KindTempo, training.KindIntervals:
		if s.Name == cssTestName {
			return "CSS test: 400 m and 200 m"
		}
		return w.setTitle()
	case training.KindStrength:
		switch {
		case s.Sets == 0:
			return "Strength session"
		case s.Full && s.Block > 0 && s.Step == 0:
			return "Full body " + w.session() + ", deload"
		case s.Full:
			return "Full body " + w.session() + ", heavy"
		case s.Upper && w.rpe >= 7:
			return "Upper body, heavy"
		case s.Upper:
			return "Upper body, moderate"
		case w.rpe >= 7:
			return "Lower body, heavy"
		}
		return "Lower body, moderate"
	case training.KindMobility:
		return "Mobility"
	case training.KindCrossTraining:
		switch {
		case s.Instead != "":
			return w.crossInstead()
		case w.sport == training.SportBike:
			return "Cross-training ride"
		case w.sport == training.SportSwim:
			return "Cross-training swim"
		case w.rpe > 0 && w.rpe <= easyRPE:
			return "Easy cardio"
		}
		return "Cardio"
	}
	return title(words(w.kind))
}

// crossInstead titles easy training in place of a sport that is out.
// Deep-water running holds up to an hour a session (aquaJogMax).
func (w *writer) crossInstead() string {
	switch {
	case w.s.Instead == training.SportRun && w.minutes <= aquaJogMax:
		return "Easy cross-training: bike or aqua-jog, no running"
	case w.s.Instead == training.SportRun:
		return "Easy cross-training: bike, no running"
	}
	return "Easy cross-training, no " + doing(w.s.Instead)
}

// doing is a sport as an activity: "running", "cycling".
func doing(sport string) string {
	switch sport {
	case training.SportRun:
		return "running"
	case training.SportBike:
		return "cycling"
	case training.SportSwim:
		return "swimming"
	}
	return sport
}

// longTitle: "Long run", "Long run, last 20 min at marathon pace",
// "Brick: long ride with 2 × 20 min at race effort, then 15 min run".
func (w *writer) longTitle() string {
	s := w.s
	b := w.reset(64)
	if s.Brick > 0 {
		b.WriteString("Brick: long ride")
	} else {
		b.WriteString("Long ")
		b.WriteString(sportNoun(w.sport))
	}
	if s.Reps > 0 {
		switch {
		case s.Brick > 0:
			b.WriteString(" with ")
		case s.Reps == 1 && w.sport == training.SportRun:
			b.WriteString(", last ")
		default:
			b.WriteString(", ")
		}
		w.set()
		b.WriteByte(' ')
		b.WriteString(w.effort())
	}
	if s.Brick > 0 {
		b.WriteString(", then ")
		writeDuration(b, s.Brick)
		b.WriteString(" run")
		if s.BrickRace > 0 {
			b.WriteString(" (")
			writeDuration(b, s.BrickRace)
			b.WriteString(" at race effort)")
		}
	}
	return b.String()
}

// setTitle titles a tempo or interval session by its main set, "Hills:
// 8 × 1 min uphill", or by its kind without one, "Tempo run".
func (w *writer) setTitle() string {
	s := w.s
	if s.Reps == 0 {
		if w.kind == training.KindTempo {
			return "Tempo " + sportNoun(w.sport)
		}
		if w.sport == training.SportOther || w.sport == training.SportStrength {
			return "Intervals"
		}
		return "Interval " + sportNoun(w.sport)
	}
	b := w.reset(48)
	if s.Name != "" {
		b.WriteString(s.Name)
		b.WriteString(": ")
	}
	w.set()
	b.WriteByte(' ')
	b.WriteString(w.effort())
	return b.String()
}

// set writes the main set's repetitions: "3 × 15 min", "10 × 30 s", or a
// block's length, "20 min".
func (w *writer) set() {
	if w.s.Reps > 1 {
		w.b.WriteString(strconv.Itoa(w.s.Reps))
		w.b.WriteString(" × ")
	}
	if w.s.Metres > 0 {
		w.b.WriteString(strconv.Itoa(w.s.Metres))
		w.b.WriteString(" m")
		return
	}
	w.writeSeconds(w.s.Work)
}

// writeSeconds writes a length of time: whole minutes as duration does,
// else seconds, "30 s".
func (w *writer) writeSeconds(s int) {
	if s >= 60 && s%60 == 0 {
		writeDuration(&w.b, s/60)
		return
	}
	var buf [24]byte
	w.b.Write(append(strconv.AppendInt(buf[:0], int64(s), 10), " s"...))
}

// effort is the main set's effort in words: as planned, or at a level it
// was changed to.
func (w *writer) effort() string {
	if w.s.Effort != "" {
		return w.s.Effort
	}
	switch w.s.Zone {
	case zRecovery:
		return "very easy"
	case zEndurance:
		return "steady"
	case zTempo:
		return "at tempo effort"
	case zThreshold:
		return "at threshold"
	case zVO2:
		return "at VO2max effort"
	case 6:
		return "at anaerobic effort"
	case 7:
		return "all out"
	}
	return "hard"
}

// cue is the athlete's own target at level z, where the structure knows it.
func (w *writer) cue(z int) string { return CueAt(w.s, z) }

// target is how hard the whole session is: the athlete's own target at
// its zone, else its RPE and how that feels; "" without either.
func (w *writer) target() string {
	if c := w.cue(w.zone); c != "" {
		return c
	}
	if w.rpe <= 0 {
		return ""
	}
	return units.RPE(w.rpe) + ": " + feel(w.rpe)
}

// setTarget is the main set's target: the athlete's own, else its RPE,
// which is the workout's (a main set is what the RPE targets).
func (w *writer) setTarget() string {
	if c := w.cue(w.s.Zone); c != "" {
		return c
	}
	if w.rpe <= 0 || w.s.Zone != w.zone {
		return ""
	}
	return units.RPE(w.rpe)
}

// feel says how an effort of rpe feels, in the CR-10 scale's own words.
func feel(rpe float64) string {
	switch {
	case rpe <= 2:
		return "very easy, you could chat all the way"
	case rpe <= 3.5:
		return "you can talk in full sentences"
	case rpe <= 4.5:
		return "steady, still able to talk"
	case rpe <= 6:
		return "comfortably hard"
	case rpe <= 7.5:
		return "hard, a few words at a time"
	}
	return "very hard"
}

// paren writes " (x)" for a non-empty x.
func (w *writer) paren(x string) {
	if x != "" {
		w.b.WriteString(" (")
		w.b.WriteString(x)
		w.b.WriteByte(')')
	}
}

// reset empties the writer's buffer for a text of about n bytes: one
// allocation per text (a plan writes hundreds).
func (w *writer) reset(n int) *strings.Builder {
	w.b = strings.Builder{}
	w.b.Grow(n)
	return &w.b
}

func (w *writer) description() string {
	switch w.kind { // constant texts need no buffer
	case training.KindRest:
		return "No training. Sleep, eat well, take a walk if you like: the last days' work turns into fitness today."
	case training.KindMobility:
		return "Hips, thoracic spine, ankles and shoulders: slow controlled ranges, nothing forced."
	}
	s := w.s
	b := w.reset(320)
	switch w.kind {
	case training.KindRace:
		w.race()
	case training.KindRecovery:
		w.recovery()
	case training.KindEasy, training.KindCrossTraining:
		w.easy()
	case training.KindLong:
		w.long()
	case training.KindTempo, training.KindIntervals:
		switch {
		case s.Name == cssTestName:
			w.cssTest()
		case s.Reps == 0:
			w.unstructured()
		default:
			w.mainSet()
		}
	case training.KindStrength:
		w.strength()
	default:
		b.WriteString(title(words(w.kind)))
		w.paren(w.target())
		b.WriteByte('.')
	}
	return b.String()
}

// cssTest writes the CSS test: two time trials, and how the pace follows.
func (w *writer) cssTest() {
	b := &w.b
	b.WriteString("Swim it fresh: before the day's ride, not after it. Warm up ")
	writeDuration(b, w.s.Warm)
	b.WriteString(" easy with drills and a few fast 25 m. Swim 400 m as fast as you can hold evenly, swim easy for 5 min, then 200 m as fast as you can. Note both times: your CSS pace per 100 m is the 400 m time minus the 200 m time, halved. Swim the CSS sets at it until the next test. Easy to finish, ")
	writeDuration(b, w.minutes)
	b.WriteString(" in all.")
}

func (w *writer) race() {
	b := &w.b
	if w.minutes > 0 {
		b.WriteString("About ")
		writeDuration(b, w.minutes)
		b.WriteString(". ")
	}
	if c := w.cue(w.zone); c != "" && w.sport == training.SportRun {
		b.WriteString("Estimated race pace ")
		b.WriteString(c)
		b.WriteString(" from your threshold pace: start at it, not faster.")
	} else {
		b.WriteString("Start controlled: the first quarter should feel easy.")
	}
	// Fuelling by the race's length (Jeukendrup 2014): nothing needed
	// under about 75 minutes, up to 30 g of carbohydrate an hour to two
	// hours, up to 60 g to three, up to 90 g of glucose and fructose
	// beyond.
	switch {
	case w.minutes > 180:
		b.WriteString(" Eat and drink from early on, as practised on the long sessions: up to 90 g of carbohydrate an hour, from drinks, gels or bars that mix glucose and fructose.")
	case w.minutes >= 120:
		b.WriteString(" Eat and drink from early on, as practised on the long sessions: up to 60 g of carbohydrate an hour.")
	case w.minutes >= 75:
		b.WriteString(" A sports drink along the way is enough (up to 30 g of carbohydrate an hour); no food needed.")
	}
}

func (w *writer) recovery() {
	b := &w.b
	switch {
	case w.sport == training.SportRun:
		b.WriteString("Very easy jog")
		w.paren(w.target())
		b.WriteString(". Slower than feels necessary: this run only helps you recover.")
	case w.sport == training.SportBike:
		b.WriteString("Easy spinning in a light gear")
		w.paren(w.target())
		b.WriteString(". If it feels like training, it is too hard.")
	case w.sport == training.SportSwim:
		b.WriteString("Easy swimming and drills (catch-up, fingertip drag) with long rests")
		w.paren(w.target())
		b.WriteString(": loosen up, do not train.")
	case w.s.Instead == training.SportRun:
		b.WriteString("Walk, or spin an easy gear")
		w.paren(w.target())
		b.WriteString(": blood flow without impact while the legs repair. No running yet.")
	default:
		b.WriteString("Easy walk or spin")
		w.paren(w.target())
		if w.minutes >= 20 {
			b.WriteString(", then 10 min of mobility")
		} else {
			b.WriteString(", then a little mobility")
		}
		b.WriteString(". Blood flow, not training.")
	}
}

// easy writes an easy or cross-training session.
func (w *writer) easy() {
	s := w.s
	b := &w.b
	switch {
	case w.sport == training.SportSwim && s.Reps > 0:
		w.enduranceSwim()
	case s.Name != "" && w.sport == training.SportBike: // the race's eve
		b.WriteString("Easy spinning")
		w.paren(w.target())
		w.strides(" with ", " at race cadence")
		b.WriteString(" to wake the legs up; check the bike. Nothing more.")
	case s.Name != "":
		b.WriteString("Easy jog")
		w.paren(w.target())
		w.strides(" with ", " relaxed strides")
		b.WriteString(" to wake the legs up; lay out what the race needs. Nothing more: the work is done.")
	case s.Instead == training.SportRun && w.minutes <= aquaJogMax:
		b.WriteString("Bike, swim or aqua-jog at an easy, conversational effort")
		w.paren(w.target())
		b.WriteString(": the aerobic work without the impact of running.")
	case s.Instead == training.SportRun:
		b.WriteString("Ride easy, pedalling with the midfoot in easy gears")
		w.paren(w.target())
		b.WriteString(", or aqua-jog up to an hour and ride the rest: the aerobic work without the impact of running.")
	case s.Instead == training.SportSwim:
		b.WriteString("Ride easy, or kick sets with fins if they are pain-free")
		w.paren(w.target())
		b.WriteString(": the aerobic work without swimming.")
	case s.Instead != "":
		b.WriteString("Easy, conversational training in another sport")
		w.paren(w.target())
		b.WriteString(": the aerobic work, without ")
		b.WriteString(doing(s.Instead))
		b.WriteByte('.')
	case w.kind == training.KindCrossTraining && w.sport != training.SportBike && w.sport != training.SportSwim:
		b.WriteString("Walk, cycle or row at a conversational effort")
		w.paren(w.target())
		b.WriteString(": aerobic fitness that speeds recovery.")
	case w.sport == training.SportRun:
		b.WriteString("Easy running")
		w.paren(w.target())
		b.WriteByte('.')
		if s.Strides > 0 {
			w.strides(" Finish with ", " relaxed strides, walking back between: quick feet, not a sprint.")
		}
	case w.sport == training.SportBike:
		b.WriteString("Steady and easy")
		w.paren(w.target())
		b.WriteString(", cadence 85–95.")
	case w.sport == training.SportSwim:
		b.WriteString("Easy warm-up and drills, then steady 200s with 20 s rest")
		w.paren(w.target())
		b.WriteString(", long and smooth; easy finish.")
	default:
		b.WriteString("Easy and steady")
		w.paren(w.target())
		b.WriteByte('.')
	}
}

// swimTitle titles an easy swim with a main set: "Endurance swim: 4 × 500
// m steady", "Open-water swim: 2000 m steady".
func (w *writer) swimTitle() string {
	b := w.reset(48)
	if w.s.Name != "" {
		b.WriteString(w.s.Name)
	} else {
		b.WriteString("Endurance swim")
	}
	b.WriteString(": ")
	w.set()
	b.WriteByte(' ')
	b.WriteString(w.effort())
	return b.String()
}

// enduranceSwim writes an easy swim with a main set: the endurance swim,
// in the pool or, where its name says so, in open water.
func (w *writer) enduranceSwim() {
	s := w.s
	b := &w.b
	if s.Warm > 0 {
		b.WriteString("Warm up ")
		writeDuration(b, s.Warm)
		b.WriteString(" easy with drills. ")
	}
	w.set()
	b.WriteByte(' ')
	b.WriteString(w.effort())
	w.paren(w.setTarget())
	if s.Reps > 1 {
		w.between("rest")
	} else {
		b.WriteString(", without stopping")
	}
	b.WriteString(": an even pace you could hold all the way, long and smooth")
	if strings.HasPrefix(s.Name, "Open-water") {
		b.WriteString(". In open water where you safely can, never alone: the wetsuit you will race in, sighting every 6–8 strokes; in the pool if not")
	}
	b.WriteString(". Easy to finish, ")
	writeDuration(b, w.minutes)
	b.WriteString(" in all.")
}

// strides writes the session's strides, "4 × 20 s", between before and
// after; nothing without strides.
func (w *writer) strides(before, after string) {
	if w.s.Strides == 0 {
		return
	}
	each := 20
	if w.sport == training.SportBike {
		each = 30
	}
	w.b.WriteString(before)
	w.b.WriteString(strconv.Itoa(w.s.Strides))
	w.b.WriteString(" × ")
	w.writeSeconds(each)
	w.b.WriteString(after)
}

func (w *writer) long() {
	s := w.s
	b := &w.b
	switch w.sport {
	case training.SportRun:
		b.WriteString("Easy and steady")
		w.paren(w.target())
		b.WriteString(". Take water")
		if w.minutes > 75 {
			b.WriteString(", and something to eat")
		}
		b.WriteByte('.')
		if s.Reps > 0 {
			b.WriteString(" The last ")
			w.set()
			b.WriteByte(' ')
			b.WriteString(w.effort())
			w.paren(w.cue(s.Zone))
			b.WriteString(": the race's second half, on tired legs.")
		}
	case training.SportBike:
		if s.Brick > 0 {
			// The parts add up to the workout's minutes, said outright.
			b.WriteString("Ride " + duration(w.minutes-s.Brick) + ", then run " + duration(s.Brick) +
				" straight off the bike: " + duration(w.minutes) + " in all. The ride mostly")
		} else {
			b.WriteString("Mostly")
		}
		b.WriteString(" at an easy effort")
		w.paren(w.target())
		if w.minutes > 60 {
			b.WriteString(". Eat and drink every 20–30 min from the start: practise the race's fuelling.")
		} else {
			b.WriteString(". Take a drink.")
		}
		if s.Reps > 0 {
			b.WriteString(" In the second half, ")
			w.set()
			b.WriteByte(' ')
			b.WriteString(w.effort())
			w.paren(w.cue(s.Zone))
			w.between("easy")
			b.WriteByte('.')
		}
		w.brick()
	default:
		b.WriteString("Long and steady")
		w.paren(w.target())
		b.WriteString(". Take a drink and something to eat.")
	}
}

// between writes the recoveries between repetitions: ", 2 min jog
// between".
func (w *writer) between(how string) {
	if w.s.Reps < 2 || w.s.Rest == 0 {
		return
	}
	w.b.WriteString(", ")
	w.writeSeconds(w.s.Rest)
	w.b.WriteByte(' ')
	w.b.WriteString(how)
	w.b.WriteString(" between")
}

// brick writes the run off the bike, if there is one.
func (w *writer) brick() {
	if w.s.Brick == 0 {
		return
	}
	if w.s.BrickRace > 0 {
		w.b.WriteString(" Off the bike, run the first ")
		writeDuration(&w.b, w.s.BrickRace)
		w.b.WriteString(" at race effort")
		w.paren(w.s.BrickCue)
		w.b.WriteString(", then easy: quick, short steps.")
		return
	}
	w.b.WriteString(" Run easy off the bike: quick, short steps.")
}

// mainSet writes a session with a warm-up, a main set and a cool-down.
func (w *writer) mainSet() {
	s := w.s
	b := &w.b
	if s.Name == "Conditioning" {
		b.WriteString("Bike, rower or ski erg. ")
	}
	if s.Warm > 0 {
		b.WriteString("Warm up ")
		writeDuration(b, s.Warm)
		b.WriteString(" easy")
		w.paren(w.cue(zEndurance))
		b.WriteString(". ")
	}
	w.set()
	if s.Effort == "uphill" {
		b.WriteString(" up a steady hill, strong but controlled")
	} else {
		b.WriteByte(' ')
		b.WriteString(w.effort())
	}
	w.paren(w.setTarget())
	switch {
	case s.Effort == "uphill" && s.Reps > 1:
		b.WriteString(", jog back down")
	case w.sport == training.SportRun:
		w.between("jog")
	case w.sport == training.SportSwim:
		w.between("rest")
	default:
		w.between("easy")
	}
	if w.sport == training.SportSwim && s.Effort == "at CSS pace" {
		b.WriteString(" (CSS: the pace your last CSS test gave, about the fastest you could hold for 1500 m)")
	}
	switch {
	case w.sport == training.SportRun:
		b.WriteString(". Cool down easy, ")
	case s.Brick > 0:
		b.WriteString(". Easy to finish, the last ")
		writeDuration(b, s.Brick)
		b.WriteString(" running off the bike, ")
	default:
		b.WriteString(". Easy to finish, ")
	}
	writeDuration(b, w.minutes)
	b.WriteString(" in all.")
}

// unstructured writes a tempo or interval session whose main set is not
// known: what its kind and targets say.
func (w *writer) unstructured() {
	b := &w.b
	b.WriteString("Warm up easy, then ")
	if w.kind == training.KindTempo {
		b.WriteString("steady, comfortably hard work")
	} else {
		b.WriteString("hard repetitions with easy recoveries")
	}
	w.paren(w.target())
	b.WriteString("; cool down easy.")
	if w.minutes > 0 {
		b.WriteByte(' ')
		b.WriteString(title(duration(w.minutes)))
		b.WriteString(" in all.")
	}
}

// strength writes a strength session: the lifts of a heavy one, and how
// close to failure its RPE means.
func (w *writer) strength() {
	s := w.s
	b := &w.b
	if s.Sets == 0 {
		b.WriteString("Strength training")
		w.paren(w.target())
		b.WriteString(": warm up with lighter sets, and stop short of failure.")
		return
	}
	main := strconv.Itoa(s.Sets) + " × " + strconv.Itoa(s.Lifts)
	n := accessorySets(s)
	extra := strconv.Itoa(n) + " × "
	switch {
	case s.Full:
		w.fullBody()
	case s.Upper:
		b.WriteString("Bench press " + main + ", row " + main + ", overhead press " + extra + "8, pull-ups " + strconv.Itoa(n) + " sets.")
	default:
		b.WriteString("Squat " + main + ", Romanian deadlift " + main + ", split squat " + extra + "8 per leg, calf raise " + extra + "12.")
	}
	b.WriteString(" Warm up with lighter sets; 2–3 min rest between heavy sets")
	if s.Full {
		b.WriteString(", 1–2 min between the others")
		if s.Cut > 0 {
			sets := " sets"
			if s.Cut == 1 {
				sets = " set"
			}
			b.WriteString("; " + count(s.Cut) + sets + " fewer than planned, the accessories' first, to keep the session to " + duration(w.minutes))
		}
	}
	if w.rpe > 0 {
		// Repetitions in reserve: RPE 8 leaves about 2 (Zourdos et al. 2016).
		b.WriteString("; stop about ")
		b.WriteString(strconv.Itoa(max(0, int(10-w.rpe+0.5))))
		b.WriteString(" repetitions short of failure (")
		b.WriteString(units.RPE(w.rpe))
		b.WriteByte(')')
	}
	b.WriteByte('.')
	w.progression()
}

// fullBody writes the lifts of full-body session A or B (see fullBody).
func (w *writer) fullBody() {
	s := w.s
	sets := liftSets(s)
	for i, l := range fullBodyLifts(s) {
		name := l.name
		if i == 0 {
			name = title(name)
		} else {
			w.b.WriteString(", ")
		}
		w.b.WriteString(name + " " + strconv.Itoa(sets[i]) + " × " + strconv.Itoa(s.Lifts))
		if l.side != "" {
			w.b.WriteString(" per " + l.side)
		}
	}
	w.b.WriteByte('.')
}

// session names a full-body session, "A" or "B".
func (w *writer) session() string {
	if w.s.Session == 2 {
		return "B"
	}
	return "A"
}

// progression writes where the session stands in the load progression
// (see Structure.Block): the weights to use, from the numbers alone.
func (w *writer) progression() {
	s := w.s
	b := &w.b
	switch {
	case s.Block == 0:
	case s.Step == 0:
		b.WriteString(" Deload: one set fewer of every exercise, at about last week's weights; next week starts the next block.")
	case s.Step == 1 && s.Block == 1:
		b.WriteString(" Week 1 of the block: choose weights you could lift about 3 more times, and note them.")
	case s.Step == 1:
		b.WriteString(" Block " + strconv.Itoa(s.Block) + ", week 1: a new scheme, so choose the weights afresh, about 3 repetitions short of failure, and note them.")
	case s.Step == 2:
		b.WriteString(" Week 2 of the block: last week's weights, one more repetition a set: the top of the range.")
	default:
		b.WriteString(" Week " + strconv.Itoa(s.Step) + " of the block: top of the range reached, so add 2.5–5 % and go back to " + strconv.Itoa(s.Lifts) + " repetitions a set.")
	}
}
