package training

import "time"

// EventKinds are the goal events a coach can enter; custom needs a distance.
var EventKinds = []string{"5k", "10k", "half", "marathon", "ultra", "sprint_tri", "olympic_tri", "half_tri", "full_tri", "custom"}

// EventSports are the sports of events.
var EventSports = []string{"run", "bike", "swim", "triathlon", "other"}

// Event is a goal race or event of an athlete.
type Event struct {
	ID        int64
	AthleteID int64
	Name      string
	Day       time.Time
	Sport     string
	Kind      string
	DistanceM int // custom events; 0 otherwise
	Priority  string
	Notes     string
}
