package web

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"rebound/internal/apperr"
	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/internal/timezone"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/web/components"
	"rebound/web/pages/workouts"
)

var (
	workoutFields = []string{"version", "override_reason", "confirm", "day", "sport", "kind", "title", "planned_min", "planned_distance", "target_rpe", "target_zone", "description"}
	logFields     = []string{"status", "duration_min", "distance", "rpe", "avg_hr", "notes", "day", "sport", "kind", "title"}
)

// athleteToday is the athlete's calendar day now, at 00:00 UTC.
func (s *Server) athleteToday(a store.Athlete) time.Time { return s.todayIn(a.Timezone) }

// todayIn is the calendar day now in the time zone, at 00:00 UTC.
func (s *Server) todayIn(zone string) time.Time {
	y, m, d := s.store.Now().In(timezone.Location(zone)).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// athleteNow is the time now in the athlete's zone.
func (s *Server) athleteNow(a store.Athlete) time.Time {
	return s.store.Now().In(timezone.Location(a.Timezone))
}

// weekStart is the first day of the athlete's week holding day.
func weekStart(a store.Athlete, day time.Time) time.Time {
	return training.WeekStart(day, a.WeekStartsSunday)
}

func weekPath(a store.Athlete, day time.Time) string {
	return athletePath(a.ID) + "/weeks/" + weekStart(a, day).Format(time.DateOnly)
}

// athleteWorkout loads the athlete named in the URL (visible to the actor)
// and their workout {wid}.
func (s *Server) athleteWorkout(r *http.Request) (store.User, store.Athlete, store.Workout, error) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		return u, a, store.Workout{}, err
	}
	wid, err := strconv.ParseInt(chi.URLParam(r, "wid"), 10, 64)
	if err != nil {
		return u, a, store.Workout{}, apperr.New(apperr.NotFound, "No such workout.")
	}
	w, err := s.store.Workout(r.Context(), u, wid)
	if err == nil && w.AthleteID != a.ID {
		err = apperr.New(apperr.NotFound, "No such workout.")
	}
	return u, a, w, err
}

func planForm(w store.Workout, sys units.System) *components.Form {
	f := components.NewForm()
	f.Set("version", strconv.Itoa(w.Version))
	f.Set("day", w.Day.Format(time.DateOnly))
	f.Set("sport", w.Sport)
	f.Set("kind", w.Kind)
	f.Set("title", w.Title)
	f.Set("description", w.Description)
	if w.PlannedDurationS > 0 {
		f.Set("planned_min", strconv.Itoa(int(math.Round(float64(w.PlannedDurationS)/60))))
	}
	f.Set("planned_distance", distanceShown(w, sys))
	if w.TargetRPE > 0 {
		f.Set("target_rpe", strconv.FormatFloat(w.TargetRPE, 'f', -1, 64))
	}
	if w.TargetZone > 0 {
		f.Set("target_zone", strconv.Itoa(w.TargetZone))
	}
	return f
}

// parseDay reads a yyyy-mm-dd field.
func parseDay(f *components.Form, name string) time.Time {
	v := f.Value(name)
	if v == "" {
		return time.Time{}
	}
	day, err := time.Parse(time.DateOnly, v)
	if err != nil || day.Year() < 2000 || day.Year() > 2100 {
		f.Fail(name, "Enter a date such as 2027-04-25.")
		return time.Time{}
	}
	return day
}

// numberField reads an optional number in [min, max] with at most one
// decimal (RPE 6.5); empty is 0.
func numberField(f *components.Form, name string, min, max float64, what string) float64 {
	v := strings.Replace(f.Value(name), ",", ".", 1)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(n) || n < min || n > max || math.Round(n*10) != n*10 {
		f.Fail(name, "Enter "+what+" from "+strconv.FormatFloat(min, 'f', -1, 64)+" to "+strconv.FormatFloat(max, 'f', -1, 64)+".")
		return 0
	}
	return n
}

