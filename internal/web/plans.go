package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"rebound/internal/apperr"
	"rebound/internal/coaching"
	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/web/components"
	"rebound/web/pages/plans"
)

// planEventKind maps a goal event to the plan's event kinds; a custom run
// distance goes to the nearest standard one.
func planEventKind(e training.Event) (plan.EventKind, bool) {
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
func (s *Server) defaultPlanForm(a training.Athlete, events []training.Event) plans.PlanFields {
	var f plans.PlanFields
	sport := "run"
	switch {
	case slices.Contains(a.Sports, "swim") && slices.Contains(a.Sports, "bike") && slices.Contains(a.Sports, "run"):
		sport = "tri"
	case !slices.Contains(a.Sports, "run") && slices.Contains(a.Sports, "bike"):
		sport = "bike"
	case len(a.Sports) == 1 && a.Sports[0] == "strength":
		sport = "strength"
	}
	f.Sport.Value = sport
	// From today: a plan saved mid-week fills the rest of this week, so
	// This week and Print show it at once.
	today := s.athleteToday(a)
	f.Start.Value = today.Format(time.DateOnly)
	f.EventPriority.Value, f.Weeks.Value = "A", "12"
	if a.WeeklyMinutes > 0 {
		f.WeeklyMinutes.Value = strconv.Itoa(a.WeeklyMinutes)
	}
	f.Experience.Value, f.LongDay.Value = a.Experience, "sun"
	f.CutbackEvery.Value, f.CutbackDepth.Value, f.MaxRamp.Value = "4", "75", "10"
	for i := range f.Days {
		f.Days[i].Avail.Value = "on"
	}
	for _, e := range events {
		if e.Priority == "A" && !e.Day.Before(today) {
			f.Event.Value = strconv.FormatInt(e.ID, 10)
			break
		}
	}
	return f
}

// newEvent is the event select's choice of the goal event entered on the
// plan form itself.
const newEvent = "new"

func eventOptions(events []training.Event, today time.Time) []components.Option {
	opts := []components.Option{{Value: "", Label: "None: a base block"}, {Value: newEvent, Label: "A new event, entered below"}}
	for _, e := range events {
		if !e.Day.Before(today) {
			opts = append(opts, components.Option{Value: strconv.FormatInt(e.ID, 10),
				Label: e.Name + " (" + e.Priority + "), " + e.Day.Format("2 Jan 2006")})
		}
	}
	return opts
}

// planRequest is the plan form read: the generator's input (from the
// first day of the start's week), the day the plan really starts, and the
// goal event, saved or entered on the form.
type planRequest struct {
	in       plan.Input
	from     time.Time       // days before it get nothing
	eventID  int64           // a saved event; 0 with none or a new one
	newEvent *training.Event // entered on the form, saved with the plan
}

// decodeNewPlan reads and checks the new-plan form and builds the
// generator's input.
func decodeNewPlan(v url.Values, a training.Athlete, events []training.Event, today time.Time) (plans.PlanFields, planRequest) {
	var f plans.PlanFields
	d := decoder{v: v, form: &f.Problems}
	for _, in := range f.Inputs() {
		*in.Text = d.text(in.Name)
	}
	in := plan.Input{Athlete: plan.Athlete{ThresholdPace: a.ThresholdPace, FTP: a.FTP, ThresholdHR: a.ThresholdHR, MaxHR: a.MaxHR, Units: a.Units}}
	d.required(&f.Sport, &f.Start, &f.WeeklyMinutes, &f.Experience, &f.LongDay)
	d.oneOf(&f.Sport, []string{"run", "bike", "tri", "strength"})
	d.oneOf(&f.Experience, training.Experiences)
	d.oneOf(&f.LongDay, plan.WeekdayKeys[:])
	d.oneOf(&f.CutbackEvery, []string{"3", "4"})
	d.oneOf(&f.KeyWorkouts, []string{"1", "2", "3"})
	in.Athlete.Sport = plan.Sport(f.Sport.Value)
	in.Athlete.Experience = plan.Experience(f.Experience.Value)
	in.Athlete.WeeklyMinutes = d.int(&f.WeeklyMinutes, plan.MinWeeklyMinutes, plan.MaxWeeklyMinutes, "minutes")
	longDay, longOK := plan.ParseWeekday(f.LongDay.Value)
	in.Athlete.LongDay = longDay
	// The generator plans whole weeks: it starts on the first day of the
	// start's week, and the days before the start (or before today) get
	// nothing.
	start := d.day(&f.Start)
	from := start
	if !start.IsZero() && start.Before(weekStart(a, today)) {
		f.Fail(&f.Start, "Start this week or later: a plan does not rewrite the past.")
	} else if !start.IsZero() {
		in.Start = weekStart(a, start)
		if from.Before(today) {
			from = today
		}
	}
	available := 0
	for i := range f.Days {
		day := &f.Days[i]
		in.Athlete.Availability[i] = plan.DayAvailability{Available: day.Avail.Value == "on", MaxMinutes: d.int(&day.Max, 0, 600, "minutes")}
		if in.Athlete.Availability[i].Available {
			available++
		}
	}
	if available < 3 {
		f.Fail(&f.Availability, "Leave at least three days to train on: recovery needs days between the hard ones.")
	}
	if longOK && !in.Athlete.Availability[longDay].Available {
		f.Fail(&f.LongDay, "The long workout needs a day the athlete can train.")
	}
	in.Options = plan.Options{
		CutbackEvery: d.int(&f.CutbackEvery, 3, 4, "a cadence"),
		CutbackDepth: float64(d.int(&f.CutbackDepth, 60, 90, "a percentage")) / 100,
		MaxRamp:      float64(d.int(&f.MaxRamp, 1, 15, "a percentage")) / 100,
		KeyWorkouts:  d.int(&f.KeyWorkouts, 1, 3, "a number"),
		TaperDays:    d.int(&f.TaperDays, 5, 28, "days"),
		Weeks:        d.int(&f.Weeks, 4, 52, "weeks"),
	}
	req := planRequest{from: from}
	var e training.Event
	switch v := f.Event.Value; {
	case v == newEvent || f.EventName.Value != "": // an event typed in is the one meant
		e = readNewEvent(&f, today)
		req.newEvent = &e
	case v != "":
		id, _ := strconv.ParseInt(v, 10, 64)
		i := slices.IndexFunc(events, func(e training.Event) bool { return e.ID == id })
		if i < 0 {
			f.Fail(&f.Event, "Choose one of the athlete's events.")
			break
		}
		e, req.eventID = events[i], events[i].ID
	}
	if e.Name != "" {
		kind, ok := planEventKind(e)
		if !ok {
			f.Fail(&f.Event, "Rebound has plan templates for runs from 5K to ultra and for sprint to full triathlons, not for this event. Choose none for a base block.")
		}
		in.Event = &plan.Event{Name: e.Name, Date: e.Day, Kind: kind, Priority: e.Priority}
	}
	req.in = in
	return f, req
}

// readNewEvent reads the goal event entered on the plan form with the
// event form's own decoding, its errors landing on the plan form's fields.
func readNewEvent(f *plans.PlanFields, today time.Time) training.Event {
	v := url.Values{"sport": {"run"}, "name": {f.EventName.Value}, "day": {f.EventDay.Value}, "kind": {f.EventKind.Value},
		"priority": {f.EventPriority.Value}}
	if strings.HasSuffix(f.EventKind.Value, "_tri") {
		v.Set("sport", "triathlon")
	}
	ef := decodeEvent(v, units.System(""))
	decoder{form: &ef.Problems}.oneOf(&ef.Kind, plans.EventKinds)
	if e := ef.event; !e.Day.IsZero() && e.Day.Before(today) {
		ef.Fail(&ef.Day, "The goal event is in the past.")
	}
	f.Fail(&f.EventName, ef.Name.Error)
	f.Fail(&f.EventDay, ef.Day.Error)
	f.Fail(&f.EventKind, ef.Kind.Error)
	f.Fail(&f.EventPriority, ef.Priority.Error)
	if !ef.Valid() {
		f.Fail(&f.Event, "Complete the new event below, or choose another.")
	}
	return ef.event
}

// refused is the field a refusal of the generator names, or nil.
func refused(f *plans.PlanFields, field string) *components.Text {
	switch field {
	case "event_date", "event":
		return &f.Event
	case "start":
		return &f.Start
	case "weekly_minutes":
		return &f.WeeklyMinutes
	case "key_workouts":
		return &f.KeyWorkouts
	case "experience":
		return &f.Experience
	case "long_day":
		return &f.LongDay
	case "availability":
		return &f.Availability
	case "cutback_every":
		return &f.CutbackEvery
	case "cutback_depth":
		return &f.CutbackDepth
	case "max_ramp":
		return &f.MaxRamp
	case "taper_days":
		return &f.TaperDays
	case "weeks":
		return &f.Weeks
	}
	return nil
}

// generate runs the generator on the decoded form; refusals land next to
// their field. The plan's first week keeps only the days from the start
// on.
func (s *Server) generate(f *plans.PlanFields, req planRequest, a training.Athlete) (plan.Plan, bool) {
	if !f.Valid() {
		return plan.Plan{}, false
	}
	p, err := plan.Generate(req.in)
	if refusal, ok := errors.AsType[*plan.Refusal](err); ok {
		if t := refused(f, refusal.Field); t != nil {
			f.Fail(t, refusal.Message)
		} else {
			f.Problem = refusal.Message
		}
		return p, false
	}
	if err != nil {
		s.logger.Error("plan generation failed", "err", err, "athlete_id", a.ID)
		f.Problem = "This plan could not be made. It has been logged; try other options."
		return p, false
	}
	return fromDay(p, req.from), true
}

// fromDay drops the first week's workouts before from, and says so in the
// week's rationale and target: that week holds only the days left of it.
func fromDay(p plan.Plan, from time.Time) plan.Plan {
	if len(p.Weeks) == 0 || !p.Weeks[0].Start.Before(from) {
		return p
	}
	first := p.Weeks[0]
	kept, minutes := first.Workouts[:0:0], 0
	for _, w := range first.Workouts {
		if !w.Date.Before(from) {
			kept = append(kept, w)
			minutes += w.Minutes
		}
	}
	first.Rationale = fmt.Sprintf("The plan starts on %s, so this week holds %s of its %s; the days before it get nothing. %s",
		from.Format("Monday"), units.Duration(minutes*60), units.Duration(first.TargetMinutes*60), first.Rationale)
	first.Workouts, first.TargetMinutes = kept, minutes
	p.Weeks = append([]plan.Week{first}, p.Weeks[1:]...)
	return p
}

// planPage loads the coach's athlete and their events for the plan pages.
func (s *Server) planPage(r *http.Request) (store.User, training.Athlete, []training.Event, error) {
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

func (s *Server) showPlanForm(w http.ResponseWriter, r *http.Request, status int, a training.Athlete, events []training.Event, f plans.PlanFields) {
	today := s.athleteToday(a)
	s.render(w, r, status, plans.Form(s.page(r, "New plan for "+a.Name), a, eventOptions(events, today), f, startHint(a, today)))
}

// startHint says what a start in the middle of a week does, and which day
// gives a whole first week.
func startHint(a training.Athlete, today time.Time) string {
	next := weekStart(a, today)
	if next.Equal(today) {
		return "Today starts a week: the plan's first week is a whole one."
	}
	next = next.AddDate(0, 0, 7)
	return fmt.Sprintf("From today it fills the rest of this week. For a whole first week: %s.", next.Format("Monday 2 January"))
}

// planDraft is a plan form as posted, with the plan it makes.
type planDraft struct {
	coach  store.User
	a      training.Athlete
	events []training.Event
	f      plans.PlanFields
	req    planRequest
	p      plan.Plan
}

// draftPlan reads a posted plan form, for its preview or its saving, and
// makes the plan; ok is false when the answer is written already (an
// error, or the form again with its problems).
func (s *Server) draftPlan(w http.ResponseWriter, r *http.Request) (d planDraft, ok bool) {
	var err error
	if d.coach, d.a, d.events, err = s.planPage(r); err != nil {
		s.renderError(w, r, err)
		return d, false
	}
	if !s.parseForm(w, r) {
		return d, false
	}
	d.f, d.req = decodeNewPlan(r.PostForm, d.a, d.events, s.athleteToday(d.a))
	if d.p, ok = s.generate(&d.f, d.req, d.a); !ok {
		s.showPlanForm(w, r, http.StatusUnprocessableEntity, d.a, d.events, d.f)
	}
	return d, ok
}

func (s *Server) planPreview(w http.ResponseWriter, r *http.Request) {
	d, ok := s.draftPlan(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, plans.Preview(s.page(r, "Preview plan for "+d.a.Name), d.a, planView(d.a, d.req, d.p, false), d.f))
}

func (s *Server) planSave(w http.ResponseWriter, r *http.Request) {
	d, ok := s.draftPlan(w, r)
	if !ok {
		return
	}
	coach, a, f, req, p := d.coach, d.a, d.f, d.req, d.p
	if req.newEvent != nil {
		e, err := s.store.AddEvent(r.Context(), coach, a.ID, *req.newEvent)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		req.eventID = e.ID
		f.Event.Value = strconv.FormatInt(req.eventID, 10)
	}
	filled := map[string]string{} // the form as filled in, every input by name
	for _, in := range f.Inputs() {
		filled[in.Name] = in.Text.Value
	}
	inputs, err := json.Marshal(filled)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	np := coaching.NewPlan(req.in, p, req.eventID, inputs)
	np.Start = req.from // earlier days, and an earlier plan's workouts on them, stay as they are
	_, kept, err := s.store.SavePlan(r.Context(), coach, a.ID, np)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	msg := fmt.Sprintf("The plan is saved: %d weeks from %s.", len(p.Weeks), req.from.Format("Monday 2 January"))
	if kept > 0 {
		msg += fmt.Sprintf(" %d days kept the workouts already there.", kept)
	}
	s.redirect(w, r, weekPath(a, req.in.Start), msg)
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
func planView(a training.Athlete, req planRequest, p plan.Plan, linked bool) plans.View {
	v := plans.View{Title: planTitle(req), Warnings: p.Warnings, Notes: p.Notes}
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
func savedView(a training.Athlete, p store.SavedPlan) plans.View {
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

func planTitle(req planRequest) string {
	if e := req.in.Event; e != nil {
		return fmt.Sprintf("%s on %s", e.Name, e.Date.Format("2 Jan 2006"))
	}
	return "Base block from " + req.from.Format("2 Jan 2006")
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
