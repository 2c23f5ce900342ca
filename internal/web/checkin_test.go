package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"rebound/internal/store"
	"rebound/internal/training"
)

func checkInForm(sleep string, items [6]string, extra ...string) url.Values {
	v := url.Values{"sleep_hours": {sleep}}
	for i, name := range checkInItems {
		v.Set(name, items[i])
	}
	for i := 0; i+1 < len(extra); i += 2 {
		v.Add(extra[i], extra[i+1])
	}
	return v
}

var fine = [6]string{"4", "4", "4", "4", "4", "4"}

// stableMonth stores 30 days of ordinary check-ins before today.
func stableMonth(t *testing.T, a *app, u store.User, athleteID int64) {
	t.Helper()
	for d := 30; d >= 1; d-- {
		c := training.CheckIn{AthleteID: athleteID, Day: berlinDay(t, -d), Answered: true, SleepHours: 7.5, SleepQuality: 4, Fatigue: 4,
			Soreness: 4, Stress: 4, Mood: 4, Motivation: 4, RestingHR: 50 + d%2, HRV: 60 + float64(d%3), Score: 80, Light: "green"}
		if err := a.store.SaveCheckIn(context.Background(), u, c); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCheckInTwiceKeepsOneRowWithTheSecondAnswers(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, mayaUser := a.athlete(ca, "Maya Runner", "maya@example.com")
	maya := a.signedIn("maya@example.com")
	first := maya.post("/checkin", checkInForm("7", fine))
	second := maya.post("/checkin", checkInForm("6.5", [6]string{"3", "3", "3", "3", "3", "3"}, "notes", "second thoughts"))
	if first.StatusCode != http.StatusSeeOther || second.StatusCode != http.StatusSeeOther {
		t.Fatalf("submissions: %d, %d", first.StatusCode, second.StatusCode)
	}
	list, _ := a.store.CheckIns(context.Background(), mayaUser, ath.ID, berlinDay(t, -1), berlinDay(t, 1))
	if len(list) != 1 || list[0].SleepHours != 6.5 || list[0].Fatigue != 3 || list[0].Notes != "second thoughts" {
		t.Fatalf("rows: %+v", list)
	}
	page := maya.get(second.Header.Get("Location")).Body
	if !strings.Contains(page, "checked in for today.") {
		t.Error("the page after a check-in does not thank the athlete")
	}
	// The verdict shows, not the form again; the form is a link away.
	if !strings.Contains(page, `href="/checkin?edit"`) || strings.Contains(page, `class="checkin"`) {
		t.Error("the page after a check-in does not show the verdict alone, with a link to change it")
	}
	if edit := maya.get("/checkin?edit").Body; !strings.Contains(edit, "Change check-in") || inputValue(t, edit, "sleep_hours") != "6:30" {
		t.Error("the page does not offer today's check-in to change")
	}
	if strings.Contains(maya.get("/checkin").Body, "Thanks") {
		t.Error("the thanks shows on a later visit")
	}
}

func TestCheckInBadInputKeepsWhatWasTyped(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	a.athlete(ca, "Maya Runner", "maya@example.com")
	maya := a.signedIn("maya@example.com")
	form := checkInForm("7.3", [6]string{"4", "", "4", "9", "4", "4"}, "resting_hr", "300", "notes", "tired legs")
	r := maya.post("/checkin", form)
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", r.StatusCode)
	}
	for _, field := range []string{"sleep_hours", "fatigue", "stress", "resting_hr"} {
		if fieldError(t, r.Body, field) == "" {
			t.Errorf("no error next to %s", field)
		}
	}
	if inputValue(t, r.Body, "sleep_hours") != "7.3" || inputValue(t, r.Body, "resting_hr") != "300" || !strings.Contains(r.Body, "tired legs") ||
		!strings.Contains(r.Body, `name="sleep_quality" value="4" checked`) {
		t.Error("the typed values were not kept")
	}
}

func TestCheckInVerdictWithReasons(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, mayaUser := a.athlete(ca, "Maya Runner", "maya@example.com")
	stableMonth(t, a, mayaUser, ath.ID)
	maya := a.signedIn("maya@example.com")
	// Resting HR 58 against a 28-day baseline of about 50.
	if r := maya.post("/checkin", checkInForm("7.5", fine, "resting_hr", "58")); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("check-in: %d\n%s", r.StatusCode, r.Body)
	}
	page := maya.get("/checkin").Body
	for _, want := range []string{"Amber", "Resting HR", "above your 28-day baseline", "workout easy, or shorten it"} {
		if !strings.Contains(page, want) {
			t.Errorf("verdict lacks %q", want)
		}
	}
	// Ill, not saying where (an older client): red, whatever else.
	maya.post("/checkin", checkInForm("7.5", fine, "illness", "on"))
	page = maya.get("/").Body
	if !strings.Contains(page, "Red") || !strings.Contains(page, "illness") {
		t.Error("illness does not turn the light red on the athlete's home")
	}
	// The coach sees it, with its reason, on the athlete's page.
	coachPage := a.signedIn("carla@example.com").get(athletePath(ath.ID)).Body
	if !strings.Contains(coachPage, "Red ·") || !strings.Contains(strings.ToLower(coachPage), "illness") {
		t.Error("the coach does not see the check-in's light and reason")
	}
}

