package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"rebound/internal/store"
	"rebound/internal/training"
)

// csvOf fetches a CSV export and parses it back with encoding/csv.
func csvOf(t *testing.T, c *client, path, wantFile string) (header []string, rows []map[string]string) {
	t.Helper()
	r := c.get(path)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, r.StatusCode)
	}
	if ct := r.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("%s: Content-Type %q", path, ct)
	}
	disp, params, err := mime.ParseMediaType(r.Header.Get("Content-Disposition"))
	if err != nil || disp != "attachment" || !regexp.MustCompile(`^`+wantFile+`-\d{4}-\d\d-\d\d\.csv$`).MatchString(params["filename"]) {
		t.Errorf("%s: Content-Disposition %q", path, r.Header.Get("Content-Disposition"))
	}
	records, err := csv.NewReader(strings.NewReader(r.Body)).ReadAll()
	if err != nil {
		t.Fatalf("%s does not parse as CSV: %v", path, err)
	}
	header = records[0]
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, h := range header {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return header, rows
}

// exportFixture: coach Carla with Maya (workouts and check-ins with text
// meant to run in a spreadsheet) and Zoë, coach Ben with Tom.
type exportFixture struct {
	a               *app
	maya, zoe, tom  training.Athlete
	mayaUser        store.User
	today           time.Time
	injected        []string
	mayaWorkouts    []training.Workout
	mayaCheckIns    []training.CheckIn
	carla, benCoach store.User
}

var injections = []string{`=HYPERLINK("http://evil.example","click")`, "+1", "-2+3", "@SUM(A1:A9)", "\tcmd", "\r=1+2"}

