package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"rebound/internal/auth"
	"rebound/internal/mail/mailtest"
)

// An athlete changes name, units and time zone on their account page;
// bad input is refused next to the field and kept. A coach's page has no
// units or zone.
func TestAccountPreferences(t *testing.T) {
	a := newApp(t)
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	maya := a.signedIn("maya@example.com")

	r := maya.get("/account")
	if r.StatusCode != http.StatusOK || inputValue(t, r.Body, "name") != "Maya Runner" || !strings.Contains(r.Body, "maya@example.com") {
		t.Fatalf("account page: %d\n%s", r.StatusCode, r.Body)
	}
	if !strings.Contains(r.Body, `<option value="Europe/Berlin" selected>`) || !strings.Contains(r.Body, `value="km" checked`) {
		t.Error("the page does not show the athlete's zone and units")
	}
	if !strings.Contains(r.Body, `data-zone-offer="f-timezone" hidden`) {
		t.Error("no hidden offer of the browser's zone for the script to fill")
	}

	r = maya.post("/account", url.Values{"name": {"  "}, "units": {"furlongs"}, "timezone": {"Mars/Olympus"}})
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad preferences: %d", r.StatusCode)
	}
	for _, field := range []string{"name", "units", "timezone"} {
		if fieldError(t, r.Body, field) == "" {
			t.Errorf("no error next to %s", field)
		}
	}
	long := strings.Repeat("x", 201)
	r = maya.post("/account", url.Values{"name": {long}, "units": {"mi"}, "timezone": {"America/New_York"}})
	if r.StatusCode != http.StatusUnprocessableEntity || inputValue(t, r.Body, "name") != long ||
		!strings.Contains(r.Body, `<option value="America/New_York" selected>`) || !strings.Contains(r.Body, `value="mi" checked`) {
		t.Errorf("a too-long name: %d, or what was typed is lost", r.StatusCode)
	}

	r = maya.post("/account", url.Values{"name": {"Maya Swift"}, "units": {"mi"}, "timezone": {"America/New_York"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/account" {
		t.Fatalf("save: %d %s\n%s", r.StatusCode, r.Header.Get("Location"), r.Body)
	}
	got, err := a.store.Athlete(context.Background(), coach, ath.ID)
	if err != nil || got.Name != "Maya Swift" || got.Units != "mi" || got.Timezone != "America/New_York" {
		t.Errorf("the coach sees %q %q %q, %v", got.Name, got.Units, got.Timezone, err)
	}
	if r := maya.get("/account"); !strings.Contains(r.Body, "Saved.") || !strings.Contains(r.Body, "Signed in as Maya Swift") {
		t.Error("no confirmation, or the shell still shows the old name")
	}

	carla := a.signedIn("carla@example.com")
	r = carla.get("/account")
	if strings.Contains(r.Body, `name="units"`) || strings.Contains(r.Body, `name="timezone"`) {
		t.Error("a coach's account page offers athlete settings")
	}
	if r := carla.post("/account", url.Values{"name": {"Carla C. Coach"}, "units": {"bogus"}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("coach's name: %d (athlete fields are ignored)", r.StatusCode)
	}
}

// Changing the password takes the current one, renews this session's
// token and signs every other session out.
func TestChangePassword(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Coach", "carla@example.com")
	c := a.signedIn("carla@example.com")
	other := a.signedIn("carla@example.com") // another device
	before := c.cookie("rebound_session")

	r := c.post("/account/password", url.Values{"current_password": {"not my password"}, "password": {"a brand new passphrase"}})
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(t, r.Body, "current_password"), "not your current password") {
		t.Fatalf("wrong current password: %d %q", r.StatusCode, fieldError(t, r.Body, "current_password"))
	}
	r = c.post("/account/password", url.Values{"current_password": {testPassword}, "password": {"short"}})
	if !strings.Contains(fieldError(t, r.Body, "password"), "at least 10") {
		t.Errorf("a short new password: %q", fieldError(t, r.Body, "password"))
	}
	r = c.post("/account/password", url.Values{"current_password": {testPassword}, "password": {testPassword}})
	if fieldError(t, r.Body, "password") == "" {
		t.Error("the current password was accepted as the new one")
	}
	if strings.Contains(r.Body, testPassword) {
		t.Error("the page echoes a password")
	}

	r = c.post("/account/password", url.Values{"current_password": {testPassword}, "password": {"a brand new passphrase"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/account" {
		t.Fatalf("change: %d\n%s", r.StatusCode, r.Body)
	}
	if after := c.cookie("rebound_session"); after == "" || after == before {
		t.Error("the session token was not renewed")
	}
	if r := c.get("/account"); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "Other devices are signed out") {
		t.Errorf("this device after the change: %d", r.StatusCode)
	}
	if r := other.get("/athletes"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Errorf("the other device is still signed in: %d", r.StatusCode)
	}
	var sessions int
	if err := a.store.Pool().QueryRow(context.Background(), `SELECT count(*) FROM sessions WHERE user_id IS NOT NULL`).Scan(&sessions); err != nil || sessions != 1 {
		t.Errorf("%d signed-in sessions stored, want 1 (%v)", sessions, err)
	}
	if r := a.client().login("carla@example.com", testPassword); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("the old password still signs in: %d", r.StatusCode)
	}
	if r := a.client().login("carla@example.com", "a brand new passphrase"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the new password does not sign in: %d", r.StatusCode)
	}
}

// Guessing the current password through a session is throttled like
// signing in.
func TestCurrentPasswordGuessesAreThrottled(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Coach", "carla@example.com")
	c := a.signedIn("carla@example.com")
	var last resp
	for range throttlePerAccount + 1 {
		last = c.post("/account/email", url.Values{"email": {"new@example.com"}, "current_password": {"guess guess guess"}})
	}
	if last.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("after %d wrong guesses: %d", throttlePerAccount+1, last.StatusCode)
	}
}

