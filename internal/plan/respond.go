package plan

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"rebound/internal/training"
	"rebound/internal/units"
)

// Reason codes the response engine answers, as package readiness gives
// them. A code it does not know asks for no change.
const (
	CauseIllnessAbove   = "illness_above_neck"
	CauseIllnessBelow   = "illness_below_neck"
	CauseIllness        = "illness" // older check-ins: read as below the neck, the cautious reading
	CauseIllnessRecent  = "illness_recent"
	CauseInjury         = "injury"
	CauseSleep          = "sleep"
	CauseHRV            = "hrv"
	CauseRestingHR      = "resting_hr"
	CauseWellness       = "wellness"
	CauseItemLow        = "item_low"
	CauseLoad           = "load"
	CauseMissedRecovery = "missed_recovery"
	CauseConverging     = "converging"
	CausePattern        = "overreaching_pattern"
)

// Cause is one reason behind a check-in's light, as the response engine
// reads it.
type Cause struct {
	Code  string
	Light string   // "red" or "amber"; anything else asks for nothing
	Areas []string // injury: the injured body areas, in the check-in's words ("knees", "shoulders")
	Flags []string // overreaching pattern: its red flags
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
	Cutback     bool // the cutback week was brought forward, for an overreaching pattern
}

// Respond answers a check-in's reasons with the change a coach would make
// to the coming days. Each reason has its own response (see the rules
// below); when several apply to one workout the strongest easing wins.
// Each changed workout's title and description are written anew from its
// numbers (Retext).
//
// Whatever the reasons, Respond never: shortens, moves or hardens a
// recovery session (illness and a red sign may make one rest, which is
// more recovery, not less; an injury may take one off its feet: same day,
// length and ease, another sport); changes a rest day, a race, a done
// workout or one before From; makes any workout longer or harder; moves a
// key workout past a race or within 48 hours of another key workout or
// race.
//
// The rules, most serious first (sources in the doc comment of each rule's
// function):
//
//   - illness below the neck or with fever (illnessBelow): no training at
//     all for two days, then a graded return without intensity;
//   - illness above the neck (illnessAbove): easy only, and shorter, for 72 h;
//   - back from an illness (illnessRecent): the graded return;
//   - injury (injury): no impact on the injured area, at easy intensity;
//   - a red sign, or converging signs (overload): every hard session of
//     the next 3 days (7 when the signs converge) becomes easy, the next
//     long or hard one within the week shorter, with a rest day today or
//     tomorrow;
//   - one amber sign of poor recovery (swapOrEase): today's hard session
//     changes places with the next easy day when the spacing allows,
//     otherwise it becomes easy; the week's volume stays;
//   - red flags over the last weeks (cutbackNow): the next cutback week
//     comes now — a third less volume, one hard session kept short;
//   - a load spike (loadSpike): about 20 % less volume over the coming
//     days, easy sessions first, intensity kept.
func Respond(in RespondInput) Response {
	r := newResponder(in)
	causes := r.sorted(in.Causes)
	has := func(codes ...string) bool {
		return slices.ContainsFunc(causes, func(c Cause) bool { return slices.Contains(codes, c.Code) })
	}
	switch {
	case has(CauseIllnessBelow, CauseIllness):
		r.illnessBelow()
	case has(CauseIllnessAbove):
		r.illnessAbove()
	case has(CauseIllnessRecent):
		r.illnessRecent()
	}
	for _, c := range causes {
		if c.Code == CauseInjury {
			r.injury(c.Areas)
		}
	}
	// A fever's rule already covers what its signs (a raised resting HR,
	// a bad night) would ask.
	feverish := has(CauseIllnessBelow, CauseIllness)
	if n := r.overloadDays(causes); n > 0 && !feverish {
		r.overload(n, has(CauseConverging), has(CauseRestingHR) && !r.ill(causes))
	} else if r.mildSign(causes) && !has(CausePattern) { // the cutback below answers the day too
		r.swapOrEase()
	}
	if i := slices.IndexFunc(causes, func(c Cause) bool { return c.Code == CausePattern }); i >= 0 && !feverish {
		r.cutbackNow(len(causes[i].Flags))
	}
	if has(CauseLoad) {
		r.loadSpike()
	}
	r.raceLines(causes)
	out := Response{Rules: r.rules, Adjustments: r.adjustments(), Cutback: r.cutback}
	out.LoadBefore, out.LoadAfter = r.load(false), r.load(true)
	out.Note = r.note(out)
	return out
}

