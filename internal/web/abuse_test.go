package web

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"rebound/internal/config"
	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/internal/training"
)

// abuseFixture is coach A with athlete A (and their workouts), and coach
// B with athlete B, whose ids A tries to reach.
type abuseFixture struct {
	a                    *app
	coachA, coachB       store.User
	athA, athB           training.Athlete
	athAUser, athBUser   store.User
	past, future         training.Workout // athlete A's: one to log, one to edit
	workoutB             training.Workout
	eventB               training.Event
	coach, athlete, anon *client
}

func newAbuseFixture(t *testing.T) *abuseFixture {
	t.Helper()
	fx := &abuseFixture{a: newApp(t, func(c *config.Config) { c.OpenSignup = true })}
	a, ctx := fx.a, context.Background()
	fx.coachA = a.coach("Carla Coach", "carla@example.com")
	fx.coachB = a.coach("Bert Coach", "bert@example.com")
	fx.athA, fx.athAUser = a.athlete(fx.coachA, "Maya Runner", "maya@example.com")
	fx.athB, fx.athBUser = a.athlete(fx.coachB, "Noor Rider", "noor@example.com")
	var err error
	if fx.past, err = a.store.AddWorkout(ctx, fx.coachA, fx.athA.ID, berlinDay(t, -1), training.Prescription{Sport: "run", Kind: "easy", Title: "Easy run", PlannedDurationS: 2400}); err != nil {
		t.Fatal(err)
	}
	if fx.future, err = a.store.AddWorkout(ctx, fx.coachA, fx.athA.ID, berlinDay(t, 10), training.Prescription{Sport: "run", Kind: "easy", Title: "Easy run", PlannedDurationS: 2400}); err != nil {
		t.Fatal(err)
	}
	if fx.workoutB, err = a.store.AddWorkout(ctx, fx.coachB, fx.athB.ID, berlinDay(t, -1), training.Prescription{Sport: "bike", Kind: "easy", Title: "Spin", PlannedDurationS: 3600}); err != nil {
		t.Fatal(err)
	}
	if fx.eventB, err = a.store.AddEvent(ctx, fx.coachB, fx.athB.ID, training.Event{Name: "Gran Fondo", Day: berlinDay(t, 60), Sport: "bike", Kind: "custom", DistanceM: 120000, Priority: "A"}); err != nil {
		t.Fatal(err)
	}
	fx.coach, fx.athlete, fx.anon = a.signedIn("carla@example.com"), a.signedIn("maya@example.com"), a.client()
	return fx
}

// abuseForm is one of the main forms: where it posts, a valid filling,
// the text fields to attack, and the pages that show what it saved.
type abuseForm struct {
	name   string
	by     func(fx *abuseFixture) *client
	path   func(fx *abuseFixture) string
	valid  func(t *testing.T, fx *abuseFixture, n int) url.Values // n makes e-mails unique
	fields []string
	shows  func(fx *abuseFixture) []string
	saved  int // the status of a saved form when not 303: 200 shows an invite link at once
}

func (f abuseForm) savedStatus() int {
	if f.saved != 0 {
		return f.saved
	}
	return http.StatusSeeOther
}

func byCoach(fx *abuseFixture) *client   { return fx.coach }
func byAthlete(fx *abuseFixture) *client { return fx.athlete }

func athletePages(fx *abuseFixture) []string {
	p := athletePath(fx.athA.ID)
	return []string{p, weekPath(fx.athA, fx.past.Day), weekPath(fx.athA, fx.future.Day), p + "/checkins", "/athletes", "/"}
}

func currentVersion(t *testing.T, fx *abuseFixture, wo training.Workout) string {
	t.Helper()
	w, err := fx.a.store.Workout(context.Background(), fx.coachA, wo.ID)
	if err != nil {
		t.Fatal(err)
	}
	return strconv.Itoa(w.Version)
}

