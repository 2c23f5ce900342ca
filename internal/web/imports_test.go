package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"rebound/internal/config"
	"rebound/internal/imports"
	"rebound/internal/imports/importstest"
	"rebound/internal/store"
	"rebound/internal/training"
)

// drain works the import queue until it is empty, as the server's
// workers do in the background.
func (a *app) drain() {
	a.t.Helper()
	w := imports.NewWorker(a.store, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err := w.Drain(context.Background()); err != nil {
		a.t.Fatal(err)
	}
}

// imported is a 40-minute run from a file started at start, at heart
// rate hr, imported for the athlete by actor: the workout it became.
func (a *app) imported(actor store.User, ath training.Athlete, start time.Time, hr int) training.Workout {
	a.t.Helper()
	ctx := context.Background()
	id, err := a.store.CreateImport(ctx, actor, ath.ID, []store.UploadedFile{{Name: "run.fit",
		Data: importstest.FIT(importstest.Workout{Sport: "run", Start: start, Minutes: 40, HR: hr, Step: 5 * time.Second})}})
	if err != nil {
		a.t.Fatal(err)
	}
	a.drain()
	j, err := a.store.ImportJob(ctx, actor, ath.ID, id)
	if err != nil || j.Files[0].Workout == nil {
		a.t.Fatalf("import: %+v, %v", j.Files, err)
	}
	w, err := a.store.Workout(ctx, actor, j.Files[0].Workout.ID)
	if err != nil {
		a.t.Fatal(err)
	}
	return w
}

// upload posts files as the browser's file input "files" does.
func (c *client) upload(path string, files ...importstest.File) resp {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range files {
		w, err := mw.CreateFormFile("files", f.Name)
		if err != nil {
			c.t.Fatal(err)
		}
		w.Write(f.Data)
	}
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, c.app.ts.URL+path, &body)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.app.ts.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// yesterdayIn is yesterday's date in the zone, at 00:00 UTC, and a time
// of that morning.
func yesterdayIn(t *testing.T, zone string) (day, morning time.Time) {
	t.Helper()
	loc := mustZone(t, zone)
	n := time.Now().In(loc)
	day = time.Date(n.Year(), n.Month(), n.Day()-1, 0, 0, 0, 0, time.UTC)
	morning = time.Date(n.Year(), n.Month(), n.Day()-1, 7, 0, 0, 0, loc)
	return day, morning
}

// The athlete uploads a file; the page shows progress until the workers
// have read it, then the report; the workout shows the file's numbers,
// charts and laps; one tap gives its RPE, which then is the load.
func TestUploadFromAFileMatchesThePlan(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	p := ath.Profile
	p.ThresholdHR, p.MaxHR = 170, 190
	if err := a.store.UpdateProfile(ctx, coach, ath.ID, p); err != nil {
		t.Fatal(err)
	}
	day, morning := yesterdayIn(t, "Europe/Berlin")
	planned, err := a.store.AddWorkout(ctx, coach, ath.ID, day, training.Prescription{Sport: "run", Kind: "long", Title: "Long run", PlannedDurationS: 45 * 60, TargetRPE: 5})
	if err != nil {
		t.Fatal(err)
	}
	maya := a.signedIn("maya@example.com")
	fit := importstest.FIT(importstest.Workout{Sport: "run", Start: morning, Minutes: 45, HR: 150})
	r := maya.upload(athletePath(ath.ID)+"/imports", importstest.File{Name: "Morning_Run.fit", Data: fit})
	if r.StatusCode != http.StatusSeeOther || !regexp.MustCompile(`^/athletes/\d+/imports/\d+$`).MatchString(r.Header.Get("Location")) {
		t.Fatalf("upload: %d %s\n%s", r.StatusCode, r.Header.Get("Location"), r.Body)
	}
	report := r.Header.Get("Location")
	waiting := maya.get(report)
	if waiting.StatusCode != http.StatusOK || !strings.Contains(waiting.Body, `http-equiv="refresh"`) || !strings.Contains(waiting.Body, "0 of 1 read") {
		t.Errorf("the waiting page does not refresh itself with its progress:\n%s", waiting.Body)
	}
	a.drain()
	done := maya.get(report)
	for _, want := range []string{"Import finished", "Morning_Run.fit", "matched to the plan", "Long run"} {
		if !strings.Contains(done.Body, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(done.Body, `http-equiv="refresh"`) {
		t.Error("the finished report still refreshes")
	}
	if got := text(t, done.Body, "dl"); !strings.Contains(got, "Imported1") || !strings.Contains(got, "Matched to the plan1") {
		t.Errorf("counts: %q", got)
	}

	page := maya.get(workoutPath(ath.ID, planned.ID))
	if page.StatusCode != http.StatusOK {
		t.Fatalf("workout page: %d", page.StatusCode)
	}
	for _, want := range []string{"From the watch", "45 min", "Heart rate", "Pace", `role="img"`, "<desc", "Laps",
		"estimated from heart rate", "How hard was it?", "Morning_Run.fit", "Download the original", "RPE 5"} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("workout page lacks %q", want)
		}
	}
	week := maya.get(weekPath(ath, day))
	if !strings.Contains(week.Body, "from file") || !strings.Contains(week.Body, "(estimated from heart rate)") {
		t.Error("the week does not show the workout as from a file with an estimated load")
	}
	home := maya.get("/")
	if !strings.Contains(home.Body, `class="card to-rate"`) || !strings.Contains(home.Body, `name="rpe" value="10"`) {
		t.Error("the athlete's home does not ask how hard it was")
	}
	if !strings.Contains(home.Body, "Add from a file") || !strings.Contains(week.Body, "Add from a file") {
		t.Error("home or week lacks the upload form")
	}

	// The log form asks the RPE rather than offering 0.
	if form := maya.get(workoutPath(ath.ID, planned.ID) + "/log"); strings.Contains(form.Body, `value="0" checked`) {
		t.Error("the log form of an unrated workout has RPE 0 chosen")
	}

	// One tap.
	r = maya.post(workoutPath(ath.ID, planned.ID)+"/rpe", url.Values{"rpe": {"6"}, "from": {"home"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/" {
		t.Fatalf("rate: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	home = maya.get("/")
	if strings.Contains(home.Body, `class="card to-rate"`) {
		t.Error("still asked after answering")
	}
	carla := a.signedIn("carla@example.com")
	week = carla.get(weekPath(ath, day))
	if !strings.Contains(week.Body, "load 270") || strings.Contains(week.Body, "estimated from") {
		t.Errorf("the coach's week: load of 6 × 45 min not shown\n%s", text(t, week.Body, "ol"))
	}

	// The original comes back as it was uploaded.
	x, err := a.store.Workout(ctx, coach, planned.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := carla.get(athletePath(ath.ID) + "/activities/" + strconv.FormatInt(x.ActivityID, 10) + "/file")
	if got.StatusCode != http.StatusOK || got.Body != string(fit) || !strings.Contains(got.Header.Get("Content-Disposition"), "Morning_Run.fit") {
		t.Errorf("download: %d, %d bytes, %q", got.StatusCode, len(got.Body), got.Header.Get("Content-Disposition"))
	}
	// Another coach, and another athlete, get nothing.
	a.coach("Otto Other", "otto@example.com")
	otto := a.signedIn("otto@example.com")
	for _, path := range []string{report, workoutPath(ath.ID, planned.ID),
		athletePath(ath.ID) + "/activities/" + strconv.FormatInt(x.ActivityID, 10) + "/file"} {
		if r := otto.get(path); r.StatusCode != http.StatusNotFound {
			t.Errorf("another coach: GET %s = %d", path, r.StatusCode)
		}
	}
}

// The athlete moves the file from the workout page to a workout of its
// own, and back.
func TestMoveTheFileFromTheWorkoutPage(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	day, morning := yesterdayIn(t, "Europe/Berlin")
	easy, _ := a.store.AddWorkout(ctx, coach, ath.ID, day, training.Prescription{Sport: "run", Kind: "easy", Title: "Easy run", PlannedDurationS: 40 * 60})
	strides, _ := a.store.AddWorkout(ctx, coach, ath.ID, day, training.Prescription{Sport: "run", Kind: "easy", Title: "Strides", PlannedDurationS: 20 * 60})
	w := a.imported(coach, ath, morning, 150)
	if w.ID != easy.ID {
		t.Fatalf("matched to %d, want the easy run", w.ID)
	}
	maya := a.signedIn("maya@example.com")
	page := maya.get(workoutPath(ath.ID, easy.ID))
	if !strings.Contains(page.Body, `value="`+strconv.FormatInt(strides.ID, 10)+`"`) || !strings.Contains(page.Body, `value="none"`) {
		t.Fatal("the page does not offer the strides or a workout of its own")
	}
	r := maya.post(workoutPath(ath.ID, easy.ID)+"/match", url.Values{"to": {"none"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("unmatch: %d\n%s", r.StatusCode, r.Body)
	}
	own := r.Header.Get("Location")
	if own == workoutPath(ath.ID, easy.ID) {
		t.Fatal("unmatch stayed on the easy run")
	}
	if e, _ := a.store.Workout(ctx, coach, easy.ID); e.Status != "planned" {
		t.Errorf("easy run %s after unmatch", e.Status)
	}
	r = maya.post(own+"/match", url.Values{"to": {strconv.FormatInt(strides.ID, 10)}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != workoutPath(ath.ID, strides.ID) {
		t.Fatalf("re-match: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	if s, _ := a.store.Workout(ctx, coach, strides.ID); s.Status != "done" || s.ActivityID == 0 {
		t.Errorf("strides: %+v", s)
	}
	// Garbage is refused on the page, and a skipped log of a file's workout too.
	if r := maya.post(workoutPath(ath.ID, strides.ID)+"/match", url.Values{"to": {"x"}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("to=x: %d", r.StatusCode)
	}
	r = maya.post(workoutPath(ath.ID, strides.ID)+"/log", url.Values{"status": {"skipped"}})
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "unmatch") {
		t.Errorf("skipping a workout with a file: %d", r.StatusCode)
	}
}

// An upload over the limit is answered 413 with a page saying so,
// whether the browser announced its size or not; nothing is queued.
func TestUploadOverTheLimitIs413(t *testing.T) {
	a := newApp(t, func(c *config.Config) { c.MaxUploadBytes = 64 << 10 })
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	maya := a.signedIn("maya@example.com")
	big := importstest.FIT(importstest.Workout{Sport: "run", Start: time.Now().Add(-24 * time.Hour), Minutes: 100, HR: 150})
	r := maya.upload(athletePath(ath.ID)+"/imports", importstest.File{Name: "big.fit", Data: big})
	if r.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(r.Body, "larger than") {
		t.Errorf("announced: %d\n%s", r.StatusCode, r.Body)
	}
	// Chunked: the size is found while reading.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("files", "big.fit")
	fw.Write(big)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, a.ts.URL+athletePath(ath.ID)+"/imports", io.MultiReader(&body))
	req.ContentLength = -1
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", a.ts.URL)
	if r := maya.do(req); r.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(r.Body, "larger than") {
		t.Errorf("chunked: %d", r.StatusCode)
	}
	var n int
	if err := a.store.Pool().QueryRow(context.Background(), `SELECT count(*) FROM import_jobs`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d jobs queued (%v)", n, err)
	}
	// A form without files is refused on the page.
	if r := maya.upload(athletePath(ath.ID) + "/imports"); r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Choose one or more") {
		t.Errorf("no files: %d", r.StatusCode)
	}
}

// A zip bomb stops at the limits: a member that unpacks past the file
// limit is refused, and so is a zip that unpacks past the upload's; the
// good files beside them are imported.
func TestZipBombsAreRefusedWithTheReason(t *testing.T) {
	a := newApp(t)
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	maya := a.signedIn("maya@example.com")
	_, morning := yesterdayIn(t, "Europe/Berlin")
	good := importstest.FIT(importstest.Workout{Sport: "run", Start: morning, Minutes: 30, HR: 140, Step: 5 * time.Second})
	var many []importstest.File
	for i := range 5 { // 5 × 8 MB of zeros: past 4 × the 8 MB upload limit
		many = append(many, importstest.File{Name: "part" + strconv.Itoa(i) + ".fit", Data: make([]byte, 8<<20)})
	}
	r := maya.upload(athletePath(ath.ID)+"/imports",
		importstest.File{Name: "bomb.zip", Data: importstest.Bomb("huge.fit", 100<<20)},
		importstest.File{Name: "wide.zip", Data: importstest.Zip(many...)},
		importstest.File{Name: "export.zip", Data: importstest.Zip(importstest.File{Name: "activities/1.fit", Data: good},
			importstest.File{Name: "activities/readme.txt", Data: []byte("hi")})})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d\n%s", r.StatusCode, r.Body)
	}
	a.drain()
	report := maya.get(r.Header.Get("Location"))
	for _, want := range []string{"huge.fit", "wide.zip", "activities/1.fit", "once unpacked", "matched to the plan"} {
		if !strings.Contains(report.Body, want) && !(want == "matched to the plan" && strings.Contains(report.Body, "imported, not planned")) {
			t.Errorf("report lacks %q", want)
		}
	}
	if got := text(t, report.Body, "dl"); !strings.Contains(got, "Imported1") || !strings.Contains(got, "Refused2") {
		t.Errorf("counts: %q", got)
	}
}

// A recovery workout from a file whose heart rate stays above zone 2 is
// "recovery too hard", on the week and on the dashboard, before any RPE.
func TestRecoveryTooHardFromTheFilesHeartRate(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	p := ath.Profile
	p.ThresholdHR = 170 // zone 2 ends at 151
	if err := a.store.UpdateProfile(ctx, coach, ath.ID, p); err != nil {
		t.Fatal(err)
	}
	day, morning := yesterdayIn(t, "Europe/Berlin")
	rec, err := a.store.AddWorkout(ctx, coach, ath.ID, day, training.Prescription{Sport: "run", Kind: "recovery", Title: "Recovery run", PlannedDurationS: 40 * 60, TargetRPE: 2})
	if err != nil {
		t.Fatal(err)
	}
	if w := a.imported(coach, ath, morning, 165); w.ID != rec.ID || !w.Log.Unrated || w.Log.AvgHR <= 151 {
		t.Fatalf("imported: %+v", w)
	}
	carla := a.signedIn("carla@example.com")
	if week := carla.get(weekPath(ath, day)); !strings.Contains(week.Body, "Recovery too hard") {
		t.Error("the week does not flag the recovery run")
	}
	if dash := carla.get("/"); !strings.Contains(dash.Body, "Recovery done too hard") {
		t.Error("the dashboard does not flag the recovery run")
	}
	if page := carla.get(workoutPath(ath.ID, rec.ID)); !strings.Contains(page.Body, "Above zone 2 (151 bpm)") {
		t.Error("the workout page does not say how long it was above zone 2")
	}
}

// The workout page reads in a fixed number of queries, and the week view
// keeps its budget with workouts from files.
func TestWorkoutPageAndWeekQueryBudget(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	day, morning := yesterdayIn(t, "Europe/Berlin")
	a.store.AddWorkout(ctx, coach, ath.ID, day, training.Prescription{Sport: "run", Kind: "easy", Title: "Easy run", PlannedDurationS: 40 * 60})
	w := a.imported(coach, ath, morning, 150)
	a.imported(coach, ath, morning.Add(5*time.Hour), 150)
	c := a.signedIn("carla@example.com")
	c.get("/")
	_, n := c.queries(workoutPath(ath.ID, w.ID))
	monday := weekStart(ath, a.srv.athleteToday(ath))
	_, week := c.queries(weekPath(ath, monday))
	t.Logf("workout page %d queries, week view %d", n, week)
	if n > 6 || week > 7 { // the week view's seventh: its comment counts
		t.Errorf("workout page %d queries (want ≤ 6), week view %d (want ≤ 7)", n, week)
	}
}

// An upload from another site is refused before anything is read, as
// every form post is (http.CrossOriginProtection).
func TestCrossSiteUploadIsRefused(t *testing.T) {
	a := newApp(t)
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	maya := a.signedIn("maya@example.com")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("files", "run.fit")
	fw.Write(importstest.FIT(importstest.Workout{Sport: "run", Start: time.Now().Add(-24 * time.Hour), Minutes: 20}))
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, a.ts.URL+athletePath(ath.ID)+"/imports", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if r := maya.do(req); r.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site upload: %d, want 403", r.StatusCode)
	}
	var n int
	if err := a.store.Pool().QueryRow(context.Background(), `SELECT count(*) FROM import_jobs`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d jobs queued (%v)", n, err)
	}
}