// Day offsets from the check-in's day (day 0) and the shares each rule
// takes.
const (
	illRestDays     = 2  // below the neck: days 0–1 without training
	illReturnDays   = 3  // then three training days without intensity: 50 %, 75 %, then full minutes
	coldDays        = 3  // above the neck: 72 h easy and shorter
	overloadDays    = 3  // one red sign, or signs that converge: each morning's check-in renews it while they last
	twoRedDays      = 5  // two red signs at once
	returnCapDays   = 7  // after an illness: no session longer than an ordinary easy one
	returnRunCap    = 60 // minutes: a run's (or swim's) cap then
	returnRideCap   = 90 // minutes: a ride's
	weekDays        = 7  // the days a proposal covers
	illKeyCut       = 30 // a cold's hard sessions, made easy
	coldCut         = 25 // a cold's easy sessions
	overloadLongCut = 30 // the long session inside a red window
	nextHardCut     = 25 // the next long or hard session after it, within the week
	amberLongCut    = 20 // a long session at an easy level on an amber day
	maxSwap         = 2  // days ahead a hard session may move to
	loadCut         = 25 // the most the load rule takes off one session
	loadTarget      = 20 // percent of the changeable load the load rule takes
	aquaJogMax      = 60 // minutes of deep-water running a session holds (Wilber et al. 1996)
	cutbackCut      = 30 // a cutback week brought forward: about a third less
	deepCutbackCut  = 40 // with three red flags or more
)

// responder holds the days while Respond decides.
type responder struct {
	from    time.Time
	es      []*response // by day, then ID
	end     time.Time   // the last day given
	rules   []string
	who     string
	cutback bool // cutbackNow ran
}

// response is one workout of the days and what Respond has decided for it.
type response struct {
	w     Upcoming
	day   time.Time
	k     int  // days after From
	count bool // counts in the load: on or after From and not done
	open  bool // may change freely: counts, and not recovery, rest, protected or a race
	key   bool
	rest  bool
	easy  bool
	cross bool   // off its feet (or out of the pool): cross-training
	cut   int    // percent of the minutes taken off
	cap   int    // the most minutes it may keep; 0: no cap
	spare string // the injured area, in words: strength spares it, a brick loses its run
	plain bool   // strides and race-pace finishes go: nothing but easy
	to    time.Time
	why   []string
}

