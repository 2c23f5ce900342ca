package checkin

import "rebound/web/components"

// CheckInFields is the check-in form (Page).
type CheckInFields struct {
	components.Problems
	SleepHours    components.Text
	Answers       [6]components.Text // to Items, in their order
	Illness       components.Text    // "on" when ticked
	IllnessSite   components.Text
	Injury        components.Text // "on" when ticked
	InjuryAreas   components.Text // the ticked ones, joined by commas
	RestingHR     components.Text
	HRV           components.Text
	SorenessAreas components.Text // the ticked ones, joined by commas
	Notes         components.Text
}