var abuseForms = []abuseForm{
	{
		name: "sign-up", by: func(fx *abuseFixture) *client { return fx.a.client() },
		path: func(*abuseFixture) string { return "/signup" },
		valid: func(_ *testing.T, _ *abuseFixture, n int) url.Values {
			return url.Values{"name": {"Dana Coach"}, "email": {fmt.Sprintf("dana%d@example.com", n)}, "password": {testPassword}}
		},
		fields: []string{"name", "email"},
		shows:  func(*abuseFixture) []string { return []string{"/", "/athletes"} },
	},
	{
		name: "new athlete", by: byCoach,
		path: func(*abuseFixture) string { return "/athletes/new" },
		valid: func(_ *testing.T, _ *abuseFixture, n int) url.Values {
			return url.Values{"name": {"Ola Swimmer"}, "email": {fmt.Sprintf("ola%d@example.com", n)}, "timezone": {"Europe/Oslo"}}
		},
		fields: []string{"name", "email"},
		shows:  func(*abuseFixture) []string { return []string{"/athletes", "/"} },
	},
	{
		name: "athlete profile", by: byCoach,
		path: func(fx *abuseFixture) string { return athletePath(fx.athA.ID) + "/edit" },
		valid: func(*testing.T, *abuseFixture, int) url.Values {
			return url.Values{"name": {"Maya Runner"}, "email": {"maya@example.com"}, "timezone": {"Europe/Berlin"}, "sports": {"run"},
				"experience": {"intermediate"}, "weekly_minutes": {"240"}, "units": {"km"}, "week_start": {"monday"},
				"notes": {"Knee surgery 2024"}, "tags": {"marathon, club"}}
		},
		fields: []string{"name", "notes", "tags"},
		shows:  athletePages,
	},
	{
		name: "new workout", by: byCoach,
		path: func(fx *abuseFixture) string { return athletePath(fx.athA.ID) + "/workouts/new" },
		valid: func(t *testing.T, fx *abuseFixture, _ int) url.Values {
			return url.Values{"day": {fx.future.Day.Format(time.DateOnly)}, "sport": {"run"}, "kind": {"easy"}, "title": {"Easy run"},
				"planned_min": {"40"}, "description": {"Flat route"}, "confirm": {"yes"}}
		},
		fields: []string{"title", "description"},
		shows:  athletePages,
	},
	{
		name: "workout edit", by: byCoach,
		path: func(fx *abuseFixture) string { return editPath(fx.future) },
		valid: func(t *testing.T, fx *abuseFixture, _ int) url.Values {
			return url.Values{"version": {currentVersion(t, fx, fx.future)}, "day": {fx.future.Day.Format(time.DateOnly)}, "sport": {"run"},
				"kind": {"easy"}, "title": {"Easy run"}, "planned_min": {"40"}, "description": {"Flat route"}, "confirm": {"yes"}}
		},
		fields: []string{"title", "description"},
		shows:  athletePages,
	},
	{
		name: "goal event", by: byCoach,
		path: func(fx *abuseFixture) string { return athletePath(fx.athA.ID) + "/events/new" },
		valid: func(t *testing.T, _ *abuseFixture, _ int) url.Values {
			return url.Values{"name": {"City 10K"}, "day": {berlinDay(t, 40).Format(time.DateOnly)}, "sport": {"run"}, "kind": {"10k"},
				"priority": {"B"}, "notes": {"Flat course"}}
		},
		fields: []string{"name", "notes"},
		shows:  athletePages,
	},
	{
		name: "check-in", by: byAthlete,
		path: func(*abuseFixture) string { return "/checkin" },
		valid: func(*testing.T, *abuseFixture, int) url.Values {
			return checkInForm("7.5", fine, "notes", "Slept well")
		},
		fields: []string{"notes"},
		shows:  athletePages,
	},
	{
		name: "workout log", by: byAthlete,
		path: func(fx *abuseFixture) string {
			return athletePath(fx.athA.ID) + "/workouts/" + itoa64(fx.past.ID) + "/log"
		},
		valid: func(*testing.T, *abuseFixture, int) url.Values {
			return url.Values{"status": {"done"}, "duration_min": {"42"}, "distance": {"8.1"}, "rpe": {"4"}, "avg_hr": {"141"}, "notes": {"Felt fine"}}
		},
		fields: []string{"notes"},
		shows:  athletePages,
	},
	{
		name: "unplanned log", by: byAthlete,
		path: func(fx *abuseFixture) string { return athletePath(fx.athA.ID) + "/log" },
		valid: func(t *testing.T, _ *abuseFixture, _ int) url.Values {
			return url.Values{"day": {berlinDay(t, -1).Format(time.DateOnly)}, "sport": {"run"}, "kind": {"easy"}, "title": {"Shakeout"},
				"duration_min": {"20"}, "rpe": {"3"}, "notes": {"Short one"}}
		},
		fields: []string{"title", "notes"},
		shows:  athletePages,
	},
	{
		name: "coach invite", by: byCoach,
		path: func(*abuseFixture) string { return "/coaches/invite" },
		valid: func(_ *testing.T, _ *abuseFixture, n int) url.Values {
			return url.Values{"email": {fmt.Sprintf("eve%d@example.com", n)}}
		},
		fields: []string{"email"},
		shows:  func(*abuseFixture) []string { return []string{"/coaches"} },
		saved:  http.StatusOK,
	},
}

