package plan

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Upcoming is a workout as the lighten engine sees it.
type Upcoming struct {
	ID        int64
	Date      time.Time // calendar day, 00:00 UTC (another time counts as its calendar day, as Day reads it)
	Kind      string    // rest, recovery, easy, long, tempo, intervals, race, strength, mobility, cross_training
	Sport     string
	Title     string
	Minutes   int
	RPE       float64 // target, CR-10; 0 unknown: typicalRPE estimates it from the kind
	Zone      int     // target zone on Workout.Zone's scale; 0 none
	Key       bool
	Protected bool // recovery (and rest): never removed, shortened or intensified
	Done      bool // already logged: never changed
	// The rest of the workout, which Retext keeps in step with the
	// numbers above.
	Description string
	DistanceM   int        // planned distance, metres; 0 none
	Structure   *Structure // what the text is written from; nil: the title and description are the coach's own
}

// LightenInput is what Lighten works from.
type LightenInput struct {
	// The workouts of the days to lighten, in any order, e.g. the next 7
	// days. Done workouts and workouts before From may be among them: they
	// are never changed, but their key days count for the 48-hour rule.
	Days []Upcoming
	From time.Time // first day that may be changed (today)
	// Wanted load reduction as a fraction of the load from From on: 0.2 is
	// −20 %. Below 0 (or NaN) counts as 0, above 1 as 1.
	Target float64
	Reason string // why, in words, e.g. "Red check-in: reported illness"; copied into every change
}

// Adjustment is one proposed change to one workout.
type Adjustment struct {
	WorkoutID int64
	Action    string   // "shorten", "soften", "to_easy", "move", "to_rest"
	Before    Upcoming // the workout exactly as given
	After     Upcoming // as proposed; a changed Date (a move, or the rest day a move frees) is the new day
	Why       string   // plain words, e.g. "Tuesday's intervals shortened from 60 to 40 min and softened to RPE 6"
	Reason    string   // LightenInput.Reason
}

// ChangeSet is Lighten's proposal.
type ChangeSet struct {
	Adjustments []Adjustment // ordered by the workout's day, then its ID
	// Session-RPE load (minutes × RPE, Foster et al. 2001) of every workout
	// on or after From not yet done — recovery and races included: they are
	// part of the days' load even though they are never changed.
	LoadBefore float64
	LoadAfter  float64 // the same workouts with the adjustments made
	Reached    bool    // LoadAfter ≤ LoadBefore·(1 − Target) + Tolerance·LoadBefore
	Note       string  // plain words: what was done, or why the target could not be reached
}

// Tolerance is how close to the target a change set must come, as a share
// of the starting load: 5 percentage points. Shortening and softening come
// in small steps and aim at the target itself; the whole-workout steps (a
// conversion, a move, a rest day) are taken only while the load is more
// than Tolerance above it, since each takes a session's purpose away.
const Tolerance = 0.05

// Adjustment actions.
const (
	actShorten = "shorten"
	actSoften  = "soften"
	actToEasy  = "to_easy"
	actMove    = "move"
	actToRest  = "to_rest"
)

// typicalRPE is the target assumed for a workout without one, by kind: what
// each kind usually asks on the CR-10 scale. Any other kind counts as easy.
var typicalRPE = map[string]float64{
	kindRest: 0, kindRecovery: 2, kindEasy: 3, kindLong: 4, kindTempo: 6, kindIntervals: 8,
	kindRace: 9, kindStrength: 5, kindMobility: 1, kindCrossTraining: 4,
}

// easyRPE is an easy workout's RPE: "you can talk in full sentences".
const easyRPE = 3

// How far step 1 may lighten a key workout and keep its purpose. Volume
// goes first and intensity last, as in a taper, where cutting volume while
// keeping intensity keeps fitness (Bosquet et al. 2007): at most 40 % of
// the minutes, in 5-minute blocks as coaches plan them, then at most 2 RPE
// points off the target — never below easy — with the zone one lower per
// whole point, never below endurance. Beyond that the workout is no longer
// the session it was, and converting it says so honestly.
const (
	maxCut     = 40 // percent of the minutes
	cutStep    = 5  // percent a level adds
	cutBlock   = 5  // minutes
	maxSoften  = 2.0
	softenStep = 0.5
)

// level is one level of step 1, applied alike to every key workout that
// may change: cut percent off its minutes, soften RPE points off its target.
// Treating the keys alike keeps each one's share of its work, so none loses
// its purpose before another is touched.
type level struct {
	cut    int
	soften float64
}

