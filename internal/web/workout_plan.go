package web

import (
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"rebound/internal/apperr"
	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/web/components"
	"rebound/web/pages/workouts"
)

// planFieldsOf fills the coach's workout form from workout w.
func planFieldsOf(w training.Workout, sys units.System) workouts.PlanFields {
	var f workouts.PlanFields
	f.Version.Value = strconv.Itoa(w.Version)
	f.Day.Value = w.Day.Format(time.DateOnly)
	f.Sport.Value, f.Kind.Value = w.Sport, w.Kind
	f.Title.Value, f.Description.Value = strings.TrimSpace(w.Title), strings.TrimSpace(w.Description) // as a posted form keeps them
	if w.PlannedDurationS > 0 {
		f.PlannedMin.Value = strconv.Itoa(int(math.Round(float64(w.PlannedDurationS) / 60)))
	}
	f.PlannedDistance.Value = distanceShown(w, sys)
	if w.TargetRPE > 0 {
		f.TargetRPE.Value = strconv.FormatFloat(w.TargetRPE, 'f', -1, 64)
	}
	if w.TargetZone > 0 {
		f.TargetZone.Value = strconv.Itoa(w.TargetZone)
	}
	return f
}

// planForm is the coach's workout form as posted: what was typed, to show
// again, and what it means once valid.
type planForm struct {
	workouts.PlanFields
	day       time.Time
	plan      training.Prescription
	confirmed bool // the coach saw the spacing warnings and saves anyway
}

// decodePlan reads and checks the coach's workout form. An empty title
// (with an empty description) asks for the text written from the numbers
// (see planText).
func decodePlan(v url.Values, sys units.System) planForm {
	var f planForm
	d := decoder{v: v, form: &f.Problems}
	f.day, f.plan = decodeWorkout(d, &f.WorkoutFields)
	f.Version, f.OverrideReason = d.text("version"), d.text("override_reason")
	f.PlannedMin, f.PlannedDistance, f.TargetRPE, f.TargetZone = d.text("planned_min"), d.text("planned_distance"), d.text("target_rpe"), d.text("target_zone")
	f.Description = d.text("description")
	f.confirmed = d.text("confirm").Value == "yes"
	if f.Title.Value == "" && f.Description.Value != "" {
		f.Fail(&f.Title, "Give it a title, or leave the description empty too: both are then written from the numbers.")
	}
	d.maxLength(&f.Description, 4000)
	f.plan.Description = strings.ReplaceAll(f.Description.Value, "\r\n", "\n")
	f.plan.PlannedDurationS = d.int(&f.PlannedMin, 0, 1440, "minutes") * 60
	f.plan.TargetRPE = d.number(&f.TargetRPE, 0, 10, "an RPE")
	f.plan.TargetZone = d.int(&f.TargetZone, 1, 7, "a zone")
	f.plan.PlannedDistanceM = d.distance(&f.PlannedDistance, sys, "10 or 12.5")
	if f.plan.Kind == training.KindRecovery && f.plan.TargetRPE > training.RecoveryMaxRPE {
		f.Fail(&f.TargetRPE, "A recovery workout is very easy: RPE "+strconv.Itoa(training.RecoveryMaxRPE)+" or less.")
	}
	if f.plan.Kind == training.KindRecovery && f.plan.TargetZone > training.RecoveryMaxZone {
		f.Fail(&f.TargetZone, "A recovery workout stays in zone 1 or "+strconv.Itoa(training.RecoveryMaxZone)+".")
	}
	return f
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
	wo := training.Workout{Day: day, Prescription: training.Prescription{Sport: a.Sports[0], Kind: "easy"}, Version: 1}
	s.render(w, r, http.StatusOK, workouts.PlanForm(s.page(r, "Plan a workout"), s.planData(a, wo), planFieldsOf(wo, units.System(a.Units))))
}

