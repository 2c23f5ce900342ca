package web

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"rebound/internal/config"
	"rebound/internal/mail/mailtest"
)

// withSMTP points the app's mail at host:port.
func withSMTP(host string, port int) func(*config.Config) {
	return func(c *config.Config) {
		c.SMTP = config.SMTP{Host: host, Port: port, From: "Rebound <rebound@example.com>"}
	}
}

// mailed checks that m went to addr and returns its decoded body.
func mailed(t *testing.T, m mailtest.Message, addr string) string {
	t.Helper()
	if len(m.To) != 1 || m.To[0] != addr {
		t.Errorf("mail went to %q, want %q", m.To, addr)
	}
	if m.From != "rebound@example.com" {
		t.Errorf("mail came from %q", m.From)
	}
	if m.Data == "" {
		t.Fatalf("no message was delivered; the client sent %q", m.Commands)
	}
	return m.Body(t)
}

func TestInviteLinkIsMailed(t *testing.T) {
	srv := mailtest.Start(t)
	a := newApp(t, withSMTP(srv.Host(), srv.Port()))
	a.coach("Carla Coach", "carla@example.com")
	coach := a.signedIn("carla@example.com")

	r := coach.post("/athletes/new", url.Values{"name": {"Maya Runner"}, "email": {"maya@example.com"}, "timezone": {"Europe/Berlin"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("create athlete: %d\n%s", r.StatusCode, r.Body)
	}
	invitePage := r.Header.Get("Location")
	body := mailed(t, srv.Next(t), "maya@example.com")

	page := coach.get(invitePage).Body
	link := issuedLink(page)
	if link == "" || !strings.Contains(link, "/invite/") {
		t.Fatalf("no invite link shown:\n%s", page)
	}
	if !strings.Contains(body, link) {
		t.Errorf("the mail lacks the invite link %s:\n%s", link, body)
	}
	for _, want := range []string{"Carla Coach", "Maya Runner"} {
		if !strings.Contains(body, want) {
			t.Errorf("the mail does not name %q:\n%s", want, body)
		}
	}
	if !strings.Contains(page, "The invite link was e-mailed to maya@example.com") {
		t.Errorf("the page does not say the link was e-mailed:\n%s", page)
	}
	// Sent again from the invite page: the same link.
	if r := coach.post(invitePage+"/send", nil); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != invitePage {
		t.Fatalf("send again: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if again := mailed(t, srv.Next(t), "maya@example.com"); !strings.Contains(again, link) {
		t.Errorf("the second mail lacks the link %s:\n%s", link, again)
	}
	if page := coach.get(invitePage).Body; !strings.Contains(page, "e-mailed to maya@example.com") || !strings.Contains(page, "E-mail it to maya@example.com") {
		t.Errorf("the invite page after sending:\n%s", page)
	}
	// A browser without the link has nothing to send.
	if r := a.signedIn("carla@example.com").post(invitePage+"/send", nil); r.StatusCode != http.StatusSeeOther {
		t.Errorf("send from another browser: %d", r.StatusCode)
	}
}

func TestPasswordResetLinkIsMailed(t *testing.T) {
	srv := mailtest.Start(t)
	a := newApp(t, withSMTP(srv.Host(), srv.Port()))
	c := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(c, "Maya Runner", "maya@example.com")
	coach := a.signedIn("carla@example.com")

	r := coach.post(athletePath(ath.ID)+"/password-reset", nil)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("password reset: %d\n%s", r.StatusCode, r.Body)
	}
	body := mailed(t, srv.Next(t), "maya@example.com")

	page := r.Body
	link := issuedLink(page)
	if link == "" || !strings.Contains(link, "/reset/") {
		t.Fatalf("no reset link shown:\n%s", page)
	}
	if !strings.Contains(body, link) {
		t.Errorf("the mail lacks the reset link %s:\n%s", link, body)
	}
	if !strings.Contains(page, "It was also e-mailed to maya@example.com") {
		t.Errorf("the page does not say the link was e-mailed:\n%s", page)
	}
}

func TestLinkIsShownWhenMailFails(t *testing.T) {
	// A free port, closed again, so nothing listens there.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()

	a := newApp(t, withSMTP("127.0.0.1", port), func(c *config.Config) {
		c.SMTP.Username, c.SMTP.Password = "rebound", "smtp-s3cret"
	})
	a.coach("Carla Coach", "carla@example.com")
	coach := a.signedIn("carla@example.com")

	r := coach.post("/athletes/new", url.Values{"name": {"Maya Runner"}, "email": {"maya@example.com"}, "timezone": {"Europe/Berlin"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("create athlete with mail down: %d\n%s", r.StatusCode, r.Body)
	}
	page := coach.get(r.Header.Get("Location")).Body
	if link := issuedLink(page); !strings.Contains(link, "/invite/") {
		t.Errorf("the invite link is not shown when mail fails:\n%s", page)
	}
	if strings.Contains(page, "was e-mailed") || !strings.Contains(page, "E-mailing the link failed") {
		t.Errorf("the page does not say e-mailing failed:\n%s", page)
	}
	logs := a.logs.String()
	if !strings.Contains(logs, "e-mailing a link failed") {
		t.Errorf("the failure is not logged:\n%s", logs)
	}
	if strings.Contains(logs, "smtp-s3cret") {
		t.Errorf("the log leaks the SMTP password:\n%s", logs)
	}
}