// abusePayloads are what is typed into each text field. kept is what the
// re-shown form must hold when the value is refused; refuse says it must
// be (the others may be stored, if shown escaped).
var abusePayloads = []struct {
	name, value, kept string
	refuse            bool
}{
	{"invalid UTF-8", "Zed\xff\xfeQuux", "ZedQuux", true},
	{"NUL byte", "Zed\x00Quux", "ZedQuux", true},
	{"100,000 characters", strings.Repeat("x", 100_000), strings.Repeat("x", 100_000), true},
	{"HTML", `<script>alert(1)</script>`, `<script>alert(1)</script>`, false},
	{"attribute breakout", `"><img src=x onerror=alert(1)>`, `"><img src=x onerror=alert(1)>`, false},
	{"SQL", `'; DROP TABLE users; --`, `'; DROP TABLE users; --`, false},
}

// Every text field of the main forms, given invalid UTF-8, a NUL byte,
// 100,000 characters, HTML and SQL: refused with a message next to the
// field and the typed text kept, or stored and shown escaped. Never a
// server error, never the HTML unescaped.
func TestHostileTextInEveryFormField(t *testing.T) {
	fx := newAbuseFixture(t)
	n, refused, stored := 0, 0, 0
	for _, form := range abuseForms {
		for _, field := range form.fields {
			for _, p := range abusePayloads {
				n++
				c := form.by(fx)
				values := form.valid(t, fx, n)
				values.Set(field, p.value)
				r := c.post(form.path(fx), values)
				where := fmt.Sprintf("%s, %s, %s", form.name, field, p.name)
				if r.StatusCode >= 500 {
					t.Errorf("%s: status %d", where, r.StatusCode)
					continue
				}
				noRawHTML(t, where, r.Body)
				switch r.StatusCode {
				case http.StatusUnprocessableEntity:
					refused++
					if fieldError(t, r.Body, field) == "" {
						t.Errorf("%s: refused without a message next to the field", where)
					}
					if !strings.Contains(r.Body, html.EscapeString(p.kept)) {
						t.Errorf("%s: the typed text is not kept", where)
					}
				case form.savedStatus():
					stored++
					if p.refuse {
						t.Errorf("%s: accepted", where)
						continue
					}
					shown := r.StatusCode == http.StatusOK && strings.Contains(r.Body, html.EscapeString(p.value))
					for _, path := range form.shows(fx) {
						body := c.get(path).Body
						noRawHTML(t, where+" on "+path, body)
						shown = shown || strings.Contains(body, html.EscapeString(p.value))
					}
					if !shown {
						t.Errorf("%s: stored but shown on none of %v", where, form.shows(fx))
					}
				default:
					t.Errorf("%s: status %d", where, r.StatusCode)
				}
			}
		}
	}
	t.Logf("%d hostile submissions: %d refused next to the field, %d stored and shown escaped", n, refused, stored)
	var users int
	if err := fx.a.store.Pool().QueryRow(context.Background(), "SELECT count(*) FROM users").Scan(&users); err != nil || users < 4 {
		t.Fatalf("users: %d, %v", users, err)
	}
}