func TestSignOutEverywhere(t *testing.T) {
	a := newApp(t)
	coach := a.coach("Carla Coach", "carla@example.com")
	a.athlete(coach, "Maya Runner", "maya@example.com")
	phone, laptop := a.signedIn("maya@example.com"), a.signedIn("maya@example.com")
	carla := a.signedIn("carla@example.com")

	r := phone.post("/account/sign-out-everywhere", nil)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/login" {
		t.Fatalf("sign out everywhere: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	for name, c := range map[string]*client{"this device": phone, "another device": laptop} {
		if r := c.get("/checkin"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
			t.Errorf("%s is still signed in: %d", name, r.StatusCode)
		}
	}
	if r := carla.get("/athletes"); r.StatusCode != http.StatusOK {
		t.Errorf("the coach was signed out too: %d", r.StatusCode)
	}
	if r := a.signedIn("maya@example.com").get("/checkin"); r.StatusCode != http.StatusOK {
		t.Errorf("signing in again: %d", r.StatusCode)
	}
}

// Without e-mail the change is made at once; an address in use is
// refused without saying whose it is.
func TestChangeEmailWithoutMail(t *testing.T) {
	a := newApp(t)
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	a.athlete(coach, "Tom Rower", "tom@example.com")
	a.coach("Ben Other", "ben@example.com")
	maya := a.signedIn("maya@example.com")

	if r := maya.get("/account/email"); !strings.Contains(r.Body, "sends no e-mail") {
		t.Error("the form does not say the change is made at once")
	}
	for _, taken := range []string{"BEN@example.com", "tom@example.com"} {
		r := maya.post("/account/email", url.Values{"email": {taken}, "current_password": {testPassword}})
		msg := fieldError(t, r.Body, "email")
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "already in use") {
			t.Errorf("%s: %d %q", taken, r.StatusCode, msg)
		}
		if strings.Contains(r.Body, "Ben Other") || strings.Contains(r.Body, "Tom Rower") || inputValue(t, r.Body, "email") != taken {
			t.Errorf("%s: the refusal names the owner, or loses what was typed", taken)
		}
	}
	for _, bad := range []string{"", "not-an-address", "maya@example.com", strings.Repeat("x", 20000) + "@example.com"} {
		r := maya.post("/account/email", url.Values{"email": {bad}, "current_password": {testPassword}})
		if r.StatusCode != http.StatusUnprocessableEntity || fieldError(t, r.Body, "email") == "" {
			t.Errorf("%.30q accepted: %d", bad, r.StatusCode)
		}
	}
	r := maya.post("/account/email", url.Values{"email": {"maya.swift@example.com"}, "current_password": {"wrong password"}})
	if fieldError(t, r.Body, "current_password") == "" {
		t.Error("changed without the right password")
	}

	r = maya.post("/account/email", url.Values{"email": {"maya.swift@example.com"}, "current_password": {testPassword}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d\n%s", r.StatusCode, r.Body)
	}
	if r := a.client().login("maya.swift@example.com", testPassword); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the new address does not sign in: %d", r.StatusCode)
	}
	if r := a.client().login("maya@example.com", testPassword); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("the old address still signs in: %d", r.StatusCode)
	}
	got, _ := a.store.Athlete(context.Background(), coach, ath.ID)
	if got.Email != "maya.swift@example.com" {
		t.Errorf("the coach's record says %q", got.Email)
	}
}

