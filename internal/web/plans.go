package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"rebound/internal/apperr"
	"rebound/internal/coaching"
	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/internal/units"
	"rebound/web/components"
	"rebound/web/pages/plans"
)

// planFields are the inputs of the new-plan form, kept with the plan.
var planFields = func() []string {
	f := []string{"event", "sport", "start", "weeks", "weekly_minutes", "experience", "long_day",
		"cutback_every", "cutback_depth", "max_ramp", "key_workouts", "taper_days"}
	for _, d := range plan.WeekdayKeys {
		f = append(f, "avail_"+d, "max_"+d)
	}
	return f
}()

// planEventKind maps a goal event to the plan's event kinds; a custom run
// distance goes to the nearest standard one.
func planEventKind(e store.Event) (plan.EventKind, bool) {
	switch e.Kind {
	case "5k", "10k", "half", "marathon", "ultra":
		return plan.EventKind(e.Kind), true
	case "sprint_tri":
		return "sprint", true
	case "olympic_tri":
		return "olympic", true
	case "half_tri":
		return "70.3", true
	case "full_tri":
		return "ironman", true
	}
	if e.Sport != "run" || e.DistanceM == 0 {
		return "", false
	}
	switch km := float64(e.DistanceM) / 1000; {
	case km <= 7.5:
		return "5k", true
	case km <= 15:
		return "10k", true
	case km <= 30:
		return "half", true
	case km <= 45:
		return "marathon", true
	}
	return "ultra", true
}

// defaultPlanForm fills the form from the athlete's profile.
func (s *Server) defaultPlanForm(a store.Athlete, events []store.Event) *components.Form {
	f := components.NewForm()
	sport := "run"
	switch {
	case slices.Contains(a.Sports, "swim") && slices.Contains(a.Sports, "bike") && slices.Contains(a.Sports, "run"):
		sport = "tri"
	case !slices.Contains(a.Sports, "run") && slices.Contains(a.Sports, "bike"):
		sport = "bike"
	case len(a.Sports) == 1 && a.Sports[0] == "strength":
		sport = "strength"
	}
	f.Set("sport", sport)
	today := s.athleteToday(a)
	start := weekStart(a, today)
	if start.Before(today) {
		start = start.AddDate(0, 0, 7)
	}
	f.Set("start", start.Format(time.DateOnly))
	f.Set("weeks", "12")
	if a.WeeklyMinutes > 0 {
		f.Set("weekly_minutes", strconv.Itoa(a.WeeklyMinutes))
	}
	f.Set("experience", a.Experience)
	f.Set("long_day", "sun")
	f.Set("cutback_every", "4")
	f.Set("cutback_depth", "75")
	f.Set("max_ramp", "10")
	for _, d := range plan.WeekdayKeys {
		f.Set("avail_"+d, "on")
	}
	for _, e := range events {
		if e.Priority == "A" && !e.Day.Before(today) {
			f.Set("event", strconv.FormatInt(e.ID, 10))
			break
		}
	}
	return f
}

func eventOptions(events []store.Event, today time.Time) []components.Option {
	opts := []components.Option{{Value: "", Label: "None: a base block"}}
	for _, e := range events {
		if !e.Day.Before(today) {
			opts = append(opts, components.Option{Value: strconv.FormatInt(e.ID, 10),
				Label: e.Name + " (" + e.Priority + "), " + e.Day.Format("2 Jan 2006")})
		}
	}
	return opts
}

