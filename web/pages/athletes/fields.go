package athletes

import "rebound/web/components"

// EventFields is the goal event form (EventForm).
type EventFields struct {
	components.Problems
	Name, Day, Sport, Kind components.Text
	Distance               components.Text // a custom distance only
	Priority               components.Text // A, B or C
	Notes                  components.Text
}
