// Package mailtest provides a fake SMTP server on loopback for tests. It
// speaks just enough SMTP for net/smtp clients to deliver a message, offers
// neither STARTTLS nor AUTH, and hands every finished session to the test.
package mailtest

import (
	"bufio"
	"io"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Timeouts that keep a misbehaving client or test from hanging the run.
const (
	sessionTimeout = 10 * time.Second
	nextTimeout    = 10 * time.Second
)

// Message is what the server saw during one SMTP session.
type Message struct {
	From     string   // the MAIL FROM address, without angle brackets
	To       []string // the RCPT TO addresses, in order
	Data     string   // the raw message as sent after DATA (CRLF lines, dot-stuffing undone); empty if none was sent
	Commands []string // every command line the client sent, in order
	Auth     bool     // whether the client attempted AUTH (which is refused)
}

// Body parses Data as an RFC 5322 message and returns its body, decoded from
// quoted-printable when the Content-Transfer-Encoding says so, with CRLF
// line endings turned into "\n". It fails the test if Data does not parse.
func (m Message) Body(t testing.TB) string {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(m.Data))
	if err != nil {
		t.Fatalf("mailtest: parse message: %v\n%s", err, m.Data)
	}
	var r io.Reader = msg.Body
	if strings.EqualFold(strings.TrimSpace(msg.Header.Get("Content-Transfer-Encoding")), "quoted-printable") {
		r = quotedprintable.NewReader(r)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("mailtest: read body: %v\n%s", err, m.Data)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n")
}

// Server is a fake SMTP server listening on 127.0.0.1. It handles one
// connection at a time and reports each finished session, in order, to Next.
type Server struct {
	ln       net.Listener
	messages chan Message
	done     chan struct{}
	wg       sync.WaitGroup
}

// Start starts a Server on a free loopback port; it is shut down when the
// test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	s := &Server{ln: ln, messages: make(chan Message, 16), done: make(chan struct{})}
	s.wg.Add(1)
	go s.accept()
	t.Cleanup(func() {
		close(s.done)
		ln.Close()
		s.wg.Wait()
	})
	return s
}

// Host returns the address the server listens on, "127.0.0.1".
func (s *Server) Host() string {
	host, _, _ := net.SplitHostPort(s.ln.Addr().String())
	return host
}

// Port returns the port the server listens on.
func (s *Server) Port() int {
	_, port, _ := net.SplitHostPort(s.ln.Addr().String())
	p, _ := strconv.Atoi(port)
	return p
}

// Addr returns host:port.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Next returns the next finished session, whether or not it delivered a
// message (Data is empty if it did not). It fails the test if none finishes
// within ten seconds.
func (s *Server) Next(t testing.TB) Message {
	t.Helper()
	select {
	case m := <-s.messages:
		return m
	case <-time.After(nextTimeout):
		t.Fatal("mailtest: the fake SMTP server saw no session")
		return Message{}
	}
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		// Closing the server cuts a session in progress short.
		stop := make(chan struct{})
		go func() {
			select {
			case <-s.done:
				conn.Close()
			case <-stop:
			}
		}()
		m := serve(conn)
		close(stop)
		select {
		case s.messages <- m:
		case <-s.done:
			return
		}
	}
}

func serve(conn net.Conn) Message {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(sessionTimeout))
	var m Message
	r := bufio.NewReader(conn)
	reply := func(line string) { io.WriteString(conn, line+"\r\n") }
	reply("220 fake.test ESMTP")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return m
		}
		line = strings.TrimRight(line, "\r\n")
		m.Commands = append(m.Commands, line)
		upper := strings.ToUpper(line)
		verb := strings.SplitN(upper, " ", 2)[0]
		switch {
		case verb == "EHLO":
			reply("250-fake.test")
			reply("250 HELP")
		case verb == "HELO", verb == "NOOP", verb == "RSET":
			reply("250 OK")
		case verb == "AUTH":
			m.Auth = true
			reply("502 not implemented")
		case strings.HasPrefix(upper, "MAIL FROM:"):
			m.From = between(line, "<", ">")
			reply("250 OK")
		case strings.HasPrefix(upper, "RCPT TO:"):
			m.To = append(m.To, between(line, "<", ">"))
			reply("250 OK")
		case verb == "DATA":
			reply("354 go ahead")
			var data strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return m
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(strings.TrimPrefix(l, ".")) // undo dot-stuffing
			}
			m.Data = data.String()
			reply("250 queued")
		case verb == "QUIT":
			reply("221 bye")
			return m
		default:
			reply("502 not implemented")
		}
	}
}

func between(s, open, close string) string {
	i := strings.Index(s, open)
	j := strings.LastIndex(s, close)
	if i < 0 || j < i {
		return ""
	}
	return s[i+1 : j]
}
