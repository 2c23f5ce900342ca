package plan

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Reason codes the response engine answers, as package readiness gives
// them. A code it does not know asks for no change.
const (
	CauseIllnessAbove   = "illness_above_neck"
	CauseIllnessBelow   = "illness_below_neck"
	CauseIllness        = "illness" // older check-ins: read as below the neck, the cautious reading
	CauseInjury         = "injury"
	CauseSleep          = "sleep"
	CauseHRV            = "hrv"
	CauseRestingHR      = "resting_hr"
	CauseWellness       = "wellness"
	CauseItemLow        = "item_low"
	CauseLoad           = "load"
	CauseMissedRecovery = "missed_recovery"
	CauseConverging     = "converging"
)

// Cause is one reason behind a check-in's light, as the response engine
// reads it.
type Cause struct {
	Code  string
	Light string   // "red" or "amber"; anything else asks for nothing
	Areas []string // injury: the injured body areas, in the check-in's words ("knees", "shoulders")
}

// RespondInput is what Respond works from.
type RespondInput struct {
	// The workouts around the check-in, any order: typically the two days
	// before From (their keys count for spacing) to six days after. Done
	// workouts and workouts before From are never changed.
	Days   []Upcoming
	From   time.Time // the check-in's day: the first day that may change
	Causes []Cause
	Who    string // the athlete's first name, for the words
}

// Response is Respond's proposal: the changes, the rules they follow in
// words, and what they do to the days' load.
type Response struct {
	Adjustments []Adjustment // ordered by the workout's day, then its ID
	Rules       []string     // each rule applied, in words, most serious first
	Note        string       // what changes, in words
	LoadBefore  float64      // session-RPE load from From on, not yet done
	LoadAfter   float64
}

// Respond answers a check-in's reasons with the change a coach would make
// to the coming days. Each reason has its own response (see the rules
// below); when several apply to one workout the strongest easing wins.
//
// Whatever the reasons, Respond never: cuts, shortens, moves or hardens a
// recovery or rest workout (an injury may only take a recovery session
// off its feet: same day, same minutes, same ease, another sport); changes
// a race, a done workout or one before From; makes any workout longer or
// harder; moves a key workout past a race or within 48 hours of another
// key workout or race.
//
// The rules, in order of seriousness (sources in the doc comment of each
// rule's function):
//
//   - illness below the neck or with fever (illnessBelow): no training for
//     two days, then easy days before any intensity;
//   - illness above the neck (illnessAbove): easy only, and shorter, for 72 h;
//   - injury (injury): no impact on the injured area, at easy intensity,
//     the duration kept;
//   - red, or converging ambers (overload): every intensity session of the
//     next 3 days (7 when the signals converge) becomes easy, the long one
//     shortened, and a rest day is added if there is none;
//   - one amber sign of poor recovery (swapOrEase): today's hard session
//     changes places with the next easy day when the spacing allows,
//     otherwise it becomes easy; the week's volume stays;
//   - a load spike (loadSpike): the volume of the coming days comes down
//     about 20 %, through Lighten, intensity kept.
func Respond(in RespondInput) Response {
	r := newResponder(in)
	causes := r.sorted(in.Causes)
	for _, c := range causes {
		switch c.Code {
		case CauseIllnessBelow, CauseIllness:
			r.illnessBelow()
		case CauseIllnessAbove:
			r.illnessAbove()
		case CauseInjury:
			r.injury(c.Areas)
		}
	}
	if n := r.overloadDays(causes); n > 0 {
		r.overload(n)
	} else if r.mildSign(causes) {
		r.swapOrEase()
	}
	if slices.ContainsFunc(causes, func(c Cause) bool { return c.Code == CauseLoad }) {
		r.loadSpike()
	}
	out := Response{Rules: r.rules}
	out.Adjustments = r.adjustments()
	out.LoadBefore, out.LoadAfter = r.load(false), r.load(true)
	out.Note = r.note(out)
	return out
}

// Day offsets from the check-in's day, each rule's window. Day 0 is the
// check-in's own day.
const (
	illRestDays     = 2 // below the neck: days 0–1 without training
	illEasyDays     = 5 // then easy until day 4: 2–3 easy days before intensity
	coldDays        = 3 // above the neck: 72 h easy
	overloadDays    = 3 // one red sign
	convergingDays  = 7 // signals that converge
	illKeyCut       = 30
	coldCut         = 25
	overloadLongCut = 30
	amberLongCut    = 20
	loadSpikeTarget = 0.2
)

