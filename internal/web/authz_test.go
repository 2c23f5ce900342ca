package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"rebound/internal/auth"
	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/internal/training"
)

// want is the answer an actor should get.
type want struct {
	status   int
	location string // prefix of the redirect target, for 303s
}

var (
	page      = want{status: http.StatusOK}
	toLogin   = want{http.StatusSeeOther, "/login"}
	toHome    = want{http.StatusSeeOther, "/"}
	notFound  = want{status: http.StatusNotFound}
	forbidden = want{status: http.StatusForbidden}
	invalid   = want{status: http.StatusUnprocessableEntity} // the empty form was refused: the handler ran
	toAthlete = want{http.StatusSeeOther, "/athletes/"}
	toAccount = want{http.StatusSeeOther, "/account"}
)

// The actors, in the order of each row.
const (
	anonymous = iota
	coachA    // the admin; coaches athlete A
	coachB
	athleteA
	athleteB
)

var actorNames = [...]string{"anonymous", "coach A", "coach B", "athlete A", "athlete B"}

// matrix is who gets what on every route the router has. {id} is athlete
// A's id, {day} the start of their current week; {token}, {wid} and {eid}
// are made fresh for each request (some requests use them up). A route
// without a row fails the test.
var matrix = map[string][5]want{
	"GET /healthz":         {page, page, page, page, page},
	"GET /readyz":          {page, page, page, page, page},
	"GET /static/*":        {page, page, page, page, page},
	"GET /":                {page, page, page, page, page},
	"GET /signup":          {page, toHome, toHome, toHome, toHome},
	"POST /signup":         {forbidden, forbidden, forbidden, forbidden, forbidden},
	"GET /login":           {page, toHome, toHome, toHome, toHome},
	"POST /login":          {invalid, invalid, invalid, invalid, invalid},
	"POST /logout":         {toLogin, toLogin, toLogin, toLogin, toLogin},
	"GET /invite/{token}":  {page, page, page, page, page},
	"POST /invite/{token}": {invalid, invalid, invalid, invalid, invalid},
	"GET /reset/{token}":   {page, page, page, page, page},
	"POST /reset/{token}":  {invalid, invalid, invalid, invalid, invalid},
	// Without e-mail on the server, the forgotten-password page says whom to ask.
	"GET /reset":  {page, page, page, page, page},
	"POST /reset": {page, page, page, page, page},
	// The link's token confirms athlete A's new address, whoever follows it.
	"GET /account/email/{token}":  {page, page, page, page, page},
	"POST /account/email/{token}": {toLogin, toLogin, toLogin, toAccount, toLogin},
	"GET /account":                {toLogin, page, page, page, page},
	"POST /account":               {toLogin, invalid, invalid, invalid, invalid},
	"GET /account/password":       {toLogin, page, page, page, page},
	"POST /account/password":      {toLogin, invalid, invalid, invalid, invalid},
	"GET /account/email":          {toLogin, page, page, page, page},
	"POST /account/email":         {toLogin, invalid, invalid, invalid, invalid},
	"POST /account/notifications": {toLogin, toAccount, toAccount, toAccount, toAccount}, // an empty form switches all off
	"GET /notifications":          {toLogin, page, page, page, page},
	// Signs the actor out everywhere: walked last but for /logout.
	"POST /account/sign-out-everywhere": {toLogin, toLogin, toLogin, toLogin, toLogin},
	// The token is the credential: anyone holding athlete A's link gets
	// the feed (a revoked or made-up one is 404: calendar_test.go).
	"GET /calendar/{token}.ics": {page, page, page, page, page},

	"GET /athletes/{id}":                          {toLogin, page, notFound, page, notFound},
	"GET /athletes":                               {toLogin, page, page, notFound, notFound},
	"GET /athletes/new":                           {toLogin, page, page, notFound, notFound},
	"POST /athletes/new":                          {toLogin, invalid, invalid, notFound, notFound},
	"POST /athletes/{id}/invite":                  {toLogin, toAthlete, notFound, notFound, notFound},
	"GET /athletes/{id}/invite":                   {toLogin, page, notFound, notFound, notFound},
	"GET /athletes/{id}/invite/new":               {toLogin, toAthlete, notFound, notFound, notFound}, // athlete A has joined
	"POST /athletes/{id}/invite/send":             {toLogin, toAthlete, notFound, notFound, notFound}, // this browser holds no link
	"POST /athletes/{id}/invite/revoke":           {toLogin, toAthlete, notFound, notFound, notFound},
	"POST /athletes/{id}/password-reset":          {toLogin, page, notFound, notFound, notFound},
	"GET /coaches":                                {toLogin, page, notFound, notFound, notFound},
	"POST /athletes/{id}/proposals/{pid}/apply":   {toLogin, toAthlete, notFound, notFound, notFound},
	"POST /athletes/{id}/proposals/{pid}/dismiss": {toLogin, toAthlete, notFound, notFound, notFound},
	"GET /athletes/{id}/plan/history":             {toLogin, page, notFound, page, notFound},
	"POST /athletes/{id}/plan/undo":               {toLogin, toAthlete, notFound, notFound, notFound},
	"GET /athletes/{id}/plan":                     {toLogin, page, notFound, page, notFound},
	"GET /athletes/{id}/plan/new":                 {toLogin, page, notFound, notFound, notFound},
	"POST /athletes/{id}/plan/preview":            {toLogin, invalid, notFound, notFound, notFound},
	"POST /athletes/{id}/plan":                    {toLogin, invalid, notFound, notFound, notFound},
	"GET /athletes/{id}/checkins":                 {toLogin, page, notFound, page, notFound},
	"GET /athletes/{id}/checkins/import":          {toLogin, page, notFound, page, notFound},
	"POST /athletes/{id}/checkins/import":         {toLogin, invalid, notFound, invalid, notFound},
	"GET /checkin":                                {toLogin, notFound, notFound, page, page},
	"POST /checkin":                               {toLogin, notFound, notFound, invalid, invalid},

	"GET /athletes/{id}/weeks":                  {toLogin, toAthlete, notFound, toAthlete, notFound},
	"GET /athletes/{id}/weeks/{day}":            {toLogin, page, notFound, page, notFound},
	"GET /athletes/{id}/weeks/{day}/print":      {toLogin, page, notFound, page, notFound},
	"GET /weeks/{day}/print":                    {toLogin, page, page, notFound, notFound},
	"GET /athletes/{id}/workouts/{wid}/log":     {toLogin, page, notFound, page, notFound},
	"POST /athletes/{id}/workouts/{wid}/log":    {toLogin, invalid, notFound, invalid, notFound},
	"GET /athletes/{id}/log":                    {toLogin, page, notFound, page, notFound},
	"POST /athletes/{id}/log":                   {toLogin, invalid, notFound, invalid, notFound},
	"GET /athletes/{id}/edit":                   {toLogin, page, notFound, notFound, notFound},
	"POST /athletes/{id}/edit":                  {toLogin, invalid, notFound, notFound, notFound},
	"POST /athletes/{id}/archive":               {toLogin, toAthlete, notFound, notFound, notFound},
	"POST /athletes/{id}/restore":               {toLogin, toAthlete, notFound, notFound, notFound},
	"GET /athletes/{id}/events/new":             {toLogin, page, notFound, notFound, notFound},
	"POST /athletes/{id}/events/new":            {toLogin, invalid, notFound, notFound, notFound},
	"GET /athletes/{id}/events/{eid}/edit":      {toLogin, page, notFound, notFound, notFound},
	"POST /athletes/{id}/events/{eid}/edit":     {toLogin, invalid, notFound, notFound, notFound},
	"POST /athletes/{id}/events/{eid}/delete":   {toLogin, toAthlete, notFound, notFound, notFound},
	"GET /athletes/{id}/workouts/new":           {toLogin, page, notFound, notFound, notFound},
	"POST /athletes/{id}/workouts/new":          {toLogin, invalid, notFound, notFound, notFound},
	"GET /athletes/{id}/workouts/{wid}/edit":    {toLogin, page, notFound, notFound, notFound},
	"POST /athletes/{id}/workouts/{wid}/edit":   {toLogin, invalid, notFound, notFound, notFound},
	"POST /athletes/{id}/workouts/{wid}/delete": {toLogin, toAthlete, notFound, notFound, notFound},
	"POST /coaches/invite":                      {toLogin, page, notFound, notFound, notFound},

	"POST /athletes/{id}/calendar":           {toLogin, page, notFound, page, notFound},
	"POST /athletes/{id}/calendar/revoke":    {toLogin, toAthlete, notFound, toAthlete, notFound},
	"GET /athletes/{id}/export.json":         {toLogin, page, notFound, page, notFound},
	"GET /athletes/{id}/export/checkins.csv": {toLogin, page, notFound, page, notFound},
	"GET /athletes/{id}/export/workouts.csv": {toLogin, page, notFound, page, notFound},
	"GET /export/checkins.csv":               {toLogin, page, page, notFound, notFound},
	"GET /export/workouts.csv":               {toLogin, page, page, notFound, notFound},

	"GET /athletes/{id}/workouts/{wid}":        {toLogin, page, notFound, page, notFound},
	"POST /athletes/{id}/workouts/{wid}/rpe":   {toLogin, invalid, notFound, invalid, notFound},
	"POST /athletes/{id}/workouts/{wid}/match": {toLogin, invalid, notFound, invalid, notFound},
	"GET /athletes/{id}/imports/new":           {toLogin, page, notFound, page, notFound},
	"POST /athletes/{id}/imports":              {toLogin, invalid, notFound, invalid, notFound},
	"GET /athletes/{id}/imports/{jid}":         {toLogin, page, notFound, page, notFound},
	"GET /athletes/{id}/activities/{aid}/file": {toLogin, page, notFound, page, notFound},
	// Conversations: athlete A and coach A only. {cid} is athlete A's own
	// comment: only its author edits or deletes it.
	"GET /athletes/{id}/comments":                 {toLogin, page, notFound, page, notFound},
	"GET /athletes/{id}/workouts/{wid}/comments":  {toLogin, page, notFound, page, notFound},
	"POST /athletes/{id}/workouts/{wid}/comments": {toLogin, invalid, notFound, invalid, notFound},
	"GET /athletes/{id}/checkins/{day}/comments":  {toLogin, page, notFound, page, notFound},
	"POST /athletes/{id}/checkins/{day}/comments": {toLogin, invalid, notFound, invalid, notFound},
	"GET /athletes/{id}/weeks/{day}/comments":     {toLogin, page, notFound, page, notFound},
	"POST /athletes/{id}/weeks/{day}/comments":    {toLogin, invalid, notFound, invalid, notFound},
	"GET /athletes/{id}/comments/{cid}/edit":      {toLogin, notFound, notFound, page, notFound},
	"POST /athletes/{id}/comments/{cid}/edit":     {toLogin, notFound, notFound, invalid, notFound},
	"POST /athletes/{id}/comments/{cid}/delete":   {toLogin, notFound, notFound, toAthlete, notFound},
}

