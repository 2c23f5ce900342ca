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

// ProfileFields is the coach's form of an athlete's profile (Edit).
type ProfileFields struct {
	components.Problems
	Name, Email, Timezone, BirthYear, Experience components.Text
	Tags                                         components.Text // comma-separated
	Sports                                       components.Text // the ticked ones, joined by commas
	WeeklyMinutes, WeeklyRun, WeeklyBike         components.Text
	ThresholdHR, MaxHR, ThresholdPace, FTP       components.Text
	Units, WeekStart                             components.Text
	Notes                                        components.Text
}

// NewFields is the form to add an athlete (New).
type NewFields struct {
	components.Problems
	Name, Email, Timezone components.Text
}
