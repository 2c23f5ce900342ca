package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"rebound/internal/config"
	"rebound/internal/store"
)

func TestFirstSignupCreatesTheAdminThenCloses(t *testing.T) {
	a := newApp(t)
	c := a.client()
	if r := c.get("/signup"); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "Create the first coach account") {
		t.Fatalf("GET /signup on a new server: %d", r.StatusCode)
	}
	if r := c.get("/"); !strings.Contains(r.Body, `href="/signup"`) {
		t.Error("the landing page of a new server does not offer the first sign-up")
	}

	// Bad input: errors next to the fields, what was typed kept (not the password).
	r := c.post("/signup", url.Values{"name": {"Carla Coach"}, "email": {"carla-at-example"}, "password": {"short"}})
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid sign-up: %d", r.StatusCode)
	}
	if !strings.Contains(fieldError(t, r.Body, "email"), "e-mail address") || !strings.Contains(fieldError(t, r.Body, "password"), "at least 10") {
		t.Errorf("field errors: email %q password %q", fieldError(t, r.Body, "email"), fieldError(t, r.Body, "password"))
	}
	if inputValue(t, r.Body, "name") != "Carla Coach" || inputValue(t, r.Body, "email") != "carla-at-example" || inputValue(t, r.Body, "password") != "" {
		t.Error("the form did not keep what was typed, or echoed the password")
	}
	if r := c.post("/signup", url.Values{"name": {"Carla"}, "email": {"carla@example.com"}, "password": {"password123"}}); !strings.Contains(fieldError(t, r.Body, "password"), "commonly used") {
		t.Error("a common password was accepted")
	}

	r = c.post("/signup", url.Values{"name": {"Carla Coach"}, "email": {"Carla@Example.com"}, "password": {testPassword}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/" {
		t.Fatalf("sign-up: %d %s\n%s", r.StatusCode, r.Header.Get("Location"), r.Body)
	}
	home := c.get("/")
	if !strings.Contains(home.Body, "Welcome to Rebound, Carla Coach") || !strings.Contains(home.Body, `href="/coaches"`) {
		t.Error("the first coach is not welcomed as admin")
	}
	u, _, err := a.store.Credentials(context.Background(), "carla@example.com")
	if err != nil || !u.IsAdmin || u.Role != store.RoleCoach {
		t.Fatalf("first account: %+v, %v", u, err)
	}

	// Now closed to others.
	other := a.client()
	if r := other.get("/signup"); !strings.Contains(r.Body, "Sign-up is closed") {
		t.Error("sign-up still open after the first account")
	}
	if r := other.post("/signup", url.Values{"name": {"Eve"}, "email": {"eve@example.com"}, "password": {testPassword}}); r.StatusCode != http.StatusForbidden {
		t.Errorf("closed sign-up POST: %d", r.StatusCode)
	}
}

func TestOpenSignupAndUniqueEmail(t *testing.T) {
	a := newApp(t, func(c *config.Config) { c.OpenSignup = true })
	a.coach("Carla Coach", "carla@example.com")
	c := a.client()
	r := c.post("/signup", url.Values{"name": {"Carla Again"}, "email": {"CARLA@example.com"}, "password": {testPassword}})
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(t, r.Body, "email"), "already exists") {
		t.Fatalf("duplicate e-mail in another case: %d %q", r.StatusCode, fieldError(t, r.Body, "email"))
	}
	r = c.post("/signup", url.Values{"name": {"Dan Second"}, "email": {"dan@example.com"}, "password": {testPassword}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("open sign-up: %d", r.StatusCode)
	}
	u, _, _ := a.store.Credentials(context.Background(), "dan@example.com")
	if u.IsAdmin {
		t.Error("a later coach became admin")
	}
}

func TestLoginGivesOneMessageForWrongEmailAndWrongPassword(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Coach", "carla@example.com")
	c := a.client()
	wrongPassword := c.login("carla@example.com", "not the password")
	wrongEmail := c.login("nobody@example.com", "not the password")
	for _, r := range []resp{wrongPassword, wrongEmail} {
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, wrongCredentials) {
			t.Errorf("failed sign-in: %d", r.StatusCode)
		}
		if inputValue(t, r.Body, "email") == "" {
			t.Error("the e-mail typed was lost")
		}
	}
	if r := c.login("carla@example.com", testPassword); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("right password: %d", r.StatusCode)
	}
}

