package coaching

import (
	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/internal/training"
)

// NewPlan is a generated plan as the store saves it: its weeks, and every
// day's workouts. inputs is what the coach entered, as JSON, to show and
// regenerate the plan.
func NewPlan(in plan.Input, p plan.Plan, eventID int64, inputs []byte) store.NewPlan {
	np := store.NewPlan{Sport: string(in.Athlete.Sport), EventID: eventID, Start: in.Start, Inputs: inputs, Warnings: p.Warnings, Notes: p.Notes}
	for _, wk := range p.Weeks {
		np.Weeks = append(np.Weeks, training.PlanWeek{Start: wk.Start, Phase: string(wk.Phase), Kind: string(wk.Kind),
			TargetMinutes: wk.TargetMinutes, EasyShare: wk.EasyShare, Rationale: wk.Rationale})
		for _, wo := range wk.Workouts {
			np.Workouts = append(np.Workouts, store.PlannedWorkout{Day: wo.Date, Key: wo.Key, Protected: wo.Protected,
				Prescription: training.Prescription{Sport: wo.Sport, Kind: wo.Kind, Title: wo.Title, PlannedDurationS: wo.Minutes * 60,
					PlannedDistanceM: wo.DistanceM, TargetRPE: wo.RPE, TargetZone: wo.Zone, Description: wo.Description,
					Structure: wo.Structure}})
		}
	}
	np.End = np.Start
	if n := len(p.Weeks); n > 0 {
		np.End = p.Weeks[n-1].Start.AddDate(0, 0, 6)
	}
	return np
}
