package training

import (
	"slices"
	"time"
)

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

// Workout is one training session, planned and/or done. Durations are
// seconds, distances metres; zero means none.
type Workout struct {
	ID        int64
	AthleteID int64
	Day       time.Time // the athlete's calendar day, at 00:00 UTC
	Prescription
	Planned       bool // false: logged without a plan
	Protected     bool
	Key           bool   // a hard workout: a recovery or rest day follows it
	PlanID        int64  // the plan that made it; 0: added by hand
	Status        string // planned, done or skipped
	Log           Log
	LoggedAt      *time.Time
	CoachModified bool       // the coach changed the prescription after making it
	ModifiedAt    *time.Time // when the coach last changed it
	Version       int
	ActivityID    int64 // the activity from a file it is the record of; 0: none
}

// ProtectedRecovery reports whether w is a protected workout to do: a
// rest day is protected too (no adjustment takes it away), but it is not
// a workout, and "easy means easy" or a log would mean nothing for it.
func (w Workout) ProtectedRecovery() bool { return w.Protected && w.Kind != KindRest }

// Matchable reports whether workout w can take a file moved from another
// workout of the day: it has none, and is not a rest day.
func (w Workout) Matchable() bool { return w.ActivityID == 0 && w.Kind != KindRest }

// Prescription is what the coach plans for a workout: its planned part.
type Prescription struct {
	Sport            string
	Kind             string
	Title            string
	PlannedDurationS int
	PlannedDistanceM int
	TargetRPE        float64 // 0: none
	TargetZone       int     // 0: none
	Description      string  // at most MaxDescription characters
	// What Title and Description are written from (package plan's
	// Retext keeps them in step with the numbers); nil: they are the
	// coach's own.
	Structure *Structure
}

// MaxDescription is the longest workout description kept: the
// form's limit and the workouts table's CHECK.
const MaxDescription = 4000

// Log is what the athlete reports of a workout, or what a file from
// their watch said of it. Its load is package load's Logged.
type Log struct {
	Status    string // done or skipped
	DurationS int
	DistanceM int
	RPE       float64
	// Unrated: done from a file, and the athlete has not said how hard it
	// was; RPE is then 0 and the estimate stands in for the load.
	Unrated bool
	AvgHR   int
	Notes   string
	// The load estimated from the workout's file, and how: "power",
	// "heart rate" or "none" (the file had neither); "" without a file.
	EstimatedLoad float64
	LoadMethod    string
}