var confirmLink = regexp.MustCompile(`https?://\S+/account/email/[A-Za-z0-9_-]+`)

// With e-mail, the new address gets a link and nothing changes until it
// is followed; the old address hears of the change.
func TestChangeEmailConfirmedByLink(t *testing.T) {
	srv := mailtest.Start(t)
	a := newApp(t, withSMTP(srv.Host(), srv.Port()))
	coach := a.coach("Carla Coach", "carla@example.com")
	a.athlete(coach, "Maya Runner", "maya@example.com")
	maya := a.signedIn("maya@example.com")

	r := maya.post("/account/email", url.Values{"email": {"maya.swift@example.com"}, "current_password": {testPassword}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("request: %d\n%s", r.StatusCode, r.Body)
	}
	body := mailed(t, srv.Next(t), "maya.swift@example.com")
	link := confirmLink.FindString(body)
	if link == "" {
		t.Fatalf("no link in the mail:\n%s", body)
	}
	page := maya.get("/account").Body
	if !strings.Contains(page, "maya.swift@example.com") || !strings.Contains(page, "Until it is followed you sign in with maya@example.com") {
		t.Error("the account page does not show the pending change")
	}
	if r := a.client().login("maya.swift@example.com", testPassword); r.StatusCode == http.StatusSeeOther {
		t.Fatal("the new address signs in before it is confirmed")
	}
	path := strings.TrimPrefix(link, a.ts.URL)
	stranger := a.client() // the link is followed in the mail app's browser
	if r := stranger.get(path); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "Confirm maya.swift@example.com") {
		t.Fatalf("the link's page: %d\n%s", r.StatusCode, r.Body)
	}
	if r := a.client().login("maya.swift@example.com", testPassword); r.StatusCode == http.StatusSeeOther {
		t.Fatal("opening the link (a mail scanner may) changed the address")
	}
	if r := stranger.post(path, nil); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/login" {
		t.Fatalf("confirm: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	notice := mailed(t, srv.Next(t), "maya@example.com")
	if !strings.Contains(notice, "maya.swift@example.com") {
		t.Errorf("the old address's notice:\n%s", notice)
	}
	if r := a.client().login("maya.swift@example.com", testPassword); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the confirmed address does not sign in: %d", r.StatusCode)
	}
	if r := stranger.post(path, nil); r.StatusCode != http.StatusGone {
		t.Errorf("a used link: %d, want 410", r.StatusCode)
	}
	if r := maya.get("/account"); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "maya.swift@example.com") {
		t.Errorf("Maya's session after the change: %d", r.StatusCode)
	}

	// An address taken between the request and the confirmation.
	r = maya.post("/account/email", url.Values{"email": {"ines@example.com"}, "current_password": {testPassword}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("second request: %d", r.StatusCode)
	}
	link = confirmLink.FindString(mailed(t, srv.Next(t), "ines@example.com"))
	a.coach("Ines Early", "ines@example.com")
	r = stranger.post(strings.TrimPrefix(link, a.ts.URL), nil)
	if r.StatusCode != http.StatusConflict || strings.Contains(r.Body, "Ines Early") {
		t.Errorf("confirming a taken address: %d", r.StatusCode)
	}
	if r := stranger.get("/account/email/" + strings.Repeat("x", 43)); r.StatusCode != http.StatusNotFound {
		t.Errorf("a made-up link: %d", r.StatusCode)
	}
}

