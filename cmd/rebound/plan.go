package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"rebound/internal/plan"
	"rebound/internal/units"
)

const planSynopsis = `plan [flags]

Prints the plan the scheduling service makes for the given inputs, for
review and scripting. Nothing is saved. When the athlete's time cannot
prepare them safely for the event, the plan is printed with its warnings,
which also go to stderr; the exit status is still 0.`

// planFlagOf names the flag behind a field the generator refuses.
var planFlagOf = map[string]string{"event_date": "--event-date", "event": "--event", "start": "--start",
	"weekly_minutes": "--weekly-minutes", "key_workouts": "--key-workouts", "experience": "--experience",
	"long_day": "--long-day", "cutback_every": "--cutback-every", "cutback_depth": "--cutback-depth",
	"max_ramp": "--max-ramp", "taper_days": "--taper-days", "weeks": "--weeks", "availability": "--rest-days"}

var eventKinds = []string{"5k", "10k", "half", "marathon", "ultra", "sprint", "olympic", "70.3", "ironman", "none"}

func planCommand(args []string, now time.Time, stdout, stderr io.Writer) error {
	fs := newFlagSet("plan", planSynopsis, stderr)
	sport := fs.String("sport", "run", "run, bike, tri or strength")
	event := fs.String("event", "none", strings.Join(eventKinds, ", "))
	eventDate := fs.String("event-date", "", "the event's date, YYYY-MM-DD (needed with --event)")
	start := fs.String("start", "", "first day of week 1, YYYY-MM-DD (default: next Monday)")
	weekly := fs.Int("weekly-minutes", 0, "the athlete's current weekly training time, minutes (required)")
	experience := fs.String("experience", "intermediate", "beginner, intermediate or advanced")
	longDay := fs.String("long-day", "sun", "day of the long workout: mon … sun")
	cutback := fs.Int("cutback-every", 4, "a cutback week every 3rd or 4th week")
	depth := fs.Int("cutback-depth", 75, "cutback week volume, % of the week before (60–90)")
	ramp := fs.Int("max-ramp", 10, "largest weekly increase, % (1–15)")
	keys := fs.Int("key-workouts", 0, "key workouts a week, 1–3 (0: by experience and phase)")
	taper := fs.Int("taper-days", 0, "taper length in days, 5–28 (0: by event)")
	weeks := fs.Int("weeks", 12, "plan length without an event, weeks")
	pace := fs.String("threshold-pace", "", "run threshold pace, m:ss per km (or per mile with --units mi)")
	ftp := fs.Int("ftp", 0, "bike FTP, watts")
	unitSys := fs.String("units", "km", "km or mi")
	rest := fs.String("rest-days", "", "days the athlete cannot train, comma-separated: mon,fri")
	format := fs.String("format", "text", "text or json")
	if err := fs.Parse(args); err != nil {
		return err
	}
	bad := func(flag, msg string) error { return fmt.Errorf("%s: %s", flag, msg) }
	if fs.NArg() > 0 {
		return fmt.Errorf("plan takes no arguments, got %q", fs.Args())
	}
	if !slices.Contains([]string{"run", "bike", "tri", "strength"}, *sport) {
		return bad("--sport", "want run, bike, tri or strength")
	}
	if !slices.Contains(eventKinds, *event) {
		return bad("--event", "want one of "+strings.Join(eventKinds, ", "))
	}
	if !slices.Contains([]string{"beginner", "intermediate", "advanced"}, *experience) {
		return bad("--experience", "want beginner, intermediate or advanced")
	}
	if *format != "text" && *format != "json" {
		return bad("--format", "want text or json")
	}
	if *unitSys != "km" && *unitSys != "mi" {
		return bad("--units", "want km or mi")
	}
	if *weekly <= 0 {
		return bad("--weekly-minutes", "give the athlete's current weekly training time in minutes, e.g. 180")
	}
	day, ok := plan.ParseWeekday(*longDay)
	if !ok {
		return bad("--long-day", "want mon, tue, wed, thu, fri, sat or sun")
	}
	in := plan.Input{
		Athlete: plan.Athlete{Sport: plan.Sport(*sport), WeeklyMinutes: *weekly, Experience: plan.Experience(*experience),
			LongDay: day, FTP: *ftp, Units: *unitSys},
		Options: plan.Options{CutbackEvery: *cutback, CutbackDepth: float64(*depth) / 100, MaxRamp: float64(*ramp) / 100,
			KeyWorkouts: *keys, TaperDays: *taper, Weeks: *weeks},
	}
	for i := range in.Athlete.Availability {
		in.Athlete.Availability[i].Available = true
	}
	if *rest != "" {
		for _, d := range strings.Split(*rest, ",") {
			i, ok := plan.ParseWeekday(strings.TrimSpace(d))
			if !ok {
				return bad("--rest-days", fmt.Sprintf("%q is not a day: want mon … sun", d))
			}
			in.Athlete.Availability[i].Available = false
		}
	}
	if *pace != "" {
		secPerKm, err := units.System(*unitSys).ParsePace(*pace)
		if err != nil {
			return bad("--threshold-pace", "want m:ss, e.g. 4:30")
		}
		in.Athlete.ThresholdPace = int(secPerKm + 0.5)
	}
	if *start == "" {
		in.Start = nextMonday(now)
	} else {
		t, err := time.Parse(time.DateOnly, *start)
		if err != nil {
			return bad("--start", "want a date as YYYY-MM-DD")
		}
		in.Start = t
	}
	if *event != "none" {
		if *eventDate == "" {
			return bad("--event-date", "give the event's date as YYYY-MM-DD")
		}
		t, err := time.Parse(time.DateOnly, *eventDate)
		if err != nil {
			return bad("--event-date", "want a date as YYYY-MM-DD")
		}
		in.Event = &plan.Event{Name: strings.ToUpper((*event)[:1]) + (*event)[1:], Date: t, Kind: plan.EventKind(*event), Priority: "A"}
	}
	p, err := plan.Generate(in)
	if refusal, ok := errors.AsType[*plan.Refusal](err); ok {
		flag := planFlagOf[refusal.Field]
		if flag == "" {
			flag = refusal.Field
		}
		return bad(flag, refusal.Message)
	}
	if err != nil {
		return err
	}
	for _, w := range p.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	if *format == "json" {
		return writePlanJSON(stdout, p)
	}
	_, err = io.WriteString(stdout, p.Text())
	return err
}