// levels are step 1's levels from none to the most, lighter each time: the
// minutes first, then the intensity.
var levels = func() []level {
	ls := []level{{}}
	for c := cutStep; c <= maxCut; c += cutStep {
		ls = append(ls, level{cut: c})
	}
	for s := softenStep; s <= maxSoften; s += softenStep {
		ls = append(ls, level{cut: maxCut, soften: s})
	}
	return ls
}()

// lightest is step 1 at its most.
var lightest = levels[len(levels)-1]

// Lighten proposes how to take Target of the load off the workouts in
// in.Days from in.From on, without ever touching recovery. It is pure and
// deterministic: the same input, in any order, gives the same change set.
//
// Recovery is where the gains are made, so these are never changed: a
// recovery or rest workout, or any Protected one (never removed, shortened,
// intensified or converted); a race (the organiser's day and the point of
// the training); a done workout; a workout before From. No workout's load
// ever rises, and no two key days end up within 48 hours (at least one
// non-key day between them), counting every key in Days — races, done ones
// and ones before From included.
//
// The load comes off in this order of preference, each step taken only
// when the ones before it cannot reach the target:
//
//  1. shorten, then soften, the key workouts (long, tempo, intervals, and
//     any marked Key): every one alike, on the lightest level that reaches
//     the target, up to 40 % shorter and 2 RPE points softer (see maxCut);
//  2. convert one key workout — the first by day whose easy version is
//     lighter than its lightest key version — into an easy workout: RPE 3
//     (lower if it was), zone 2 (lower if it was), as short as step 1's
//     most;
//  3. move one key workout later, to rest sooner: the first by day that
//     has its day to itself goes to the nearest later day holding a single
//     workout that step 4 could turn into rest, which is dropped; the key's
//     old day becomes a rest day (the dropped workout, turned into rest,
//     goes there). A move on its own would leave the load as it is, so a
//     key only moves to take such a workout's place. The new day must have
//     no key the day before or after, and the day after it, within the
//     given days, must be rest, recovery, easy or mobility only, so the key
//     keeps recovery after it. A key never moves onto a rest or recovery
//     day, nor any day with a protected, done or key workout: that
//     recovery is what the move is for. Nor does a key move past a race;
//  4. add rest: turn easy, non-key, unprotected workouts (easy, strength,
//     mobility, cross-training) into rest, nearest day first, one at a
//     time — the days nearest the check-in are the ones its reason most
//     concerns.
//
// Steps 2–4 stop as soon as the lightest step-1 version of the days is
// within Tolerance of the target; step 1 then settles on its lightest level
// that reaches the target (or its most, when none does), so the keys keep
// as much of their work as the target allows. Ties go to the earliest day,
// then the lowest ID. When the target cannot be reached, the change set
// holds what can be done, and Note says why no more can.
func Lighten(in LightenInput) ChangeSet {
	l := newLightener(in)
	target := in.Target
	if !(target > 0) {
		target = 0
	}
	target = min(target, 1)
	before := l.load(level{})
	slack := 1e-9 * before // floating-point error, not load
	goal := before*(1-target) + slack
	reach := goal + Tolerance*before
	lv := level{}
	if target > 0 {
		l.coarse(reach)
		lv = l.settle(goal)
	}
	cs := ChangeSet{Adjustments: l.adjustments(lv, in.Reason), LoadBefore: before, LoadAfter: l.load(lv)}
	cs.Reached = cs.LoadAfter <= reach
	cs.Note = l.note(target, lv, cs)
	return cs
}

// entry is one workout of the days, as Lighten has decided so far.
type entry struct {
	w     Upcoming  // as given
	day   time.Time // w's calendar day
	count bool      // counts in the load: on or after From and not done
	open  bool      // may change: counts, and not protected, recovery, rest or a race
	key   bool      // a key workout (see keyWorkout)
	easy  bool      // converted to an easy workout (step 2)
	rest  bool      // turned into rest (steps 3 and 4)
	to    time.Time // the day it goes to (step 3); zero when it stays
}

// lightener holds the days while Lighten decides.
type lightener struct {
	es             []*entry  // by day, then ID
	end            time.Time // the last day given
	moved, dropped *entry    // step 3's key and the workout whose day it takes, if any
}

