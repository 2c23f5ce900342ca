package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"rebound/internal/auth"
	"rebound/internal/config"
	"rebound/internal/pgtest"
	"rebound/internal/store"
	"rebound/internal/training"
)

const testPassword = "kettle orbit walnut"

// app is the real router on a real database, served on loopback.
type app struct {
	t      *testing.T
	srv    *Server
	store  *store.Store
	ts     *httptest.Server
	logs   *lockedBuffer
	hashes sync.Map // password → hash, so fixtures hash each password once
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func newApp(t *testing.T, edit ...func(*config.Config)) *app {
	t.Helper()
	st, err := store.Open(context.Background(), pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	cfg := testConfig()
	for _, e := range edit {
		e(&cfg)
	}
	logs := &lockedBuffer{}
	srv := New(cfg, st, slog.New(slog.NewTextHandler(logs, nil)))
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &app{t: t, srv: srv, store: st, ts: ts, logs: logs}
}

func (a *app) hash(password string) string {
	if h, ok := a.hashes.Load(password); ok {
		return h.(string)
	}
	h, err := auth.HashPassword(context.Background(), password)
	if err != nil {
		a.t.Fatal(err)
	}
	a.hashes.Store(password, h)
	return h
}

// coach creates a coach account (the first one is the admin).
func (a *app) coach(name, email string) store.User {
	a.t.Helper()
	u, err := a.store.CreateCoach(context.Background(), name, email, a.hash(testPassword), true)
	if err != nil {
		a.t.Fatal(err)
	}
	return u
}

// athlete creates an athlete of coach who has accepted their invite.
func (a *app) athlete(coach store.User, name, email string) (training.Athlete, store.User) {
	a.t.Helper()
	ctx := context.Background()
	ath, err := a.store.CreateAthlete(ctx, coach, store.NewAthlete{Name: name, Email: email, Timezone: "Europe/Berlin"})
	if err != nil {
		a.t.Fatal(err)
	}
	_, hash := auth.NewToken()
	if _, err := a.store.IssueAthleteInvite(ctx, coach, ath.ID, hash); err != nil {
		a.t.Fatal(err)
	}
	u, err := a.store.AcceptAthleteInvite(ctx, hash, a.hash(testPassword))
	if err != nil {
		a.t.Fatal(err)
	}
	return ath, u
}

// client is a browser-like client with its own cookies that does not
// follow redirects, so tests see them.
type client struct {
	t   *testing.T
	app *app
	hc  *http.Client
}

func (a *app) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: a.t, app: a, hc: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// resp is a response with its body read.
type resp struct {
	*http.Response
	Body string
}

func (c *client) do(req *http.Request) resp {
	c.t.Helper()
	r, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp{r, string(b)}
}

func (c *client) get(path string) resp {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.app.ts.URL+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return c.do(req)
}

// head sends a HEAD request, as uptime monitors and link scanners do.
func (c *client) head(path string) resp {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodHead, c.app.ts.URL+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return c.do(req)
}

// post sends a form as a same-origin browser would.
func (c *client) post(path string, form url.Values, header ...string) resp {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.app.ts.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.app.ts.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return c.do(req)
}

func (c *client) login(email, password string) resp {
	c.t.Helper()
	return c.post("/login", url.Values{"email": {email}, "password": {password}})
}

// signedIn returns a client signed in as email.
func (a *app) signedIn(email string) *client {
	a.t.Helper()
	c := a.client()
	if r := c.login(email, testPassword); r.StatusCode != http.StatusSeeOther {
		a.t.Fatalf("sign in as %s: %d\n%s", email, r.StatusCode, r.Body)
	}
	return c
}

func (c *client) cookie(name string) string {
	u, _ := url.Parse(c.app.ts.URL)
	for _, ck := range c.hc.Jar.Cookies(u) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

// fieldError returns the error shown under field name, or "".
func fieldError(t *testing.T, page, name string) string {
	t.Helper()
	marker := `id="f-` + name + `-error"`
	i := strings.Index(page, marker)
	if i < 0 {
		return ""
	}
	rest := page[i+len(marker):]
	rest = rest[strings.IndexByte(rest, '>')+1:]
	return strings.TrimSpace(rest[:strings.Index(rest, "</p>")])
}

// inputValue returns the value attribute of the input named name.
func inputValue(t *testing.T, page, name string) string {
	t.Helper()
	i := strings.Index(page, `name="`+name+`"`)
	if i < 0 {
		t.Fatalf("no input %q", name)
	}
	rest := page[i:]
	rest = rest[:strings.IndexByte(rest, '>')]
	j := strings.Index(rest, `value="`)
	if j < 0 {
		return ""
	}
	v := rest[j+len(`value="`):]
	return v[:strings.IndexByte(v, '"')]
}