// responder holds the days while Respond decides.
type responder struct {
	in    RespondInput
	from  time.Time
	es    []*response // by day, then ID
	end   time.Time   // the last day given
	rules []string
	who   string
}

// response is one workout of the days and what Respond has decided for it.
type response struct {
	w       Upcoming
	day     time.Time
	k       int  // days after From
	count   bool // counts in the load: on or after From and not done
	open    bool // may change: counts, and not recovery, rest, protected or a race
	key     bool
	rest    bool
	easy    bool
	cross   bool   // off its feet (or out of the pool): cross-training
	cut     int    // percent of the minutes taken off
	spare   string // strength: the areas to spare, in words
	to      time.Time
	why     []string
	lighter *Upcoming // set by loadSpike: Lighten's version, on top of the above
}

func newResponder(in RespondInput) *responder {
	r := &responder{in: in, from: Day(in.From), who: in.Who}
	if r.who == "" {
		r.who = "The athlete"
	}
	for _, w := range in.Days {
		e := &response{w: w, day: Day(w.Date), key: keyWorkout(w)}
		e.k = int(e.day.Sub(r.from).Hours() / 24)
		e.count = !w.Done && e.k >= 0
		e.open = e.count && !protectedWorkout(w) && w.Kind != kindRace
		r.es = append(r.es, e)
		if e.day.After(r.end) {
			r.end = e.day
		}
	}
	slices.SortStableFunc(r.es, func(a, b *response) int {
		if c := a.day.Compare(b.day); c != 0 {
			return c
		}
		return cmp.Compare(a.w.ID, b.w.ID)
	})
	return r
}

// sorted is the causes Respond acts on, red first; each code once (the
// areas of several injury reasons joined).
func (r *responder) sorted(causes []Cause) []Cause {
	var out []Cause
	for _, c := range causes {
		if c.Light != "red" && c.Light != "amber" {
			continue
		}
		if i := slices.IndexFunc(out, func(o Cause) bool { return o.Code == c.Code }); i >= 0 {
			if c.Light == "red" {
				out[i].Light = "red"
			}
			out[i].Areas = append(slices.Clone(out[i].Areas), c.Areas...)
			continue
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b Cause) int { return cmp.Compare(rank(b.Light), rank(a.Light)) })
	return out
}

func rank(light string) int {
	if light == "red" {
		return 1
	}
	return 0
}

// ill reports whether an illness rule already governs the check-in's day.
func (r *responder) ill(causes []Cause) bool {
	return slices.ContainsFunc(causes, func(c Cause) bool {
		return c.Code == CauseIllness || c.Code == CauseIllnessBelow || c.Code == CauseIllnessAbove
	})
}

// illnessBelow: no training for the check-in's day and the next, then
// easy days to day 4: the "neck check" (Eichner 1993; Primos 1996) — with
// fever or symptoms below the neck (chest, aches, stomach) exercise is
// stopped, since hard exercise during a febrile or systemic infection
// risks myocarditis and a longer illness (Friman & Wesslén 2000), and
// training resumes easy for 2–3 days after the symptoms go before any
// intensity (Schwellnus et al. 2016, IOC consensus on load and illness).
// Recovery sessions stay in the plan for the days after the fever.
func (r *responder) illnessBelow() {
	r.rule("%s reported illness below the neck or a fever: no training until symptom-free, then 2–3 easy days before any intensity (Eichner 1993; Schwellnus et al. 2016)", r.who)
	for _, e := range r.es {
		switch {
		case !e.open:
		case e.k < illRestDays:
			e.set(func() { e.rest = true }, "no training while ill")
		case e.k < illEasyDays && e.key:
			e.set(func() { e.easy, e.cut = true, max(e.cut, illKeyCut) }, "easy days before intensity returns")
		}
	}
	for _, e := range r.es {
		if e.count && e.w.Kind == kindRace && e.k < illEasyDays {
			r.rule("%s race stays in the plan, since only %s can withdraw: no racing with a fever or chest symptoms", possessive(e.day), r.who)
		}
	}
}