// readPlanInput validates the form and builds the generator's input.
func readPlanInput(f *components.Form, a store.Athlete, events []store.Event, today time.Time) (plan.Input, int64) {
	in := plan.Input{Athlete: plan.Athlete{ThresholdPace: a.ThresholdPace, FTP: a.FTP, ThresholdHR: a.ThresholdHR, MaxHR: a.MaxHR, Units: a.Units}}
	required(f, "sport", "start", "weekly_minutes", "experience", "long_day")
	oneOf(f, "sport", []string{"run", "bike", "tri", "strength"})
	oneOf(f, "experience", store.Experiences)
	oneOf(f, "long_day", plan.WeekdayKeys[:])
	oneOf(f, "cutback_every", []string{"3", "4"})
	oneOf(f, "key_workouts", []string{"1", "2", "3"})
	in.Athlete.Sport = plan.Sport(f.Value("sport"))
	in.Athlete.Experience = plan.Experience(f.Value("experience"))
	in.Athlete.WeeklyMinutes = intField(f, "weekly_minutes", 30, 3000, "minutes")
	longDay, longOK := plan.ParseWeekday(f.Value("long_day"))
	in.Athlete.LongDay = longDay
	in.Start = parseDay(f, "start")
	if !in.Start.IsZero() && in.Start.Before(today.AddDate(0, 0, -7)) {
		f.Fail("start", "Start this week or later: a plan does not rewrite the past.")
	} else if !in.Start.IsZero() && !weekStart(a, in.Start).Equal(in.Start) {
		f.Fail("start", "Start on the first day of a week ("+weekStart(a, in.Start).Format("Monday")+"s for "+a.Name+"), so the plan's weeks are the weeks of the calendar.")
	}
	available := 0
	for i, d := range plan.WeekdayKeys {
		in.Athlete.Availability[i] = plan.DayAvailability{Available: f.Value("avail_"+d) == "on",
			MaxMinutes: intField(f, "max_"+d, 0, 600, "minutes")}
		if in.Athlete.Availability[i].Available {
			available++
		}
	}
	if available < 3 {
		f.Fail("availability", "Leave at least three days to train on: recovery needs days between the hard ones.")
	}
	if longOK && !in.Athlete.Availability[longDay].Available {
		f.Fail("long_day", "The long workout needs a day the athlete can train.")
	}
	in.Options = plan.Options{
		CutbackEvery: intField(f, "cutback_every", 3, 4, "a cadence"),
		CutbackDepth: float64(intField(f, "cutback_depth", 60, 90, "a percentage")) / 100,
		MaxRamp:      float64(intField(f, "max_ramp", 1, 15, "a percentage")) / 100,
		KeyWorkouts:  intField(f, "key_workouts", 1, 3, "a number"),
		TaperDays:    intField(f, "taper_days", 5, 28, "days"),
		Weeks:        intField(f, "weeks", 4, 52, "weeks"),
	}
	var eventID int64
	if v := f.Value("event"); v != "" {
		id, _ := strconv.ParseInt(v, 10, 64)
		i := slices.IndexFunc(events, func(e store.Event) bool { return e.ID == id })
		if i < 0 {
			f.Fail("event", "Choose one of the athlete's events.")
		} else {
			e := events[i]
			kind, ok := planEventKind(e)
			if !ok {
				f.Fail("event", "Rebound has plan templates for runs from 5K to ultra and for sprint to full triathlons, not for this event. Choose none for a base block.")
			}
			in.Event = &plan.Event{Name: e.Name, Date: e.Day, Kind: kind, Priority: e.Priority}
			eventID = e.ID
		}
	}
	return in, eventID
}

// refusalField maps the generator's field names to the form's.
var refusalField = map[string]string{"event_date": "event", "event": "event", "start": "start", "weekly_minutes": "weekly_minutes",
	"key_workouts": "key_workouts", "experience": "experience", "long_day": "long_day", "availability": "availability",
	"cutback_every": "cutback_every", "cutback_depth": "cutback_depth", "max_ramp": "max_ramp", "taper_days": "taper_days", "weeks": "weeks"}

// generate runs the generator on the form; refusals land next to their field.
func (s *Server) generate(f *components.Form, a store.Athlete, events []store.Event) (plan.Input, plan.Plan, int64, bool) {
	in, eventID := readPlanInput(f, a, events, s.athleteToday(a))
	if !f.Valid() {
		return in, plan.Plan{}, 0, false
	}
	p, err := plan.Generate(in)
	if refusal, ok := errors.AsType[*plan.Refusal](err); ok {
		if field, ok := refusalField[refusal.Field]; ok {
			f.Fail(field, refusal.Message)
		} else {
			f.Problem = refusal.Message
		}
		return in, p, 0, false
	}
	if err != nil {
		s.logger.Error("plan generation failed", "err", err, "athlete_id", a.ID)
		f.Problem = "This plan could not be made. It has been logged; try other options."
		return in, p, 0, false
	}
	return in, p, eventID, true
}

// planPage loads the coach's athlete and their events for the plan pages.
func (s *Server) planPage(r *http.Request) (store.User, store.Athlete, []store.Event, error) {
	coach, a, err := s.visibleAthlete(r)
	if err != nil {
		return coach, a, nil, err
	}
	events, err := s.store.Events(r.Context(), coach, a.ID)
	return coach, a, events, err
}