func newLightener(in LightenInput) *lightener {
	from := Day(in.From)
	l := &lightener{}
	for _, w := range in.Days {
		e := &entry{w: w, day: Day(w.Date), key: keyWorkout(w)}
		e.count = !w.Done && !e.day.Before(from)
		e.open = e.count && !protectedWorkout(w) && w.Kind != kindRace
		l.es = append(l.es, e)
		if e.day.After(l.end) {
			l.end = e.day
		}
	}
	slices.SortStableFunc(l.es, func(a, b *entry) int {
		if c := a.day.Compare(b.day); c != 0 {
			return c
		}
		return cmp.Compare(a.w.ID, b.w.ID)
	})
	return l
}

// keyWorkout reports whether w is a key workout: long, tempo, intervals, a
// race, or anything marked Key.
func keyWorkout(w Upcoming) bool {
	return w.Key || w.Kind == kindLong || w.Kind == kindTempo || w.Kind == kindIntervals || w.Kind == kindRace
}

// protectedWorkout reports whether w is recovery: a recovery or rest
// workout, or one marked Protected, whatever its flags say otherwise.
func protectedWorkout(w Upcoming) bool {
	return w.Protected || w.Kind == kindRecovery || w.Kind == kindRest
}

// sessionRPE is w's target RPE, capped at the scale's 10, or the typical
// one for its kind when it has none.
func sessionRPE(w Upcoming) float64 {
	if w.RPE > 0 {
		return min(w.RPE, 10)
	}
	if r, ok := typicalRPE[w.Kind]; ok {
		return r
	}
	return easyRPE
}

// sessionLoad is w's session-RPE load: minutes × RPE.
func sessionLoad(w Upcoming) float64 {
	return float64(max(w.Minutes, 0)) * sessionRPE(w)
}

// cutMinutes is how many of minutes a cut of pct percent takes: whole
// 5-minute blocks, never more than pct percent.
func cutMinutes(minutes, pct int) int {
	if minutes <= 0 {
		return 0
	}
	c := minutes/100*pct + minutes%100*pct/100 // minutes·pct/100 without overflow
	return c - c%cutBlock
}

// apply lightens a key workout to level lv.
func (lv level) apply(w Upcoming) Upcoming {
	w.Minutes -= cutMinutes(w.Minutes, lv.cut)
	if lv.soften > 0 {
		rpe := sessionRPE(w)
		if r := max(rpe-lv.soften, min(rpe, easyRPE)); r < rpe {
			w.RPE = r
		}
		w.Zone = max(w.Zone-int(lv.soften), min(w.Zone, zEndurance))
	}
	return w
}

// after is e as proposed, with step 1 at level lv.
func (e *entry) after(lv level) Upcoming {
	w := e.w
	switch {
	case e.rest:
		w.Kind, w.Title, w.Minutes, w.RPE, w.Zone, w.Key, w.Protected = kindRest, "Rest", 0, 0, 0, false, true
	case e.easy:
		w.Kind, w.Title, w.Key = kindEasy, "Easy "+sportNoun(w.Sport), false
		w.Minutes -= cutMinutes(w.Minutes, maxCut)
		w.RPE = min(sessionRPE(e.w), easyRPE)
		w.Zone = min(w.Zone, zEndurance)
	case e.open && e.key:
		w = lv.apply(w)
	}
	if !e.to.IsZero() {
		w.Date = e.to
	}
	return w
}

// load is the days' load with the decisions so far and step 1 at level lv.
func (l *lightener) load(lv level) float64 {
	total := 0.0
	for _, e := range l.es {
		if e.count {
			total += sessionLoad(e.after(lv))
		}
	}
	return total
}

// coarse takes steps 2–4 while the lightest step-1 version of the days is
// more than reach.
func (l *lightener) coarse(reach float64) {
	far := func() bool { return l.load(lightest) > reach }
	if far() {
		l.convert()
	}
	if far() {
		l.move()
	}
	for far() && l.addRest() {
	}
}

// settle is step 1's lightest level that brings the load to goal, or its
// most when none does.
func (l *lightener) settle(goal float64) level {
	for _, lv := range levels {
		if l.load(lv) <= goal {
			return lv
		}
	}
	return lightest
}

// convert is step 2: the first key workout whose easy version is lighter
// than its lightest key version becomes an easy workout.
func (l *lightener) convert() {
	for _, e := range l.es {
		if !e.open || !e.key {
			continue
		}
		easy := *e
		easy.easy = true
		if sessionLoad(easy.after(lightest)) < sessionLoad(e.after(lightest)) {
			e.easy = true
			return
		}
	}
}