// Where an illness is felt and where an injury hurts: asked on the form
// (shown once their switch is on, by CSS alone), stored, judged (above
// the neck only is amber, with its own advice), shown to the athlete and
// the coach, and offered again to change.
func TestCheckInIllnessSiteAndInjuryAreas(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, mayaUser := a.athlete(ca, "Maya Runner", "maya@example.com")
	stableMonth(t, a, mayaUser, ath.ID)
	maya := a.signedIn("maya@example.com")
	form := maya.get("/checkin").Body
	for _, want := range []string{`<div class="if-ill">`, `name="illness_site" value="above_neck"`, `name="illness_site" value="below_neck"`,
		"Above the neck only (runny nose, sore throat, sneezing)", `<div class="if-injured">`, `name="injury_areas" value="lower_back"`} {
		if !strings.Contains(form, want) {
			t.Errorf("the form lacks %s", want)
		}
	}

	r := maya.post("/checkin", checkInForm("7.5", fine, "illness", "on", "illness_site", "above_neck"))
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("check-in: %d\n%s", r.StatusCode, r.Body)
	}
	page := maya.get("/checkin").Body + maya.get("/checkin?edit").Body
	for _, want := range []string{"Amber", "Reported illness above the neck only", "an easy, shorter session is fine",
		`name="illness_site" value="above_neck" checked`} {
		if !strings.Contains(page, want) {
			t.Errorf("after a cold: the page lacks %q", want)
		}
	}

	r = maya.post("/checkin", checkInForm("7.5", fine, "injury", "on", "injury_areas", "knees", "injury_areas", "lower_back"))
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("check-in: %d\n%s", r.StatusCode, r.Body)
	}
	list, _ := a.store.CheckIns(context.Background(), mayaUser, ath.ID, berlinDay(t, 0), berlinDay(t, 0))
	if len(list) != 1 || list[0].Illness || list[0].IllnessSite != "" || !list[0].Injury || strings.Join(list[0].InjuryAreas, ",") != "knees,lower_back" ||
		list[0].Light != "red" || strings.Join(list[0].Reasons[0].Areas, ",") != "knees,lower_back" {
		t.Fatalf("stored: %+v", list)
	}
	page = maya.get("/checkin").Body + maya.get("/checkin?edit").Body
	for _, want := range []string{"Reported injury: knees, lower back", `name="injury_areas" value="knees" checked`} {
		if !strings.Contains(page, want) {
			t.Errorf("after an injury: the page lacks %q", want)
		}
	}
	for _, path := range []string{athletePath(ath.ID), athletePath(ath.ID) + "/checkins"} {
		if body := a.signedIn("carla@example.com").get(path).Body; !strings.Contains(body, "Injured: knees, lower back") {
			t.Errorf("the coach's %s does not show where it hurts", path)
		}
	}
}

// What the form refuses it says next to the field, keeping what was
// typed: an HRV that looks like ln(rMSSD), a body area it does not know.
func TestCheckInRefusesLnHRVAndUnknownAreas(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, mayaUser := a.athlete(ca, "Maya Runner", "maya@example.com")
	maya := a.signedIn("maya@example.com")
	r := maya.post("/checkin", checkInForm("7.5", fine, "hrv_rmssd", "4.1", "soreness_areas", "calves", "soreness_areas", "elbows",
		"injury", "on", "injury_areas", "toes"))
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", r.StatusCode)
	}
	if msg := fieldError(t, r.Body, "hrv_rmssd"); !strings.Contains(msg, "ln(rMSSD)") || !strings.Contains(msg, "milliseconds") {
		t.Errorf("HRV 4.1: %q", msg)
	}
	for _, field := range []string{"soreness_areas", "injury_areas"} {
		if fieldError(t, r.Body, field) == "" {
			t.Errorf("no error next to %s", field)
		}
	}
	if inputValue(t, r.Body, "hrv_rmssd") != "4.1" || !strings.Contains(r.Body, `name="soreness_areas" value="calves" checked`) ||
		!strings.Contains(r.Body, `name="injury" value="on" checked`) {
		t.Error("the typed values were not kept")
	}
	if list, _ := a.store.CheckIns(context.Background(), mayaUser, ath.ID, berlinDay(t, -1), berlinDay(t, 1)); len(list) != 0 {
		t.Errorf("a refused check-in was stored: %+v", list)
	}
}

func upload(t *testing.T, c *client, path, csv string) resp {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "export.csv")
	fw.Write([]byte(csv))
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.app.ts.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.app.ts.URL)
	return c.do(req)
}

