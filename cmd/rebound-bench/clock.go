package main

import (
	"fmt"
	"time"
)

// clock is an instant the kept rows' refresh is measured at.
type clock struct {
	name string
	at   time.Time
}

// clockDays are the instants before now whose plans of the refresh have
// differed: the start, middle and end of a week, a Sunday evening in the
// athletes' commonest zone (in the zones east of it a new week has begun),
// and the latest day, within the last year, on which each of the two
// commonest zones that change their clocks did. zones are the athletes',
// the commonest first.
func clockDays(now time.Time, zones []*time.Location) []clock {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	last := func(wd time.Weekday) time.Time {
		for back := 1; ; back++ {
			if d := today.AddDate(0, 0, -back); d.Weekday() == wd {
				return d
			}
		}
	}
	at := func(d time.Time, hour, minute int, loc *time.Location) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, loc)
	}
	home := time.UTC
	if len(zones) > 0 {
		home = zones[0]
	}
	days := []clock{
		{"Monday", at(last(time.Monday), 9, 0, time.UTC)},
		{"Thursday", at(last(time.Thursday), 12, 0, time.UTC)},
		{"Saturday", at(last(time.Saturday), 10, 0, time.UTC)},
		{"Sunday evening", at(last(time.Sunday), 20, 30, home)},
	}
	changes := 0
	for _, loc := range zones {
		if d, ok := lastClockChange(today, loc); ok && changes < 2 {
			days = append(days, clock{fmt.Sprintf("clocks change in %s", loc), at(d, 12, 0, loc)})
			changes++
		}
	}
	return days
}

// lastClockChange is the latest day before today, within a year, on which
// loc's offset from UTC changed (its noon differs in offset from the day
// before's).
func lastClockChange(today time.Time, loc *time.Location) (time.Time, bool) {
	offset := func(d time.Time) int {
		_, off := time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, loc).Zone()
		return off
	}
	for back := 1; back <= 366; back++ {
		d := today.AddDate(0, 0, -back)
		if offset(d) != offset(d.AddDate(0, 0, -1)) {
			return d, true
		}
	}
	return time.Time{}, false
}