func newResponder(in RespondInput) *responder {
	r := &responder{from: Day(in.From), who: in.Who}
	if r.who == "" {
		r.who = "The athlete"
	}
	for _, w := range in.Days {
		e := &response{w: w, day: Day(w.Date), key: keyWorkout(w)}
		e.k = int(e.day.Sub(r.from).Hours() / 24)
		e.count = !w.Done && e.k >= 0
		e.open = e.count && !protectedWorkout(w) && w.Kind != training.KindRace
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

// sorted is the causes Respond acts on, red first; each code once but
// injuries, each with its own areas.
func (r *responder) sorted(causes []Cause) []Cause {
	var out []Cause
	for _, c := range causes {
		if c.Light != "red" && c.Light != "amber" {
			continue
		}
		// Injuries stay apart: one without areas reads as the legs.
		if i := slices.IndexFunc(out, func(o Cause) bool { return o.Code == c.Code }); i >= 0 && c.Code != CauseInjury {
			if c.Light == "red" {
				out[i].Light = "red"
			}
			continue
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b Cause) int { return cmp.Compare(redFirst(a.Light), redFirst(b.Light)) })
	return out
}

func redFirst(light string) int {
	if light == "red" {
		return 0
	}
	return 1
}

// ill reports whether an illness rule governs the days.
func (r *responder) ill(causes []Cause) bool {
	return slices.ContainsFunc(causes, func(c Cause) bool {
		switch c.Code {
		case CauseIllness, CauseIllnessBelow, CauseIllnessAbove, CauseIllnessRecent:
			return true
		}
		return false
	})
}

// trainable reports whether e is a session that counts and is not rest or
// a race: what the illness and rest-day rules may turn into rest.
func (e *response) trainable() bool {
	return e.count && e.w.Kind != training.KindRest && e.w.Kind != training.KindRace
}

// illnessBelow: no training at all, recovery sessions included, for the
// check-in's day and the next, then the graded return (illnessRecent's
// days 2–4). With fever or symptoms below the neck (chest, aches,
// stomach) exercise stops: the "neck check" (Eichner 1993; Primos 1996);
// hard exercise during a febrile or systemic infection risks myocarditis
// and a longer illness (Friman & Wesslén 2000). A recovery session turned
// into rest is more recovery, not less. Each morning's check-in while ill
// moves the window on; the first one without symptoms starts the return.
func (r *responder) illnessBelow() {
	r.rule("%s reported illness below the neck or a fever: no training at all, recovery sessions included, until a check-in reports 24 h without fever (without fever medicine) and nothing below the neck; then the first day back at half the minutes, the second at three quarters, no intensity for 3 days and no session over an hour (a ride an hour and a half) for a week (Eichner 1993; Friman & Wesslén 2000; Schwellnus et al. 2016)", r.who)
	for _, e := range r.es {
		if e.trainable() && e.k < illRestDays {
			e.set(func() { e.rest = true }, "no training while ill")
		}
	}
	r.graded(illRestDays)
}

// illnessRecent: the return after an illness, counted from the first
// check-in without symptoms (day 0 here): half the minutes, then three
// quarters, and easy only for three days — a gradual return once the
// infection has cleared (Schwellnus et al. 2016, IOC consensus on load
// and illness; Jaworski et al. 2019 on return to play after illness).
func (r *responder) illnessRecent() {
	r.rule("%s is back from an illness: the first day at half the minutes, the second at three quarters, no intensity for 3 days and no session over an hour (a ride an hour and a half) for a week, each only after 24 h without fever (Schwellnus et al. 2016)", r.who)
	r.graded(0)
}

// graded is the return from illness from day first: its first three
// training days without intensity, the first at half the minutes, the
// second at three quarters, the third at full, rounded down to whole
// 5-minute blocks; and for a week no session longer than an ordinary easy
// one (an hour's run or swim, an hour and a half's ride), since the
// symptoms of such an illness last about a week (Snyders et al. 2022) and
// volume comes back gradually (Schwellnus et al. 2016). Days without
// training (rest) do not count as steps, since what is graded is the
// training; a recovery session's day counts as it is.
func (r *responder) graded(first int) {
	step := 0
	for k := first; k < weekDays; k++ {
		trained := false
		for _, e := range r.on(r.from.AddDate(0, 0, k)) {
			if !e.trainable() || e.rest {
				continue
			}
			trained = true // a recovery session counts as a day back, unchanged
			if !e.open {
				continue
			}
			share := 100
			if step < illReturnDays {
				share = []int{50, 75, 100}[step]
			}
			limit := e.w.Minutes * share / 100
			limit -= limit % cutBlock
			if k-first < returnCapDays {
				limit = min(limit, returnCap(e.w.Sport))
			}
			early := step < illReturnDays
			if !early && limit >= e.w.Minutes {
				continue
			}
			e.set(func() {
				e.cap = limit
				if early {
					e.plain = true
					e.easy = e.easy || e.key
				}
			}, "a gradual return after the illness, only after 24 h without fever")
		}
		if trained {
			step++
		}
	}
}

// returnCap is the longest session of sport in the week after an illness.
func returnCap(sport string) int {
	if sport == training.SportBike {
		return returnRideCap
	}
	return returnRunCap
}

// illnessAbove: easy only, and shorter, for 72 hours. With symptoms above
// the neck only (runny nose, sore throat, sneezing) light training is
// allowed at reduced intensity and duration; it stops if the athlete
// feels worse after the first 10 minutes, and fever, aches or chest
// symptoms make it the below-the-neck rule (Eichner 1993; Primos 1996;
// Schwellnus et al. 2016).
func (r *responder) illnessAbove() {
	r.rule("%s has a cold above the neck: easy only and shorter for 72 h, no intensity, no strides; stop if it feels worse after 10 minutes, and with fever, aches or chest symptoms no training at all (Eichner 1993; Primos 1996)", r.who)
	for _, e := range r.es {
		switch {
		case !e.open || e.k >= coldDays:
		case e.key:
			e.set(func() { e.easy, e.plain, e.cut = true, true, max(e.cut, illKeyCut) }, "easy only while the cold lasts")
		case sessionLoad(e.w) > 0:
			e.set(func() { e.plain, e.cut = true, max(e.cut, coldCut) }, "shorter while the cold lasts")
		}
	}
}

// lowerBody are the areas whose injury rules out impact: running. The
// rest of the body (neck, shoulders, arms, upper back) rules out swimming.
var lowerBody = []string{"lower_back", "hips", "glutes", "quads", "hamstrings", "knees", "calves", "shins", "ankles", "feet"}

// injury: no impact on the injured area, until a check-in no longer
// reports it. A lower-body injury takes the running out: each run becomes
// cross-training at easy intensity — aqua-jogging, the pool or the bike,
// whichever is pain-free — which keeps aerobic fitness without loading
// the tissue: deep-water running of up to 60 minutes a session kept
// VO2max for 6 weeks (Wilber et al. 1996) and 5-km performance for 4
// (Bushman et al. 1997); longer sessions go on the bike. A brick loses its
// run off the bike. An upper-body injury takes the swimming out the same
// way. Strength sessions keep their length and spare the area. With no
// area given, running is what stops. Intensity waits for the coach's
// return plan, and pain that lasts more than a week needs a clinician
// (Warden et al. 2014, for the load management of bone and tendon
// injuries in runners).
func (r *responder) injury(areas []string) {
	lower, upper := legs(areas), slices.ContainsFunc(areas, func(a string) bool { return !slices.Contains(lowerBody, a) })
	where := "the injured area"
	if len(areas) > 0 {
		where = "the " + andList(areaWords(areas))
	}
	stops := func(sport string) bool {
		return lower && sport == training.SportRun || upper && sport == training.SportSwim
	}
	changed := false
	for _, e := range r.es {
		switch {
		case !e.count || e.w.Kind == training.KindRace || e.w.Kind == training.KindRest:
		case stops(e.w.Sport):
			e.set(func() { e.cross = true }, "no load on "+where)
			if e.open {
				e.easy = true
			}
			changed = true
		case e.open && lower && brick(e.w):
			// The run off the bike goes, and so does any faster finish
			// on the injured leg.
			e.set(func() { e.spare, e.plain = where, true }, "sparing "+where)
			changed = true
		case e.open && (e.w.Kind == training.KindStrength || e.w.Sport == training.SportStrength):
			e.set(func() { e.spare = where }, "sparing "+where)
			changed = true
		}
	}
	if !changed {
		return
	}
	var what []string
	if lower {
		what = append(what, fmt.Sprintf("runs become easy aqua-jogging or riding of the same length (aqua-jogging at most %d min a session), a brick loses its run", aquaJogMax))
	}
	if upper {
		what = append(what, "swims become easy riding, or kick sets with fins if pain-free")
	}
	what = append(what, "strength spares the area")
	test := "a short test run"
	if !lower {
		test = "a short test swim"
	}
	r.rule("%s reported an injury (%s): no load on %s while a check-in reports it — %s; after 3 pain-free days %s, and pain beyond a week needs a physiotherapist or doctor (Wilber et al. 1996; Bushman et al. 1997)",
		r.who, strings.TrimPrefix(where, "the "), where, strings.Join(what, "; "), test)
}

// legs reports whether an injury of these areas (none named: the cautious
// reading) rules out running.
func legs(areas []string) bool {
	return len(areas) == 0 || slices.ContainsFunc(areas, func(a string) bool { return slices.Contains(lowerBody, a) })
}

// brick reports whether w ends with a run off the bike.
func brick(w Upcoming) bool { return w.Structure != nil && w.Structure.Brick > 0 }

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

// overloadDays is how many days the overload rule makes easy: 5 for two
// red signs, 3 for one or for converging ambers — one short night moves
// HRV and resting HR together, so a longer block waits for the signs to
// last: each morning's check-in renews the days while they do (Kiviniemi
// et al. 2007) — and 0 when none; illness and injury have rules of their
// own.
func (r *responder) overloadDays(causes []Cause) int {
	reds, converging := 0, false
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
	case reds >= 2:
		return twoRedDays
	case converging || reds == 1:
		return overloadDays
	}
	return 0
}

// overload: every hard session of the next n days becomes easy (a long one
// also 30 % shorter), the next long or hard session after them within the
// week a quarter shorter, and today or tomorrow becomes a rest day if
// neither is one. A red sign, or several signs together, means recovery
// has not kept up: intensity loads a tired system most and gives least
// while it is down, and the first thing to rule out is an illness
// (Meeusen et al. 2013, ECSS/ACSM consensus on overtraining; Kiviniemi et
// al. 2007 and Vesterinen et al. 2016 on HRV-guided training, where a low
// reading makes the day easy).
func (r *responder) overload(n int, converging, askSymptoms bool) {
	switch {
	case n == twoRedDays:
		r.rule("Two red signs of poor recovery: the hard sessions of the next %d days become easy, the next long or hard one after them a quarter shorter, with a rest day today or tomorrow (Meeusen et al. 2013; Vesterinen et al. 2016)", n)
	case converging:
		r.rule("Several signs of poor recovery together: the hard sessions of the next %d days become easy, the next long or hard one after them a quarter shorter, with a rest day today or tomorrow; each morning they last renews the easy days (Meeusen et al. 2013; Kiviniemi et al. 2007)", n)
	default:
		r.rule("A red sign of poor recovery: the hard sessions of the next %d days become easy, the next long or hard one after them a quarter shorter, with a rest day today or tomorrow (Meeusen et al. 2013; Vesterinen et al. 2016)", n)
	}
	if askSymptoms {
		r.rule("A resting heart rate this far up often comes before an illness: %s should report any symptoms, and with them no training at all (Meeusen et al. 2013)", r.who)
	}
	nextDone := false
	for _, e := range r.es {
		if !e.open || !e.key {
			continue
		}
		switch {
		case e.k < n:
			cut := 0
			if e.w.Kind == training.KindLong {
				cut = overloadLongCut
			}
			e.set(func() { e.easy, e.plain, e.cut = true, true, max(e.cut, cut) }, "easy until recovery is back")
		case e.k < weekDays && !nextDone:
			nextDone = true
			e.set(func() { e.plain, e.cut = true, max(e.cut, nextHardCut) }, "shorter, the first hard session after the easy days")
		}
	}
	r.addRestDay()
}

// addRestDay makes today or tomorrow a rest day unless one of them already
// is: the first of them that holds no race, key session or done workout
// (a recovery session may become rest: more recovery, not less).
func (r *responder) addRestDay() {
	for k := range 2 {
		if r.restful(r.from.AddDate(0, 0, k)) {
			return
		}
	}
	for k := range 2 {
		on := r.on(r.from.AddDate(0, 0, k))
		if slices.ContainsFunc(on, func(e *response) bool { return !e.count || e.w.Kind == training.KindRace || e.keyNow() }) {
			continue
		}
		for _, e := range on {
			if e.trainable() {
				e.set(func() { e.rest = true }, "a rest day")
			}
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
// single item at its worst, or recovery missed — not an illness, which
// has its own rule.
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

// hard reports whether e is a hard session: a key one whose level is
// threshold or above, or RPE 6 or more. A long session at an easy level
// is a key session but not a hard one.
func (e *response) hard() bool {
	return e.keyNow() && (sessionRPE(e.w) >= 6 || e.w.Zone >= zTempo)
}

// swapOrEase: today's hard session changes places with the next easy day
// when the spacing allows, otherwise it becomes easy at the same length;
// a long session at an easy level stays, 20 % shorter and with no
// faster finish. HRV-guided training (Kiviniemi et al. 2007; Vesterinen
// et al. 2016; Nuuttila et al. 2022) does moderate or hard sessions only
// on days the athlete reads normal and easy training otherwise: the
// intensity moves or goes, the volume mostly stays. The next morning's
// check-in decides the next day the same way.
func (r *responder) swapOrEase() {
	changed := false
	defer func() {
		if changed {
			r.rule("One sign of poor recovery today: today's hard session changes places with the next easy day when 48 h spacing allows, otherwise it becomes easy; a long easy session stays, a little shorter. Tomorrow's check-in decides tomorrow the same way (Kiviniemi et al. 2007; Vesterinen et al. 2016)")
		}
	}()
	for _, e := range r.es {
		switch {
		case e.k != 0 || !e.open || !e.keyNow() || e.changed():
			continue
		case !e.hard():
			e.set(func() { e.plain, e.cut = true, amberLongCut }, "a little shorter today, without a faster finish")
		default:
			if d, ok := r.swapDay(e); ok {
				e.to = d
				e.why = append(e.why, fmt.Sprintf("moved to %s, with more recovery before it", d.Weekday()))
				for _, o := range r.on(d) {
					if o != e {
						o.to = r.from
						o.why = append(o.why, "takes the hard session's day")
					}
				}
				changed = true
				continue
			}
			e.set(func() { e.easy, e.plain = true, true }, "easy today: no later day this week has room for it")
		}
		changed = true
	}
}

// swapDay is the nearest later day key e can change places with: tomorrow
// or the day after (further, the session would crowd the next week's,
// which the days given may not show), with two more days given after it;
// whose workouts are all open, easy and non-key; before any race; with no
// key workout or race the day before or after it (48 h on both sides);
// and followed by a day of rest, recovery or easy training, or nothing,
// so that recovery still follows the key.
func (r *responder) swapDay(e *response) (time.Time, bool) {
	for d := r.from.AddDate(0, 0, 1); !d.After(r.from.AddDate(0, 0, maxSwap)) && !d.AddDate(0, 0, 2).After(r.end); d = d.AddDate(0, 0, 1) {
		on := r.on(d)
		if slices.ContainsFunc(on, func(o *response) bool { return o.w.Kind == training.KindRace }) {
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

// cutbackNow: red flags over the last weeks (an overreaching pattern)
// bring the next cutback week forward to now: for seven days about a
// third less volume, one hard session (two days on at the earliest, and
// only on a green morning) kept short and the others easy, and a rest
// day today or tomorrow; with three flags or more, 40 % less and nothing
// hard, since a stronger pattern asks for a deeper unloading (Bosquet et
// al. 2007: volume −41–60 % restores). A planned unloading week is how
// functional overreaching turns into adaptation instead of into
// non-functional overreaching (Meeusen et al. 2013; Bompa & Haff 2009).
// With a race in the week, the taper is that lighter week: nothing more
// comes off, and the cutback waits for after the race (raceLines).
func (r *responder) cutbackNow(flags int) {
	if slices.ContainsFunc(r.es, func(e *response) bool { return e.count && e.w.Kind == training.KindRace && e.k < weekDays }) {
		return
	}
	r.cutback = true
	cut, keep := cutbackCut, true
	if flags >= 3 {
		cut, keep = deepCutbackCut, false
	}
	kept := false
	for _, e := range r.es {
		if !e.open || e.k >= weekDays || !e.key && sessionLoad(e.w) == 0 {
			continue
		}
		switch {
		case keep && e.hard() && !kept && e.k >= 2:
			kept = true
			e.set(func() { e.cut = max(e.cut, cut) }, "a cutback week, brought forward: the one hard session, shorter, only if that morning's check-in is green")
		case e.keyNow():
			e.set(func() { e.easy, e.plain, e.cut = true, true, max(e.cut, cut) }, "a cutback week, brought forward")
		default:
			e.set(func() { e.cut = max(e.cut, cut) }, "a cutback week, brought forward")
		}
	}
	r.addRestDay()
	hard := "every hard session easy"
	if kept {
		hard = "one hard session kept, shorter, the others easy"
	}
	r.rule("Red flags over the last weeks add up to a pattern of overreaching: the next cutback week comes now — for 7 days about %d %% less volume, %s, and a rest day today or tomorrow; if the flags have not cleared after it, a second easy week and a doctor's check for illness, iron and energy intake (Meeusen et al. 2013; Bompa & Haff 2009)", cut, hard)
}

// loadSpike: the load rose fast, so about 20 % of the volume that can
// change comes off over the coming days: the easy sessions first, then
// the hard ones, each by at most a quarter, intensity kept — volume is
// what a fast rise added, and cutting volume while keeping intensity
// keeps fitness (Bosquet et al. 2007). Skipped when a race is in the
// days: the taper is already taking the volume. The acute:chronic ratio
// describes how fast load rose; it does not predict injury (Impellizzeri
// et al. 2020).
func (r *responder) loadSpike() {
	if slices.ContainsFunc(r.es, func(e *response) bool { return e.count && e.w.Kind == training.KindRace }) {
		r.rule("Training load rose fast, but a race is in these days: the taper already takes the volume, so nothing more comes off")
		return
	}
	changeable := func(e *response) bool {
		return e.open && !e.rest && !e.easy && !e.cross && e.to.IsZero() && sessionLoad(e.w) > 0
	}
	total := 0.0
	for _, e := range r.es {
		if changeable(e) {
			total += sessionLoad(e.after())
		}
	}
	goal := total * loadTarget / 100
	taken := func() float64 {
		t := total
		for _, e := range r.es {
			if changeable(e) {
				t -= sessionLoad(e.after())
			}
		}
		return t
	}
	if total == 0 {
		return
	}
	r.rule("Training load rose fast: about %d %% less volume over the coming days, the easy sessions first and none by more than a quarter, intensity kept (Bosquet et al. 2007)", loadTarget)
	for _, group := range []func(*response) bool{func(e *response) bool { return !e.key }, func(e *response) bool { return e.key }} {
		for pct := cutBlock; pct <= loadCut; pct += cutBlock {
			if taken() >= goal {
				return
			}
			for _, e := range r.es {
				if changeable(e) && group(e) && e.cut < pct {
					e.set(func() { e.cut = pct }, "less volume while the load settles")
				}
			}
		}
	}
}

// raceLines adds the words a race in the coming days needs: whether to
// start is the athlete's, and each reason has its own condition.
func (r *responder) raceLines(causes []Cause) {
	has := func(codes ...string) bool {
		return slices.ContainsFunc(causes, func(c Cause) bool { return slices.Contains(codes, c.Code) })
	}
	for _, e := range r.es {
		if !e.count || e.w.Kind != training.KindRace || e.k >= weekDays {
			continue
		}
		race := possessive(e.day) + "race"
		switch {
		case has(CauseIllnessBelow, CauseIllness, CauseIllnessRecent):
			// Runners ill with systemic symptoms in the days before a
			// race are several times less likely to finish it (Van
			// Tonder et al. 2016; Gordon et al. 2017).
			r.rule("%s: after a fever this close to it the advice is not to start. Start only if there has been no fever, without medicine, for 72 h before the start, nothing below the neck, the last jog felt normal and the resting HR is normal that morning — and then at a controlled effort (Van Tonder et al. 2016; Gordon et al. 2017)", race)
		case has(CauseIllnessAbove):
			r.rule("%s: start only if the cold is easing and there is no fever, at a controlled effort (Van Tonder et al. 2016)", race)
		case slices.ContainsFunc(causes, func(c Cause) bool { return c.Code == CauseInjury && legs(c.Areas) }):
			r.rule("%s: the day before, walking and 20 single-leg hops must be pain-free, then a 10–15 min test jog (in place of that day's cross-training) with pain no more than 2 of 10 and no worse the next morning; otherwise do not start", race)
		case has(CauseInjury):
			r.rule("%s: start only if the injured area is pain-free in the movements the race asks of it", race)
		case has(CausePattern):
			r.rule("%s: the taper is the lighter week the red flags ask for; the cutback comes after the race", race)
		case r.overloadDays(causes) > 0:
			r.rule("%s stays: start only if the morning readings are back to normal the day before; otherwise run it easy or do not start", race)
		}
	}
}

// set records a decision for e with its reason in words. Rest is the
// whole of what happens to a workout, so its reason is the only one kept.
func (e *response) set(decide func(), why string) {
	wasRest := e.rest
	decide()
	switch {
	case wasRest:
	case e.rest:
		e.why = []string{why}
	case !slices.Contains(e.why, why):
		e.why = append(e.why, why)
	}
}

// changed reports whether a rule has decided anything for e.
func (e *response) changed() bool {
	return e.rest || e.easy || e.cross || e.cut > 0 || e.cap > 0 || e.spare != "" || e.plain || !e.to.IsZero()
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

// after is e's numbers as decided. Rest wins over everything; cross-
// training and easy take the intensity off; the cut takes minutes off in
// 5-minute blocks; a recovery session taken off its feet keeps its kind,
// length and ease.
func (e *response) after() Upcoming {
	w := e.w
	if !e.to.IsZero() {
		w.Date = e.to
	}
	switch {
	case e.rest:
		w.Kind, w.Sport, w.Minutes, w.RPE, w.Zone, w.Key, w.Protected, w.DistanceM = training.KindRest, training.SportOther, 0, 0, 0, false, true, 0
		return w
	case e.cross && !e.open: // recovery, off the injured area
		w.Sport = training.SportOther
		return w
	}
	w.Minutes -= cutMinutes(w.Minutes, e.cut)
	if e.cap > 0 {
		w.Minutes = min(w.Minutes, e.cap)
	}
	if e.easy || e.cross {
		w.RPE = min(sessionRPE(e.w), easyRPE)
		w.Zone = min(w.Zone, zEndurance)
		w.Key = false
		w.Kind = training.KindEasy
	}
	if e.cross {
		w.Kind, w.Sport = training.KindCrossTraining, training.SportOther
	}
	return w
}

// base is e as given, with the parts its decisions drop taken out of its
// structure before Retext writes the text: strides and faster finishes
// when it must be all easy, a brick's run when the legs are injured.
func (e *response) base() Upcoming {
	w := e.w
	if w.Structure == nil || !e.plain && e.spare == "" {
		return w
	}
	s := *w.Structure
	if e.plain {
		s.Strides = 0
		if s.Finish {
			s.Reps, s.Work, s.Rest = 0, 0, 0
		}
	}
	if e.spare != "" {
		s.Brick, s.BrickRace, s.BrickCue = 0, 0, ""
	}
	if e.plain {
		s.BrickRace, s.BrickCue = 0, ""
	}
	w.Structure = &s
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
		case training.KindRest, training.KindRecovery, training.KindEasy, training.KindMobility:
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
		switch {
		case !e.count:
		case decided:
			total += sessionLoad(e.after())
		default:
			total += sessionLoad(e.w)
		}
	}
	return total
}

// adjustments lists the changes, by day and ID, each written anew from
// its numbers.
func (r *responder) adjustments() []Adjustment {
	var out []Adjustment
	for _, e := range r.es {
		if !e.changed() {
			continue
		}
		base := e.base()
		a := Retext(base, e.after(), strings.Join(e.why, "; "))
		if base.Structure == nil && (a.Kind != e.w.Kind || a.Sport != e.w.Sport) {
			// The coach's title named the session it no longer is; their
			// description stays, with the change line below it.
			a.Title, _ = write(a.Kind, a.Sport, a.Minutes, a.RPE, a.Zone, training.Structure{})
		}
		action := r.action(e, a)
		if action == "" {
			continue
		}
		out = append(out, Adjustment{WorkoutID: e.w.ID, Action: action, Before: e.w, After: a,
			Why: r.why(e, a), Reason: strings.Join(e.why, "; ")})
	}
	return out
}

// action names what changes for e, proposed as a.
func (r *responder) action(e *response, a Upcoming) string {
	shorter, softer := lightened(e.w, a)
	switch {
	case a.Kind == training.KindRest && e.w.Kind != training.KindRest:
		return actToRest
	case a.Sport != e.w.Sport:
		return actToCross
	case a.Kind == training.KindEasy && e.w.Kind != training.KindEasy:
		return actToEasy
	case !a.Date.Equal(e.w.Date):
		return actMove
	case softer || e.plain && !shorter && e.w.Structure != nil && !slices.Equal(textOf(e.w), textOf(Retext(e.base(), e.after(), ""))):
		return actSoften // strides or a faster finish gone count as softer
	case shorter:
		return actShorten
	case e.spare != "":
		return actSpare
	}
	return ""
}

// textOf is w's title and description.
func textOf(w Upcoming) []string { return []string{w.Title, w.Description} }

// why says in plain words what changes for e, proposed as a.
func (r *responder) why(e *response, a Upcoming) string {
	what := possessive(e.day) + workoutName(e.w)
	var parts []string
	switch {
	case a.Kind == training.KindRest && e.w.Kind != training.KindRest:
		return what + " becomes rest: " + strings.Join(e.why, "; ")
	case a.Sport != e.w.Sport && a.Kind == training.KindRecovery:
		parts = append(parts, fmt.Sprintf("stays %d min of recovery, on the bike or in the pool", a.Minutes))
	case a.Sport != e.w.Sport:
		parts = append(parts, fmt.Sprintf("becomes %d min of %s at %s", a.Minutes, crossWords(e.w.Sport, a.Minutes), units.RPE(a.RPE)))
	case a.Kind == training.KindEasy && e.w.Kind != training.KindEasy:
		parts = append(parts, fmt.Sprintf("becomes an easy %s of %d min at %s", sportNoun(a.Sport), a.Minutes, units.RPE(a.RPE)))
	default:
		shorter, softer := lightened(e.w, a)
		if shorter {
			parts = append(parts, fmt.Sprintf("shortened from %d to %d min", e.w.Minutes, a.Minutes))
		}
		if softer {
			parts = append(parts, "softened to "+units.RPE(sessionRPE(a)))
		}
		if e.plain && !shorter && !softer {
			parts = append(parts, "without strides or a faster finish")
		}
	}
	if !a.Date.Equal(e.w.Date) {
		parts = append(parts, "moved to "+a.Date.Weekday().String())
	}
	if e.spare != "" {
		s := "spares " + e.spare
		if brick(e.w) {
			s = "loses its run off the bike"
		}
		parts = append(parts, s)
	}
	var reasons []string
	for _, y := range e.why {
		if !strings.HasPrefix(y, "sparing ") && !strings.HasPrefix(y, "moved to ") {
			reasons = append(reasons, y)
		}
	}
	if len(reasons) == 0 {
		return what + " " + andList(parts)
	}
	return what + " " + andList(parts) + ": " + strings.Join(reasons, "; ")
}

// crossWords is the cross-training that stands in for a session of sport
// of minutes: deep-water running up to an hour, a ride beyond it; a swim
// becomes a ride, or kick sets with fins where they are pain-free.
func crossWords(sport string, minutes int) string {
	switch {
	case sport == training.SportSwim:
		return "easy riding (or kick sets with fins, if pain-free)"
	case minutes <= aquaJogMax:
		return "easy aqua-jogging, pool or bike"
	}
	return "easy riding (pedalling with the midfoot, easy gears), or up to an hour of aqua-jogging and the rest on the bike"
}

// note says what the response does to the days, in words.
func (r *responder) note(out Response) string {
	if len(out.Adjustments) == 0 {
		return "Nothing in the coming days needs to change for these reasons."
	}
	var rests, easies, crosses, moves, trims, spares []string
	recovery := ""
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
		if protectedWorkout(a.Before) {
			recovery = " Recovery sessions keep their day and length"
			if a.After.Kind == training.KindRest {
				recovery = " Recovery sessions in the days of rest become rest too: that is more recovery, not less."
			} else {
				recovery += ", off the injured area."
			}
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
	add("Adapted", spares)
	s := strings.Join(parts, " ")
	if before := out.LoadBefore; before > 0 && out.LoadAfter < before-1e-9 {
		was, now := 0, 0
		for _, e := range r.es {
			if e.count {
				was, now = was+max(e.w.Minutes, 0), now+max(e.after().Minutes, 0)
			}
		}
		s += fmt.Sprintf(" Training time of the coming days: %s instead of %s (load down about %d %%).",
			duration(now), duration(was), int(math.Round(100*(1-out.LoadAfter/before))))
	}
	if recovery == "" {
		recovery = " Recovery sessions stay as they are."
	}
	return s + recovery
}
