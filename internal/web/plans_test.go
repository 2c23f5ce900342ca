package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"rebound/internal/plan"
	"rebound/internal/training"
)

// planForm is the new-plan form as the coach would send it.
func planFormValues(start time.Time, weekly string, event int64) url.Values {
	v := url.Values{"sport": {"run"}, "start": {start.Format(time.DateOnly)}, "weeks": {"8"}, "weekly_minutes": {weekly},
		"experience": {"intermediate"}, "long_day": {"sun"}, "cutback_every": {"4"}, "cutback_depth": {"75"}, "max_ramp": {"10"}}
	for _, d := range plan.WeekdayKeys {
		v.Set("avail_"+d, "on")
	}
	if event != 0 {
		v.Set("event", itoa64(event))
	}
	return v
}

func TestCoachPreviewsAndSavesAPlan(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	ctx := context.Background()
	race, err := a.store.AddEvent(ctx, ca, ath.ID, training.Event{Name: "City Half", Day: berlinDay(t, 7*14), Sport: "run", Kind: "half", Priority: "A"})
	if err != nil {
		t.Fatal(err)
	}
	coach := a.signedIn("carla@example.com")
	form := coach.get(athletePath(ath.ID) + "/plan/new").Body
	if !strings.Contains(form, "City Half (A)") {
		t.Fatal("the new-plan form does not offer the goal event")
	}
	start := weekStart(ath, berlinDay(t, 7))
	r := coach.post(athletePath(ath.ID)+"/plan/preview", planFormValues(start, "240", race.ID))
	if r.StatusCode != http.StatusOK {
		t.Fatalf("preview: %d\n%s", r.StatusCode, r.Body)
	}
	for _, want := range []string{"<svg", "Weekly volume", "Cutback", "Taper", "Save this plan", `name="event" value="` + itoa64(race.ID) + `"`} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	if n := countWorkouts(t, a, ath.ID); n != 0 {
		t.Fatalf("a preview saved %d workouts", n)
	}
	r = coach.post(athletePath(ath.ID)+"/plan", planFormValues(start, "240", race.ID))
	if r.StatusCode != http.StatusSeeOther || !strings.HasSuffix(r.Header.Get("Location"), "/weeks/"+start.Format(time.DateOnly)) {
		t.Fatalf("save: %d %s\n%s", r.StatusCode, r.Header.Get("Location"), r.Body)
	}
	week := coach.get(r.Header.Get("Location")).Body
	if !strings.Contains(week, "The plan is saved") || !strings.Contains(week, "phase") || !strings.Contains(week, `class="workout kind-`) {
		t.Error("week 1 does not show the plan")
	}
	if n := countWorkouts(t, a, ath.ID); n < 14*4 {
		t.Errorf("only %d workouts saved for a 15-week plan", n)
	}
	if page := coach.get(athletePath(ath.ID) + "/plan").Body; !strings.Contains(page, "<svg") || !strings.Contains(page, "/weeks/") {
		t.Error("the plan page does not show the saved plan")
	}
}

func countWorkouts(t *testing.T, a *app, athleteID int64) int {
	t.Helper()
	var n int
	if err := a.store.Pool().QueryRow(context.Background(), "SELECT count(*) FROM workouts WHERE athlete_id = $1 AND kind <> 'rest'", athleteID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRegeneratingKeepsDoneAndEditedWorkouts(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, maya := a.athlete(ca, "Maya Runner", "maya@example.com")
	coach := a.signedIn("carla@example.com")
	ctx := context.Background()
	start := weekStart(ath, berlinDay(t, 0))
	if r := coach.post(athletePath(ath.ID)+"/plan", planFormValues(start, "200", 0)); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("first plan: %d\n%s", r.StatusCode, r.Body)
	}
	list, _ := a.store.Workouts(ctx, ca, ath.ID, start, start.AddDate(0, 0, 27))
	var done, edited training.Workout
	for _, w := range list {
		switch {
		case w.Kind != "rest" && !w.Day.After(berlinDay(t, 0)) && done.ID == 0:
			done = w
		case w.Kind == "easy" && w.Day.After(start.AddDate(0, 0, 7)) && edited.ID == 0:
			edited = w
		}
	}
	if done.ID == 0 || edited.ID == 0 {
		t.Fatalf("no workouts to log and edit in %d", len(list))
	}
	if _, err := a.store.LogWorkout(ctx, maya, done.ID, training.Log{Status: "done", DurationS: 1800, RPE: 3}); err != nil {
		t.Fatal(err)
	}
	edited.Title = "Easy run with strides, by hand"
	if _, err := a.store.UpdatePlan(ctx, ca, edited.ID, edited.Version, edited.Day, edited.Prescription, ""); err != nil {
		t.Fatal(err)
	}
	r := coach.post(athletePath(ath.ID)+"/plan", planFormValues(start, "260", 0))
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("second plan: %d\n%s", r.StatusCode, r.Body)
	}
	if !strings.Contains(coach.get(r.Header.Get("Location")).Body, "kept the workouts already there") {
		t.Error("the coach is not told that days were kept")
	}
	after, _ := a.store.Workouts(ctx, ca, ath.ID, start, start.AddDate(0, 0, 27))
	perDay := map[time.Time]int{}
	var keptDone, keptEdited bool
	for _, w := range after {
		perDay[w.Day]++
		keptDone = keptDone || (w.ID == done.ID && w.Status == "done")
		keptEdited = keptEdited || (w.ID == edited.ID && w.Title == edited.Title)
	}
	if !keptDone || !keptEdited {
		t.Fatalf("regenerating lost the done (%v) or the edited (%v) workout", keptDone, keptEdited)
	}
	if perDay[done.Day] != countOn(list, done.Day) || perDay[edited.Day] != countOn(list, edited.Day) {
		t.Error("the new plan added workouts on a kept day")
	}
}

