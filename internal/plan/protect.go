package plan

import "fmt"

// Session is a workout as the protection rule sees it.
type Session struct {
	Kind    string
	Minutes int
	RPE     float64 // target; 0 none
	Zone    int     // target; 0 none
}

// recoveryRPE is the hardest a recovery workout may be: "easy" on the CR-10
// scale (Foster et al. 2001), as DESIGN.md defines recovery.
const recoveryRPE = 3

// CutsRecovery says why changing a recovery workout from before to after
// would cut recovery — removing it (after nil), shortening it, or making it
// harder — or "" when the change keeps it whole. Changes to other workouts
// are never refused by this rule. A recovery workout is where the gains
// are made, so lightening a plan takes from the key workouts instead.
func CutsRecovery(before Session, after *Session) string {
	if before.Kind != "recovery" {
		return ""
	}
	switch {
	case after == nil:
		return "It is a recovery workout, and recovery workouts are never what gets cut."
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