// nextMonday is the Monday after now (today if it is a Monday).
func nextMonday(now time.Time) time.Time {
	d := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, (8-int(d.Weekday()))%7)
}

// The JSON shape of `rebound plan --format json`.
type jsonPlan struct {
	Weeks    []jsonWeek `json:"weeks"`
	Warnings []string   `json:"warnings,omitempty"`
	Notes    []string   `json:"notes,omitempty"`
}

type jsonWeek struct {
	Start         string        `json:"start"`
	Phase         string        `json:"phase"`
	Kind          string        `json:"kind"`
	TargetMinutes int           `json:"target_minutes"`
	Rationale     string        `json:"rationale"`
	Workouts      []jsonWorkout `json:"workouts"`
}

type jsonWorkout struct {
	Date        string  `json:"date"`
	Sport       string  `json:"sport"`
	Kind        string  `json:"kind"`
	Minutes     int     `json:"minutes"`
	DistanceM   int     `json:"distance_m"`
	RPE         float64 `json:"rpe"`
	Zone        int     `json:"zone"`
	Key         bool    `json:"key"`
	Protected   bool    `json:"protected"`
	Title       string  `json:"title"`
	Description string  `json:"description"`
}

func writePlanJSON(w io.Writer, p plan.Plan) error {
	out := jsonPlan{Weeks: []jsonWeek{}, Warnings: p.Warnings, Notes: p.Notes}
	for _, wk := range p.Weeks {
		jw := jsonWeek{Start: wk.Start.Format(time.DateOnly), Phase: string(wk.Phase), Kind: string(wk.Kind),
			TargetMinutes: wk.TargetMinutes, Rationale: wk.Rationale, Workouts: []jsonWorkout{}}
		for _, wo := range wk.Workouts {
			jw.Workouts = append(jw.Workouts, jsonWorkout{Date: wo.Date.Format(time.DateOnly), Sport: wo.Sport, Kind: wo.Kind,
				Minutes: wo.Minutes, DistanceM: wo.DistanceM, RPE: wo.RPE, Zone: wo.Zone, Key: wo.Key, Protected: wo.Protected,
				Title: wo.Title, Description: wo.Description})
		}
		out.Weeks = append(out.Weeks, jw)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