// noRawHTML fails when a page holds one of the payloads' markup as markup.
func noRawHTML(t *testing.T, where, page string) {
	t.Helper()
	for _, raw := range []string{"<script>alert(1)", "<img src=x onerror"} {
		if strings.Contains(page, raw) {
			t.Errorf("%s: the page holds %q unescaped", where, raw)
		}
	}
}

// Sign-in with hostile e-mail addresses: refused with a message, never a
// server error or unescaped markup, and the typed address kept.
func TestHostileSignIn(t *testing.T) {
	fx := newAbuseFixture(t)
	for _, p := range abusePayloads {
		for _, next := range []string{"", "//evil.example/", "/\t/evil.example/", "javascript:alert(1)"} {
			r := fx.a.client().post("/login", url.Values{"email": {p.value}, "password": {testPassword}, "next": {next}})
			where := p.name + ", next " + strconv.Quote(next)
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s: status %d", where, r.StatusCode)
			}
			noRawHTML(t, where, r.Body)
			if !strings.Contains(r.Body, wrongCredentials) && fieldError(t, r.Body, "email") == "" {
				t.Errorf("%s: no message", where)
			}
			if !strings.Contains(r.Body, html.EscapeString(p.kept)) {
				t.Errorf("%s: the typed address is not kept", where)
			}
		}
	}
	// A good sign-in with a foreign next goes home, not elsewhere.
	for _, next := range []string{"//evil.example/", "/\\evil.example", "https://evil.example/", "/\t/evil.example/"} {
		r := fx.a.client().post("/login", url.Values{"email": {"carla@example.com"}, "password": {testPassword}, "next": {next}})
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/" {
			t.Errorf("next %q: %d to %q", next, r.StatusCode, r.Header.Get("Location"))
		}
	}
}

// Fields a form does not have are ignored: they cannot move an athlete
// to another coach, archive it, or write another athlete's check-in.
func TestUnknownFormFieldsAreIgnored(t *testing.T) {
	fx := newAbuseFixture(t)
	ctx := context.Background()
	extra := url.Values{"coach_id": {itoa64(fx.coachB.ID)}, "athlete_id": {itoa64(fx.athB.ID)}, "user_id": {itoa64(fx.athBUser.ID)},
		"id": {itoa64(fx.athB.ID)}, "archived": {"on"}, "is_admin": {"true"}, "role": {"coach"}, "protected": {"false"}, "status": {"done"}}
	with := func(v url.Values) url.Values {
		for k, vs := range extra {
			if _, ok := v[k]; !ok {
				v[k] = vs
			}
		}
		return v
	}
	for _, form := range abuseForms {
		if form.name == "sign-up" || form.name == "coach invite" {
			continue
		}
		r := form.by(fx).post(form.path(fx), with(form.valid(t, fx, 1000)))
		if r.StatusCode != form.savedStatus() {
			t.Errorf("%s with unknown fields: %d\n%s", form.name, r.StatusCode, r.Body)
		}
	}
	if a, err := fx.a.store.Athlete(ctx, fx.coachA, fx.athA.ID); err != nil || a.ArchivedAt != nil || a.CoachID != fx.coachA.ID {
		t.Errorf("athlete A after the forms: %+v, %v", a, err)
	}
	if wo, err := fx.a.store.Workout(ctx, fx.coachA, fx.future.ID); err != nil || wo.AthleteID != fx.athA.ID || wo.Status != "planned" || !wo.Planned {
		t.Errorf("the edited workout: %+v, %v", wo, err)
	}
	if list, err := fx.a.store.CheckIns(ctx, fx.coachB, fx.athB.ID, berlinDay(t, -1), berlinDay(t, 1)); err != nil || len(list) != 0 {
		t.Errorf("athlete B got check-ins from athlete A's form: %d, %v", len(list), err)
	}
	// The athlete the coach added with coach_id set to coach B is coach A's.
	roster, _ := fx.a.store.Athletes(ctx, fx.coachB, false)
	for _, a := range roster {
		if a.ID != fx.athB.ID {
			t.Errorf("coach B got athlete %q from coach A's form", a.Name)
		}
	}
	if u, _, err := fx.a.store.Credentials(ctx, "maya@example.com"); err != nil || u.Role != store.RoleAthlete {
		t.Errorf("athlete A's account: %+v, %v", u, err)
	}
}