// illnessAbove: easy only, and shorter, for 72 hours. With symptoms above
// the neck only (runny nose, sore throat, sneezing) light training is
// allowed, at reduced intensity and duration, and intensity waits until
// the symptoms ease (Eichner 1993; Primos 1996; Schwellnus et al. 2016).
func (r *responder) illnessAbove() {
	r.rule("%s has a cold above the neck: easy only and shorter for 72 h, no intensity (Eichner 1993; Primos 1996)", r.who)
	for _, e := range r.es {
		switch {
		case !e.open || e.k >= coldDays || sessionLoad(e.w) == 0:
		case e.key:
			e.set(func() { e.easy, e.cut = true, max(e.cut, illKeyCut) }, "easy only while the cold lasts")
		default:
			e.set(func() { e.cut = max(e.cut, coldCut) }, "shorter while the cold lasts")
		}
	}
}

// lowerBody are the areas whose injury rules out impact: running. The
// rest of the body (neck, shoulders, arms, upper back) rules out swimming.
var lowerBody = []string{"lower_back", "hips", "glutes", "quads", "hamstrings", "knees", "calves", "shins", "ankles", "feet"}

// injury: no impact on the injured area. A lower-body injury takes the
// running out: each run becomes cross-training of the same duration at
// easy intensity (bike, pool or aqua-jogging, whichever is pain-free),
// which keeps aerobic fitness without loading the tissue (Reilly et al.
// 2003 on deep-water running; Dubin 2006; Warden et al. 2014 on load
// management of bone and tendon injuries); an upper-body injury takes the
// swimming out the same way. Strength sessions keep their length and spare
// the area. With no area given, running is what stops: it is the most
// common injured sport's impact. Intensity waits for the coach's return
// plan. The recovery sessions keep their day, length and ease, off the
// injured area.
func (r *responder) injury(areas []string) {
	lower, upper := len(areas) == 0, false
	for _, a := range areas {
		if slices.Contains(lowerBody, a) {
			lower = true
		} else {
			upper = true
		}
	}
	where := "the injured area"
	if len(areas) > 0 {
		where = "the " + andList(areaWords(areas))
	}
	stops := func(sport string) bool { return lower && sport == sportRun || upper && sport == sportSwim }
	r.rule("%s reported an injury (%s): no impact on %s — those sessions become easy cross-training of the same length, strength spares the area (Warden et al. 2014)", r.who, strings.TrimPrefix(where, "the "), where)
	for _, e := range r.es {
		switch {
		case !e.count || e.w.Done || e.w.Kind == kindRace || e.w.Kind == kindRest:
		case stops(e.w.Sport):
			e.set(func() { e.cross = true }, "no impact on "+where)
			if e.open {
				e.easy = true
			}
		case e.open && (e.w.Kind == kindStrength || e.w.Sport == sportStrength):
			e.set(func() { e.spare = where }, "sparing "+where)
		}
	}
}

