// Package mail owns outgoing e-mail: it formats plain-text messages (such as
// invites and password resets) and delivers them over SMTP when SMTP settings
// are configured. Callers decide what to say; this package only makes sure the
// message is well-formed and that credentials never travel unencrypted.
package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"strconv"
	"strings"
	"time"
)

const (
	dialTimeout    = 10 * time.Second
	sessionTimeout = 30 * time.Second // used when ctx carries no deadline
	defaultPort    = 587              // submission port, the usual choice
	implicitTLS    = 465              // SMTPS: TLS from the first byte
)

// Config holds SMTP settings. The zero value means mail is not configured.
type Config struct {
	Host     string
	Port     int // 0 means 587
	Username string
	Password string
	From     string // e.g. "Rebound <noreply@example.com>"
}

// Enabled reports whether SMTP is configured, so callers can skip sending
// (and, e.g., show an invite link instead) on installs without mail.
func (c Config) Enabled() bool { return c.Host != "" }

// Sender delivers messages using a Config. It holds no connection, so it is
// safe for concurrent use; each Send opens its own short SMTP session.
type Sender struct {
	cfg Config
}

// New returns a Sender for c.
func New(c Config) *Sender { return &Sender{cfg: c} }

// Send delivers a plain-text UTF-8 message to a single recipient.
func (s *Sender) Send(ctx context.Context, to, subject, body string) error {
	// Validate everything before touching the network, so a bad request
	// never costs a connection and header injection is impossible.
	if strings.ContainsAny(to, "\r\n") {
		return errors.New("smtp: recipient contains a line break")
	}
	if strings.ContainsAny(subject, "\r\n") {
		return errors.New("smtp: subject contains a line break")
	}
	if !s.cfg.Enabled() {
		return errors.New("smtp: not configured")
	}
	rcpt, err := mail.ParseAddress(to)
	if err != nil {
		return fmt.Errorf("smtp: invalid recipient %q: %w", to, err)
	}
	if strings.ContainsAny(s.cfg.From, "\r\n") {
		return errors.New("smtp: From address contains a line break")
	}
	from, err := mail.ParseAddress(s.cfg.From)
	if err != nil {
		return fmt.Errorf("smtp: invalid From address %q: %w", s.cfg.From, err)
	}
	msg, err := buildMessage(from, rcpt, subject, body, time.Now())
	if err != nil {
		return err
	}
	return s.deliver(ctx, from.Address, rcpt.Address, msg)
}

func (s *Sender) addr() string {
	port := s.cfg.Port
	if port == 0 {
		port = defaultPort
	}
	return net.JoinHostPort(s.cfg.Host, strconv.Itoa(port))
}

// deliver runs one SMTP session. Errors name the server and the step that
// failed but never the password.
func (s *Sender) deliver(ctx context.Context, from, to string, msg []byte) (err error) {
	addr := s.addr()
	tlsCfg := &tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12}
	dialer := &net.Dialer{Timeout: dialTimeout}

	var conn net.Conn
	if s.cfg.Port == implicitTLS {
		td := &tls.Dialer{NetDialer: dialer, Config: tlsCfg}
		conn, err = td.DialContext(ctx, "tcp", addr)
	} else {
		conn, err = dialer.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return fmt.Errorf("smtp: dial %s: %w", addr, err)
	}

	// net/smtp has no context support: bound the whole session with a
	// deadline, and cut it short if ctx is cancelled midway.
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(sessionTimeout)
	}
	if err := conn.SetDeadline(deadline); err != nil {
		conn.Close()
		return fmt.Errorf("smtp: %s: set deadline: %w", addr, err)
	}
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	c, err := smtp.NewClient(conn, s.cfg.Host)
	if err != nil {
		conn.Close()
		return s.wrap(ctx, addr, "greeting", err)
	}
	defer c.Close()

	if s.cfg.Port != implicitTLS {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(tlsCfg); err != nil {
				return s.wrap(ctx, addr, "starttls", err)
			}
		} else if s.cfg.Username != "" {
			// Refuse rather than send the password in clear text.
			return fmt.Errorf("smtp: %s does not offer STARTTLS; refusing to authenticate without TLS", addr)
		}
	}
	if s.cfg.Username != "" {
		auth := smtp.PlainAuth("", s.cfg.Username, s.cfg.Password, s.cfg.Host)
		if err := c.Auth(auth); err != nil {
			return s.wrap(ctx, addr, "auth as "+s.cfg.Username, err)
		}
	}
	if err := c.Mail(from); err != nil {
		return s.wrap(ctx, addr, "MAIL FROM", err)
	}
	if err := c.Rcpt(to); err != nil {
		return s.wrap(ctx, addr, "RCPT TO", err)
	}
	w, err := c.Data()
	if err != nil {
		return s.wrap(ctx, addr, "DATA", err)
	}
	if _, err := w.Write(msg); err != nil {
		w.Close()
		return s.wrap(ctx, addr, "write message", err)
	}
	if err := w.Close(); err != nil {
		return s.wrap(ctx, addr, "end of data", err)
	}
	// The message is accepted once DATA completes; a failing QUIT is not
	// worth reporting as a failed send.
	_ = c.Quit()
	return nil
}

// wrap adds context to a session error, preferring the ctx error when the
// deadline we set on its behalf is what actually fired.
func (s *Sender) wrap(ctx context.Context, addr, step string, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		err = errors.Join(cerr, err)
	}
	return fmt.Errorf("smtp: %s: %s: %w", addr, step, err)
}

// buildMessage renders the RFC 5322 message with CRLF line endings and a
// quoted-printable body, which keeps lines short and 7-bit safe for any
// relay regardless of 8BITMIME support.
func buildMessage(from, to *mail.Address, subject, body string, now time.Time) ([]byte, error) {
	id, err := messageID(from.Address)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	header := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	header("From", from.String()) // String encodes non-ASCII display names
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", subject))
	header("Date", now.Format(time.RFC1123Z))
	header("Message-ID", id)
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")

	// In text mode the writer turns line breaks into CRLF.
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(body)); err != nil {
		return nil, fmt.Errorf("smtp: encode body: %w", err)
	}
	if err := qp.Close(); err != nil {
		return nil, fmt.Errorf("smtp: encode body: %w", err)
	}
	if !bytes.HasSuffix(b.Bytes(), []byte("\r\n")) {
		b.WriteString("\r\n")
	}
	return b.Bytes(), nil
}

// messageID returns a random, globally unique Message-ID under the sender's
// domain, as RFC 5322 recommends.
func messageID(fromAddr string) (string, error) {
	domain := "localhost"
	if i := strings.LastIndexByte(fromAddr, '@'); i >= 0 && i < len(fromAddr)-1 {
		domain = fromAddr[i+1:]
	}
	var r [16]byte
	if _, err := rand.Read(r[:]); err != nil {
		return "", fmt.Errorf("smtp: message id: %w", err)
	}
	return "<" + hex.EncodeToString(r[:]) + "@" + domain + ">", nil
}