// move is step 3 (see Lighten): the first key workout alone on its day
// goes to the nearest later day that fits, whose single workout is dropped
// and becomes the key's old day's rest.
func (l *lightener) move() {
	for _, k := range l.es {
		if !k.open || !k.key || k.easy || len(l.on(k.day)) != 1 {
			continue
		}
		for d := k.day.AddDate(0, 0, 1); d.Before(l.end); d = d.AddDate(0, 0, 1) {
			on := l.on(d)
			if slices.ContainsFunc(on, func(e *entry) bool { return e.w.Kind == kindRace }) {
				break // a key never moves past a race: the race is what it prepares
			}
			if len(on) == 1 && droppable(on[0]) && !l.keyOn(d.AddDate(0, 0, -1), k) && l.light(d.AddDate(0, 0, 1)) {
				k.to, on[0].rest, on[0].to = d, true, k.day
				l.moved, l.dropped = k, on[0]
				return
			}
		}
	}
}

// addRest is step 4: the first workout that can be dropped becomes rest.
// It reports false when none is left.
func (l *lightener) addRest() bool {
	for _, e := range l.es {
		if droppable(e) {
			e.rest = true
			return true
		}
	}
	return false
}

// droppable reports whether e may be turned into rest: an easy, non-key
// workout that may change, still has load, and was not converted.
func droppable(e *entry) bool {
	return e.open && !e.key && !e.rest && sessionLoad(e.w) > 0
}

// dayNow is the day e is on with the decisions so far.
func (e *entry) dayNow() time.Time {
	if e.to.IsZero() {
		return e.day
	}
	return e.to
}

// keyNow reports whether e is still a key workout with the decisions so
// far.
func (e *entry) keyNow() bool {
	return e.key && !e.easy && !e.rest
}

// on lists the workouts on day d with the decisions so far.
func (l *lightener) on(d time.Time) []*entry {
	var es []*entry
	for _, e := range l.es {
		if e.dayNow().Equal(d) {
			es = append(es, e)
		}
	}
	return es
}

// keyOn reports whether day d holds a key workout other than but.
func (l *lightener) keyOn(d time.Time, but *entry) bool {
	for _, e := range l.on(d) {
		if e != but && e.keyNow() {
			return true
		}
	}
	return false
}

// light reports whether day d is one a key workout may come before: only
// rest, recovery, easy or mobility, or nothing at all.
func (l *lightener) light(d time.Time) bool {
	for _, e := range l.on(d) {
		kind := e.after(level{}).Kind
		if e.keyNow() || kind != kindRest && kind != kindRecovery && kind != kindEasy && kind != kindMobility {
			return false
		}
	}
	return true
}

// adjustments lists the changes with step 1 at level lv.
func (l *lightener) adjustments(lv level, reason string) []Adjustment {
	var out []Adjustment
	for _, e := range l.es {
		a := e.after(lv)
		shorter, softer := lightened(e.w, a)
		var action string
		switch {
		case e.rest:
			action = actToRest
		case e.easy:
			action = actToEasy
		case !e.to.IsZero():
			action = actMove
		case softer:
			action = actSoften
		case shorter:
			action = actShorten
		default:
			continue
		}
		out = append(out, Adjustment{WorkoutID: e.w.ID, Action: action, Before: e.w, After: a, Why: l.why(e, a), Reason: reason})
	}
	return out
}

// why says in plain words what changes for e, proposed as a.
func (l *lightener) why(e *entry, a Upcoming) string {
	what := possessive(e.day) + workoutName(e.w)
	switch {
	case e.rest && !e.to.IsZero():
		return fmt.Sprintf("%s dropped: %s takes its day, and %s becomes a rest day", what,
			possessive(l.moved.day)+workoutName(l.moved.w), l.moved.day.Weekday())
	case e.rest:
		return what + " turned into rest"
	case e.easy:
		return fmt.Sprintf("%s turned into an %s of %d min at RPE %g", what, workoutName(a), a.Minutes, a.RPE)
	}
	var parts []string
	if !e.to.IsZero() {
		parts = append(parts, fmt.Sprintf("moved to %s (in place of the %s there)", e.to.Weekday(), workoutName(l.dropped.w)))
	}
	shorter, softer := lightened(e.w, a)
	if shorter {
		parts = append(parts, fmt.Sprintf("shortened from %d to %d min", e.w.Minutes, a.Minutes))
	}
	if softer {
		s := fmt.Sprintf("softened to RPE %g", sessionRPE(a))
		if a.Zone < e.w.Zone {
			s += fmt.Sprintf(" (zone %d)", a.Zone)
		}
		parts = append(parts, s)
	}
	return what + " " + andList(parts)
}