func TestWearableImport(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, mayaUser := a.athlete(ca, "Maya Runner", "maya@example.com")
	maya := a.signedIn("maya@example.com")
	// An answered check-in two days ago: its answers must survive.
	maya.post("/checkin", checkInForm("8", fine)) // today
	day := func(n int) string { return berlinDay(t, n).Format("2006-01-02") }
	csv := "Date,resting_hr,hrv_rmssd,sleep_hours,steps\n" +
		day(-3) + ",49,62.5,7.5,10400\n" +
		day(0) + ",51,,,\n" +
		day(-2) + ",300,50,7,\n" + // refused: resting HR out of range
		day(5) + ",50,60,8,\n" + // refused: future
		"yesterday,50,60,8,\n" + // refused: not a date
		day(-3) + ",48,60,8,\n" // refused: second time
	r := upload(t, maya, athletePath(ath.ID)+"/checkins/import", csv)
	if r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "2 days imported") || !strings.Contains(r.Body, "4 rows refused") {
		t.Fatalf("import: %d\n%s", r.StatusCode, r.Body)
	}
	for _, want := range []string{"resting_hr &#34;300&#34;", "in the future", "not a date", "appears again"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	list, _ := a.store.CheckIns(context.Background(), mayaUser, ath.ID, berlinDay(t, -5), berlinDay(t, 0))
	if len(list) != 2 {
		t.Fatalf("%d rows", len(list))
	}
	old, today := list[0], list[1]
	if old.Answered || old.RestingHR != 49 || old.HRV != 62.5 || old.SleepHours != 7.5 {
		t.Errorf("imported day: %+v", old)
	}
	if !today.Answered || today.RestingHR != 51 || today.SleepHours != 8 || today.Fatigue != 4 || today.Light == "" {
		t.Errorf("today's answers or verdict changed: %+v", today)
	}
	if r := upload(t, maya, athletePath(ath.ID)+"/checkins/import", "when,what\n1,2\n"); r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "no date column") {
		t.Errorf("a file without a date column: %d", r.StatusCode)
	}
}

// loggedQueries is the statement count the request log gave the last
// request of method to path.
func loggedQueries(t *testing.T, a *app, method, path string) int {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(a.logs.String()), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.Contains(lines[i], "msg=request method="+method+" path="+path+" ") {
			m := regexp.MustCompile(`queries=(\d+)`).FindStringSubmatch(lines[i])
			if m == nil {
				t.Fatalf("no query count in %q", lines[i])
			}
			n, _ := strconv.Atoi(m[1])
			return n
		}
	}
	t.Fatalf("no log line for %s %s", method, path)
	return 0
}

// A check-in submission runs a fixed number of statements however long
// the athlete's history: the session with its account, the history and load
// state it is judged on, and the check-in written with its proposal (two
// statements, one round trip); one that calls for a change also reads the
// workouts it changes. The session is not written.
func TestCheckInQueryBudget(t *testing.T) {
	count := func(days int) (green, amber int) {
		a := newApp(t)
		ca := a.coach("Carla Coach", "carla@example.com")
		ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
		a.history(ath, days)
		maya := a.signedIn("maya@example.com")
		maya.post("/checkin", checkInForm("7.5", fine)) // the session's first use may write it
		submit := func(form url.Values) int {
			if r := maya.post("/checkin", form); r.StatusCode != http.StatusSeeOther {
				t.Fatalf("check-in: %d\n%s", r.StatusCode, r.Body)
			}
			return loggedQueries(t, a, "POST", "/checkin")
		}
		green = submit(checkInForm("7.5", fine))
		amber = submit(checkInForm("7.5", fine, "injury", "on")) // the runs of the week become cross-training
		if _, ok, err := a.store.PendingProposal(context.Background(), ca, ath.ID); !ok || err != nil {
			t.Fatalf("no proposal after an injury: %v", err)
		}
		return green, amber
	}
	green, amber := count(10)
	green365, amber365 := count(365)
	t.Logf("check-in: %d statements green, %d with a proposal with 10 days of history; %d and %d with 365", green, amber, green365, amber365)
	if green != green365 || amber != amber365 {
		t.Errorf("statements grow with history: %d and %d for 10 days, %d and %d for 365", green, amber, green365, amber365)
	}
	if green365 > 4 || amber365 > 5 {
		t.Errorf("%d statements for a green check-in, %d for one with a proposal; want at most 4 and 5", green365, amber365)
	}
}

// The check-in lands on the athlete's own day in the time zone their
// coach last set, even one changed after they signed in.
func TestCheckInOnTheAthletesDay(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, mayaUser := a.athlete(ca, "Maya Runner", "maya@example.com")
	maya := a.signedIn("maya@example.com")
	ctx := context.Background()
	for _, zone := range []string{"Pacific/Kiritimati", "Pacific/Pago_Pago"} { // UTC+14, UTC-11: never the same day
		p := ath.Profile
		p.Timezone = zone
		if err := a.store.UpdateProfile(ctx, ca, ath.ID, p); err != nil {
			t.Fatal(err)
		}
		if r := maya.post("/checkin", checkInForm("7.5", fine, "notes", zone)); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("check-in: %d", r.StatusCode)
		}
		y, m, d := time.Now().In(mustZone(t, zone)).Date()
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		list, err := a.store.CheckIns(ctx, mayaUser, ath.ID, day, day)
		if err != nil || len(list) != 1 || list[0].Notes != zone {
			t.Errorf("no check-in on %s, today in %s: %+v %v", day.Format(time.DateOnly), zone, list, err)
		}
	}
}