// An expired confirmation link changes nothing.
func TestEmailChangeLinkExpires(t *testing.T) {
	a := newApp(t)
	u := a.coach("Carla Coach", "carla@example.com")
	token, hash := auth.NewToken()
	if _, err := a.store.RequestEmailChange(context.Background(), u, "carla.new@example.com", hash); err != nil {
		t.Fatal(err)
	}
	a.store.Now = func() time.Time { return time.Now().Add(25 * time.Hour) }
	if r := a.client().post("/account/email/"+token, nil); r.StatusCode != http.StatusGone || !strings.Contains(r.Body, "expired") {
		t.Errorf("expired link: %d", r.StatusCode)
	}
	if _, _, err := a.store.Credentials(context.Background(), "carla@example.com"); err != nil {
		t.Errorf("the old address is gone: %v", err)
	}
}

// Anyone can ask for a reset link by e-mail; the answer is the same for
// an address with or without an account, and requests are throttled.
func TestForgottenPasswordByEmail(t *testing.T) {
	srv := mailtest.Start(t)
	a := newApp(t, withSMTP(srv.Host(), srv.Port()))
	a.coach("Carla Coach", "carla@example.com")
	c := a.client()

	if r := c.get("/login"); !strings.Contains(r.Body, `href="/reset"`) {
		t.Error("the sign-in page does not offer a reset by e-mail")
	}
	if r := c.post("/reset", url.Values{"email": {"nope"}}); r.StatusCode != http.StatusUnprocessableEntity || fieldError(t, r.Body, "email") == "" {
		t.Errorf("a malformed address: %d", r.StatusCode)
	}
	known := c.post("/reset", url.Values{"email": {"Carla@Example.com"}})
	unknown := c.post("/reset", url.Values{"email": {"nobody@example.com"}})
	if known.StatusCode != http.StatusOK || unknown.StatusCode != http.StatusOK {
		t.Fatalf("reset requests: %d and %d", known.StatusCode, unknown.StatusCode)
	}
	neutral := func(page, email string) string {
		return strings.ReplaceAll(text(t, page, "main"), email, "ADDRESS")
	}
	if neutral(known.Body, "Carla@Example.com") != neutral(unknown.Body, "nobody@example.com") {
		t.Errorf("the answers differ:\n%s\n%s", text(t, known.Body, "main"), text(t, unknown.Body, "main"))
	}
	body := mailed(t, srv.Next(t), "carla@example.com")
	link := regexp.MustCompile(`https?://\S+/reset/[A-Za-z0-9_-]+`).FindString(body)
	if link == "" {
		t.Fatalf("no link in the mail:\n%s", body)
	}
	r := c.post(strings.TrimPrefix(link, a.ts.URL), url.Values{"password": {"a new morning passphrase"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("setting the new password: %d\n%s", r.StatusCode, r.Body)
	}
	if r := a.client().login("carla@example.com", "a new morning passphrase"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the new password does not sign in: %d", r.StatusCode)
	}

	// Per address: three an hour, whether or not it has an account.
	for i := 2; i <= resetPerEmail; i++ {
		if r := c.post("/reset", url.Values{"email": {"nobody@example.com"}}); r.StatusCode != http.StatusOK {
			t.Fatalf("request %d for one address: %d", i, r.StatusCode)
		}
	}
	if r := c.post("/reset", url.Values{"email": {"nobody@example.com"}}); r.StatusCode != http.StatusTooManyRequests {
		t.Errorf("too many requests for one address: %d", r.StatusCode)
	}
	// Per client: twenty an hour, whatever the addresses (five so far).
	var first, last int
	for i := range resetPerClient {
		r := c.post("/reset", url.Values{"email": {"probe" + string(rune('a'+i)) + "@example.com"}})
		if i == 0 {
			first = r.StatusCode
		}
		last = r.StatusCode
	}
	if first != http.StatusOK || last != http.StatusTooManyRequests {
		t.Errorf("requests from one client: the first of the probes %d, the last %d", first, last)
	}
	if !strings.Contains(a.logs.String(), "reset e-mails throttled") {
		t.Error("the throttling is not logged")
	}
}

func TestForgottenPasswordWithoutMail(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Coach", "carla@example.com")
	c := a.client()
	if r := c.get("/login"); strings.Contains(r.Body, `href="/reset"`) {
		t.Error("the sign-in page offers a reset e-mail the server cannot send")
	}
	r := c.post("/reset", url.Values{"email": {"carla@example.com"}})
	if r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "sends no e-mail") {
		t.Errorf("reset without mail: %d", r.StatusCode)
	}
}