func newExportFixture(t *testing.T) exportFixture {
	a := newApp(t)
	ctx := context.Background()
	f := exportFixture{a: a, injected: injections}
	f.carla = a.coach("Carla Coach", "carla@example.com")
	f.benCoach = a.coach("Ben Other", "ben@example.com")
	f.maya, f.mayaUser = a.athlete(f.carla, "Maya Runner", "maya@example.com")
	f.zoe, _ = a.athlete(f.carla, "Zoë Swimmer", "zoe@example.com")
	f.tom, _ = a.athlete(f.benCoach, "Tom Rower", "tom@example.com")
	f.today = a.srv.athleteToday(f.maya)
	add := func(coach store.User, ath training.Athlete, offset int, p training.Prescription) training.Workout {
		t.Helper()
		w, err := a.store.AddWorkout(ctx, coach, ath.ID, f.today.AddDate(0, 0, offset), p)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	for i, text := range injections {
		w := add(f.carla, f.maya, -i, training.Prescription{Sport: "run", Kind: "easy", Title: strings.TrimSpace(text) + " run",
			PlannedDurationS: 2700 + 30*i, PlannedDistanceM: 8123, TargetRPE: 3, TargetZone: 2, Description: text})
		if i%2 == 0 {
			if _, err := a.store.LogWorkout(ctx, f.mayaUser, w.ID, training.Log{Status: "done", DurationS: 2850, DistanceM: 8400,
				RPE: 3.5, AvgHR: 141, Notes: text}); err != nil {
				t.Fatal(err)
			}
		}
		c := training.CheckIn{AthleteID: f.maya.ID, Day: f.today.AddDate(0, 0, -i), SleepHours: 7.25,
			SleepQuality: 4, Fatigue: 3, Soreness: 2, Stress: 4, Mood: 5, Motivation: 4, SorenessAreas: []string{"calves", "lower_back"},
			RestingHR: 48, HRV: 72.5, Notes: text, Score: 81, Light: "green",
			Reasons: []training.Reason{{Light: "green", Code: "ok", Text: "All as usual, " + strconv.Itoa(i)}}}
		if i%3 == 1 { // a cold and a sore knee
			c.Illness, c.IllnessSite, c.Injury, c.InjuryAreas = true, "above_neck", true, []string{"knees", "lower_back"}
			c.Reasons = append(c.Reasons, training.Reason{Light: "red", Code: "injury", Text: "Reported injury: knees, lower back",
				Areas: c.InjuryAreas})
		}
		if err := a.store.SaveCheckIn(ctx, f.mayaUser, c); err != nil {
			t.Fatal(err)
		}
	}
	add(f.carla, f.zoe, 1, training.Prescription{Sport: "swim", Kind: "intervals", Title: "Threshold swim", PlannedDurationS: 3600, PlannedDistanceM: 3000})
	add(f.benCoach, f.tom, 1, training.Prescription{Sport: "other", Kind: "easy", Title: "Secret row", PlannedDurationS: 3600})
	var err error
	if f.mayaWorkouts, err = a.store.Workouts(ctx, f.carla, f.maya.ID, exportFrom, exportTo); err != nil {
		t.Fatal(err)
	}
	if f.mayaCheckIns, err = a.store.CheckIns(ctx, f.carla, f.maya.ID, exportFrom, exportTo); err != nil {
		t.Fatal(err)
	}
	return f
}

// A user's text comes back from a spreadsheet file as it was, but with
// a quote in front when it would start a formula.
func neutralised(s string) string {
	if s != "" && strings.ContainsAny(s[:1], "=+-@\t\r") {
		return "'" + s
	}
	return s
}

func TestExportWorkoutsCSV(t *testing.T) {
	f := newExportFixture(t)
	path := athletePath(f.maya.ID) + "/export/workouts.csv"
	for _, who := range []string{"carla@example.com", "maya@example.com"} {
		header, rows := csvOf(t, f.a.signedIn(who), path, "rebound-maya-runner-workouts")
		if !slices.Equal(header, workoutHeader) {
			t.Fatalf("header %q", header)
		}
		if len(rows) != len(f.mayaWorkouts) {
			t.Fatalf("as %s: %d rows, want %d", who, len(rows), len(f.mayaWorkouts))
		}
		for i, w := range f.mayaWorkouts {
			row := rows[i]
			want := map[string]string{
				"athlete_id": strconv.FormatInt(f.maya.ID, 10), "athlete_name": "Maya Runner",
				"workout_id": strconv.FormatInt(w.ID, 10), "date": w.Day.Format(time.DateOnly), "sport": "run", "kind": "easy",
				"title": neutralised(w.Title), "description": neutralised(w.Description), "notes": neutralised(w.Log.Notes),
				"planned": "true", "protected": "false", "key": "false", "status": w.Status,
				"planned_duration_min": strconv.FormatFloat(float64(w.PlannedDurationS)/60, 'f', -1, 64),
				"planned_distance_km":  "8.123", "target_rpe": "3", "target_zone": "2", "version": strconv.Itoa(w.Version),
			}
			if w.Status == "done" {
				want["done_duration_min"], want["done_distance_km"], want["rpe"], want["avg_hr_bpm"] = "47.5", "8.4", "3.5", "141"
				if _, err := time.Parse(time.RFC3339, row["logged_at"]); err != nil {
					t.Errorf("logged_at %q: %v", row["logged_at"], err)
				}
			} else {
				want["done_duration_min"], want["done_distance_km"], want["rpe"], want["avg_hr_bpm"], want["logged_at"] = "", "", "", "", ""
			}
			for k, v := range want {
				if row[k] != v {
					t.Errorf("as %s, workout %d, %s: %q, want %q", who, i, k, row[k], v)
				}
			}
		}
	}
	// Every injection comes back quoted, in whatever text column it was.
	_, rows := csvOf(t, f.a.signedIn("carla@example.com"), path, "rebound-maya-runner-workouts")
	var descriptions []string
	for _, row := range rows {
		descriptions = append(descriptions, row["description"])
	}
	for _, in := range f.injected {
		if !slices.Contains(descriptions, "'"+in) {
			t.Errorf("injection %q does not come back as %q: %q", in, "'"+in, descriptions)
		}
	}
}

func TestExportCheckInsCSV(t *testing.T) {
	f := newExportFixture(t)
	header, rows := csvOf(t, f.a.signedIn("maya@example.com"), athletePath(f.maya.ID)+"/export/checkins.csv", "rebound-maya-runner-checkins")
	if !slices.Equal(header, checkInHeader) {
		t.Fatalf("header %q", header)
	}
	if len(rows) != len(f.mayaCheckIns) || len(rows) != len(f.injected) {
		t.Fatalf("%d rows, want %d", len(rows), len(f.mayaCheckIns))
	}
	for i, c := range f.mayaCheckIns {
		want := map[string]string{"athlete_name": "Maya Runner", "date": c.Day.Format(time.DateOnly), "answered": "true",
			"sleep_hours": "7.25", "sleep_quality_1_5": "4", "fatigue_1_5": "3", "soreness_1_5": "2", "stress_1_5": "4", "mood_1_5": "5",
			"motivation_1_5": "4", "soreness_areas": "calves|lower_back", "resting_hr_bpm": "48", "hrv_rmssd_ms": "72.5",
			"illness": "false", "illness_site": "", "injury": "false", "injury_areas": "", "score_0_100": "81", "light": "green",
			"reasons": c.Reasons[0].Text, "notes": neutralised(c.Notes), "updated_at": c.UpdatedAt.UTC().Format(time.RFC3339)}
		if c.Illness {
			want["illness"], want["illness_site"], want["injury"], want["injury_areas"] = "true", "above_neck", "true", "knees|lower_back"
			want["reasons"] = c.Reasons[0].Text + "; Reported injury: knees, lower back"
		}
		for k, v := range want {
			if rows[i][k] != v {
				t.Errorf("check-in %d, %s: %q, want %q", i, k, rows[i][k], v)
			}
		}
	}
	var notes []string
	for _, row := range rows {
		notes = append(notes, row["notes"])
	}
	for _, in := range f.injected {
		if !slices.Contains(notes, "'"+in) {
			t.Errorf("injection %q is not neutralised in %q", in, notes)
		}
	}
}

// The all-athletes exports hold every athlete of the coach and no one
// else's, in a fixed number of queries whatever their number.
func TestExportAllAthletes(t *testing.T) {
	f := newExportFixture(t)
	_, rows := csvOf(t, f.a.signedIn("carla@example.com"), "/export/workouts.csv", "rebound-workouts")
	names := map[string]int{}
	for _, row := range rows {
		names[row["athlete_name"]]++
	}
	if names["Maya Runner"] != len(f.mayaWorkouts) || names["Zoë Swimmer"] != 1 || names["Tom Rower"] != 0 || len(names) != 2 {
		t.Errorf("Carla's export holds %v", names)
	}
	_, rows = csvOf(t, f.a.signedIn("ben@example.com"), "/export/workouts.csv", "rebound-workouts")
	if len(rows) != 1 || rows[0]["title"] != "Secret row" {
		t.Errorf("Ben's export: %v", rows)
	}
	_, rows = csvOf(t, f.a.signedIn("ben@example.com"), "/export/checkins.csv", "rebound-checkins")
	if len(rows) != 0 {
		t.Errorf("Ben's check-in export holds someone else's: %v", rows)
	}
	_, rows = csvOf(t, f.a.signedIn("carla@example.com"), "/export/checkins.csv", "rebound-checkins")
	if len(rows) != len(f.mayaCheckIns) {
		t.Errorf("Carla's check-in export: %d rows, want %d", len(rows), len(f.mayaCheckIns))
	}

	count := func(athletes int) (int, int) {
		a := newApp(t)
		coach := a.coach("Carla Coach", "carla@example.com")
		for i := range athletes {
			ath, err := a.store.CreateAthlete(context.Background(), coach, store.NewAthlete{Name: "Athlete " + strconv.Itoa(i),
				Email: "a" + strconv.Itoa(i) + "@example.com", Timezone: "UTC"})
			if err != nil {
				t.Fatal(err)
			}
			a.history(ath, 30)
		}
		c := a.signedIn("carla@example.com")
		r, w := c.queries("/export/workouts.csv")
		if n := strings.Count(r.Body, "\n"); n < athletes*30 {
			t.Errorf("%d lines for %d athletes", n, athletes)
		}
		_, ch := c.queries("/export/checkins.csv")
		return w, ch
	}
	fewW, fewC := count(2)
	manyW, manyC := count(20)
	t.Logf("all-athletes export: %d/%d queries for 2 athletes, %d/%d for 20", fewW, fewC, manyW, manyC)
	if fewW != manyW || fewC != manyC || manyW > 3 || manyC > 3 {
		t.Errorf("queries grow with athletes, or are many: workouts %d → %d, check-ins %d → %d", fewW, manyW, fewC, manyC)
	}
}

func TestExportJSON(t *testing.T) {
	f := newExportFixture(t)
	ctx := context.Background()
	start := f.today.AddDate(0, 0, 7)
	if _, _, err := f.a.store.SavePlan(ctx, f.carla, f.maya.ID, store.NewPlan{Sport: "run", Start: start, End: start.AddDate(0, 0, 13),
		Inputs: []byte(`{"sport":"run"}`), Notes: []string{"A short block"},
		Weeks: []training.PlanWeek{{Start: start, Phase: "base", Kind: "build", TargetMinutes: 200, EasyShare: 0.8, Rationale: "Build gently."},
			{Start: start.AddDate(0, 0, 7), Phase: "base", Kind: "cutback", TargetMinutes: 150, EasyShare: 0.85, Rationale: "Absorb."}},
		Workouts: []store.PlannedWorkout{{Day: start, Prescription: training.Prescription{Sport: "run", Kind: "recovery", Title: "Recovery run", PlannedDurationS: 1800}, Protected: true}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.a.store.AddEvent(ctx, f.carla, f.maya.ID, training.Event{Name: "City 10K", Day: start.AddDate(0, 0, 20), Sport: "run", Kind: "10k", Priority: "A"}); err != nil {
		t.Fatal(err)
	}
	workouts, _ := f.a.store.Workouts(ctx, f.carla, f.maya.ID, exportFrom, exportTo)
	changes, _ := f.a.store.Changes(ctx, f.carla, f.maya.ID, 1000)

	r := f.a.signedIn("maya@example.com").get(athletePath(f.maya.ID) + "/export.json")
	if r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "application/json; charset=utf-8" ||
		!strings.HasPrefix(r.Header.Get("Content-Disposition"), `attachment; filename=rebound-maya-runner-`) {
		t.Fatalf("GET export.json: %d %q %q", r.StatusCode, r.Header.Get("Content-Type"), r.Header.Get("Content-Disposition"))
	}
	var doc exportDoc
	dec := json.NewDecoder(strings.NewReader(r.Body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if doc.Format != "rebound.athlete" || doc.Version != 1 || doc.Athlete.Name != "Maya Runner" || doc.Athlete.ID != f.maya.ID {
		t.Errorf("head: %q %d %q", doc.Format, doc.Version, doc.Athlete.Name)
	}
	if len(doc.Workouts) != len(workouts) || len(doc.CheckIns) != len(f.mayaCheckIns) || len(doc.Changes) != len(changes) ||
		len(doc.Events) != 1 || len(doc.Plans) != 1 || len(doc.Plans[0].Weeks) != 2 {
		t.Fatalf("counts: %d workouts (want %d), %d check-ins (%d), %d changes (%d), %d events, %d plans",
			len(doc.Workouts), len(workouts), len(doc.CheckIns), len(f.mayaCheckIns), len(doc.Changes), len(changes), len(doc.Events), len(doc.Plans))
	}
	for i, w := range workouts {
		got := doc.Workouts[i]
		if got.ID != w.ID || got.Title != w.Title || got.Date != w.Day.Format(time.DateOnly) || got.Description != w.Description ||
			*got.PlannedDurationS != w.PlannedDurationS || got.Status != w.Status || (w.Status == "done") != (got.RPE != nil) {
			t.Errorf("workout %d: %+v, want %+v", i, got, w)
		}
	}
	for i, c := range f.mayaCheckIns {
		got := doc.CheckIns[i]
		if got.Date != c.Day.Format(time.DateOnly) || got.Notes != c.Notes || *got.HRV != c.HRV || *got.Score != c.Score ||
			!slices.Equal(got.SorenessAreas, c.SorenessAreas) || got.Reasons[0].Text != c.Reasons[0].Text ||
			(got.IllnessSite != nil) != c.Illness || !slices.Equal(got.InjuryAreas, c.InjuryAreas) && len(c.InjuryAreas) > 0 ||
			got.InjuryAreas == nil {
			t.Errorf("check-in %d: %+v", i, got)
		}
		if c.Injury && (*got.IllnessSite != "above_neck" || !slices.Equal(got.Reasons[1].Areas, []string{"knees", "lower_back"})) {
			t.Errorf("check-in %d's site and areas: %+v", i, got)
		}
	}
	var inputs map[string]string
	if p := doc.Plans[0]; p.Start != start.Format(time.DateOnly) || p.Weeks[1].Kind != "cutback" ||
		json.Unmarshal(p.Inputs, &inputs) != nil || inputs["sport"] != "run" {
		t.Errorf("plan %+v", p)
	}
	if doc.Changes[0].At > doc.Changes[len(doc.Changes)-1].At {
		t.Error("changes are not oldest first")
	}
	if last := doc.Changes[len(doc.Changes)-1]; last.Action != "plan" {
		t.Errorf("the newest change is %q, want the plan", last.Action)
	}
	// Dates, times and keys have the documented shape.
	dateRe, keyRe := regexp.MustCompile(`^\d{4}-\d\d-\d\d$`), regexp.MustCompile(`^[a-z0-9_]+$`)
	for _, d := range []string{doc.Events[0].Date, doc.Plans[0].End, doc.Workouts[0].Date, doc.CheckIns[0].Date} {
		if !dateRe.MatchString(d) {
			t.Errorf("date %q", d)
		}
	}
	for _, ts := range []string{doc.ExportedAt, doc.Athlete.CreatedAt, doc.Changes[0].At, doc.CheckIns[0].UpdatedAt} {
		if _, err := time.Parse(time.RFC3339, ts); err != nil {
			t.Errorf("time %q: %v", ts, err)
		}
	}
	var generic map[string]any
	if err := json.Unmarshal([]byte(r.Body), &generic); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if !keyRe.MatchString(k) {
					t.Errorf("key %q is not snake_case", k)
				}
				if k != "inputs" {
					walk(x)
				}
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(generic)
	for _, k := range []string{"events", "plans", "workouts", "checkins", "changes"} {
		if _, ok := generic[k].([]any); !ok {
			t.Errorf("%s is not a list", k)
		}
	}
}

// Exports are compressed for clients that accept it, like pages.
func TestExportsAreCompressed(t *testing.T) {
	a := newApp(t)
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	a.history(ath, 30)
	c := a.signedIn("carla@example.com")
	for _, path := range []string{"/export/workouts.csv", "/export/checkins.csv", athletePath(ath.ID) + "/export.json"} {
		req, err := http.NewRequest(http.MethodGet, a.ts.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Accept-Encoding", "gzip")
		if r := c.do(req); r.StatusCode != http.StatusOK || r.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: %d, Content-Encoding %q, want gzip", path, r.StatusCode, r.Header.Get("Content-Encoding"))
		}
	}
}