func countOn(list []training.Workout, day time.Time) int {
	n := 0
	for _, w := range list {
		if w.Day.Equal(day) {
			n++
		}
	}
	return n
}

func TestPlanRefusalsShowNextToTheField(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	race, _ := a.store.AddEvent(context.Background(), ca, ath.ID, training.Event{Name: "Marathon", Day: berlinDay(t, 21), Sport: "run", Kind: "marathon", Priority: "A"})
	coach := a.signedIn("carla@example.com")
	start := weekStart(ath, berlinDay(t, 7))
	r := coach.post(athletePath(ath.ID)+"/plan/preview", planFormValues(start, "90", race.ID))
	if r.StatusCode != http.StatusUnprocessableEntity || fieldError(t, r.Body, "event")+fieldError(t, r.Body, "weekly_minutes") == "" {
		t.Fatalf("a marathon in three weeks from 90 min/week: %d", r.StatusCode)
	}
	v := planFormValues(start, "240", 0)
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri"} {
		v.Del("avail_" + d)
	}
	if r := coach.post(athletePath(ath.ID)+"/plan/preview", v); r.StatusCode != http.StatusUnprocessableEntity || fieldError(t, r.Body, "availability") == "" {
		t.Errorf("two available days: %d", r.StatusCode)
	}
}