func TestLoginIsThrottledPerAccountAndPerAddress(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Coach", "carla@example.com")
	c := a.client()
	for i := range throttlePerAccount {
		if r := c.login("carla@example.com", "guess number "+string(rune('a'+i))); r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("failure %d: %d", i+1, r.StatusCode)
		}
	}
	// Even the right password is refused while throttled.
	r := c.login("carla@example.com", testPassword)
	if r.StatusCode != http.StatusTooManyRequests || !strings.Contains(r.Body, "Too many failed sign-ins") {
		t.Fatalf("after %d failures: %d", throttlePerAccount, r.StatusCode)
	}
	if !strings.Contains(a.logs.String(), "sign-in throttled") {
		t.Error("throttling was not logged")
	}
	// The window passes.
	a.store.Now = func() time.Time { return time.Now().Add(throttleWindow + time.Minute) }
	if r := c.login("carla@example.com", testPassword); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("after the window: %d", r.StatusCode)
	}
	a.store.Now = time.Now

	// Guessing across many accounts from one address is throttled too.
	ctx := context.Background()
	for i := range throttlePerClient {
		if _, _, err := a.store.LoginAttempt(ctx, "user"+string(rune('a'+i%26))+"@example.com", "127.0.0.1", throttleWindow); err != nil {
			t.Fatal(err)
		}
	}
	if r := a.client().login("someone.else@example.com", "whatever it is"); r.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("after %d failures from one address: %d", throttlePerClient, r.StatusCode)
	}
}

func TestParallelGuessesCannotSlipUnderTheLimit(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Coach", "carla@example.com")
	guessInParallel(t, a, 40)
}

// A loaded server (here: requests with little time) answers every guess
// with "not right" (422), "too many" (429) or "busy, try again" (503),
// and never checks more guesses than the limit, let alone lets one in.
func TestLoadedServerLetsNoGuessThrough(t *testing.T) {
	for _, limit := range []time.Duration{20 * time.Millisecond, 100 * time.Millisecond, 400 * time.Millisecond} {
		a := newApp(t, func(c *config.Config) { c.RequestTimeout = limit })
		a.coach("Carla Coach", "carla@example.com")
		t.Logf("requests of %v: %s", limit, guessInParallel(t, a, 40))
	}
}

// guessInParallel sends burst wrong passwords for one account at once and
// checks the answers; it returns how many of each status came back.
func guessInParallel(t *testing.T, a *app, burst int) string {
	t.Helper()
	answers := make(chan resp, burst)
	var wg sync.WaitGroup
	for i := range burst {
		wg.Go(func() {
			answers <- a.client().login("carla@example.com", "parallel guess "+strconv.Itoa(i))
		})
	}
	wg.Wait()
	close(answers)
	seen := map[int]int{}
	for r := range answers {
		seen[r.StatusCode]++
		switch r.StatusCode {
		case http.StatusUnprocessableEntity, http.StatusTooManyRequests:
		case http.StatusServiceUnavailable:
			if !strings.Contains(r.Body, busyMessage) || r.Header.Get("Retry-After") == "" {
				t.Errorf("a 503 that does not say the server is busy:\n%.600s", r.Body)
			}
		default:
			t.Errorf("status %d", r.StatusCode)
		}
	}
	statuses := fmt.Sprint(seen)
	if seen[http.StatusSeeOther] > 0 || seen[http.StatusUnprocessableEntity] > throttlePerAccount {
		t.Errorf("answers %s: at most %d guesses may be checked, none let in", statuses, throttlePerAccount)
	}
	return statuses
}