func (s *Server) planData(a training.Athlete, wo training.Workout) workouts.PlanData {
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
	if !s.parseForm(w, r) {
		return
	}
	f := decodePlan(r.PostForm, units.System(a.Units))
	day := f.day
	if !f.Valid() {
		s.render(w, r, http.StatusUnprocessableEntity, workouts.PlanForm(s.page(r, "Plan a workout"), s.planData(a, training.Workout{Day: day}), f.PlanFields))
		return
	}
	p := planText(training.Workout{}, f.PlannedDistance.Value, units.System(a.Units), day, f.plan)
	if warnings, err := s.spacing(r, coach, a, 0, day, p, f.confirmed); err != nil {
		s.renderError(w, r, err)
		return
	} else if len(warnings) > 0 {
		d := s.planData(a, training.Workout{Day: day})
		d.Warnings = warnings
		s.render(w, r, http.StatusUnprocessableEntity, workouts.PlanForm(s.page(r, "Plan a workout"), d, f.PlanFields))
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
	_, a, wo, err := s.coachWorkout(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, workouts.PlanForm(s.page(r, "Edit "+wo.Title), s.planData(a, wo), planFieldsOf(wo, units.System(a.Units))))
}

func (s *Server) workoutUpdate(w http.ResponseWriter, r *http.Request) {
	u, a, wo, err := s.coachWorkout(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	f := decodePlan(r.PostForm, units.System(a.Units))
	day := f.day
	version := decoder{form: &f.Problems}.int(&f.Version, 1, math.MaxInt32, "a version")
	show := func(status int) {
		s.render(w, r, status, workouts.PlanForm(s.page(r, "Edit "+wo.Title), s.planData(a, wo), f.PlanFields))
	}
	if !f.Valid() {
		show(http.StatusUnprocessableEntity)
		return
	}
	p := planText(wo, f.PlannedDistance.Value, units.System(a.Units), day, f.plan)
	warnings, err := s.spacing(r, u, a, wo.ID, day, p, f.confirmed)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if len(warnings) > 0 {
		d := s.planData(a, wo)
		d.Warnings = warnings
		s.render(w, r, http.StatusUnprocessableEntity, workouts.PlanForm(s.page(r, "Edit "+wo.Title), d, f.PlanFields))
		return
	}
	updated, err := s.store.UpdatePlan(r.Context(), u, wo.ID, version, day, p, f.OverrideReason.Value)
	if protected, ok := errors.AsType[*store.ProtectedError](err); ok {
		s.refuseCut(r, u, a, wo, &f.PlanFields, protected)
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
		f.Version.Value = strconv.Itoa(wo.Version) // saving again overwrites the newer version knowingly
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
// coach empties them. A distance the coach left as shown (typed is what
// the form held) follows the minutes; one they typed is theirs.
func planText(wo training.Workout, typed string, sys units.System, day time.Time, p training.Prescription) training.Prescription {
	blank := p.Title == "" && p.Description == ""
	same := wo.ID != 0 && strings.TrimSpace(p.Title) == wo.Title && p.Description == wo.Description
	if !blank && !(same && wo.Structure != nil) {
		p.Structure = nil
		return p
	}
	if wo.ID != 0 && typed == distanceShown(wo, sys) {
		p.PlannedDistanceM = wo.PlannedDistanceM // as stored, not as rounded for showing
	}
	if wo.ID == 0 || wo.Structure == nil { // written afresh, from the new numbers alone
		wo = training.Workout{Day: day, Prescription: p}
		wo.Structure = &training.Structure{}
	}
	before := plan.FromWorkout(wo)
	after := before
	after.Date, after.Sport, after.Kind, after.Minutes = day, p.Sport, p.Kind, p.PlannedDurationS/60
	after.RPE, after.Zone, after.DistanceM = p.TargetRPE, p.TargetZone, p.PlannedDistanceM
	return plan.ToPrescription(plan.Retext(before, after, ""))
}

// distanceShown is the workout's distance as the form shows it.
func distanceShown(wo training.Workout, sys units.System) string {
	if wo.PlannedDistanceM == 0 {
		return ""
	}
	return sys.Distance(wo.PlannedDistanceM)
}

// spacing returns the warnings that saving workout id (0: a new one) on
// day would add about key workouts within 48 hours of each other, unless
// the coach has seen them and confirmed.
func (s *Server) spacing(r *http.Request, u store.User, a training.Athlete, id int64, day time.Time, p training.Prescription, confirmed bool) ([]string, error) {
	if confirmed {
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
func (s *Server) refuseCut(r *http.Request, u store.User, a training.Athlete, wo training.Workout, f *workouts.PlanFields, protected *store.ProtectedError) {
	msg := protected.Why
	if alts := s.alternatives(r, u, a, wo); len(alts) > 0 {
		msg += " Instead: " + strings.Join(alts, "; ") + "."
	}
	f.Problem = msg
	f.Fail(&f.OverrideReason, "To do it anyway, write why (at least "+strconv.Itoa(store.MinOverrideReason)+" characters). The reason is kept in the plan's history and shown to "+a.Name+".")
}

// alternatives are changes that lighten the athlete's week without
// touching recovery: the key workouts still ahead in the same week.
func (s *Server) alternatives(r *http.Request, u store.User, a training.Athlete, wo training.Workout) []string {
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
	u, a, wo, err := s.coachWorkout(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	// A refused delete shows the workout as stored, with the reason typed.
	f := planFieldsOf(wo, units.System(a.Units))
	d := decoder{v: r.PostForm, form: &f.Problems}
	f.OverrideReason = d.text("override_reason")
	posted := d.text("version")
	version := d.int(&posted, 1, math.MaxInt32, "a version")
	err = s.store.DeleteWorkout(r.Context(), u, wo.ID, version, f.OverrideReason.Value)
	if protected, ok := errors.AsType[*store.ProtectedError](err); ok {
		s.refuseCut(r, u, a, wo, &f, protected)
		s.render(w, r, http.StatusUnprocessableEntity, workouts.PlanForm(s.page(r, "Edit "+wo.Title), s.planData(a, wo), f))
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