// readPlan validates the plan form. An empty title (with an empty
// description) asks for the text written from the numbers (see planText).
func readPlan(f *components.Form, sys units.System) (time.Time, store.Plan) {
	required(f, "day", "sport", "kind")
	if f.Value("title") == "" && f.Value("description") != "" {
		f.Fail("title", "Give it a title, or leave the description empty too: both are then written from the numbers.")
	}
	oneOf(f, "sport", training.Sports)
	oneOf(f, "kind", training.Kinds)
	if len([]rune(f.Value("title"))) > 200 {
		f.Fail("title", "Use at most 200 characters.")
	}
	if len([]rune(f.Value("description"))) > 4000 {
		f.Fail("description", "Use at most 4000 characters.")
	}
	day := parseDay(f, "day")
	p := store.Plan{Sport: f.Value("sport"), Kind: f.Value("kind"), Title: f.Value("title"), Description: strings.ReplaceAll(f.Value("description"), "\r\n", "\n"),
		PlannedDurationS: intField(f, "planned_min", 0, 1440, "minutes") * 60,
		TargetRPE:        numberField(f, "target_rpe", 0, 10, "an RPE"),
		TargetZone:       intField(f, "target_zone", 1, 7, "a zone"),
	}
	var err error
	if p.PlannedDistanceM, err = sys.ParseDistance(f.Value("planned_distance")); err != nil {
		f.Fail("planned_distance", "Enter a distance such as 10 or 12.5.")
	}
	if p.Kind == training.KindRecovery && p.TargetRPE > training.RecoveryMaxRPE {
		f.Fail("target_rpe", "A recovery workout is very easy: RPE "+strconv.Itoa(training.RecoveryMaxRPE)+" or less.")
	}
	if p.Kind == training.KindRecovery && p.TargetZone > training.RecoveryMaxZone {
		f.Fail("target_zone", "A recovery workout stays in zone 1 or "+strconv.Itoa(training.RecoveryMaxZone)+".")
	}
	return day, p
}

func (s *Server) workoutNewForm(w http.ResponseWriter, r *http.Request) {
	_, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	day := s.athleteToday(a)
	if d, err := time.Parse(time.DateOnly, r.URL.Query().Get("day")); err == nil {
		day = d
	}
	wo := store.Workout{Day: day, Plan: store.Plan{Sport: a.Sports[0], Kind: "easy"}, Version: 1}
	f := planForm(wo, units.System(a.Units))
	s.render(w, r, http.StatusOK, workouts.PlanForm(s.page(r, "Plan a workout"), s.planData(a, wo), f))
}

func (s *Server) planData(a store.Athlete, wo store.Workout) workouts.PlanData {
	d := workouts.PlanData{Athlete: a, Workout: wo, Back: weekPath(a, wo.Day), Action: athletePath(a.ID) + "/workouts/new"}
	if wo.ID != 0 {
		base := athletePath(a.ID) + "/workouts/" + strconv.FormatInt(wo.ID, 10)
		d.Action, d.Delete = base+"/edit", base+"/delete"
	}
	return d
}

func (s *Server) workoutCreate(w http.ResponseWriter, r *http.Request) {
	coach, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f, ok := s.parseForm(w, r, workoutFields...)
	if !ok {
		return
	}
	day, p := readPlan(f, units.System(a.Units))
	if !f.Valid() {
		s.render(w, r, http.StatusUnprocessableEntity, workouts.PlanForm(s.page(r, "Plan a workout"), s.planData(a, store.Workout{Day: day}), f))
		return
	}
	p = planText(store.Workout{}, f, units.System(a.Units), day, p)
	if warnings, err := s.spacing(r, coach, a, 0, day, p, f); err != nil {
		s.renderError(w, r, err)
		return
	} else if len(warnings) > 0 {
		d := s.planData(a, store.Workout{Day: day})
		d.Warnings = warnings
		s.render(w, r, http.StatusUnprocessableEntity, workouts.PlanForm(s.page(r, "Plan a workout"), d, f))
		return
	}
	wo, err := s.store.AddWorkout(r.Context(), coach, a.ID, day, p)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, weekPath(a, wo.Day), wo.Title+" is planned for "+wo.Day.Format("Monday 2 January")+".")
}

func (s *Server) workoutEditForm(w http.ResponseWriter, r *http.Request) {
	u, a, wo, err := s.athleteWorkout(r)
	if err == nil && a.CoachID != u.ID {
		err = apperr.New(apperr.NotFound, "No such workout.")
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, workouts.PlanForm(s.page(r, "Edit "+wo.Title), s.planData(a, wo), planForm(wo, units.System(a.Units))))
}