func TestSessionTokenIsRenewedAtLoginAndVoidAfterLogout(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Coach", "carla@example.com")
	c := a.client()
	c.post("/logout", nil) // a visitor's session (it carries the flash)
	before := c.cookie("rebound_session")
	if before == "" {
		t.Fatal("no session before sign-in")
	}
	c.login("carla@example.com", testPassword)
	after := c.cookie("rebound_session")
	if after == "" || after == before {
		t.Fatalf("token not renewed at sign-in: %q → %q", before, after)
	}
	var n int
	if err := a.store.Pool().QueryRow(context.Background(), "SELECT count(*) FROM sessions WHERE token = $1", before).Scan(&n); err != nil || n != 0 {
		t.Errorf("the pre-login session still exists server-side (%d, %v)", n, err)
	}

	// A copy of the cookie, as a thief would hold it.
	stolen := a.client()
	u, _ := url.Parse(a.ts.URL)
	stolen.hc.Jar.SetCookies(u, []*http.Cookie{{Name: "rebound_session", Value: after}})
	if r := stolen.get("/athletes"); r.StatusCode != http.StatusOK {
		t.Fatalf("the copied cookie does not work before logout: %d", r.StatusCode)
	}
	if r := c.post("/logout", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", r.StatusCode)
	}
	if r := stolen.get("/athletes"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Fatalf("the old cookie still works after logout: %d", r.StatusCode)
	}
	if err := a.store.Pool().QueryRow(context.Background(), "SELECT count(*) FROM sessions WHERE token = $1", after).Scan(&n); err != nil || n != 0 {
		t.Errorf("the signed-out session still exists server-side (%d, %v)", n, err)
	}
}

// A signed-in session lasts the idle timeout after it was last written
// and a visit keeps it alive; a visit writes it down again only once per
// renewal period, so pages do not each pay for a write.
func TestVisitsKeepTheSessionAliveWithoutWritingItEachTime(t *testing.T) {
	a := newApp(t) // idle timeout: an hour
	a.coach("Carla Coach", "carla@example.com")
	c := a.signedIn("carla@example.com")
	token := c.cookie("rebound_session")
	expiry := func() time.Time {
		t.Helper()
		var e time.Time
		if err := a.store.Pool().QueryRow(context.Background(), "SELECT expiry FROM sessions WHERE token = $1", token).Scan(&e); err != nil {
			t.Fatal(err)
		}
		return e
	}
	if left := time.Until(expiry()); left < 59*time.Minute || left > time.Hour {
		t.Fatalf("a new session lasts %s, want the idle timeout, an hour", left)
	}
	// As if written a minute ago: a write now would move the expiry on.
	if _, err := a.store.Pool().Exec(context.Background(), "UPDATE sessions SET expiry = expiry - interval '1 minute' WHERE token = $1", token); err != nil {
		t.Fatal(err)
	}
	first := expiry()
	if _, n := c.queries("/athletes"); n != 2 || expiry().After(first) {
		t.Errorf("a visit within the renewal period took %d statements, want 2 (the session with its account, the athletes), and wrote the session: %v", n, expiry().After(first))
	}
	a.srv.renewal = 0
	if c.get("/athletes"); !expiry().After(first) {
		t.Error("a visit after the renewal period did not move the session's expiry")
	}
	if r := c.get("/athletes"); r.StatusCode != http.StatusOK {
		t.Errorf("signed out after the renewal: %d", r.StatusCode)
	}
}