// Another coach's athlete, workout, event or proposal, in the URL or in
// a form field, is refused exactly like an id that does not exist.
func TestOtherCoachesIDsAreRefused(t *testing.T) {
	fx := newAbuseFixture(t)
	ctx := context.Background()
	before := upcoming([]training.Workout{fx.workoutB})[0]
	after := before
	after.Minutes = 30
	if err := fx.a.store.SaveProposal(ctx, fx.athBUser, store.Proposal{AthleteID: fx.athB.ID, CheckInDay: berlinDay(t, 0), Light: "red",
		Reason: "ill", Adjustments: []plan.Adjustment{{WorkoutID: fx.workoutB.ID, Action: "shorten", Before: before, After: after}}}); err != nil {
		t.Fatal(err)
	}
	proposalB, ok, err := fx.a.store.PendingProposal(ctx, fx.coachB, fx.athB.ID)
	if err != nil || !ok {
		t.Fatalf("athlete B's proposal: %v", err)
	}
	// Another athlete of coach A, to pair A's athlete with a workout of theirs.
	athA2, _ := fx.a.athlete(fx.coachA, "Ivo Walker", "ivo@example.com")
	workoutA2, err := fx.a.store.AddWorkout(ctx, fx.coachA, athA2.ID, berlinDay(t, 2), training.Prescription{Sport: "run", Kind: "easy", Title: "Walk", PlannedDurationS: 1800})
	if err != nil {
		t.Fatal(err)
	}
	a, b := athletePath(fx.athA.ID), athletePath(fx.athB.ID)
	wB, wA2 := itoa64(fx.workoutB.ID), itoa64(workoutA2.ID)
	edit := editForm(fx.workoutB, fx.workoutB.Version, "Hijacked", "10")
	log := url.Values{"status": {"done"}, "duration_min": {"10"}, "rpe": {"9"}, "notes": {"Hijacked"}}
	event := url.Values{"name": {"Hijacked"}, "day": {berlinDay(t, 30).Format(time.DateOnly)}, "sport": {"run"}, "kind": {"10k"}, "priority": {"A"}}
	cases := []struct {
		c            *client
		method, path string
		form         url.Values
	}{
		{fx.coach, "GET", a + "/workouts/" + wB + "/edit", nil},
		{fx.coach, "POST", a + "/workouts/" + wB + "/edit", edit},
		{fx.coach, "POST", b + "/workouts/" + wB + "/edit", edit},
		{fx.coach, "POST", a + "/workouts/" + wB + "/delete", url.Values{"version": {"1"}}},
		{fx.coach, "POST", a + "/workouts/" + wA2 + "/edit", editForm(workoutA2, 1, "Mixed", "10")}, // A's, but not this athlete's
		{fx.coach, "POST", a + "/workouts/" + wA2 + "/delete", url.Values{"version": {"1"}}},
		{fx.coach, "GET", a + "/workouts/" + wB + "/log", nil},
		{fx.coach, "POST", a + "/workouts/" + wB + "/log", log},
		{fx.athlete, "POST", a + "/workouts/" + wB + "/log", log},
		{fx.athlete, "POST", b + "/workouts/" + wB + "/log", log},
		{fx.athlete, "POST", a + "/workouts/" + wA2 + "/log", log},
		{fx.coach, "GET", a + "/events/" + itoa64(fx.eventB.ID) + "/edit", nil},
		{fx.coach, "POST", a + "/events/" + itoa64(fx.eventB.ID) + "/edit", event},
		{fx.coach, "POST", b + "/events/" + itoa64(fx.eventB.ID) + "/edit", event},
		{fx.coach, "POST", a + "/events/" + itoa64(fx.eventB.ID) + "/delete", nil},
		{fx.coach, "POST", a + "/proposals/" + itoa64(proposalB.ID) + "/apply", nil},
		{fx.coach, "POST", b + "/proposals/" + itoa64(proposalB.ID) + "/apply", nil},
		{fx.coach, "POST", a + "/proposals/" + itoa64(proposalB.ID) + "/dismiss", nil},
		{fx.coach, "POST", b + "/edit", url.Values{"name": {"Hijacked"}}},
		{fx.coach, "POST", b + "/checkins/import", nil},
		{fx.coach, "POST", b + "/plan", planFormValues(weekStart(fx.athB, berlinDay(t, 7)), "240", 0)},
		{fx.athlete, "GET", b + "/export.json", nil},
		{fx.athlete, "GET", b + "/weeks/" + weekStart(fx.athB, berlinDay(t, 0)).Format(time.DateOnly), nil},
	}
	for _, tc := range cases {
		var r resp
		if tc.method == "GET" {
			r = tc.c.get(tc.path)
		} else {
			r = tc.c.post(tc.path, tc.form)
		}
		if r.StatusCode != http.StatusNotFound {
			t.Errorf("%s %s: %d, want 404", tc.method, tc.path, r.StatusCode)
		}
	}
	// The plan form names its goal event by id: coach B's event is refused
	// next to the field exactly like one that does not exist.
	answers := map[string]string{}
	for what, id := range map[string]int64{"coach B's event": fx.eventB.ID, "no event": fx.eventB.ID + 1000} {
		r := fx.coach.post(a+"/plan", planFormValues(weekStart(fx.athA, berlinDay(t, 7)), "240", id))
		if r.StatusCode != http.StatusUnprocessableEntity || fieldError(t, r.Body, "event") == "" {
			t.Errorf("plan with %s: %d %q", what, r.StatusCode, fieldError(t, r.Body, "event"))
		}
		answers[what] = fieldError(t, r.Body, "event")
	}
	if answers["coach B's event"] != answers["no event"] {
		t.Errorf("another coach's event is told apart from a missing one: %q vs %q", answers["coach B's event"], answers["no event"])
	}
	if strings.Contains(fx.coach.get(a+"/plan/new").Body, "Gran Fondo") {
		t.Error("the plan form offers coach B's event")
	}
	// Nothing of coach B's changed.
	if wo, err := fx.a.store.Workout(ctx, fx.coachB, fx.workoutB.ID); err != nil || wo.Title != "Spin" || wo.Version != 1 || wo.Status != "planned" {
		t.Errorf("coach B's workout: %+v, %v", wo, err)
	}
	if e, err := fx.a.store.Event(ctx, fx.coachB, fx.eventB.ID); err != nil || e.Name != "Gran Fondo" {
		t.Errorf("coach B's event: %+v, %v", e, err)
	}
	if p, ok, err := fx.a.store.PendingProposal(ctx, fx.coachB, fx.athB.ID); err != nil || !ok || p.ID != proposalB.ID {
		t.Errorf("coach B's proposal is no longer pending: %v %v", ok, err)
	}
	if wo, err := fx.a.store.Workout(ctx, fx.coachA, workoutA2.ID); err != nil || wo.Title != "Walk" || wo.Status != "planned" {
		t.Errorf("the other athlete's workout: %+v, %v", wo, err)
	}
}

