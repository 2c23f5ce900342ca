package plan

import (
	"fmt"
	"time"
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

// recoveryRPE is the hardest a recovery workout may be: "easy" on the CR-10
// scale (Foster et al. 2001), as DESIGN.md defines recovery.
const recoveryRPE = 3

// CutsRecovery says why changing a protected workout (recovery, or a
// protected rest day) from before to after would cut recovery — removing
// it (after nil), moving it off its day, shortening it, or making it
// harder — or "" when the change keeps it whole. Other workouts are never
// refused by this rule. Recovery is where the gains are made, so
// lightening a plan takes from the key workouts instead.
func CutsRecovery(before Session, after *Session) string {
	if before.Kind != "recovery" && !before.Protected {
		return ""
	}
	what := "a recovery workout"
	if before.Kind == "rest" {
		what = "a rest day"
	}
	switch {
	case after == nil:
		return "It is " + what + ", and recovery is never what gets cut."
	case !after.Date.IsZero() && !before.Date.IsZero() && !after.Date.Equal(before.Date):
		return fmt.Sprintf("It is %s; moving it off %s takes the recovery away from the day it belongs to.", what, before.Date.Format("Monday"))
	case before.Kind == "rest" && after.Kind != "rest" && after.Kind != "recovery":
		return fmt.Sprintf("It is a rest day; turning it into a %s workout takes the rest away.", words(after.Kind))
	case after.Kind != "recovery" && after.Kind != "rest":
		return fmt.Sprintf("It is a recovery workout; turning it into a %s workout takes the recovery away.", words(after.Kind))
	case after.Kind == "recovery" && after.Minutes < before.Minutes:
		return fmt.Sprintf("It is a recovery workout; shortening it from %d to %d minutes cuts recovery.", before.Minutes, after.Minutes)
	case after.RPE > max(before.RPE, recoveryRPE):
		return fmt.Sprintf("It is a recovery workout; an RPE of %g makes it harder than easy.", after.RPE)
	case after.Zone > max(before.Zone, 2):
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
