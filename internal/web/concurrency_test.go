package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/internal/training"
)

// storm sends the forms at once (each from its own goroutine, released
// together) and returns the answers in the same order.
func storm(c *client, paths []string, forms []url.Values) []resp {
	out := make([]resp, len(forms))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range forms {
		wg.Go(func() {
			<-start
			out[i] = c.post(paths[i], forms[i])
		})
	}
	close(start)
	wg.Wait()
	return out
}

// editForm is the workout edit form as the coach sends it.
func editForm(wo training.Workout, version int, title, minutes string) url.Values {
	return url.Values{"version": {strconv.Itoa(version)}, "day": {wo.Day.Format(time.DateOnly)}, "sport": {wo.Sport},
		"kind": {wo.Kind}, "title": {title}, "planned_min": {minutes}, "confirm": {"yes"}}
}

func editPath(wo training.Workout) string {
	return athletePath(wo.AthleteID) + "/workouts/" + itoa64(wo.ID) + "/edit"
}

// sameWorkout compares two workouts as the audit log stores them (JSON).
func sameWorkout(t *testing.T, a, b training.Workout) bool {
	t.Helper()
	ja, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	jb, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(ja, jb)
}

// countChanges is the number of plan_changes rows of the athlete.
func countChanges(t *testing.T, a *app, athleteID int64) int {
	t.Helper()
	var n int
	if err := a.store.Pool().QueryRow(context.Background(), "SELECT count(*) FROM plan_changes WHERE athlete_id = $1", athleteID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Fifty saves of one workout from the same version, at once: exactly one
// wins, the other 49 see the conflict with what they typed kept, the
// version goes up by one, and the audit log has exactly one new row whose
// "after" is the stored workout.
func TestFiftyConcurrentEditsOfOneWorkoutHaveOneWinner(t *testing.T) {
	const n = 50
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	ctx := context.Background()
	wo, err := a.store.AddWorkout(ctx, ca, ath.ID, berlinDay(t, 3), training.Prescription{Sport: "run", Kind: "easy", Title: "Easy run", PlannedDurationS: 2700})
	if err != nil {
		t.Fatal(err)
	}
	changesBefore := countChanges(t, a, ath.ID)
	coach := a.signedIn("carla@example.com")

	paths, forms := make([]string, n), make([]url.Values, n)
	for i := range n {
		paths[i], forms[i] = editPath(wo), editForm(wo, wo.Version, fmt.Sprintf("Easy run, edit %d", i), strconv.Itoa(30+i))
	}
	began := time.Now()
	answers := storm(coach, paths, forms)
	took := time.Since(began)

	stored, err := a.store.Workout(ctx, ca, wo.ID)
	if err != nil {
		t.Fatal(err)
	}
	winner, conflicts := -1, 0
	for i, r := range answers {
		switch r.StatusCode {
		case http.StatusSeeOther:
			if winner >= 0 {
				t.Errorf("edits %d and %d both won", winner, i)
			}
			winner = i
		case http.StatusConflict:
			conflicts++
			if !strings.Contains(r.Body, "Someone changed this workout while you were editing it.") {
				t.Errorf("edit %d: 409 without the conflict message", i)
			}
			if got := inputValue(t, r.Body, "title"); got != forms[i].Get("title") {
				t.Errorf("edit %d: the typed title is not kept: %q", i, got)
			}
			if got := inputValue(t, r.Body, "planned_min"); got != forms[i].Get("planned_min") {
				t.Errorf("edit %d: the typed minutes are not kept: %q", i, got)
			}
			// Saving the conflict form again overwrites the newer version
			// knowingly: it must carry the version now stored.
			if got := inputValue(t, r.Body, "version"); got != strconv.Itoa(stored.Version) {
				t.Errorf("edit %d: the conflict form carries version %s, the stored one is %d", i, got, stored.Version)
			}
		default:
			t.Errorf("edit %d: status %d\n%s", i, r.StatusCode, r.Body)
		}
	}
	t.Logf("%d concurrent edits in %v: winner %d, %d conflicts", n, took.Round(time.Millisecond), winner, conflicts)
	if winner < 0 || conflicts != n-1 {
		t.Fatalf("want 1 winner and %d conflicts, got winner %d and %d conflicts", n-1, winner, conflicts)
	}
	if stored.Version != wo.Version+1 || stored.Title != forms[winner].Get("title") || stored.PlannedDurationS != (30+winner)*60 {
		t.Fatalf("stored v%d %q %ds; want v%d with the winner's %q", stored.Version, stored.Title, stored.PlannedDurationS,
			wo.Version+1, forms[winner].Get("title"))
	}
	if got := countChanges(t, a, ath.ID); got != changesBefore+1 {
		t.Fatalf("the audit log has %d new rows, want 1", got-changesBefore)
	}
	changes, err := a.store.Changes(ctx, ca, ath.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if c := changes[0]; c.Action != "edit" || c.WorkoutID != wo.ID || c.After == nil || !sameWorkout(t, *c.After, stored) ||
		c.Before == nil || c.Before.Version != wo.Version {
		t.Fatalf("the audit row does not match the stored workout:\nrow %+v\nstored %+v", c.After, stored)
	}

	// One loser saves the re-shown form again: now it wins, knowingly.
	loser := (winner + 1) % n
	again := editForm(wo, stored.Version, forms[loser].Get("title"), forms[loser].Get("planned_min"))
	if r := coach.post(editPath(wo), again); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the conflict form again: %d", r.StatusCode)
	}
}

// auditReplay rebuilds the athlete's workouts from the audit log alone:
// each add, edit, delete and undo in order, checking that each change's
// "before" is the state the changes before it left (a change made on a
// stale copy would break the chain). Workouts a saved plan made are
// recorded as one "plan" change without per-workout rows; it returns how
// many plan changes there were.
func auditReplay(t *testing.T, a *app, athleteID int64) (map[int64]training.Workout, int) {
	t.Helper()
	rows, err := a.store.Pool().Query(context.Background(), `
		SELECT id, action, coalesce(workout_id, 0), before, after FROM plan_changes WHERE athlete_id = $1 ORDER BY id`, athleteID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	state, plans := map[int64]training.Workout{}, 0
	for rows.Next() {
		var id, wid int64
		var action string
		var before, after []byte
		if err := rows.Scan(&id, &action, &wid, &before, &after); err != nil {
			t.Fatal(err)
		}
		decode := func(b []byte) *training.Workout {
			if b == nil {
				return nil
			}
			var w training.Workout
			if err := json.Unmarshal(b, &w); err != nil {
				t.Fatal(err)
			}
			return &w
		}
		b, aft := decode(before), decode(after)
		if action == "plan" {
			plans++
			continue
		}
		cur, exists := state[wid]
		switch {
		case b == nil && exists:
			t.Errorf("change %d (%s) adds workout %d, which exists", id, action, wid)
		case b != nil && !exists:
			t.Errorf("change %d (%s) changes workout %d, which does not exist", id, action, wid)
		case b != nil && exists && !sameWorkout(t, *b, cur):
			t.Errorf("change %d (%s) of workout %d starts from a state no change left:\nbefore %+v\nstate  %+v", id, action, wid, *b, cur)
		}
		if aft == nil {
			delete(state, wid)
		} else {
			state[wid] = *aft
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return state, plans
}

// checkReplay compares the replayed audit log with the stored workouts.
func checkReplay(t *testing.T, a *app, coach store.User, athleteID int64) {
	t.Helper()
	state, plans := auditReplay(t, a, athleteID)
	all, err := a.store.Workouts(context.Background(), coach, athleteID, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	byPlan := 0
	for _, w := range all {
		if w.PlanID != 0 {
			byPlan++ // recorded as its plan's one change
			continue
		}
		r, ok := state[w.ID]
		if !ok {
			t.Errorf("workout %d (%s) is stored but the audit log never made it", w.ID, w.Title)
			continue
		}
		if !sameWorkout(t, r, w) {
			t.Errorf("workout %d: the audit log replays to\n%+v\nbut the database holds\n%+v", w.ID, r, w)
		}
		delete(state, w.ID)
	}
	for id, w := range state {
		t.Errorf("the audit log leaves workout %d (%s), which is not stored", id, w.Title)
	}
	if byPlan > 0 && plans == 0 {
		t.Errorf("%d workouts come from a plan, but no plan change is recorded", byPlan)
	}
}

// Fifty concurrent edits of the workouts of one week (five saves from
// the same version for each of ten workouts), with the coach applying a
// lightening proposal for that week and saving a new plan at the same
// time: each workout has at most one winning edit per version, and the
// audit log replays to exactly the stored workouts.
func TestConcurrentWeekEditsReplayFromTheAuditLog(t *testing.T) {
	const perWorkout = 5
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, athUser := a.athlete(ca, "Maya Runner", "maya@example.com")
	ctx := context.Background()

	// A week starting in a week's time, a workout or two on every day,
	// so a plan saved from this week on keeps all of them.
	start := weekStart(ath, berlinDay(t, 7))
	kinds := []string{"easy", "tempo", "recovery", "easy", "intervals", "rest", "long", "easy", "strength", "easy"}
	var week []training.Workout
	for i, kind := range kinds {
		sport := "run"
		if kind == "strength" {
			sport = "strength"
		}
		wo, err := a.store.AddWorkout(ctx, ca, ath.ID, start.AddDate(0, 0, i%7), training.Prescription{Sport: sport, Kind: kind,
			Title: fmt.Sprintf("%s %d", kind, i), PlannedDurationS: 60 * (40 + i)})
		if err != nil {
			t.Fatal(err)
		}
		week = append(week, wo)
	}

	// A proposal to lighten the week: the tempo, intervals and long runs
	// shortened, as a red check-in would propose.
	var adjs []plan.Adjustment
	for _, u := range upcoming(week) {
		if !u.Key {
			continue
		}
		after := u
		after.Minutes = u.Minutes * 2 / 3
		adjs = append(adjs, plan.Adjustment{WorkoutID: u.ID, Action: "shorten", Before: u, After: after, Why: "shortened", Reason: "red check-in"})
	}
	if err := a.store.SaveProposal(ctx, athUser, store.Proposal{AthleteID: ath.ID, CheckInDay: berlinDay(t, 0), Light: "red",
		Reason: "red check-in", Adjustments: adjs}); err != nil {
		t.Fatal(err)
	}
	pending, ok, err := a.store.PendingProposal(ctx, ca, ath.ID)
	if err != nil || !ok {
		t.Fatalf("no pending proposal: %v", err)
	}

	coach := a.signedIn("carla@example.com")
	var paths []string
	var forms []url.Values
	var target []int64 // the workout an edit saves; 0 for the others
	for i := range perWorkout {
		for j, wo := range week {
			minutes := strconv.Itoa(wo.PlannedDurationS/60 + 5*(i+1)) // longer: never cuts a recovery workout
			paths = append(paths, editPath(wo))
			forms = append(forms, editForm(wo, wo.Version, fmt.Sprintf("%s, edit %d", wo.Title, i), minutes))
			target = append(target, wo.ID)
			if i == 2 && j == 4 {
				paths = append(paths, athletePath(ath.ID)+"/proposals/"+itoa64(pending.ID)+"/apply", athletePath(ath.ID)+"/plan")
				forms = append(forms, url.Values{}, planFormValues(start, "240", 0))
				target = append(target, 0, 0)
			}
		}
	}
	changesBefore := countChanges(t, a, ath.ID)
	began := time.Now()
	answers := storm(coach, paths, forms)
	took := time.Since(began)

	wins := map[int64]int{}
	conflicts := 0
	for i, r := range answers {
		isEdit := target[i] != 0
		switch {
		case !isEdit && r.StatusCode != http.StatusSeeOther:
			t.Errorf("%s: status %d\n%s", paths[i], r.StatusCode, r.Body)
		case isEdit && r.StatusCode == http.StatusSeeOther:
			wins[target[i]]++
		case isEdit && r.StatusCode == http.StatusConflict:
			conflicts++
			if inputValue(t, r.Body, "title") != forms[i].Get("title") {
				t.Errorf("%s: the typed title is not kept", paths[i])
			}
		case isEdit:
			t.Errorf("%s: status %d\n%s", paths[i], r.StatusCode, r.Body)
		}
	}
	applied := 0
	if err := a.store.Pool().QueryRow(ctx, `SELECT count(*) FROM plan_changes WHERE athlete_id = $1 AND reason LIKE 'Proposal after %'`,
		ath.ID).Scan(&applied); err != nil {
		t.Fatal(err)
	}
	totalWins := 0
	for _, wo := range week {
		stored, err := a.store.Workout(ctx, ca, wo.ID)
		if err != nil {
			t.Fatal(err)
		}
		if wins[wo.ID] > 1 {
			t.Errorf("%s: %d edits from version %d won", wo.Title, wins[wo.ID], wo.Version)
		}
		totalWins += wins[wo.ID]
		if stored.Version < wo.Version+wins[wo.ID] {
			t.Errorf("%s: version %d after %d winning edits", wo.Title, stored.Version, wins[wo.ID])
		}
	}
	t.Logf("%d concurrent requests (%d edits of %d workouts, a proposal apply, a plan save) in %v: %d edits won, %d conflicts, %d proposal changes applied",
		len(forms), len(week)*perWorkout, len(week), took.Round(time.Millisecond), totalWins, conflicts, applied)
	if totalWins+conflicts != len(week)*perWorkout {
		t.Errorf("%d wins and %d conflicts for %d edits", totalWins, conflicts, len(week)*perWorkout)
	}
	// One new row per winning edit and per applied proposal change, and
	// one for the plan.
	if got := countChanges(t, a, ath.ID) - changesBefore; got != totalWins+applied+1 {
		t.Errorf("%d new audit rows, want %d (edits) + %d (proposal) + 1 (plan)", got, totalWins, applied)
	}
	checkReplay(t, a, ca, ath.ID)

	// Then a delete, undone (the workout comes back under a new id), and
	// one more undo: the log still replays to what is stored.
	gone, err := a.store.Workout(ctx, ca, week[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if r := coach.post(athletePath(ath.ID)+"/workouts/"+itoa64(gone.ID)+"/delete", url.Values{"version": {strconv.Itoa(gone.Version)}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", r.StatusCode)
	}
	for range 2 {
		if r := coach.post(athletePath(ath.ID)+"/plan/undo", nil); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("undo: %d", r.StatusCode)
		}
	}
	checkReplay(t, a, ca, ath.ID)
}
