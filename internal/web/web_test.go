package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"rebound/internal/config"
	"rebound/internal/pgtest"
	"rebound/internal/store"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func testConfig() config.Config {
	return config.Config{Addr: "127.0.0.1:0", RequestTimeout: 5 * time.Second, MaxBodyBytes: 1 << 20, MaxUploadBytes: 8 << 20, LogLevel: slog.LevelDebug,
		SessionIdle: time.Hour, SessionLifetime: 24 * time.Hour}
}

// newServer returns the app's real router on a fresh database, and the log.
func newServer(t *testing.T, dsn string) (http.Handler, *bytes.Buffer) {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	var logs bytes.Buffer
	s := New(testConfig(), st, slog.New(slog.NewTextHandler(&logs, nil)))
	return s, &logs
}

func get(t *testing.T, h http.Handler, path string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// text returns the text of the first element named tag.
func text(t *testing.T, page, tag string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var found *html.Node
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == tag {
			found = n
			break
		}
	}
	if found == nil {
		t.Fatalf("no <%s> in page", tag)
	}
	var b strings.Builder
	for n := range found.Descendants() {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func TestHealthAndReadiness(t *testing.T) {
	h, _ := newServer(t, pgtest.DSN(t))
	for _, path := range []string{"/healthz", "/readyz"} {
		resp := get(t, h, path)
		if resp.StatusCode != http.StatusOK || body(t, resp) != "ok\n" {
			t.Errorf("%s = %d", path, resp.StatusCode)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("%s Cache-Control = %q", path, cc)
		}
	}
}

func TestReadinessFailsWithoutADatabase(t *testing.T) {
	h, logs := newServer(t, "host=/nonexistent/rebound port=5432 user=postgres dbname=x connect_timeout=1")
	if resp := get(t, h, "/readyz"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("/readyz = %d, want 503", resp.StatusCode)
	}
	if resp := get(t, h, "/healthz"); resp.StatusCode != http.StatusOK {
		t.Fatalf("/healthz = %d, want 200: the process is up", resp.StatusCode)
	}
	if !strings.Contains(logs.String(), "not ready") {
		t.Errorf("the failure was not logged: %s", logs)
	}
}

func TestHomePageRendersInTheLayout(t *testing.T) {
	h, _ := newServer(t, pgtest.DSN(t))
	resp := get(t, h, "/")
	page := body(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET / = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if got := text(t, page, "title"); got != "Training built around recovery · Rebound" {
		t.Errorf("title = %q", got)
	}
	if got := text(t, page, "h1"); got != "Recovery is where the gains are made." {
		t.Errorf("h1 = %q", got)
	}
	for _, tag := range []string{"header", "main", "footer"} {
		text(t, page, tag) // fails the test when the layout lacks it
	}
	// Every asset the layout links resolves, under a cache-forever URL.
	for _, link := range []string{`href="/static/app.`, `href="/static/print.`, `href="/static/favicon.`} {
		i := strings.Index(page, link)
		if i < 0 {
			t.Fatalf("layout lacks %s", link)
		}
		url := page[i+len(`href="`):]
		url = url[:strings.IndexByte(url, '"')]
		asset := get(t, h, url)
		if asset.StatusCode != http.StatusOK || asset.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%s = %d, Cache-Control %q", url, asset.StatusCode, asset.Header.Get("Cache-Control"))
		}
	}
}

func TestStaticAssetsRevalidateByETag(t *testing.T) {
	h, _ := newServer(t, pgtest.DSN(t))
	resp := get(t, h, "/static/app.css")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-cache" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("plain name: %d %q %q", resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Type"))
	}
	etag := resp.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	if resp := get(t, h, "/static/app.css", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", resp.StatusCode)
	}
	if resp := get(t, h, "/static/app.0000000000.css"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("stale hash: %d, want 404", resp.StatusCode)
	}
}

func TestUnknownPageIsAStyledNotFound(t *testing.T) {
	h, _ := newServer(t, pgtest.DSN(t))
	resp := get(t, h, "/no/such/page")
	page := body(t, resp)
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if got := text(t, page, "h1"); got != "Page not found" {
		t.Errorf("h1 = %q", got)
	}
	if id := resp.Header.Get("X-Request-Id"); id == "" || !strings.Contains(page, id) {
		t.Errorf("request id %q not shown on the page", id)
	}
	if !strings.Contains(page, "/static/app.") {
		t.Error("error page is not in the layout")
	}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	h, _ := newServer(t, pgtest.DSN(t))
	for _, path := range []string{"/", "/healthz", "/nope", "/static/app.css"} {
		resp := get(t, h, path)
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s CSP = %q", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") == "" {
			t.Errorf("%s lacks nosniff or Referrer-Policy", path)
		}
		if resp.Header.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s sets HSTS over plain http", path)
		}
	}
}

func TestCrossOriginPostIsRefused(t *testing.T) {
	h, _ := newServer(t, pgtest.DSN(t))
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("x=1"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Fatalf("cross-origin POST = %d, want 403", rec.Code)
	}
}

func TestResponsesAreCompressed(t *testing.T) {
	h, _ := newServer(t, pgtest.DSN(t))
	resp := get(t, h, "/", "Accept-Encoding", "gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding = %q", resp.Header.Get("Content-Encoding"))
	}
}

func TestPanicRendersTheErrorPageAndIsLogged(t *testing.T) {
	var logs bytes.Buffer
	s := &Server{logger: slog.New(slog.NewTextHandler(&logs, nil)), cfg: testConfig()}
	h := s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "Something went wrong") {
		t.Fatalf("status %d body %.200s", rec.Code, rec.Body.String())
	}
	if strings.Contains(rec.Body.String(), "boom") {
		t.Error("the panic value reached the user")
	}
	if !strings.Contains(logs.String(), "boom") {
		t.Error("the panic was not logged")
	}
}

func TestOversizedBodyIsRefused(t *testing.T) {
	h := limitBody(1024)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			http.Error(w, "too large", http.StatusRequestEntityTooLarge)
		}
	}))
	for _, chunked := range []bool{false, true} {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(strings.Repeat("x", 4096)))
		if chunked {
			req.ContentLength = -1 // no declared length: refused while reading
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("chunked=%v: status %d, want 413", chunked, rec.Code)
		}
	}
}

func TestRequestsGetADeadline(t *testing.T) {
	var deadline time.Time
	var ok bool
	h := timeout(3 * time.Second)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		deadline, ok = r.Context().Deadline()
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	if !ok || time.Until(deadline) > 3*time.Second {
		t.Fatalf("deadline %v, %v", deadline, ok)
	}
}

// A client that goes away mid-request is logged as 499, not as a failure.
func TestClientGoneIsNotAnError(t *testing.T) {
	a := newApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx)
	a.srv.ServeHTTP(httptest.NewRecorder(), req)
	logs := a.logs.String()
	if !strings.Contains(logs, "status=499") || strings.Contains(logs, "request failed") {
		t.Errorf("a request its client cancelled should log status 499 and no failure:\n%s", logs)
	}
}
