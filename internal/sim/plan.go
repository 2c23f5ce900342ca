package sim

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"rebound/internal/plan"
	"rebound/internal/training"
)

// PlanAthlete is the athlete as the plan form gives them to the
// scheduling service: their profile's experience, thresholds and units,
// the sport and weekly minutes the plan starts from, the long day and the
// days they cannot train.
func PlanAthlete(p training.Profile, sport plan.Sport, minutes int, longDay time.Weekday, off []time.Weekday) plan.Athlete {
	a := plan.Athlete{Sport: sport, WeeklyMinutes: minutes, Experience: plan.Experience(p.Experience), LongDay: longDay,
		ThresholdPace: p.ThresholdPace, FTP: p.FTP, ThresholdHR: p.ThresholdHR, MaxHR: p.MaxHR, Units: p.Units}
	if len(off) > 0 {
		for wd := range a.Availability {
			a.Availability[wd] = plan.DayAvailability{Available: !slices.Contains(off, time.Weekday(wd))}
		}
	}
	return a
}

// PlanInputs are a plan's inputs as the new-plan form keeps them with the
// plan, for the form to offer again; eventID is the goal event's, 0 for
// none.
func PlanInputs(in plan.Input, eventID int64) []byte {
	f := map[string]string{"sport": string(in.Athlete.Sport), "start": in.Start.Format(time.DateOnly),
		"weekly_minutes": strconv.Itoa(in.Athlete.WeeklyMinutes), "experience": string(in.Athlete.Experience),
		"long_day": plan.WeekdayKeys[in.Athlete.LongDay], "cutback_every": "4", "cutback_depth": "75", "max_ramp": "10",
		"key_workouts": "", "taper_days": "", "event": "", "weeks": ""}
	if in.Options.CutbackEvery != 0 {
		f["cutback_every"] = strconv.Itoa(in.Options.CutbackEvery)
	}
	if in.Options.Weeks != 0 {
		f["weeks"] = strconv.Itoa(in.Options.Weeks)
	}
	if eventID != 0 {
		f["event"] = strconv.FormatInt(eventID, 10)
	}
	every := in.Athlete.Availability == [7]plan.DayAvailability{} // none given: every day
	for i, d := range plan.WeekdayKeys {
		f["max_"+d] = ""
		if every || in.Athlete.Availability[i].Available {
			f["avail_"+d] = "on"
		}
	}
	b, _ := json.Marshal(f) // a map of strings always encodes
	return b
}

// At is the calendar day's hour:minute in loc.
func At(day time.Time, loc *time.Location, hour, minute int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, loc)
}

// Clamp keeps a simulated time from lying in the future.
func Clamp(t, now time.Time) time.Time {
	if t.After(now) {
		return now
	}
	return t
}
