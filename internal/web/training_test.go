package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"rebound/internal/training"
)

// berlinDay returns a calendar day relative to today in Europe/Berlin (the
// fixture athletes' zone), as the week view and forms use it.
func berlinDay(t *testing.T, offset int) time.Time {
	now := time.Now().In(mustZone(t, "Europe/Berlin"))
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, offset)
}

func TestCoachPlansAthleteLogsWeekShowsLoadAndCompliance(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	coach := a.signedIn("carla@example.com")
	maya := a.signedIn("maya@example.com")
	yesterday := berlinDay(t, -1)

	r := coach.post(athletePath(ath.ID)+"/workouts/new", url.Values{"day": {yesterday.Format(time.DateOnly)}, "sport": {"run"},
		"kind": {"tempo"}, "title": {"3 × 10 min tempo"}, "planned_min": {"50"}, "planned_distance": {"10"}, "target_rpe": {"7"}})
	if r.StatusCode != http.StatusSeeOther || !strings.Contains(r.Header.Get("Location"), "/weeks/") {
		t.Fatalf("plan: %d %s\n%s", r.StatusCode, r.Header.Get("Location"), r.Body)
	}
	weekURL := r.Header.Get("Location")
	list, _ := a.store.Workouts(context.Background(), ca, ath.ID, yesterday, yesterday)
	if len(list) != 1 || list[0].PlannedDurationS != 3000 || list[0].PlannedDistanceM != 10000 {
		t.Fatalf("stored plan: %+v", list)
	}
	wid := list[0].ID
	logPath := athletePath(ath.ID) + "/workouts/" + itoa64(wid) + "/log"

	// The log form starts from the plan.
	if r := maya.get(logPath); inputValue(t, r.Body, "duration_min") != "50" || inputValue(t, r.Body, "distance") != "10" {
		t.Errorf("log form not prefilled: %q %q", inputValue(t, r.Body, "duration_min"), inputValue(t, r.Body, "distance"))
	}
	// Bad input: refused next to the field, the rest kept.
	r = maya.post(logPath, url.Values{"status": {"done"}, "duration_min": {"45"}, "rpe": {"11"}, "notes": {"legs heavy"}})
	if r.StatusCode != http.StatusUnprocessableEntity || fieldError(t, r.Body, "rpe") == "" || inputValue(t, r.Body, "duration_min") != "45" || !strings.Contains(r.Body, "legs heavy") {
		t.Fatalf("RPE 11: %d %q", r.StatusCode, fieldError(t, r.Body, "rpe"))
	}
	r = maya.post(logPath, url.Values{"status": {"done"}, "duration_min": {"45"}, "distance": {"9.2"}, "rpe": {"6"}, "avg_hr": {"162"}, "notes": {"legs heavy"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/" {
		t.Fatalf("log: %d %s\n%s", r.StatusCode, r.Header.Get("Location"), r.Body)
	}
	page := coach.get(weekURL).Body
	// 45 min at RPE 6 = 270 (Foster session-RPE); 45/50 = 90 % of plan: on plan.
	for _, want := range []string{"3 × 10 min tempo", "45 min · 9.2 km · RPE 6 · 162 bpm", "load 270", "on plan", "legs heavy", "90 %"} {
		if !strings.Contains(page, want) {
			t.Errorf("week view lacks %q", want)
		}
	}
	if w, _ := a.store.Workout(context.Background(), ca, wid); w.Log.DistanceM != 9200 || w.Log.DurationS != 2700 {
		t.Errorf("stored log: %+v", w.Log)
	}
}

func TestRecoveryDoneTooHardIsFlagged(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, mayaUser := a.athlete(ca, "Maya Runner", "maya@example.com")
	ctx := context.Background()
	wo, err := a.store.AddWorkout(ctx, ca, ath.ID, berlinDay(t, 0), training.Prescription{Sport: "run", Kind: "recovery", Title: "Recovery jog", PlannedDurationS: 1800})
	if err != nil || !wo.Protected {
		t.Fatalf("recovery workout: %+v, %v", wo, err)
	}
	if _, err := a.store.LogWorkout(ctx, mayaUser, wo.ID, training.Log{Status: "done", DurationS: 1800, RPE: 5}); err != nil {
		t.Fatal(err)
	}
	page := a.signedIn("carla@example.com").get(athletePath(ath.ID) + "/weeks").Header.Get("Location")
	body := a.signedIn("carla@example.com").get(page).Body
	if !strings.Contains(body, "Recovery too hard") || !strings.Contains(body, "protected") {
		t.Error("a recovery workout done at RPE 5 is not flagged")
	}
}

func TestCoachChangesArePlannedNotMissed(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	ctx := context.Background()
	day := berlinDay(t, -2)
	a.store.AddWorkout(ctx, ca, ath.ID, day, training.Prescription{Sport: "run", Kind: "easy", Title: "Missed run", PlannedDurationS: 2400})
	changed, _ := a.store.AddWorkout(ctx, ca, ath.ID, day, training.Prescription{Sport: "run", Kind: "intervals", Title: "Changed run", PlannedDurationS: 3600})
	if _, err := a.store.UpdatePlan(ctx, ca, changed.ID, changed.Version, day, training.Prescription{Sport: "run", Kind: "easy", Title: "Changed run", PlannedDurationS: 1800}, ""); err != nil {
		t.Fatal(err)
	}
	coach := a.signedIn("carla@example.com")
	body := coach.get(weekPath(ath, day)).Body
	if !strings.Contains(body, "modified by coach") || !strings.Contains(body, "missed") {
		t.Errorf("want one workout missed and one modified by coach")
	}
}

func TestConcurrentEditsConflict(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	wo, _ := a.store.AddWorkout(context.Background(), ca, ath.ID, berlinDay(t, 3), training.Prescription{Sport: "run", Kind: "long", Title: "Long run", PlannedDurationS: 5400})
	first, second := a.signedIn("carla@example.com"), a.signedIn("carla@example.com")
	edit := athletePath(ath.ID) + "/workouts/" + itoa64(wo.ID) + "/edit"
	form := func(title string) url.Values {
		return url.Values{"version": {"1"}, "day": {wo.Day.Format(time.DateOnly)}, "sport": {"run"}, "kind": {"long"}, "title": {title}, "planned_min": {"80"}}
	}
	if r := first.post(edit, form("Long run, shorter")); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d", r.StatusCode)
	}
	r := second.post(edit, form("Long run, hillier"))
	if r.StatusCode != http.StatusConflict || !strings.Contains(r.Body, "Someone changed this workout") || inputValue(t, r.Body, "title") != "Long run, hillier" {
		t.Fatalf("second save: %d (want 409 with the typed title kept)", r.StatusCode)
	}
	if w, _ := a.store.Workout(context.Background(), ca, wo.ID); w.Title != "Long run, shorter" || w.Version != 2 {
		t.Fatalf("stored: %q v%d", w.Title, w.Version)
	}
}

func TestProfileInAthleteUnitsWithZones(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	coach := a.signedIn("carla@example.com")
	edit := athletePath(ath.ID) + "/edit"
	if r := coach.get(edit); inputValue(t, r.Body, "name") != "Maya Runner" {
		t.Fatal("the edit form does not show the profile")
	}
	form := url.Values{"name": {"Maya Runner"}, "email": {"maya@example.com"}, "timezone": {"Europe/Berlin"}, "experience": {"advanced"},
		"sports": {"run", "bike"}, "weekly_minutes": {"360"}, "weekly_run": {"30"}, "threshold_hr": {"170"}, "max_hr": {"165"},
		"threshold_pace": {"4:75"}, "units": {"km"}, "week_start": {"monday"}}
	r := coach.post(edit, form)
	if r.StatusCode != http.StatusUnprocessableEntity || fieldError(t, r.Body, "threshold_pace") == "" || fieldError(t, r.Body, "threshold_hr") == "" {
		t.Fatalf("bad pace and HR: %d", r.StatusCode)
	}
	if !strings.Contains(r.Body, `value="bike" checked`) {
		t.Error("the ticked sports were lost")
	}
	form.Set("max_hr", "190")
	form.Set("threshold_pace", "4:30")
	form.Set("units", "km")
	if r := coach.post(edit, form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", r.StatusCode, r.Body)
	}
	// Switching to miles keeps the numbers shown (read in km), then shows miles.
	again := coach.get(edit).Body
	form.Set("weekly_run", inputValue(t, again, "weekly_run"))
	form.Set("threshold_pace", inputValue(t, again, "threshold_pace"))
	form.Set("units", "mi")
	if r := coach.post(edit, form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("switch to miles: %d\n%s", r.StatusCode, r.Body)
	}
	got, _ := a.store.Athlete(context.Background(), ca, ath.ID)
	if got.ThresholdPace != 270 || got.WeeklyRunM != 30000 || got.Units != "mi" || len(got.Sports) != 2 {
		t.Fatalf("stored: pace %d run %d units %s sports %v", got.ThresholdPace, got.WeeklyRunM, got.Units, got.Sports)
	}
	page := coach.get(athletePath(ath.ID)).Body
	// Friel: zone 2 is 85–89 % of LTHR 170 → 145–151 bpm. 270 s/km × 1.609344 = 434.5 s/mi = 7:15.
	for _, want := range []string{"145–151 bpm", "7:15 /mi", "run 18.6 mi", "Z5a"} {
		if !strings.Contains(page, want) {
			t.Errorf("athlete page lacks %q", want)
		}
	}
}

func TestGoalEvents(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	coach := a.signedIn("carla@example.com")
	race := berlinDay(t, 40).Format(time.DateOnly)
	r := coach.post(athletePath(ath.ID)+"/events/new", url.Values{"name": {"Trail 30"}, "day": {race}, "sport": {"run"}, "kind": {"custom"}, "priority": {"B"}})
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(t, r.Body, "distance"), "needs its distance") {
		t.Fatalf("custom without distance: %d", r.StatusCode)
	}
	r = coach.post(athletePath(ath.ID)+"/events/new", url.Values{"name": {"Trail 30"}, "day": {race}, "sport": {"run"}, "kind": {"custom"}, "distance": {"30"}, "priority": {"B"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("event: %d\n%s", r.StatusCode, r.Body)
	}
	page := a.signedIn("maya@example.com").get(athletePath(ath.ID)).Body
	if !strings.Contains(page, "Trail 30") || !strings.Contains(page, "30 km") || !strings.Contains(page, "in 40 days") {
		t.Error("the athlete does not see the event")
	}
}

func TestAthleteLogsAnUnplannedWorkoutButNotAFutureOne(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, mayaUser := a.athlete(ca, "Maya Runner", "maya@example.com")
	maya := a.signedIn("maya@example.com")
	tomorrow := berlinDay(t, 1).Format(time.DateOnly)
	r := maya.post(athletePath(ath.ID)+"/log", url.Values{"day": {tomorrow}, "sport": {"bike"}, "kind": {"easy"}, "title": {"Spin"}, "duration_min": {"60"}, "rpe": {"3"}})
	if r.StatusCode != http.StatusUnprocessableEntity || fieldError(t, r.Body, "day") == "" {
		t.Fatalf("future log: %d", r.StatusCode)
	}
	r = maya.post(athletePath(ath.ID)+"/log", url.Values{"day": {berlinDay(t, 0).Format(time.DateOnly)}, "sport": {"bike"}, "kind": {"easy"}, "title": {"Spin"}, "duration_min": {"60"}, "rpe": {"3"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("unplanned log: %d\n%s", r.StatusCode, r.Body)
	}
	list, _ := a.store.Workouts(context.Background(), mayaUser, ath.ID, berlinDay(t, 0), berlinDay(t, 0))
	if len(list) != 1 || list[0].Planned || list[0].Status != "done" || list[0].Log.RPE != 3 {
		t.Fatalf("stored: %+v", list)
	}
	page := maya.get(weekPath(ath, berlinDay(t, 0))).Body
	if !strings.Contains(page, "unplanned") || !strings.Contains(page, "load 180") { // 60 min × RPE 3
		t.Error("the unplanned workout is not shown with its load")
	}
}

func TestWeekAddressesAreCanonical(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	coach := a.signedIn("carla@example.com")
	// 2026-11-25 is a Wednesday; Maya's weeks start on Monday the 23rd.
	r := coach.get(athletePath(ath.ID) + "/weeks/2026-11-25")
	if r.StatusCode != http.StatusSeeOther || !strings.HasSuffix(r.Header.Get("Location"), "/weeks/2026-11-23") {
		t.Fatalf("mid-week address: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	if r := coach.get(athletePath(ath.ID) + "/weeks/2026-13-01"); r.StatusCode != http.StatusNotFound {
		t.Fatalf("no such date: %d", r.StatusCode)
	}
	body := coach.get(athletePath(ath.ID) + "/weeks/2026-11-23").Body
	if !strings.Contains(body, "/weeks/2026-11-16") || !strings.Contains(body, "/weeks/2026-11-30") {
		t.Error("no previous/next week links")
	}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

func TestCuttingRecoveryIsRefusedWithAlternativesUnlessReasoned(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	ctx := context.Background()
	monday := weekStart(ath, berlinDay(t, 7))
	rec, _ := a.store.AddWorkout(ctx, ca, ath.ID, monday.AddDate(0, 0, 2), training.Prescription{Sport: "run", Kind: "recovery", Title: "Recovery jog", PlannedDurationS: 1800, TargetRPE: 2})
	a.store.AddWorkout(ctx, ca, ath.ID, monday.AddDate(0, 0, 3), training.Prescription{Sport: "run", Kind: "intervals", Title: "6 × 3 min", PlannedDurationS: 3600, TargetRPE: 8})
	coach := a.signedIn("carla@example.com")
	edit := athletePath(ath.ID) + "/workouts/" + itoa64(rec.ID) + "/edit"
	form := url.Values{"version": {"1"}, "day": {rec.Day.Format(time.DateOnly)}, "sport": {"run"}, "kind": {"recovery"}, "title": {"Recovery jog"}, "planned_min": {"15"}}
	r := coach.post(edit, form)
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "shortening it from 30 to 15 minutes") ||
		!strings.Contains(r.Body, "shorten Thursday&#39;s intervals") || fieldError(t, r.Body, "override_reason") == "" {
		t.Fatalf("shortening a recovery workout: %d\n%.3000s", r.StatusCode, r.Body)
	}
	if inputValue(t, r.Body, "planned_min") != "15" {
		t.Error("the typed duration was lost")
	}
	form.Set("override_reason", "Maya has a work trip, 15 minutes is all she has")
	if r := coach.post(edit, form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("override with a reason: %d", r.StatusCode)
	}
	history := a.signedIn("maya@example.com").get(athletePath(ath.ID) + "/plan/history").Body
	if !strings.Contains(history, "work trip") || !strings.Contains(history, "recovery cut, with a reason") {
		t.Error("the athlete does not see the override and its reason in the history")
	}
	if r := coach.post(athletePath(ath.ID)+"/plan/undo", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("undo: %d", r.StatusCode)
	}
	if w, _ := a.store.Workout(ctx, ca, rec.ID); w.PlannedDurationS != 1800 {
		t.Errorf("after undo the recovery workout is %d s", w.PlannedDurationS)
	}
}

func TestAthleteSeesWhatChangedAndWhy(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	ctx := context.Background()
	day := berlinDay(t, 1)
	wo, _ := a.store.AddWorkout(ctx, ca, ath.ID, day, training.Prescription{Sport: "run", Kind: "intervals", Title: "6 × 3 min", PlannedDurationS: 3600, TargetRPE: 8})
	maya := a.signedIn("maya@example.com")
	week := weekPath(ath, day)
	if body := maya.get(week).Body; strings.Contains(body, `badge warn">changed`) {
		t.Fatal("a first look marks workouts as changed")
	}
	a.store.Now = func() time.Time { return time.Now().Add(time.Minute) } // the change comes after the look
	defer func() { a.store.Now = time.Now }()
	p := wo.Prescription
	p.PlannedDurationS = 2400
	if _, err := a.store.UpdatePlan(ctx, ca, wo.ID, wo.Version, day, p, "Your legs need a lighter week"); err != nil {
		t.Fatal(err)
	}
	body := maya.get(week).Body
	if !strings.Contains(body, `badge warn">changed`) || !strings.Contains(body, "Changed: Your legs need a lighter week") {
		t.Fatalf("the athlete does not see the change and its reason")
	}
	if strings.Contains(maya.get(week).Body, `badge warn">changed`) {
		t.Error("the change is still marked new on the next look")
	}
}

func TestKeyWorkoutsBackToBackAskForConfirmation(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	day := berlinDay(t, 3)
	a.store.AddWorkout(context.Background(), ca, ath.ID, day, training.Prescription{Sport: "run", Kind: "intervals", Title: "6 × 3 min", PlannedDurationS: 3600})
	coach := a.signedIn("carla@example.com")
	form := url.Values{"day": {day.AddDate(0, 0, 1).Format(time.DateOnly)}, "sport": {"run"}, "kind": {"tempo"}, "title": {"Tempo run"}, "planned_min": {"50"}}
	r := coach.post(athletePath(ath.ID)+"/workouts/new", form)
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "comes the day after 6 × 3 min") || !strings.Contains(r.Body, "Save anyway") {
		t.Fatalf("a tempo the day after intervals: %d", r.StatusCode)
	}
	if n := countWorkouts(t, a, ath.ID); n != 1 {
		t.Fatalf("saved before confirmation: %d workouts", n)
	}
	form.Set("confirm", "yes")
	if r := coach.post(athletePath(ath.ID)+"/workouts/new", form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirmed: %d", r.StatusCode)
	}
	form.Set("day", day.AddDate(0, 0, 2).Format(time.DateOnly))
	form.Del("confirm")
	form.Set("kind", "easy")
	if r := coach.post(athletePath(ath.ID)+"/workouts/new", form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("an easy run needs no confirmation: %d", r.StatusCode)
	}
}