// A session is read with its account in one statement. One written
// without it (before that was so) or naming another account than its own
// values is read with the account its values name, and written again
// with it; an account deleted takes its sessions with it.
func TestSessionsAreReadWithTheirAccount(t *testing.T) {
	a := newApp(t)
	carla := a.coach("Carla Coach", "carla@example.com")
	otto := a.coach("Otto Other", "otto@example.com")
	c := a.signedIn("carla@example.com")
	token := c.cookie("rebound_session")
	ctx := context.Background()
	owner := func() int64 {
		t.Helper()
		var id *int64
		if err := a.store.Pool().QueryRow(ctx, `SELECT user_id FROM sessions WHERE token = $1`, token).Scan(&id); err != nil {
			t.Fatal(err)
		}
		if id == nil {
			return 0
		}
		return *id
	}
	if owner() != carla.ID {
		t.Fatalf("the session was written for account %d, want Carla's %d", owner(), carla.ID)
	}
	if r, n := c.queries("/athletes"); n != 2 || !strings.Contains(r.Body, "Signed in as Carla Coach") {
		t.Errorf("a visit took %d statements, want 2, as Carla", n)
	}
	for _, set := range []string{"NULL", strconv.FormatInt(otto.ID, 10)} {
		if _, err := a.store.Pool().Exec(ctx, `UPDATE sessions SET user_id = `+set+` WHERE token = $1`, token); err != nil {
			t.Fatal(err)
		}
		if r := c.get("/athletes"); !strings.Contains(r.Body, "Signed in as Carla Coach") || strings.Contains(r.Body, "Otto") {
			t.Errorf("session written for %s: the page is not Carla's", set)
		}
		if owner() != carla.ID {
			t.Errorf("session written for %s: not written again for Carla (%d)", set, owner())
		}
	}
	if _, err := a.store.Pool().Exec(ctx, `DELETE FROM users WHERE id = $1`, carla.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := a.store.Pool().QueryRow(ctx, `SELECT count(*) FROM sessions WHERE token = $1`, token).Scan(&n); err != nil || n != 0 {
		t.Errorf("the deleted account's session is still there (%d, %v)", n, err)
	}
	if r := c.get("/athletes"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("a deleted account's browser: %d, want the sign-in page", r.StatusCode)
	}
}

// A session whose data cannot be read (a later version's, or damaged) is
// a new visitor's: its browser is signed out, and can sign in again.
func TestUnreadableSessionSignsOut(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Coach", "carla@example.com")
	c := a.signedIn("carla@example.com")
	if _, err := a.store.Pool().Exec(context.Background(), `UPDATE sessions SET data = '\x00520299'::bytea`); err != nil {
		t.Fatal(err)
	}
	if r := c.get("/athletes"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Errorf("with an unreadable session: %d %s, want the sign-in page", r.StatusCode, r.Header.Get("Location"))
	}
	if r := c.login("carla@example.com", testPassword); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("signing in again: %d", r.StatusCode)
	}
	if r := c.get("/athletes"); r.StatusCode != http.StatusOK {
		t.Errorf("after signing in again: %d", r.StatusCode)
	}
}

// Session fixation: a token an attacker got from their own visit and
// planted in the victim's browser must not become a signed-in session.
func TestPlantedSessionTokenIsNotSignedIn(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Coach", "carla@example.com")
	attacker := a.client()
	attacker.post("/logout", nil) // a visit that writes a session
	planted := attacker.cookie("rebound_session")
	if planted == "" {
		t.Fatal("the attacker's visit made no session")
	}
	victim := a.client()
	u, _ := url.Parse(a.ts.URL)
	victim.hc.Jar.SetCookies(u, []*http.Cookie{{Name: "rebound_session", Value: planted, Path: "/"}})
	if r := victim.login("carla@example.com", testPassword); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %d", r.StatusCode)
	}
	if got := victim.cookie("rebound_session"); got == "" || got == planted {
		t.Fatalf("the planted token was kept through sign-in: %q", got)
	}
	if r := victim.get("/athletes"); r.StatusCode != http.StatusOK {
		t.Fatalf("the victim is not signed in: %d", r.StatusCode)
	}
	if r := attacker.get("/athletes"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Fatalf("the planted token signs the attacker in: %d", r.StatusCode)
	}
}

func TestSessionCookieFlags(t *testing.T) {
	for _, tc := range []struct {
		base   string
		secure bool
	}{{"", false}, {"https://rebound.example.com", true}} {
		a := newApp(t, func(c *config.Config) { c.BaseURL = tc.base })
		a.coach("Carla Coach", "carla@example.com")
		r := a.client().login("carla@example.com", testPassword)
		var ck *http.Cookie
		for _, c := range r.Cookies() {
			if c.Name == "rebound_session" {
				ck = c
			}
		}
		if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Secure != tc.secure || ck.Path != "/" {
			t.Errorf("base %q: cookie %+v", tc.base, ck)
		}
		if hsts := r.Header.Get("Strict-Transport-Security"); (hsts != "") != tc.secure {
			t.Errorf("base %q: HSTS %q", tc.base, hsts)
		}
	}
}

