package training

import "slices"

// Workout kinds, in the coach's words.
const (
	KindRest          = "rest"
	KindRecovery      = "recovery"
	KindEasy          = "easy"
	KindLong          = "long"
	KindTempo         = "tempo"
	KindIntervals     = "intervals"
	KindRace          = "race"
	KindStrength      = "strength"
	KindMobility      = "mobility"
	KindCrossTraining = "cross_training"
)

// Workout sports.
const (
	SportRun      = "run"
	SportBike     = "bike"
	SportSwim     = "swim"
	SportStrength = "strength"
	SportOther    = "other"
)

// Kinds are the workout kinds, in the order the forms list them. The
// workouts table's CHECK on kind holds the same list (held by a test).
var Kinds = []string{KindRest, KindRecovery, KindEasy, KindLong, KindTempo, KindIntervals, KindRace, KindStrength,
	KindMobility, KindCrossTraining}

// Sports are the workout sports, in the order the forms list them.
var Sports = []string{SportRun, SportBike, SportSwim, SportStrength, SportOther}

// IsKind reports whether kind is one of Kinds.
func IsKind(kind string) bool { return slices.Contains(Kinds, kind) }

// IsSport reports whether sport is one of Sports.
func IsSport(sport string) bool { return slices.Contains(Sports, sport) }

// KeyKind reports whether a workout of this kind is a key workout by its
// nature: the hard ones, after which a recovery workout or rest follows and
// which stand 48 hours apart.
func KeyKind(kind string) bool {
	switch kind {
	case KindLong, KindTempo, KindIntervals, KindRace:
		return true
	}
	return false
}

// EasyKind reports whether a workout of this kind is easy by its nature:
// a day of only these is a light day, whatever was done on it.
func EasyKind(kind string) bool {
	switch kind {
	case KindRest, KindRecovery, KindEasy, KindMobility, KindCrossTraining:
		return true
	}
	return false
}

// MayBeKey reports whether a workout of this kind may be marked key (a
// heavy strength session can be): any kind but the protected ones.
func MayBeKey(kind string) bool { return !Protected(kind) }

// Protected reports whether a workout of this kind is protected: recovery
// workouts and rest days are where the gains are made, so no adjustment
// removes or shortens them without the coach's written reason.
func Protected(kind string) bool { return kind == KindRecovery || kind == KindRest }