// areaWords are check-in areas as words: "lower back".
func areaWords(areas []string) []string {
	out := make([]string, 0, len(areas))
	for _, a := range areas {
		if w := strings.ReplaceAll(a, "_", " "); !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// overloadDays is how many days the overload rule covers: 7 when the
// signals converge (the converging code, or two red signs), 3 for one red
// sign, 0 when none; illness and injury have rules of their own.
func (r *responder) overloadDays(causes []Cause) int {
	reds := 0
	converging := false
	for _, c := range causes {
		switch c.Code {
		case CauseConverging:
			converging = true
		case CauseSleep, CauseHRV, CauseRestingHR, CauseWellness, CauseItemLow, CauseLoad, CauseMissedRecovery:
			if c.Light == "red" {
				reds++
			}
		}
	}
	switch {
	case converging || reds >= 2:
		return convergingDays
	case reds == 1:
		return overloadDays
	}
	return 0
}

// overload: every intensity session of the next n days becomes easy, the
// long one shortened, and a rest day is added when those days have none.
// A red sign, or several signs together, means recovery has not kept up:
// intensity is what loads a tired system most and gives least while it is
// down (Meeusen et al. 2013, ECSS/ACSM consensus on overtraining; Kiviniemi
// et al. 2007 and Vesterinen et al. 2016 on HRV-guided training, where a
// low reading makes the day easy, not shorter).
func (r *responder) overload(n int) {
	if n >= convergingDays {
		r.rule("Several signs of poor recovery together: every hard session of the next %d days becomes easy, the long one shorter, with a rest day (Meeusen et al. 2013)", n)
	} else {
		r.rule("A red sign of poor recovery: the hard sessions of the next %d days become easy, the long one shorter, with a rest day (Meeusen et al. 2013; Vesterinen et al. 2016)", n)
	}
	for _, e := range r.es {
		if !e.open || e.k >= n || !e.key {
			continue
		}
		cut := 0
		if e.w.Kind == kindLong {
			cut = overloadLongCut
		}
		e.set(func() { e.easy, e.cut = true, max(e.cut, cut) }, "easy until recovery is back")
	}
	r.addRestDay(n)
}

// addRestDay turns the earliest day within n days that holds only open,
// non-key workouts (those just made easy included) into rest, unless one
// of those days already has no training.
func (r *responder) addRestDay(n int) {
	for k := range n {
		d := r.from.AddDate(0, 0, k)
		if d.After(r.end) {
			break
		}
		if r.restful(d) {
			return
		}
	}
	for k := range n {
		d := r.from.AddDate(0, 0, k)
		on := r.on(d)
		if len(on) == 0 || slices.ContainsFunc(on, func(e *response) bool { return !e.open || e.keyNow() || e.rest }) {
			continue
		}
		for _, e := range on {
			e.set(func() { e.rest = true }, "a rest day")
		}
		return
	}
}

// restful reports whether day d has no training left: nothing planned, or
// only rest.
func (r *responder) restful(d time.Time) bool {
	for _, e := range r.on(d) {
		if sessionLoad(e.after()) > 0 {
			return false
		}
	}
	return true
}

// mildSign reports whether the causes hold an amber sign of poor recovery
// for today's hard session to answer: HRV, resting HR, sleep, wellness, a
// single item at its worst, or recovery missed — not illness, which has
// its own rule.
func (r *responder) mildSign(causes []Cause) bool {
	if r.ill(causes) {
		return false
	}
	return slices.ContainsFunc(causes, func(c Cause) bool {
		switch c.Code {
		case CauseSleep, CauseHRV, CauseRestingHR, CauseWellness, CauseItemLow, CauseMissedRecovery:
			return true
		}
		return false
	})
}

// swapOrEase: today's hard session changes places with the next easy day
// when the spacing allows, otherwise it becomes easy at about the same
// length. HRV-guided training (Kiviniemi et al. 2007; Vesterinen et al.
// 2016; Nuuttila et al. 2022) does the hard session on a day the athlete
// reads normal and an easy one otherwise: the intensity moves or goes, the
// volume mostly stays.
func (r *responder) swapOrEase() {
	r.rule("One sign of poor recovery today: today's hard session changes places with the next easy day, or becomes easy; the week's volume stays (Kiviniemi et al. 2007; Vesterinen et al. 2016)")
	for _, e := range r.es {
		if e.k != 0 || !e.open || !e.keyNow() || e.changed() {
			continue
		}
		if d, ok := r.swapDay(e); ok {
			e.to = d
			e.why = append(e.why, "moved to a fresher day")
			for _, o := range r.on(d) {
				if o != e {
					o.to = r.from
					o.why = append(o.why, "takes the hard session's day")
				}
			}
			continue
		}
		cut := 0
		if e.w.Kind == kindLong {
			cut = amberLongCut
		}
		e.set(func() { e.easy, e.cut = true, cut }, "easy today, since no later day has room for it")
	}
}

// swapDay is the nearest later day key e can change places with: one
// whose workouts are all open, easy and non-key; before any race; with
// no key workout or race the day before or after it (48 h on both sides);
// and followed by a day of rest, recovery or easy training, or nothing,
// within the days given, so that recovery still follows the key.
func (r *responder) swapDay(e *response) (time.Time, bool) {
	for d := r.from.AddDate(0, 0, 1); d.Before(r.end); d = d.AddDate(0, 0, 1) {
		on := r.on(d)
		if slices.ContainsFunc(on, func(o *response) bool { return o.w.Kind == kindRace }) {
			break // never past a race
		}
		if len(on) == 0 || slices.ContainsFunc(on, func(o *response) bool { return !o.open || o.keyNow() || o.changed() }) {
			continue
		}
		if r.keyOn(d.AddDate(0, 0, -1), e) || r.keyOn(d.AddDate(0, 0, 1), e) || !r.light(d.AddDate(0, 0, 1)) {
			continue
		}
		return d, true
	}
	return time.Time{}, false
}

// loadSpike: the load rose fast, so the volume comes down about 20 %
// while intensity stays, as a taper does (Bosquet et al. 2007): Lighten's
// own order (the key sessions shorter first), on the days as the other
// rules left them. The acute:chronic ratio is a description of how fast
// load rose, not a prediction of injury (Impellizzeri et al. 2020).
func (r *responder) loadSpike() {
	r.rule("Training load rose fast: about %d %% less volume over the coming days, intensity kept (Bosquet et al. 2007)", int(loadSpikeTarget*100))
	var days []Upcoming
	for _, e := range r.es {
		w := e.after()
		w.Done = !e.count
		if e.changed() {
			w.Protected = true // a decision of a rule above: Lighten leaves it
		}
		days = append(days, w)
	}
	cs := Lighten(LightenInput{Days: days, From: r.from, Target: loadSpikeTarget})
	for _, a := range cs.Adjustments {
		for _, e := range r.es {
			if e.w.ID == a.WorkoutID && e.after().Date.Equal(a.Before.Date) {
				after := a.After
				e.lighter = &after
				e.why = append(e.why, "less volume while the load settles")
				break
			}
		}
	}
}

// set records a decision for e with its reason in words.
func (e *response) set(decide func(), why string) {
	decide()
	if !slices.Contains(e.why, why) {
		e.why = append(e.why, why)
	}
}

// changed reports whether a rule has decided anything for e.
func (e *response) changed() bool {
	return e.rest || e.easy || e.cross || e.cut > 0 || e.spare != "" || !e.to.IsZero() || e.lighter != nil
}

// keyNow reports whether e is still a key workout with the decisions so far.
func (e *response) keyNow() bool {
	return e.key && !e.easy && !e.rest && !e.cross
}

// dayNow is the day e is on with the decisions so far.
func (e *response) dayNow() time.Time {
	if e.to.IsZero() {
		return e.day
	}
	return e.to
}

// after is e as decided. Rest wins over everything; cross-training and
// easy take the intensity off; the cut takes minutes off in 5-minute
// blocks; a recovery session taken off its feet keeps its kind, length
// and ease.
func (e *response) after() Upcoming {
	if e.lighter != nil {
		return *e.lighter
	}
	w := e.w
	if !e.to.IsZero() {
		w.Date = e.to
	}
	switch {
	case e.rest:
		w.Kind, w.Sport, w.Title, w.Minutes, w.RPE, w.Zone, w.Key, w.Protected = kindRest, sportOther, "Rest", 0, 0, 0, false, true
		return w
	case e.cross && !e.open: // recovery, off the injured area
		w.Sport = sportOther
		w.Title = "Recovery cross-training"
		return w
	}
	w.Minutes -= cutMinutes(w.Minutes, e.cut)
	if e.easy || e.cross {
		w.RPE = min(sessionRPE(e.w), easyRPE)
		w.Zone = min(w.Zone, zEndurance)
		w.Key = false
		w.Kind, w.Title = kindEasy, "Easy "+sportNoun(w.Sport)
	}
	if e.cross {
		w.Kind, w.Sport, w.Title = kindCrossTraining, sportOther, "Easy cross-training"
	}
	return w
}

// on lists the workouts on day d with the decisions so far.
func (r *responder) on(d time.Time) []*response {
	var es []*response
	for _, e := range r.es {
		if e.dayNow().Equal(d) {
			es = append(es, e)
		}
	}
	return es
}

// keyOn reports whether day d holds a key workout or race other than but.
func (r *responder) keyOn(d time.Time, but *response) bool {
	return slices.ContainsFunc(r.on(d), func(e *response) bool { return e != but && e.keyNow() })
}

// light reports whether day d is one a key workout may come before: only
// rest, recovery, easy or mobility, or nothing at all.
func (r *responder) light(d time.Time) bool {
	for _, e := range r.on(d) {
		switch e.after().Kind {
		case kindRest, kindRecovery, kindEasy, kindMobility:
		default:
			return false
		}
	}
	return true
}

// rule records a rule applied, in words.
func (r *responder) rule(format string, args ...any) {
	r.rules = append(r.rules, fmt.Sprintf(format, args...))
}

// load is the days' session-RPE load from From on, as given or as decided.
func (r *responder) load(decided bool) float64 {
	total := 0.0
	for _, e := range r.es {
		if !e.count {
			continue
		}
		if decided {
			total += sessionLoad(e.after())
		} else {
			total += sessionLoad(e.w)
		}
	}
	return total
}

// adjustments lists the changes, by day and ID.
func (r *responder) adjustments() []Adjustment {
	var out []Adjustment
	for _, e := range r.es {
		if !e.changed() {
			continue
		}
		a := e.after()
		action := r.action(e, a)
		if action == "" {
			continue
		}
		out = append(out, Adjustment{WorkoutID: e.w.ID, Action: action, Before: e.w, After: a,
			Why: r.why(e, a), Reason: strings.Join(e.why, "; ")})
	}
	return out
}

// Response actions beyond Lighten's.
const (
	actToCross = "to_cross"
	actSpare   = "spare"
)

// action names what changes for e, proposed as a.
func (r *responder) action(e *response, a Upcoming) string {
	shorter, softer := lightened(e.w, a)
	switch {
	case a.Kind == kindRest && e.w.Kind != kindRest:
		return actToRest
	case a.Sport != e.w.Sport:
		return actToCross
	case a.Kind == kindEasy && e.w.Kind != kindEasy:
		return actToEasy
	case !a.Date.Equal(e.w.Date):
		return actMove
	case softer:
		return actSoften
	case shorter:
		return actShorten
	case e.spare != "":
		return actSpare
	}
	return ""
}

// why says in plain words what changes for e, proposed as a.
func (r *responder) why(e *response, a Upcoming) string {
	what := possessive(e.day) + workoutName(e.w)
	var parts []string
	switch {
	case a.Kind == kindRest && e.w.Kind != kindRest:
		return what + " becomes rest: " + strings.Join(e.why, "; ")
	case a.Sport != e.w.Sport && a.Kind == kindRecovery:
		parts = append(parts, fmt.Sprintf("stays %d min of recovery, off the injured area (bike or pool)", a.Minutes))
	case a.Sport != e.w.Sport:
		parts = append(parts, fmt.Sprintf("becomes %d min of easy cross-training (bike, pool or aqua-jog) at RPE %g", a.Minutes, a.RPE))
	case a.Kind == kindEasy && e.w.Kind != kindEasy:
		parts = append(parts, fmt.Sprintf("becomes an easy %s of %d min at RPE %g", sportNoun(a.Sport), a.Minutes, a.RPE))
	default:
		shorter, softer := lightened(e.w, a)
		if shorter {
			parts = append(parts, fmt.Sprintf("shortened from %d to %d min", e.w.Minutes, a.Minutes))
		}
		if softer {
			parts = append(parts, fmt.Sprintf("softened to RPE %g", sessionRPE(a)))
		}
	}
	if !a.Date.Equal(e.w.Date) {
		parts = append(parts, "moved to "+a.Date.Weekday().String())
	}
	if e.spare != "" {
		parts = append(parts, "spares "+e.spare)
	}
	var reasons []string
	for _, y := range e.why {
		if !slices.ContainsFunc(parts, func(p string) bool { return strings.HasSuffix(p, strings.TrimPrefix(y, "sparing ")) }) {
			reasons = append(reasons, y)
		}
	}
	if len(reasons) == 0 {
		return what + " " + andList(parts)
	}
	return what + " " + andList(parts) + ": " + strings.Join(reasons, "; ")
}

// note says what the response does to the days, in words.
func (r *responder) note(out Response) string {
	if len(out.Adjustments) == 0 {
		return "Nothing in the coming days needs to change for these reasons."
	}
	var rests, easies, crosses, moves, trims, spares []string
	for _, a := range out.Adjustments {
		name := possessive(a.Before.Date) + workoutName(a.Before)
		switch a.Action {
		case actToRest:
			rests = append(rests, name)
		case actToEasy:
			easies = append(easies, name)
		case actToCross:
			crosses = append(crosses, name)
		case actMove:
			moves = append(moves, fmt.Sprintf("%s to %s", name, a.After.Date.Weekday()))
		case actShorten, actSoften:
			trims = append(trims, name)
		case actSpare:
			spares = append(spares, name)
		}
	}
	var parts []string
	add := func(head string, list []string) {
		if len(list) > 0 {
			parts = append(parts, head+": "+andList(list)+".")
		}
	}
	add("Rest instead", rests)
	add("Easy instead", easies)
	add("Cross-training instead", crosses)
	add("Moved", moves)
	add("Lighter", trims)
	add("Sparing the injured area", spares)
	s := strings.Join(parts, " ")
	if before := out.LoadBefore; before > 0 {
		s += fmt.Sprintf(" Load of the coming days %s.", loadChange(before, out.LoadAfter))
	}
	return s + " Recovery sessions stay as they are."
}

// loadChange is "down 35 %" or "unchanged".
func loadChange(before, after float64) string {
	if after >= before-1e-9 {
		return "unchanged"
	}
	return "down " + percent(1-after/before)
}
