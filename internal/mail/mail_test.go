package mail

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"testing"
	"time"

	"rebound/internal/mail/mailtest"
)

// config returns a Config that sends through srv.
func config(srv *mailtest.Server) Config {
	return Config{Host: srv.Host(), Port: srv.Port(), From: "Rebound <noreply@rebound.test>"}
}

func TestSendDelivers(t *testing.T) {
	longLine := strings.Repeat("A very long line that must be wrapped by quoted-printable. ", 5)
	tests := []struct {
		name, subject, body string
	}{
		{"ascii", "You're invited to Rebound", "Hi,\n\nJoin here: https://rebound.test/invite/abc?x=1&y=2\n"},
		{"non-ascii subject", "Réinitialisation du mot de passe – Rebound", "Bonjour Zoë,\nvoici le lien.\n"},
		{"long line and non-ascii body", "Reset", longLine + "\nÜmlaut, 日本語, emoji 🏃\n.leading dot\n=equals=\nno trailing newline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := mailtest.Start(t)
			const to = "Coach Zoë <coach@example.test>"
			if err := New(config(srv)).Send(context.Background(), to, tt.subject, tt.body); err != nil {
				t.Fatalf("Send: %v", err)
			}
			s := srv.Next(t)
			if s.From != "noreply@rebound.test" {
				t.Errorf("MAIL FROM = %q", s.From)
			}
			if len(s.To) != 1 || s.To[0] != "coach@example.test" {
				t.Errorf("RCPT TO = %q", s.To)
			}
			if s.Auth {
				t.Errorf("unexpected AUTH without Username: %q", s.Commands)
			}

			// Every line ends in CRLF and quoted-printable keeps lines short.
			lines := strings.SplitAfter(s.Data, "\n")
			for i, l := range lines {
				if l == "" && i == len(lines)-1 {
					continue
				}
				if !strings.HasSuffix(l, "\r\n") || strings.Contains(strings.TrimSuffix(l, "\r\n"), "\r") {
					t.Errorf("line %d not CRLF-terminated: %q", i, l)
				}
				if len(l) > 78 {
					t.Errorf("line %d too long (%d): %q", i, len(l), l)
				}
			}

			msg, err := mail.ReadMessage(strings.NewReader(s.Data))
			if err != nil {
				t.Fatalf("parse message: %v\n%s", err, s.Data)
			}
			h := msg.Header
			if a, err := h.AddressList("From"); err != nil || len(a) != 1 || a[0].Address != "noreply@rebound.test" || a[0].Name != "Rebound" {
				t.Errorf("From = %q (%v)", h.Get("From"), err)
			}
			if a, err := h.AddressList("To"); err != nil || len(a) != 1 || a[0].Address != "coach@example.test" || a[0].Name != "Coach Zoë" {
				t.Errorf("To = %q (%v)", h.Get("To"), err)
			}
			rawSubject := h.Get("Subject")
			ascii := strings.IndexFunc(tt.subject, func(r rune) bool { return r > 127 }) < 0
			if !ascii && !strings.HasPrefix(rawSubject, "=?utf-8?q?") {
				t.Errorf("non-ASCII Subject not Q-encoded: %q", rawSubject)
			}
			if got, err := new(mime.WordDecoder).DecodeHeader(rawSubject); err != nil || got != tt.subject {
				t.Errorf("Subject = %q (%v), want %q", got, err, tt.subject)
			}
			if _, err := h.Date(); err != nil {
				t.Errorf("Date %q: %v", h.Get("Date"), err)
			}
			if id := h.Get("Message-ID"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@rebound.test>") {
				t.Errorf("Message-ID = %q", id)
			}
			for k, want := range map[string]string{
				"MIME-Version":              "1.0",
				"Content-Type":              "text/plain; charset=utf-8",
				"Content-Transfer-Encoding": "quoted-printable",
			} {
				if got := h.Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}

			decoded, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
			if err != nil {
				t.Fatalf("decode body: %v", err)
			}
			want := strings.ReplaceAll(tt.body, "\n", "\r\n")
			// The encoder may end the last line; the text itself must match.
			if got := string(decoded); strings.TrimSuffix(got, "\r\n") != strings.TrimSuffix(want, "\r\n") {
				t.Errorf("body = %q\nwant %q", got, want)
			}
		})
	}
}

func TestSendRejectsHeaderInjection(t *testing.T) {
	srv := mailtest.Start(t)
	snd := New(config(srv))
	const good = "coach@example.test"
	tests := []struct {
		name, to, subject string
	}{
		{"LF in to", "coach@example.test\nBcc: victim@example.test", "Hi"},
		{"CRLF in to", "coach@example.test\r\nBcc: victim@example.test", "Hi"},
		{"CR in to", "coach@example.test\rX: y", "Hi"},
		{"LF in subject", good, "Hi\nBcc: victim@example.test"},
		{"CRLF in subject", good, "Hi\r\nBcc: victim@example.test"},
		{"invalid address", "not an address", "Hi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := snd.Send(context.Background(), tt.to, tt.subject, "body"); err == nil {
				t.Fatal("Send succeeded, want error")
			}
		})
	}

	// Sessions are accepted in order, so if any rejected Send had connected,
	// its session would come before this one.
	if err := snd.Send(context.Background(), good, "ok", "ok"); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if s := srv.Next(t); len(s.To) != 1 || s.To[0] != good {
		t.Fatalf("first session was not the valid send: %+v", s)
	}
}

func TestSendRefusesAuthWithoutSTARTTLS(t *testing.T) {
	srv := mailtest.Start(t)
	cfg := config(srv)
	cfg.Username, cfg.Password = "coach", "s3cret-pass"
	err := New(cfg).Send(context.Background(), "coach@example.test", "Hi", "body")
	if err == nil {
		t.Fatal("Send succeeded without STARTTLS, want error")
	}
	if !strings.Contains(err.Error(), "STARTTLS") {
		t.Errorf("error does not mention STARTTLS: %v", err)
	}
	if strings.Contains(err.Error(), cfg.Password) {
		t.Errorf("error leaks password: %v", err)
	}
	s := srv.Next(t)
	for _, c := range s.Commands {
		up := strings.ToUpper(c)
		if strings.HasPrefix(up, "AUTH") || strings.HasPrefix(up, "MAIL") {
			t.Errorf("client sent %q after refusing", c)
		}
	}
}

func TestSendDialErrorIsPromptAndHidesPassword(t *testing.T) {
	// Grab a free port and close it so nothing is listening there.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, port, _ := net.SplitHostPort(addr)
	p, _ := strconv.Atoi(port)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cfg := Config{Host: "127.0.0.1", Port: p, Username: "coach", Password: "s3cret-pass", From: "noreply@rebound.test"}
	err = New(cfg).Send(ctx, "coach@example.test", "Hi", "body")
	if err == nil {
		t.Fatal("Send succeeded against a closed port")
	}
	// A refused connection must fail on its own, not by running out the clock.
	if errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
		t.Errorf("error came from the timeout, not the refused dial: %v", err)
	}
	if !strings.Contains(err.Error(), "smtp: dial "+addr) {
		t.Errorf("error lacks dial context: %v", err)
	}
	if strings.Contains(err.Error(), cfg.Password) {
		t.Errorf("error leaks password: %v", err)
	}
}

func TestEnabled(t *testing.T) {
	if (Config{}).Enabled() {
		t.Error("zero Config reports Enabled")
	}
	if !(Config{Host: "mail.example.com"}).Enabled() {
		t.Error("Config with Host reports not Enabled")
	}
}