// Bodies over REBOUND_MAX_BODY_BYTES answer 413, with a declared length
// (refused before reading) and without one (refused while reading): a
// check-in form and a wearable CSV upload.
func TestBodiesOverTheLimitAre413(t *testing.T) {
	const limit = 64 << 10
	fx := &abuseFixture{a: newApp(t, func(c *config.Config) { c.MaxBodyBytes = limit })}
	ca := fx.a.coach("Carla Coach", "carla@example.com")
	ath, _ := fx.a.athlete(ca, "Maya Runner", "maya@example.com")
	maya := fx.a.signedIn("maya@example.com")

	checkIn := []byte(checkInForm("7.5", fine, "notes", strings.Repeat("x", limit)).Encode())
	var csv bytes.Buffer
	mw := multipart.NewWriter(&csv)
	fw, _ := mw.CreateFormFile("file", "export.csv")
	fw.Write([]byte("date,resting_hr\n"))
	for i := 0; csv.Len() < 2*limit; i++ {
		fmt.Fprintf(fw, "%s,%d\n", berlinDay(t, -1-i%4000).Format(time.DateOnly), 50+i%10)
	}
	mw.Close()

	for _, tc := range []struct {
		name, path, contentType string
		body                    []byte
	}{
		{"check-in", "/checkin", "application/x-www-form-urlencoded", checkIn},
		{"wearable CSV", athletePath(ath.ID) + "/checkins/import", mw.FormDataContentType(), csv.Bytes()},
	} {
		for _, chunked := range []bool{false, true} {
			req, err := http.NewRequest(http.MethodPost, fx.a.ts.URL+tc.path, bytes.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if chunked {
				req.ContentLength = -1
				req.Body = io.NopCloser(struct{ io.Reader }{bytes.NewReader(tc.body)}) // hides the length: sent chunked
			}
			req.Header.Set("Content-Type", tc.contentType)
			req.Header.Set("Origin", fx.a.ts.URL)
			r := maya.do(req)
			if r.StatusCode != http.StatusRequestEntityTooLarge {
				t.Errorf("%s of %d bytes (chunked %v): %d, want 413", tc.name, len(tc.body), chunked, r.StatusCode)
			}
		}
	}
	if list, err := fx.a.store.CheckIns(context.Background(), ca, ath.ID, berlinDay(t, -4001), berlinDay(t, 1)); err != nil || len(list) != 0 {
		t.Errorf("an oversized body stored %d check-ins (%v)", len(list), err)
	}
}

// Numbers past the database's limits are refused next to the field, not
// left to the database's CHECK (which would be a 500): a weekly run
// volume over 500 km, in either unit.
func TestProfileVolumesPastTheDatabaseLimits(t *testing.T) {
	fx := newAbuseFixture(t)
	profile := abuseForms[2]
	for _, tc := range []struct{ units, run string }{{"km", "500.5"}, {"km", "900"}, {"mi", "311"}} {
		if tc.units == "mi" {
			if err := fx.a.store.UpdateProfile(context.Background(), fx.coachA, fx.athA.ID, training.Profile{Name: "Maya Runner",
				Email: "maya@example.com", Timezone: "Europe/Berlin", Sports: []string{"run"}, Units: "mi", Experience: "intermediate"}); err != nil {
				t.Fatal(err)
			}
		}
		values := profile.valid(t, fx, 0)
		values.Set("units", tc.units)
		values.Set("weekly_run", tc.run)
		r := fx.coach.post(profile.path(fx), values)
		if r.StatusCode != http.StatusUnprocessableEntity || fieldError(t, r.Body, "weekly_run") == "" || inputValue(t, r.Body, "weekly_run") != tc.run {
			t.Errorf("weekly run %s %s: %d %q", tc.run, tc.units, r.StatusCode, fieldError(t, r.Body, "weekly_run"))
		}
	}
}

// Bad tags are refused next to the field, with what was typed kept; good
// ones are tidied and saved.
func TestProfileTags(t *testing.T) {
	fx := newAbuseFixture(t)
	profile := abuseForms[2]
	long := strings.Repeat("x", 41)
	for _, typed := range []string{long, "a, b, c, d, e, f, g, h, i"} {
		values := profile.valid(t, fx, 0)
		values.Set("tags", typed)
		r := fx.coach.post(profile.path(fx), values)
		if r.StatusCode != http.StatusUnprocessableEntity || fieldError(t, r.Body, "tags") == "" || inputValue(t, r.Body, "tags") != typed {
			t.Errorf("tags %q: %d, message %q", typed, r.StatusCode, fieldError(t, r.Body, "tags"))
		}
	}
	values := profile.valid(t, fx, 0)
	values.Set("tags", " Marathon   squad , marathon squad,Juniors ,, ")
	if r := fx.coach.post(profile.path(fx), values); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("good tags: %d %q", r.StatusCode, fieldError(t, r.Body, "tags"))
	}
	a, err := fx.a.store.Athlete(context.Background(), fx.coachA, fx.athA.ID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(a.Tags, "|") != "Marathon squad|Juniors" {
		t.Errorf("tags saved as %q", a.Tags)
	}
}
