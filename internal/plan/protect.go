package plan

import (
	"fmt"
	"time"

	"rebound/internal/training"
)

// Session is a workout as the protection rule sees it.
type Session struct {
	Kind      string
	Date      time.Time
	Minutes   int
	RPE       float64 // target; 0 none
	Zone      int     // target; 0 none
	Protected bool    // recovery, or a rest day a plan protects
}

// CutsRecovery says why changing a protected workout (recovery, or a
// protected rest day) from before to after would cut recovery — removing
// it (after nil), moving it off its day, shortening it, or making it
// harder — or "" when the change keeps it whole. Other workouts are never
// refused by this rule. Recovery is where the gains are made, so
// lightening a plan takes from the key workouts instead.
func CutsRecovery(before Session, after *Session) string {
	if before.Kind != training.KindRecovery && !before.Protected {
		return ""
	}
	what := "a recovery workout"
	if before.Kind == training.KindRest {
		what = "a rest day"
	}
	switch {
	case after == nil:
		return "It is " + what + ", and recovery is never what gets cut."
	case !after.Date.IsZero() && !before.Date.IsZero() && !after.Date.Equal(before.Date):
		return fmt.Sprintf("It is %s; moving it off %s takes the recovery away from the day it belongs to.", what, before.Date.Format("Monday"))
	case before.Kind == training.KindRest && !training.Protected(after.Kind):
		return fmt.Sprintf("It is a rest day; turning it into a %s workout takes the rest away.", words(after.Kind))
	case !training.Protected(after.Kind):
		return fmt.Sprintf("It is a recovery workout; turning it into a %s workout takes the recovery away.", words(after.Kind))
	case after.Kind == training.KindRecovery && after.Minutes < before.Minutes:
		return fmt.Sprintf("It is a recovery workout; shortening it from %d to %d minutes cuts recovery.", before.Minutes, after.Minutes)
	case after.RPE > max(before.RPE, training.RecoveryMaxRPE):
		return fmt.Sprintf("It is a recovery workout; an RPE of %g makes it harder than easy.", after.RPE)
	case after.Zone > max(before.Zone, training.RecoveryMaxZone):
		return fmt.Sprintf("It is a recovery workout; zone %d makes it harder than easy.", after.Zone)
	}
	return ""
}

func words(kind string) string {
	if kind == "cross_training" {
		return "cross-training"
	}
	return kind
}