func (s *Server) workoutUpdate(w http.ResponseWriter, r *http.Request) {
	u, a, wo, err := s.athleteWorkout(r)
	if err == nil && a.CoachID != u.ID {
		err = apperr.New(apperr.NotFound, "No such workout.")
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f, ok := s.parseForm(w, r, workoutFields...)
	if !ok {
		return
	}
	day, p := readPlan(f, units.System(a.Units))
	version := intField(f, "version", 1, math.MaxInt32, "a version")
	show := func(status int) {
		s.render(w, r, status, workouts.PlanForm(s.page(r, "Edit "+wo.Title), s.planData(a, wo), f))
	}
	if !f.Valid() {
		show(http.StatusUnprocessableEntity)
		return
	}
	p = planText(wo, f, units.System(a.Units), day, p)
	warnings, err := s.spacing(r, u, a, wo.ID, day, p, f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if len(warnings) > 0 {
		d := s.planData(a, wo)
		d.Warnings = warnings
		s.render(w, r, http.StatusUnprocessableEntity, workouts.PlanForm(s.page(r, "Edit "+wo.Title), d, f))
		return
	}
	updated, err := s.store.UpdatePlan(r.Context(), u, wo.ID, version, day, p, f.Value("override_reason"))
	if protected, ok := errors.AsType[*store.ProtectedError](err); ok {
		s.refuseCut(r, u, a, wo, f, protected)
		show(http.StatusUnprocessableEntity)
		return
	}
	if errors.Is(err, store.ErrStale) {
		// wo was read before the save, so it may predate the change that
		// won (two saves racing): the form must carry the version stored now.
		if current, err := s.store.Workout(r.Context(), u, wo.ID); err == nil {
			wo = current
		}
		f.Problem = apperr.MessageOf(err)
		f.Set("version", strconv.Itoa(wo.Version)) // saving again overwrites the newer version knowingly
		show(http.StatusConflict)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, weekPath(a, updated.Day), updated.Title+" is saved.")
}

// planText is the plan p the coach saved for workout wo (zero: a new
// one) on day, with its text settled. A title and description the coach
// wrote or changed are theirs: nothing rewrites them. Left as they were on
// a workout whose text is written from its numbers, they are written
// again from the new numbers (plan.Retext), and so are both when the
// coach empties them. A distance the coach left as shown follows the
// minutes; one they typed is theirs.
func planText(wo store.Workout, f *components.Form, sys units.System, day time.Time, p store.Plan) store.Plan {
	blank := p.Title == "" && p.Description == ""
	same := wo.ID != 0 && strings.TrimSpace(p.Title) == wo.Title && p.Description == wo.Description
	if !blank && !(same && wo.Structure != nil) {
		p.Structure = nil
		return p
	}
	if wo.ID != 0 && f.Value("planned_distance") == distanceShown(wo, sys) {
		p.PlannedDistanceM = wo.PlannedDistanceM // as stored, not as rounded for showing
	}
	if wo.ID == 0 || wo.Structure == nil { // written afresh, from the new numbers alone
		wo = store.Workout{Day: day, Plan: p}
		wo.Structure = &plan.Structure{}
	}
	before := wo.Upcoming()
	after := before
	after.Date, after.Sport, after.Kind, after.Minutes = day, p.Sport, p.Kind, p.PlannedDurationS/60
	after.RPE, after.Zone, after.DistanceM = p.TargetRPE, p.TargetZone, p.PlannedDistanceM
	return p.Retext(plan.Retext(before, after, ""))
}

// distanceShown is the workout's distance as the form shows it.
func distanceShown(wo store.Workout, sys units.System) string {
	if wo.PlannedDistanceM == 0 {
		return ""
	}
	return sys.Distance(wo.PlannedDistanceM)
}

// spacing returns the warnings that saving workout id (0: a new one) on
// day would add about key workouts within 48 hours of each other, unless
// the coach has seen them and confirmed.
func (s *Server) spacing(r *http.Request, u store.User, a store.Athlete, id int64, day time.Time, p store.Plan, f *components.Form) ([]string, error) {
	if f.Value("confirm") == "yes" {
		return nil, nil
	}
	from, to := day.AddDate(0, 0, -1), day.AddDate(0, 0, 1)
	list, err := s.store.Workouts(r.Context(), u, a.ID, from, to)
	if err != nil {
		return nil, err
	}
	var before, after []plan.Upcoming
	for _, w := range upcoming(list) {
		before = append(before, w)
		if w.ID != id {
			after = append(after, w)
		}
	}
	after = append(after, plan.Upcoming{ID: id, Date: day, Kind: p.Kind, Sport: p.Sport, Title: p.Title, Structure: p.Structure})
	had := map[string]bool{}
	for _, w := range plan.SpacingWarnings(before) {
		had[w] = true
	}
	var added []string
	for _, w := range plan.SpacingWarnings(after) {
		if !had[w] {
			added = append(added, w)
		}
	}
	return added, nil
}

// refuseCut explains on the form why a change would cut a recovery
// workout, offers what to change instead, and asks for a reason to
// override.
func (s *Server) refuseCut(r *http.Request, u store.User, a store.Athlete, wo store.Workout, f *components.Form, protected *store.ProtectedError) {
	msg := protected.Why
	if alts := s.alternatives(r, u, a, wo); len(alts) > 0 {
		msg += " Instead: " + strings.Join(alts, "; ") + "."
	}
	f.Problem = msg
	f.Fail("override_reason", "To do it anyway, write why (at least "+strconv.Itoa(store.MinOverrideReason)+" characters). The reason is kept in the plan's history and shown to "+a.Name+".")
}

// alternatives are changes that lighten the athlete's week without
// touching recovery: the key workouts still ahead in the same week.
func (s *Server) alternatives(r *http.Request, u store.User, a store.Athlete, wo store.Workout) []string {
	start := weekStart(a, wo.Day)
	list, err := s.store.Workouts(r.Context(), u, a.ID, start, start.AddDate(0, 0, 6))
	if err != nil {
		return nil
	}
	today := s.athleteToday(a)
	var alts []string
	for _, k := range list {
		if !k.Key || k.Status != "planned" || k.Day.Before(today) || k.Kind == "race" {
			continue
		}
		day := k.Day.Format("Monday") + "'s " + strings.ToLower(components.Words(k.Kind))
		if k.Kind == "long" {
			alts = append(alts, "shorten "+day+" run", "move "+day+" run a day later")
		} else {
			alts = append(alts, "shorten "+day, "turn "+day+" into an easy workout")
		}
		if len(alts) >= 4 {
			break
		}
	}
	return alts
}

func (s *Server) workoutDelete(w http.ResponseWriter, r *http.Request) {
	u, a, wo, err := s.athleteWorkout(r)
	if err == nil && a.CoachID != u.ID {
		err = apperr.New(apperr.NotFound, "No such workout.")
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f, ok := s.parseForm(w, r, "version", "override_reason")
	if !ok {
		return
	}
	err = s.store.DeleteWorkout(r.Context(), u, wo.ID, intField(f, "version", 1, math.MaxInt32, "a version"), f.Value("override_reason"))
	if protected, ok := errors.AsType[*store.ProtectedError](err); ok {
		s.refuseCut(r, u, a, wo, f, protected)
		f.Set("version", strconv.Itoa(wo.Version))
		s.render(w, r, http.StatusUnprocessableEntity, workouts.PlanForm(s.page(r, "Edit "+wo.Title), s.planData(a, wo), mergeForms(planForm(wo, units.System(a.Units)), f)))
		return
	}
	if errors.Is(err, store.ErrStale) {
		s.redirect(w, r, weekPath(a, wo.Day), "Not deleted: "+wo.Title+" was changed meanwhile. Check it and try again.")
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, weekPath(a, wo.Day), wo.Title+" is deleted.")
}

// mergeForms shows the workout's values with the errors and reason of a
// refused delete.
func mergeForms(values, refused *components.Form) *components.Form {
	values.Problem, values.Errors = refused.Problem, refused.Errors
	values.Set("override_reason", refused.Value("override_reason"))
	return values
}

// logForm fills the log form: the plan's duration and distance as a
// starting point, the status done.
func logForm(wo store.Workout, sys units.System) *components.Form {
	f := components.NewForm()
	f.Set("status", "done")
	dur, dist := wo.PlannedDurationS, wo.PlannedDistanceM
	if wo.Status == "done" {
		dur, dist = wo.Log.DurationS, wo.Log.DistanceM
		if !wo.Log.Unrated { // from a file, not rated yet: the athlete chooses
			f.Set("rpe", strconv.FormatFloat(wo.Log.RPE, 'f', -1, 64))
		}
		if wo.Log.AvgHR > 0 {
			f.Set("avg_hr", strconv.Itoa(wo.Log.AvgHR))
		}
	}
	if wo.Status == "skipped" {
		f.Set("status", "skipped")
	}
	if dur > 0 {
		f.Set("duration_min", strconv.Itoa(int(math.Round(float64(dur)/60))))
	}
	if dist > 0 {
		f.Set("distance", strings.TrimSuffix(sys.Distance(dist), " "+sys.Label()))
	}
	f.Set("notes", wo.Log.Notes)
	return f
}

// readLog validates what the athlete logged.
func readLog(f *components.Form, sys units.System) store.Log {
	l := store.Log{Status: f.Value("status"), Notes: f.Value("notes")}
	if l.Status == "" {
		f.Fail("status", "Choose done or skipped.")
	}
	oneOf(f, "status", []string{"done", "skipped"})
	if len([]rune(l.Notes)) > 2000 {
		f.Fail("notes", "Use at most 2000 characters.")
	}
	if l.Status != "done" {
		return l
	}
	required(f, "duration_min", "rpe")
	if f.Value("duration_min") != "" {
		l.DurationS = intField(f, "duration_min", 1, 1440, "minutes") * 60
	}
	l.RPE = numberField(f, "rpe", 0, 10, "an RPE")
	l.AvgHR = intField(f, "avg_hr", 25, 250, "a heart rate")
	var err error
	if l.DistanceM, err = sys.ParseDistance(f.Value("distance")); err != nil {
		f.Fail("distance", "Enter a distance such as 10 or 12.5.")
	}
	return l
}

func (s *Server) logData(a store.Athlete, wo store.Workout) workouts.LogData {
	return workouts.LogData{Athlete: a, Workout: wo, Back: weekPath(a, wo.Day),
		Action: athletePath(a.ID) + "/workouts/" + strconv.FormatInt(wo.ID, 10) + "/log"}
}

func (s *Server) workoutLogForm(w http.ResponseWriter, r *http.Request) {
	_, a, wo, err := s.athleteWorkout(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, workouts.LogForm(s.page(r, "Log "+wo.Title), s.logData(a, wo), logForm(wo, units.System(a.Units))))
}

func (s *Server) workoutLog(w http.ResponseWriter, r *http.Request) {
	u, a, wo, err := s.athleteWorkout(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f, ok := s.parseForm(w, r, logFields...)
	if !ok {
		return
	}
	l := readLog(f, units.System(a.Units))
	if wo.ActivityID != 0 && l.Status == "skipped" {
		f.Fail("status", apperr.MessageOf(store.ErrHasFile))
	}
	if wo.Day.After(s.athleteToday(a)) {
		f.Problem = "This workout is on " + wo.Day.Format("Monday 2 January") + ": log it on the day or after."
	}
	if !f.Valid() {
		s.render(w, r, http.StatusUnprocessableEntity, workouts.LogForm(s.page(r, "Log "+wo.Title), s.logData(a, wo), f))
		return
	}
	if _, err := s.store.LogWorkout(r.Context(), u, wo.ID, l); err != nil {
		s.renderError(w, r, err)
		return
	}
	msg := wo.Title + ": logged as skipped."
	if l.Status == "done" {
		msg = wo.Title + ": logged. Well done."
	}
	s.redirect(w, r, s.afterLog(r, a, wo.Day), msg)
}

// afterLog returns the athlete to their home, the coach to the week.
func (s *Server) afterLog(r *http.Request, a store.Athlete, day time.Time) string {
	if u, _ := viewer(r.Context()); u.AthleteID == a.ID {
		return "/"
	}
	return weekPath(a, day)
}

func (s *Server) unplannedData(a store.Athlete) workouts.LogData {
	return workouts.LogData{Athlete: a, Unplanned: true, Action: athletePath(a.ID) + "/log", Back: weekPath(a, s.athleteToday(a))}
}

func (s *Server) unplannedForm(w http.ResponseWriter, r *http.Request) {
	_, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := components.NewForm()
	f.Set("day", s.athleteToday(a).Format(time.DateOnly))
	f.Set("sport", a.Sports[0])
	f.Set("kind", "easy")
	f.Set("status", "done")
	s.render(w, r, http.StatusOK, workouts.LogForm(s.page(r, "Log a workout"), s.unplannedData(a), f))
}

func (s *Server) unplannedLog(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f, ok := s.parseForm(w, r, logFields...)
	if !ok {
		return
	}
	f.Values["status"] = "done"
	required(f, "day", "sport", "kind", "title")
	oneOf(f, "sport", training.Sports)
	oneOf(f, "kind", training.Kinds)
	if len([]rune(f.Value("title"))) > 200 {
		f.Fail("title", "Use at most 200 characters.")
	}
	day := parseDay(f, "day")
	if !day.IsZero() && day.After(s.athleteToday(a)) {
		f.Fail("day", "Log a workout on the day or after, not before.")
	}
	l := readLog(f, units.System(a.Units))
	if !f.Valid() {
		s.render(w, r, http.StatusUnprocessableEntity, workouts.LogForm(s.page(r, "Log a workout"), s.unplannedData(a), f))
		return
	}
	p := store.Plan{Sport: f.Value("sport"), Kind: f.Value("kind"), Title: f.Value("title")}
	wo, err := s.store.LogUnplanned(r.Context(), u, a.ID, day, p, l)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, s.afterLog(r, a, wo.Day), wo.Title+": logged. Well done.")
}