type route struct{ method, pattern string }

func routesOf(t *testing.T, r chi.Router) []route {
	t.Helper()
	var list []route
	err := chi.Walk(r, func(method, pattern string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		list = append(list, route{method, pattern})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Signing out ends the actor's session: do it last.
	last := func(r route) string {
		return boolKey(r.pattern == "/logout") + boolKey(r.pattern == "/account/sign-out-everywhere")
	}
	slices.SortStableFunc(list, func(a, b route) int { return strings.Compare(last(a), last(b)) })
	return list
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func boolKey(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func TestAuthorizationMatrix(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	ca := a.coach("Carla Admin", "carla@example.com")
	cb := a.coach("Ben Other", "ben@example.com")
	athA, mayaUser := a.athlete(ca, "Maya Runner", "maya@example.com")
	a.athlete(cb, "Tom Rower", "tom@example.com")
	pending, err := a.store.CreateAthlete(ctx, ca, store.NewAthlete{Name: "Ines New", Email: "ines@example.com", Timezone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	clients := [5]*client{a.client(), a.signedIn("carla@example.com"), a.signedIn("ben@example.com"),
		a.signedIn("maya@example.com"), a.signedIn("tom@example.com")}

	var proposals atomic.Int64 // one check-in day per proposal
	var addresses atomic.Int64 // one new address per e-mail change
	// Fresh links, workouts and events for each request, since some
	// requests use them up or delete them.
	fresh := func(pattern, param string) string {
		switch param {
		case "{token}":
			tok, hash := auth.NewToken()
			var err error
			if strings.HasPrefix(pattern, "/account/email/") {
				_, err = a.store.RequestEmailChange(ctx, mayaUser, "maya"+strconv.FormatInt(addresses.Add(1), 10)+"@example.net", hash)
			} else if strings.HasPrefix(pattern, "/reset/") {
				_, err = a.store.IssueAthletePasswordReset(ctx, ca, athA.ID, hash)
			} else if strings.HasPrefix(pattern, "/calendar/") {
				err = a.store.IssueCalendarToken(ctx, ca, athA.ID, hash)
			} else {
				_, err = a.store.IssueAthleteInvite(ctx, ca, pending.ID, hash)
			}
			if err != nil {
				t.Fatal(err)
			}
			return tok
		case "{wid}":
			wo, err := a.store.AddWorkout(ctx, ca, athA.ID, time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -1),
				training.Prescription{Sport: "run", Kind: "easy", Title: "Easy run", PlannedDurationS: 2400})
			if err != nil {
				t.Fatal(err)
			}
			return strconv.FormatInt(wo.ID, 10)
		case "{pid}":
			day := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, int(proposals.Add(1)))
			wo, err := a.store.AddWorkout(ctx, ca, athA.ID, day, training.Prescription{Sport: "run", Kind: "tempo", Title: "Tempo", PlannedDurationS: 3000, TargetRPE: 6})
			if err != nil {
				t.Fatal(err)
			}
			before := plan.Upcoming{ID: wo.ID, Date: day, Kind: "tempo", Title: "Tempo", Minutes: 50, RPE: 6, Key: true}
			after := before
			after.Minutes, after.RPE = 35, 5
			err = a.store.SaveProposal(ctx, mayaUser, store.Proposal{AthleteID: athA.ID, CheckInDay: day, Light: "amber",
				Reason: "Amber check-in", Adjustments: []plan.Adjustment{{WorkoutID: wo.ID, Action: "shorten", Before: before, After: after, Why: "Shorter"}}})
			if err != nil {
				t.Fatal(err)
			}
			p, _, err := a.store.PendingProposal(ctx, ca, athA.ID)
			if err != nil {
				t.Fatal(err)
			}
			return strconv.FormatInt(p.ID, 10)
		case "{jid}":
			id, err := a.store.CreateImport(ctx, ca, athA.ID, []store.UploadedFile{{Name: "notes.txt", Reason: "Not a workout file."}})
			if err != nil {
				t.Fatal(err)
			}
			return strconv.FormatInt(id, 10)
		case "{aid}":
			return strconv.FormatInt(a.imported(ca, athA, time.Now().UTC().AddDate(0, 0, -1-int(proposals.Add(1))), 150).ActivityID, 10)
		case "{cid}":
			wo, err := a.store.AddWorkout(ctx, ca, athA.ID, time.Now().UTC().Truncate(24*time.Hour), training.Prescription{Sport: "run", Kind: "easy", Title: "Easy run", PlannedDurationS: 2400})
			if err != nil {
				t.Fatal(err)
			}
			c, err := a.store.AddComment(ctx, mayaUser, athA.ID, training.WorkoutSubject(wo.ID), "How easy is easy?")
			if err != nil {
				t.Fatal(err)
			}
			return strconv.FormatInt(c.ID, 10)
		case "{eid}":
			e, err := a.store.AddEvent(ctx, ca, athA.ID, training.Event{Name: "City 10K", Day: time.Now().AddDate(0, 2, 0).UTC().Truncate(24 * time.Hour),
				Sport: "run", Kind: "10k", Priority: "A"})
			if err != nil {
				t.Fatal(err)
			}
			return strconv.FormatInt(e.ID, 10)
		}
		t.Fatalf("no value for %s", param)
		return ""
	}
	// Athlete A's week starts on Monday.
	today := time.Now().In(mustZone(t, "Europe/Berlin"))
	monday := training.WeekStart(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC), false)

	// Athlete A checked in on the week's first day: the check-in's thread.
	if err := a.store.SaveCheckIn(ctx, mayaUser, training.CheckIn{AthleteID: athA.ID, Day: monday, Answered: true, SleepHours: 8,
		SleepQuality: 4, Fatigue: 4, Soreness: 4, Stress: 4, Mood: 4, Motivation: 4, Score: 85, Light: "green"}); err != nil {
		t.Fatal(err)
	}

	seen := map[string]bool{}
	for _, rt := range routesOf(t, a.srv.router) {
		key := rt.method + " " + rt.pattern
		seen[key] = true
		row, ok := matrix[key]
		if !ok {
			t.Errorf("route %s has no row in the authorization matrix: add one", key)
			continue
		}
		// A GET route answers HEAD the same way, without the body.
		methods := []string{rt.method}
		if rt.method == http.MethodGet {
			methods = append(methods, http.MethodHead)
		}
		for actor, w := range row {
			for _, method := range methods {
				path := strings.ReplaceAll(rt.pattern, "{id}", strconv.FormatInt(athA.ID, 10))
				path = strings.ReplaceAll(path, "{day}", monday.Format(time.DateOnly))
				path = strings.ReplaceAll(path, "/*", "/app.css")
				for _, param := range []string{"{token}", "{wid}", "{eid}", "{pid}", "{jid}", "{aid}", "{cid}"} {
					if strings.Contains(path, param) {
						path = strings.ReplaceAll(path, param, fresh(rt.pattern, param))
					}
				}
				var r resp
				switch method {
				case http.MethodPost:
					r = clients[actor].post(path, url.Values{})
				case http.MethodHead:
					r = clients[actor].head(path)
				default:
					r = clients[actor].get(path)
				}
				call := method + " " + rt.pattern
				loc := r.Header.Get("Location")
				if r.StatusCode != w.status || (w.location != "" && !strings.HasPrefix(loc, w.location)) ||
					(w == toHome && loc != "/") {
					t.Errorf("%s as %s: got %d %s, want %d %s", call, actorNames[actor], r.StatusCode, loc, w.status, w.location)
				}
				if r.StatusCode == http.StatusNotFound && actor != athleteA && strings.Contains(r.Body, athA.Name) {
					t.Errorf("%s as %s: the 404 page leaks the athlete's name", call, actorNames[actor])
				}
				if method == http.MethodHead && r.Body != "" {
					t.Errorf("%s as %s: %d bytes of body", call, actorNames[actor], len(r.Body))
				}
				if method == http.MethodHead && r.StatusCode == http.StatusOK && r.Header.Get("Content-Type") == "" {
					t.Errorf("%s as %s: no Content-Type", call, actorNames[actor])
				}
			}
		}
	}
	for key := range matrix {
		if !seen[key] {
			t.Errorf("matrix row %s matches no route: remove it", key)
		}
	}
}

// Every mutating route refuses a request from another site, before any
// handler runs.
func TestCrossOriginPostsAreRefused(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Admin", "carla@example.com")
	athA, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	c := a.signedIn("carla@example.com")
	var posts int
	for _, rt := range routesOf(t, a.srv.router) {
		if rt.method == http.MethodGet {
			continue
		}
		posts++
		path := strings.NewReplacer("{id}", strconv.FormatInt(athA.ID, 10), "{token}", "x", "{wid}", "1", "{eid}", "1", "{pid}", "1",
			"{jid}", "1", "{aid}", "1").Replace(rt.pattern)
		form := url.Values{"name": {"Mallory"}, "email": {"mallory@evil.example"}, "timezone": {"UTC"}, "password": {"long enough password"}}
		for _, h := range [][]string{
			{"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"},
			{"Origin", "https://evil.example", "Sec-Fetch-Site", ""}, // an older browser: Origin alone
		} {
			r := c.post(path, form, h...)
			if r.StatusCode != http.StatusForbidden {
				t.Errorf("cross-origin POST %s (%v): %d, want 403", path, h, r.StatusCode)
			}
		}
	}
	if posts < 10 {
		t.Fatalf("only %d mutating routes walked", posts)
	}
	list, err := a.store.Athletes(context.Background(), ca, false)
	if err != nil || len(list) != 1 {
		t.Fatalf("athletes after the refused posts: %d, %v", len(list), err)
	}
}