// A plan starts any day from today: the generator plans that day's whole
// week, and the days before the start get nothing, so a plan saved
// mid-week shows at once in This week and Print.
func TestPlanStartsFromTheDayChosen(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	coach := a.signedIn("carla@example.com")
	today := a.srv.athleteToday(ath)
	monday := weekStart(ath, today)

	form := coach.get(athletePath(ath.ID) + "/plan/new").Body
	if got := inputValue(t, form, "start"); got != today.Format(time.DateOnly) {
		t.Errorf("the form starts on %s, want today %s", got, today.Format(time.DateOnly))
	}
	if r := coach.post(athletePath(ath.ID)+"/plan", planFormValues(monday.AddDate(0, 0, -1), "240", 0)); r.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(fieldError(t, r.Body, "start"), "this week or later") {
		t.Errorf("a start last week: %d %q", r.StatusCode, fieldError(t, r.Body, "start"))
	}

	// Next week's Wednesday: that week, from Wednesday.
	wednesday := monday.AddDate(0, 0, 9)
	r := coach.post(athletePath(ath.ID)+"/plan/preview", planFormValues(wednesday, "240", 0))
	if r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "The plan starts on Wednesday, so this week holds") {
		t.Fatalf("a Wednesday start: %d %q", r.StatusCode, fieldError(t, r.Body, "start"))
	}
	r = coach.post(athletePath(ath.ID)+"/plan", planFormValues(wednesday, "240", 0))
	if r.StatusCode != http.StatusSeeOther || !strings.HasSuffix(r.Header.Get("Location"), "/weeks/"+monday.AddDate(0, 0, 7).Format(time.DateOnly)) {
		t.Fatalf("save from Wednesday: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	var before, from int
	a.store.Pool().QueryRow(context.Background(), `SELECT count(*) FILTER (WHERE day < $2), count(*) FILTER (WHERE day >= $2)
		FROM workouts WHERE athlete_id = $1`, ath.ID, wednesday).Scan(&before, &from)
	if before != 0 || from == 0 {
		t.Errorf("%d workouts before the Wednesday start, %d from it", before, from)
	}

	// Today: this week, from today; what the days before hold stays.
	done, err := a.store.AddWorkout(context.Background(), ca, ath.ID, monday, training.Prescription{Sport: "run", Kind: "easy", Title: "Monday's own run", PlannedDurationS: 1800})
	if err != nil {
		t.Fatal(err)
	}
	r = coach.post(athletePath(ath.ID)+"/plan", planFormValues(today, "240", 0))
	if r.StatusCode != http.StatusSeeOther || !strings.HasSuffix(r.Header.Get("Location"), "/weeks/"+monday.Format(time.DateOnly)) {
		t.Fatalf("save from today: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	a.store.Pool().QueryRow(context.Background(), `SELECT count(*) FILTER (WHERE day < $2 AND plan_id IS NOT NULL), count(*) FILTER (WHERE day >= $2 AND day < $3)
		FROM workouts WHERE athlete_id = $1`, ath.ID, today, monday.AddDate(0, 0, 7)).Scan(&before, &from)
	if before != 0 || from == 0 {
		t.Errorf("this week: %d plan workouts before today, %d from today", before, from)
	}
	if _, err := a.store.Workout(context.Background(), ca, done.ID); err != nil {
		t.Errorf("the workout before today is gone: %v", err)
	}
	sheet := coach.get(athletePath(ath.ID) + "/weeks/" + monday.Format(time.DateOnly) + "/print").Body
	if strings.Contains(sheet, "Nothing is planned for this week") {
		t.Error("this week's print is empty right after the plan is saved")
	}
}

// The goal event can be entered on the plan form: it is saved with the
// plan, as its goal.
func TestPlanFormAddsAGoalEvent(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	coach := a.signedIn("carla@example.com")
	if form := coach.get(athletePath(ath.ID) + "/plan/new").Body; !strings.Contains(form, "A new event, entered below") || !strings.Contains(form, `name="event_name"`) {
		t.Fatal("the plan form offers no new event")
	}
	today := a.srv.athleteToday(ath)
	// Typed in while the select still names another event: the one typed.
	other, err := a.store.AddEvent(context.Background(), ca, ath.ID, training.Event{Name: "Club 5K", Day: today.AddDate(0, 0, 30), Sport: "run", Kind: "5k", Priority: "C"})
	if err != nil {
		t.Fatal(err)
	}
	v := planFormValues(today, "240", other.ID)
	v.Set("event_name", "City Half")
	v.Set("event_kind", "half")
	v.Set("event_priority", "A")
	if r := coach.post(athletePath(ath.ID)+"/plan/preview", v); r.StatusCode != http.StatusUnprocessableEntity || fieldError(t, r.Body, "event_day") == "" ||
		inputValue(t, r.Body, "event_name") != "City Half" {
		t.Fatalf("a new event without a date: %d %q", r.StatusCode, fieldError(t, r.Body, "event_day"))
	}
	v.Set("event_day", today.AddDate(0, 0, 7*14).Format(time.DateOnly))
	r := coach.post(athletePath(ath.ID)+"/plan/preview", v)
	if r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "Preview: City Half on") || !strings.Contains(r.Body, `name="event_name" value="City Half"`) {
		t.Fatalf("preview with a new event: %d\n%s", r.StatusCode, text(t, r.Body, "main"))
	}
	if n := countEvents(t, a, ath.ID); n != 1 {
		t.Fatalf("a preview saved %d events", n-1)
	}
	if r := coach.post(athletePath(ath.ID)+"/plan", v); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save with a new event: %d\n%s", r.StatusCode, r.Body)
	}
	var name, kind, priority string
	var goal bool
	err = a.store.Pool().QueryRow(context.Background(), `SELECT e.name, e.kind, e.priority, p.event_id = e.id
		FROM events e JOIN plans p ON p.athlete_id = e.athlete_id WHERE e.athlete_id = $1 AND e.id <> $2`, ath.ID, other.ID).Scan(&name, &kind, &priority, &goal)
	if err != nil || name != "City Half" || kind != "half" || priority != "A" || !goal {
		t.Errorf("saved event %q %q %q, the plan's goal %v (%v)", name, kind, priority, goal, err)
	}
}

func countEvents(t *testing.T, a *app, athleteID int64) int {
	t.Helper()
	var n int
	if err := a.store.Pool().QueryRow(context.Background(), "SELECT count(*) FROM events WHERE athlete_id = $1", athleteID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// The form offers the weekly volumes the generator accepts, no others.
func TestPlanFormWeeklyMinutesMatchTheServer(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	coach := a.signedIn("carla@example.com")
	form := coach.get(athletePath(ath.ID) + "/plan/new").Body
	want := fmt.Sprintf(`min="%d" max="%d"`, plan.MinWeeklyMinutes, plan.MaxWeeklyMinutes)
	if !strings.Contains(form, want) {
		t.Errorf("the weekly minutes field lacks %s", want)
	}
	for _, n := range []int{plan.MinWeeklyMinutes - 1, plan.MaxWeeklyMinutes + 1} {
		r := coach.post(athletePath(ath.ID)+"/plan/preview", planFormValues(a.srv.athleteToday(ath), strconv.Itoa(n), 0))
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(t, r.Body, "weekly_minutes"), fmt.Sprintf("between %d and %d", plan.MinWeeklyMinutes, plan.MaxWeeklyMinutes)) {
			t.Errorf("%d minutes: %d %q", n, r.StatusCode, fieldError(t, r.Body, "weekly_minutes"))
		}
	}
}