func (s *Server) planNewForm(w http.ResponseWriter, r *http.Request) {
	_, a, events, err := s.planPage(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.showPlanForm(w, r, http.StatusOK, a, events, s.defaultPlanForm(a, events))
}

func (s *Server) showPlanForm(w http.ResponseWriter, r *http.Request, status int, a store.Athlete, events []store.Event, f *components.Form) {
	s.render(w, r, status, plans.Form(s.page(r, "New plan for "+a.Name), a, eventOptions(events, s.athleteToday(a)), f))
}

func (s *Server) planPreview(w http.ResponseWriter, r *http.Request) {
	_, a, events, err := s.planPage(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f, ok := s.parseForm(w, r, planFields...)
	if !ok {
		return
	}
	in, p, _, ok := s.generate(f, a, events)
	if !ok {
		s.showPlanForm(w, r, http.StatusUnprocessableEntity, a, events, f)
		return
	}
	s.render(w, r, http.StatusOK, plans.Preview(s.page(r, "Preview plan for "+a.Name), a, planView(a, in, p, false), f, planFields))
}

func (s *Server) planSave(w http.ResponseWriter, r *http.Request) {
	coach, a, events, err := s.planPage(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f, ok := s.parseForm(w, r, planFields...)
	if !ok {
		return
	}
	in, p, eventID, ok := s.generate(f, a, events)
	if !ok {
		s.showPlanForm(w, r, http.StatusUnprocessableEntity, a, events, f)
		return
	}
	inputs, err := json.Marshal(f.Values)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	np := coaching.NewPlan(in, p, eventID, inputs)
	_, kept, err := s.store.SavePlan(r.Context(), coach, a.ID, np)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	msg := fmt.Sprintf("The plan is saved: %d weeks from %s.", len(p.Weeks), in.Start.Format("Monday 2 January"))
	if kept > 0 {
		msg += fmt.Sprintf(" %d days kept the workouts already there.", kept)
	}
	s.redirect(w, r, weekPath(a, in.Start), msg)
}

// planShow is the athlete's current plan.
func (s *Server) planShow(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	saved, err := s.store.LatestPlan(r.Context(), u, a.ID)
	v := plans.View{Title: "Plan"}
	switch {
	case err == nil:
		v = savedView(a, saved)
	case apperr.CodeOf(err) != apperr.NotFound:
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, plans.Show(s.page(r, "Plan of "+a.Name), a, v, a.CoachID == u.ID))
}

// planView shows a generated plan.
func planView(a store.Athlete, in plan.Input, p plan.Plan, linked bool) plans.View {
	v := plans.View{Title: planTitle(in), Warnings: p.Warnings, Notes: p.Notes}
	for _, wk := range p.Weeks {
		row := plans.Week{Start: wk.Start, Phase: string(wk.Phase), Kind: string(wk.Kind), TargetMinutes: wk.TargetMinutes,
			EasyShare: wk.EasyShare, Rationale: wk.Rationale}
		for _, wo := range wk.Workouts {
			row.Days = append(row.Days, plans.Day{Date: wo.Date, Title: wo.Title, Minutes: wo.Minutes, Key: wo.Key})
		}
		if linked {
			row.Path = weekPath(a, wk.Start)
		}
		v.Weeks = append(v.Weeks, row)
	}
	v.Chart = volumeChart(v.Weeks)
	return v
}

// savedView shows a stored plan, each week linking to its week view.
func savedView(a store.Athlete, p store.SavedPlan) plans.View {
	var inputs map[string]string
	_ = json.Unmarshal(p.Inputs, &inputs) // the title only; a plan without readable inputs still shows
	v := plans.View{Title: "Plan from " + p.Start.Format("2 Jan 2006"), Warnings: p.Warnings, Notes: p.Notes}
	if inputs["sport"] != "" {
		v.Title = components.Words(inputs["sport"]) + " plan from " + p.Start.Format("2 Jan 2006")
	}
	for _, wk := range p.Weeks {
		v.Weeks = append(v.Weeks, plans.Week{Start: wk.Start, Phase: wk.Phase, Kind: wk.Kind, TargetMinutes: wk.TargetMinutes,
			EasyShare: wk.EasyShare, Rationale: wk.Rationale, Path: weekPath(a, wk.Start)})
	}
	v.Chart = volumeChart(v.Weeks)
	return v
}

func planTitle(in plan.Input) string {
	if in.Event != nil {
		return fmt.Sprintf("%s on %s", in.Event.Name, in.Event.Date.Format("2 Jan 2006"))
	}
	return "Base block from " + in.Start.Format("2 Jan 2006")
}

// volumeChart draws the weekly volume, coloured by the week's kind.
func volumeChart(weeks []plans.Week) components.BarChart {
	c := components.BarChart{ID: "volume", Title: "Weekly volume, in hours", Unit: "h"}
	var parts []string
	for i, w := range weeks {
		hours := math.Round(float64(w.TargetMinutes)/6) / 10
		c.Bars = append(c.Bars, components.Bar{Label: strconv.Itoa(i + 1), Value: hours, Class: "kind-" + w.Kind,
			Title: fmt.Sprintf("Week %d (%s): %s, %s", i+1, w.Start.Format("2 Jan"), units.Duration(w.TargetMinutes*60), w.Kind)})
		parts = append(parts, fmt.Sprintf("week %d %s %s", i+1, units.Duration(w.TargetMinutes*60), w.Kind))
	}
	c.Desc = "Planned volume by week: " + strings.Join(parts, "; ") + "."
	return c
}
