package plan

import (
	"strings"
	"time"

	"rebound/internal/training"
)

// Upcoming is a workout of the coming days as the response engine sees it.
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
	DistanceM   int                 // planned distance, metres; 0 none
	Structure   *training.Structure // what the text is written from; nil: the title and description are the coach's own
}

// FromWorkout is a stored workout as the engines read it. A rest day
// counts as protected, and anything not planned as done.
func FromWorkout(w training.Workout) Upcoming {
	u := FromPrescription(w.Prescription)
	u.ID, u.Date, u.Key = w.ID, w.Day, w.Key
	u.Protected, u.Done = w.Protected || w.Kind == training.KindRest, w.Status != "planned"
	return u
}

// FromPrescription is a workout's planned part as the engines read it.
func FromPrescription(p training.Prescription) Upcoming {
	return Upcoming{Kind: p.Kind, Sport: p.Sport, Title: p.Title, Minutes: p.PlannedDurationS / 60, RPE: p.TargetRPE,
		Zone: p.TargetZone, Description: p.Description, DistanceM: p.PlannedDistanceM, Structure: p.Structure}
}

// ToPrescription is u (Retext's answer) as a workout's planned part: its
// numbers, and the text, distance and structure that go with them. A
// description longer than a workout keeps is cut.
func ToPrescription(u Upcoming) training.Prescription {
	d := u.Description
	if len(d) > training.MaxDescription {
		d = strings.ToValidUTF8(d[:training.MaxDescription], "")
	}
	return training.Prescription{Sport: u.Sport, Kind: u.Kind, Title: u.Title, PlannedDurationS: u.Minutes * 60,
		PlannedDistanceM: u.DistanceM, TargetRPE: u.RPE, TargetZone: u.Zone, Description: d, Structure: u.Structure}
}

// Adjustment is one proposed change to one workout.
type Adjustment struct {
	WorkoutID int64
	Action    string   // "shorten", "soften", "to_easy", "to_cross", "move", "to_rest", "spare"
	Before    Upcoming // the workout exactly as given
	After     Upcoming // as proposed; a changed Date is the new day
	Why       string   // plain words, e.g. "Tuesday's intervals become an easy run of 60 min at RPE 3: …"
	Reason    string   // the reasons behind it, in words
}

// Adjustment actions.
const (
	actShorten = "shorten"
	actSoften  = "soften"
	actToEasy  = "to_easy"
	actToCross = "to_cross"
	actMove    = "move"
	actToRest  = "to_rest"
	actSpare   = "spare"
)

// typicalRPE is the target assumed for a workout without one, by kind: what
// each kind usually asks on the CR-10 scale. Any other kind counts as easy.
var typicalRPE = map[string]float64{
	training.KindRest: 0, training.KindRecovery: 2, training.KindEasy: 3, training.KindLong: 4, training.KindTempo: 6, training.KindIntervals: 8,
	training.KindRace: 9, training.KindStrength: 5, training.KindMobility: 1, training.KindCrossTraining: 4,
}

// easyRPE is an easy workout's RPE: "you can talk in full sentences".
const easyRPE = 3

// cutBlock is the step minutes come off in, as coaches plan them.
const cutBlock = 5

// keyWorkout reports whether w is a key workout: long, tempo, intervals, a
// race, or anything marked Key.
func keyWorkout(w Upcoming) bool {
	return w.Key || w.Kind == training.KindLong || w.Kind == training.KindTempo || w.Kind == training.KindIntervals || w.Kind == training.KindRace
}

// protectedWorkout reports whether w is recovery: a recovery or rest
// workout, or one marked Protected, whatever its flags say otherwise.
func protectedWorkout(w Upcoming) bool {
	return w.Protected || w.Kind == training.KindRecovery || w.Kind == training.KindRest
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

// sessionLoad is w's session-RPE load: minutes × RPE (Foster et al. 2001).
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

// lightened reports how a change made w into a: shorter, softer or both.
func lightened(w, a Upcoming) (shorter, softer bool) {
	return a.Minutes < w.Minutes, sessionRPE(a) < sessionRPE(w) || a.Zone < w.Zone
}

// possessive is "Tuesday's " for a workout on d.
func possessive(d time.Time) string {
	return d.Weekday().String() + "'s "
}

// workoutName names a workout in a sentence: "intervals", "tempo run",
// "long ride", "strength session".
func workoutName(w Upcoming) string {
	switch w.Kind {
	case training.KindIntervals:
		return w.Kind
	case training.KindCrossTraining:
		return words(w.Kind)
	case training.KindStrength, training.KindMobility:
		return w.Kind + " session"
	}
	return w.Kind + " " + sportNoun(w.Sport)
}

// sportNoun is what one session of sport is called: a run, a ride.
func sportNoun(sport string) string {
	switch sport {
	case training.SportRun:
		return "run"
	case training.SportBike:
		return "ride"
	case training.SportSwim:
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