var linkRE = regexp.MustCompile(`value="(http://[^"]+/(invite|reset)/[A-Za-z0-9_-]{43})"`)

// issuedLink returns the link shown once on the page, or "".
func issuedLink(page string) string {
	if m := linkRE.FindStringSubmatch(page); m != nil {
		return m[1]
	}
	return ""
}

func TestCoachInvitesAnAthleteWhoSetsAPassword(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Coach", "carla@example.com")
	coach := a.signedIn("carla@example.com")

	// Bad input is refused next to the field and kept.
	r := coach.post("/athletes/new", url.Values{"name": {"Maya Runner"}, "email": {"maya@example.com"}, "timezone": {"Mars/Olympus_Mons"}})
	if r.StatusCode != http.StatusUnprocessableEntity || fieldError(t, r.Body, "timezone") == "" || inputValue(t, r.Body, "name") != "Maya Runner" {
		t.Fatalf("invalid time zone: %d %q", r.StatusCode, fieldError(t, r.Body, "timezone"))
	}
	r = coach.post("/athletes/new", url.Values{"name": {"Maya Runner"}, "email": {"maya@example.com"}, "timezone": {"Europe/Berlin"}})
	invitePage := r.Header.Get("Location")
	if r.StatusCode != http.StatusSeeOther || !regexp.MustCompile(`^/athletes/\d+/invite$`).MatchString(invitePage) {
		t.Fatalf("create athlete: %d to %q", r.StatusCode, invitePage)
	}
	athletePage := strings.TrimSuffix(invitePage, "/invite")
	r = coach.get(invitePage)
	link := issuedLink(r.Body)
	if r.StatusCode != http.StatusOK || link == "" || r.Header.Get("Cache-Control") != "no-store" || !strings.Contains(r.Body, "Maya Runner is added") {
		t.Fatalf("invite page: %d, link %q, Cache-Control %q", r.StatusCode, link, r.Header.Get("Cache-Control"))
	}
	if !strings.Contains(r.Body, `<svg class="qr"`) || !strings.Contains(r.Body, "data-copy") {
		t.Error("the invite page has no QR code or no Copy button")
	}
	// Replacing the link is a step of its own, not a button beside it.
	if strings.Contains(r.Body, `action="`+invitePage+`"`) {
		t.Error("a button beside the fresh link would replace it")
	}
	// A refresh shows the same link again and makes none.
	if again := coach.get(invitePage); issuedLink(again.Body) != link || strings.Contains(again.Body, "is added") {
		t.Errorf("the refreshed invite page shows %q, not %q", issuedLink(again.Body), link)
	}
	var invites int
	a.store.Pool().QueryRow(context.Background(), "SELECT count(*) FROM invites WHERE kind = 'athlete'").Scan(&invites)
	if invites != 1 {
		t.Errorf("%d invites after a refresh", invites)
	}
	// Only the browser that made it sees it, and only for half an hour.
	if other := a.signedIn("carla@example.com").get(invitePage); issuedLink(other.Body) != "" || !strings.Contains(other.Body, "Make a new link") {
		t.Error("another browser of the coach is shown the link")
	}
	a.store.Now = func() time.Time { return time.Now().Add(inviteShownFor + time.Minute) }
	if later := coach.get(invitePage); issuedLink(later.Body) != "" || !strings.Contains(later.Body, "is invited") {
		t.Error("the link is still shown after half an hour")
	}
	a.store.Now = time.Now
	if page := coach.get(athletePage).Body; issuedLink(page) != "" || !strings.Contains(page, "Invited") {
		t.Error("the invite link is shown on the athlete page, or the invite is not")
	}
	// Neither the sessions table nor any other holds the link in clear.
	var inSessions int
	a.store.Pool().QueryRow(context.Background(), "SELECT count(*) FROM sessions WHERE position(convert_to($1, 'UTF8') in data) > 0",
		link[strings.LastIndexByte(link, '/')+1:]).Scan(&inSessions)
	if inSessions != 0 {
		t.Error("the invite link is stored in a session")
	}
	if r := coach.post("/athletes/new", url.Values{"name": {"Maya R"}, "email": {"MAYA@example.com"}, "timezone": {"UTC"}}); !strings.Contains(fieldError(t, r.Body, "email"), "already have an athlete") {
		t.Error("a second record for the same athlete was accepted")
	}
	// Only a hash of the token is stored.
	token := link[strings.LastIndexByte(link, '/')+1:]
	var stored int
	if err := a.store.Pool().QueryRow(context.Background(), "SELECT count(*) FROM invites WHERE token_hash = convert_to($1, 'UTF8')", token).Scan(&stored); err != nil || stored != 0 {
		t.Errorf("the token is stored in clear (%d, %v)", stored, err)
	}

	// The athlete, in another browser.
	path := strings.TrimPrefix(link, a.ts.URL)
	ath := a.client()
	r = ath.get(path)
	if r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "Welcome, Maya Runner") || !strings.Contains(r.Body, "Carla Coach coaches you") {
		t.Fatalf("invite page: %d", r.StatusCode)
	}
	if r := ath.post(path, url.Values{"password": {"short"}}); r.StatusCode != http.StatusUnprocessableEntity || fieldError(t, r.Body, "password") == "" {
		t.Fatalf("short password: %d", r.StatusCode)
	}
	if r := ath.post(path, url.Values{"password": {"maya@example.com"}}); !strings.Contains(fieldError(t, r.Body, "password"), "e-mail") {
		t.Error("the e-mail address was accepted as password")
	}
	r = ath.post(path, url.Values{"password": {"maya's own good password"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept invite: %d\n%s", r.StatusCode, r.Body)
	}
	if r := ath.get("/"); !strings.Contains(r.Body, "Maya") || !strings.Contains(r.Body, "Carla Coach plans your training") {
		t.Errorf("athlete home:\n%s", r.Body)
	}
	if r := ath.get("/athletes"); r.StatusCode != http.StatusNotFound {
		t.Errorf("athlete reached the roster: %d", r.StatusCode)
	}
	if r := a.client().get(path); r.StatusCode != http.StatusGone || !strings.Contains(r.Body, "already been used") {
		t.Errorf("used link: %d", r.StatusCode)
	}
	if r := a.client().login("maya@example.com", "maya's own good password"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the athlete cannot sign in: %d", r.StatusCode)
	}
	if r := coach.get(athletePage); !strings.Contains(r.Body, "Joined") {
		t.Error("the coach does not see that the athlete joined")
	}
}

func TestInviteLinksCanBeReissuedRevokedAndExpire(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, err := a.store.CreateAthlete(context.Background(), ca, store.NewAthlete{Name: "Maya Runner", Email: "maya@example.com", Timezone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	coach := a.signedIn("carla@example.com")
	page := athletePath(ath.ID)
	issue := func() string {
		t.Helper()
		r := coach.post(page+"/invite", nil)
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != page+"/invite" {
			t.Fatalf("issue: %d to %q", r.StatusCode, r.Header.Get("Location"))
		}
		return strings.TrimPrefix(issuedLink(coach.get(page+"/invite").Body), a.ts.URL)
	}
	first := issue()
	// A new link is asked for first, saying what happens to this one.
	if r := coach.get(page + "/invite/new"); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "stops working at once") {
		t.Errorf("the confirmation before a new link: %d", r.StatusCode)
	}
	second := issue()
	if first == "" || second == "" || first == second {
		t.Fatalf("links %q and %q", first, second)
	}
	if r := a.client().get(first); r.StatusCode != http.StatusGone || !strings.Contains(r.Body, "withdrawn") {
		t.Errorf("replaced link: %d", r.StatusCode)
	}
	if r := a.client().get(second); r.StatusCode != http.StatusOK {
		t.Errorf("new link: %d", r.StatusCode)
	}
	coach.post(page+"/invite/revoke", nil)
	if r := a.client().get(second); r.StatusCode != http.StatusGone {
		t.Errorf("revoked link: %d", r.StatusCode)
	}
	if r := coach.get(page + "/invite"); issuedLink(r.Body) != "" || !strings.Contains(r.Body, "withdrawn") {
		t.Error("the invite page shows a withdrawn link")
	}
	third := issue()
	a.store.Now = func() time.Time { return time.Now().Add(store.InviteTTL + time.Hour) }
	defer func() { a.store.Now = time.Now }()
	if r := a.client().post(third, url.Values{"password": {testPassword}}); r.StatusCode != http.StatusGone || !strings.Contains(r.Body, "expired") {
		t.Errorf("expired link: %d", r.StatusCode)
	}
	if r := a.client().get("/invite/not-a-real-token"); r.StatusCode != http.StatusNotFound {
		t.Errorf("unknown token: %d", r.StatusCode)
	}
}

func TestPasswordResetSignsOutOtherSessions(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	old := a.signedIn("maya@example.com")
	coach := a.signedIn("carla@example.com")

	link := strings.TrimPrefix(issuedLink(coach.post(athletePath(ath.ID)+"/password-reset", nil).Body), a.ts.URL)
	if !strings.HasPrefix(link, "/reset/") {
		t.Fatalf("no reset link shown: %q", link)
	}
	if r := a.client().get("/invite/" + strings.TrimPrefix(link, "/reset/")); r.StatusCode != http.StatusNotFound {
		t.Errorf("a reset token works on the invite path: %d", r.StatusCode)
	}
	fresh := a.client()
	if r := fresh.post(link, url.Values{"password": {"a brand new passphrase"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("reset: %d", r.StatusCode)
	}
	if r := fresh.get("/"); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "Your new password is set") {
		t.Errorf("after reset: %d", r.StatusCode)
	}
	if r := old.get(athletePath(ath.ID)); r.StatusCode != http.StatusSeeOther {
		t.Errorf("a session from before the reset still works: %d", r.StatusCode)
	}
	if r := a.client().login("maya@example.com", testPassword); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("the old password still works: %d", r.StatusCode)
	}
}

func TestAdminInvitesACoach(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Admin", "carla@example.com")
	a.coach("Ben Other", "ben@example.com")
	admin := a.signedIn("carla@example.com")
	if r := admin.post("/coaches/invite", url.Values{"email": {"not an address"}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad e-mail: %d", r.StatusCode)
	}
	r := admin.post("/coaches/invite", url.Values{"email": {"dana@example.com"}})
	if r.StatusCode != http.StatusOK {
		t.Fatalf("invite: %d", r.StatusCode)
	}
	link := strings.TrimPrefix(issuedLink(r.Body), a.ts.URL)
	if issuedLink(admin.get("/coaches").Body) != "" {
		t.Error("the coach invite link is shown a second time")
	}
	if link == "" || !strings.Contains(r.Body, "Ben Other") {
		t.Fatalf("coaches page lacks the link or the coaches")
	}
	dana := a.client()
	if r := dana.get(link); inputValue(t, r.Body, "email") != "dana@example.com" {
		t.Error("the invited address is not filled in")
	}
	r = dana.post(link, url.Values{"name": {"Dana New"}, "email": {"dana@example.com"}, "password": {testPassword}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept coach invite: %d\n%s", r.StatusCode, r.Body)
	}
	if r := dana.get("/athletes"); r.StatusCode != http.StatusOK {
		t.Errorf("the new coach cannot see their roster: %d", r.StatusCode)
	}
	if r := dana.get("/coaches"); r.StatusCode != http.StatusNotFound {
		t.Errorf("a non-admin coach sees the coaches page: %d", r.StatusCode)
	}
}

func TestSignInReturnsToThePageAskedFor(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Coach", "carla@example.com")
	c := a.client()
	r := c.get("/athletes/new")
	if loc := r.Header.Get("Location"); loc != "/login?next=%2Fathletes%2Fnew" {
		t.Fatalf("redirect to %q", loc)
	}
	for next, want := range map[string]string{"/athletes/new": "/athletes/new", "https://evil.example/": "/", "//evil.example": "/", "/\\evil.example": "/"} {
		c := a.client()
		r := c.post("/login", url.Values{"email": {"carla@example.com"}, "password": {testPassword}, "next": {next}})
		if got := r.Header.Get("Location"); got != want {
			t.Errorf("next=%q: redirected to %q, want %q", next, got, want)
		}
	}
}

func TestClientAddressBehindATrustedProxy(t *testing.T) {
	for _, tc := range []struct {
		trust  bool
		header []string
		want   string
	}{
		{false, []string{"X-Forwarded-For", "203.0.113.9"}, "192.0.2.1"},
		{true, []string{"X-Forwarded-For", "10.9.9.9, 203.0.113.9"}, "203.0.113.9"},
		{true, []string{"X-Real-IP", "203.0.113.7"}, "192.0.2.1"}, // passed through by many proxies: forgeable
		{true, nil, "192.0.2.1"},
	} {
		s := &Server{cfg: config.Config{TrustProxy: tc.trust}}
		r := httptest.NewRequest(http.MethodPost, "/login", nil)
		r.RemoteAddr = "192.0.2.1:4711"
		for i := 0; i+1 < len(tc.header); i += 2 {
			r.Header.Set(tc.header[i], tc.header[i+1])
		}
		if got := s.clientAddr(r); got != tc.want {
			t.Errorf("trust=%v %v: %q, want %q", tc.trust, tc.header, got, tc.want)
		}
	}
}

func TestLogsHoldNoLinkTokensAndRequestIDsAreOurs(t *testing.T) {
	a := newApp(t)
	c := a.client()
	secret := "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde"
	c.get("/invite/" + secret)
	c.get("/reset/" + secret)
	if strings.Contains(a.logs.String(), secret) {
		t.Fatalf("a link token reached the log:\n%s", a.logs)
	}
	if !strings.Contains(a.logs.String(), "/invite/{token}") {
		t.Error("the invite request is not logged by its route")
	}
	req, _ := http.NewRequest(http.MethodGet, a.ts.URL+"/nope", nil)
	req.Header.Set("X-Request-Id", "forged-id")
	r := c.do(req)
	if id := r.Header.Get("X-Request-Id"); id == "" || id == "forged-id" || strings.Contains(r.Body, "forged-id") {
		t.Errorf("the client chose the request id: %q", id)
	}
}

func TestControlCharactersAreRefusedNotFatal(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Coach", "carla@example.com")
	coach := a.signedIn("carla@example.com")
	for _, form := range []url.Values{
		{"name": {"Maya"}, "email": {"maya\v@example.com"}, "timezone": {"UTC"}},
		{"name": {"Maya\f"}, "email": {"maya@example.com"}, "timezone": {"UTC"}},
		{"name": {"Maya\x00"}, "email": {"maya@example.com"}, "timezone": {"UTC"}},
		{"name": {"Maya\xff"}, "email": {"maya@example.com"}, "timezone": {"UTC"}},
	} {
		if r := coach.post("/athletes/new", form); r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%q: %d, want 422", form, r.StatusCode)
		}
	}
}

// A coach who adds an athlete under an address someone else's athlete
// already uses, then posts the invite themself, learns nothing about that
// account: the answer names neither the address nor an account.
func TestAthleteInviteRevealsNoAccountOfAnotherCoach(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Coach", "carla@example.com")
	cb := a.coach("Ben Other", "ben@example.com")
	a.athlete(cb, "Tom Rower", "tom@example.com")
	carla := a.signedIn("carla@example.com")
	for _, email := range []string{"tom@example.com", "ben@example.com"} {
		r := carla.post("/athletes/new", url.Values{"name": {"Tom Probe"}, "email": {email}, "timezone": {"UTC"}})
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("add athlete %s: %d", email, r.StatusCode)
		}
		link := strings.TrimPrefix(issuedLink(carla.get(r.Header.Get("Location")).Body), a.ts.URL)
		r = a.client().post(link, url.Values{"password": {"probing password 1"}})
		if r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("accept %s: %d", email, r.StatusCode)
		}
		problem := text(t, r.Body, "main")
		for _, leak := range []string{"already", "exists", "this server", "has an account"} {
			if strings.Contains(strings.ToLower(problem), leak) {
				t.Errorf("%s: the answer says %q:\n%s", email, leak, problem)
			}
		}
		if !strings.Contains(problem, "Ask your coach to check the e-mail address on it") {
			t.Errorf("%s: the answer lacks the neutral message", email)
		}
	}
}
