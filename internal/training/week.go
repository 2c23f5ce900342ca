package training

import "time"

// WeekStart is the first day of the week holding day: the Monday before or
// on it, or the Sunday when the athlete's weeks start on Sunday. The SQL
// function athlete_week_start computes the same (held to this by a test).
func WeekStart(day time.Time, sundayFirst bool) time.Time {
	back := (int(day.Weekday()) - int(FirstWeekday(sundayFirst)) + 7) % 7
	return day.AddDate(0, 0, -back)
}

// FirstWeekday is the day an athlete's weeks start on.
func FirstWeekday(sundayFirst bool) time.Weekday {
	if sundayFirst {
		return time.Sunday
	}
	return time.Monday
}
