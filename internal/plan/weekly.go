package plan

// The weekly volumes a plan can be made from, for forms to offer the same
// range the generator accepts.
const (
	MinWeeklyMinutes = minWeekly
	MaxWeeklyMinutes = maxWeekly
)
