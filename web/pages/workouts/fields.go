package workouts

import "rebound/web/components"

// WorkoutFields are the fields the coach's workout form and the athlete's
// log of a workout done without a plan share.
type WorkoutFields struct {
	Day, Sport, Kind, Title components.Text
}

// PlanFields is the coach's workout form (PlanForm).
type PlanFields struct {
	components.Problems
	WorkoutFields
	Version         components.Text // the version the form was drawn from
	PlannedMin      components.Text
	PlannedDistance components.Text
	TargetRPE       components.Text
	TargetZone      components.Text
	Description     components.Text
	OverrideReason  components.Text // why a change may cut a recovery workout
}

// LogFields is the athlete's log form (LogForm); its WorkoutFields only
// for a workout done without a plan.
type LogFields struct {
	components.Problems
	WorkoutFields
	Status      components.Text // done or skipped
	DurationMin components.Text
	Distance    components.Text
	RPE         components.Text
	AvgHR       components.Text
	Notes       components.Text
}