// lightened reports how step 1 changed w into a: shorter, softer or both.
func lightened(w, a Upcoming) (shorter, softer bool) {
	return a.Minutes < w.Minutes, sessionRPE(a) < sessionRPE(w) || a.Zone < w.Zone
}

// note says what the change set, with step 1 at level lv, does, or why it
// falls short.
func (l *lightener) note(target float64, lv level, cs ChangeSet) string {
	switch {
	case target == 0:
		return "No lightening was asked for: nothing changes."
	case cs.LoadBefore == 0:
		return "There is no training load in these days to take away."
	case len(cs.Adjustments) == 0 && cs.Reached:
		return fmt.Sprintf("No change: the %s asked is within the %s tolerance.", percent(target), percent(Tolerance))
	}
	var done []string
	stepOne, rests := false, 0
	for _, e := range l.es {
		a := e.after(lv)
		shorter, softer := lightened(e.w, a)
		switch {
		case e.easy:
			done = append(done, fmt.Sprintf("%s made an %s", possessive(e.day)+workoutName(e.w), workoutName(a)))
		case e.rest && e != l.dropped:
			rests++
		case e.open && e.key:
			stepOne = stepOne || shorter || softer
		}
	}
	if stepOne {
		s := fmt.Sprintf("the key workouts shortened by up to %d %%", lv.cut)
		if lv.soften > 0 {
			s += fmt.Sprintf(" and softened by up to %g RPE %s", lv.soften, plural(lv.soften, "point"))
		}
		done = append([]string{s}, done...)
	}
	if k := l.moved; k != nil {
		done = append(done, fmt.Sprintf("%s moved to %s for a rest day on %s", possessive(k.day)+workoutName(k.w), k.to.Weekday(), k.day.Weekday()))
	}
	if rests > 0 {
		done = append(done, fmt.Sprintf("%s non-key %s turned into rest", count(rests), plural(float64(rests), "workout")))
	}
	down := percent(1 - cs.LoadAfter/cs.LoadBefore)
	if cs.Reached {
		return fmt.Sprintf("Load down %s (%s asked): %s.", down, percent(target), strings.Join(done, "; "))
	}
	why := l.short()
	if len(done) == 0 {
		return why
	}
	return fmt.Sprintf("Load down %s of the %s asked: %s. %s", down, percent(target), strings.Join(done, "; "), why)
}

// plural is noun for n of it: "point", "points".
func plural(n float64, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

// short says why no more load can come off: what the rest of it is.
func (l *lightener) short() string {
	var recovery, protected, race, keys, easy bool
	for _, e := range l.es {
		switch w := e.after(lightest); {
		case !e.count || sessionLoad(w) == 0:
		case w.Kind == kindRecovery || w.Kind == kindRest:
			recovery = true
		case w.Protected:
			protected = true
		case w.Kind == kindRace:
			race = true
		case e.easy:
			easy = true
		default:
			keys = true
		}
	}
	if recovery && !protected && !race && !keys && !easy {
		return "Only recovery workouts are left in the next days: nothing more can be taken without cutting recovery."
	}
	var why []string
	if recovery {
		why = append(why, "recovery workouts are never cut")
	}
	if protected {
		why = append(why, "protected workouts are never changed")
	}
	if race {
		why = append(why, "the race is never changed")
	}
	if keys {
		why = append(why, "the key workouts are as light as they can be and keep their purpose")
	}
	if easy {
		why = append(why, "only one key workout is made easy")
	}
	return "No more can be taken: " + andList(why) + "."
}

// possessive is "Tuesday's " for a workout on d.
func possessive(d time.Time) string {
	return d.Weekday().String() + "'s "
}

// workoutName names a workout in a sentence: "intervals", "tempo run",
// "long ride", "strength session".
func workoutName(w Upcoming) string {
	switch w.Kind {
	case kindIntervals:
		return w.Kind
	case kindCrossTraining:
		return words(w.Kind)
	case kindStrength, kindMobility:
		return w.Kind + " session"
	}
	return w.Kind + " " + sportNoun(w.Sport)
}

// sportNoun is what one session of sport is called: a run, a ride.
func sportNoun(sport string) string {
	switch sport {
	case sportRun:
		return "run"
	case sportBike:
		return "ride"
	case sportSwim:
		return "swim"
	}
	return "session"
}

// andList joins parts as a sentence does: "a, b and c".
func andList(parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
