package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"

	"rebound/web/layouts"
	"rebound/web/pages/dashboard"
)

// dashboardKey is what a rendered dashboard depends on besides its
// athletes' data: who looks, with which options, on which day.
type dashboardKey struct {
	coach  int64
	viewer layouts.Viewer
	query  string
	show   dashboard.Filter
	byTag  bool
	rows   int
	day    string
}

// dashboardPage is a rendered dashboard, gzipped, with the version of the
// data it shows.
type dashboardPage struct {
	version string
	etag    string
	gz      []byte
}

// dashboardCache keeps the last rendered dashboard of each view, to be
// served again while the store's version of the coach's athletes is the
// same: a coach coming back to the dashboard costs one cheap statement
// instead of reading, judging and drawing hundreds of athletes. Each app
// process keeps its own; the version comes from the database, so the
// processes never disagree.
type dashboardCache struct {
	mu    sync.Mutex
	pages map[dashboardKey]dashboardPage
	size  int // bytes held
}

// dashboardCacheBytes bounds the memory held: about 400 views of 500
// athletes. When full it starts over, which costs a render per view.
const dashboardCacheBytes = 8 << 20

func (c *dashboardCache) get(k dashboardKey, version string) (dashboardPage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[k]
	return p, ok && p.version == version
}

func (c *dashboardCache) put(k dashboardKey, p dashboardPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil || c.size+p.bytes(k) > dashboardCacheBytes {
		c.pages, c.size = map[dashboardKey]dashboardPage{}, 0
	}
	if old, ok := c.pages[k]; ok {
		c.size -= old.bytes(k)
	}
	c.size += p.bytes(k)
	c.pages[k] = p
}

// bytes is about what keeping p under k holds.
func (p dashboardPage) bytes(k dashboardKey) int {
	return len(p.gz) + len(p.version) + len(p.etag) + len(k.query) + len(k.viewer.Name) + len(k.day)
}

// keepable reports whether a view is kept: the ones the page links to (a
// search as long as its field takes, "Show more" by hundreds), not every
// address someone could type.
func (k dashboardKey) keepable() bool {
	return len(k.query) <= 100 && k.rows%dashboardRows == 0 && k.rows <= 50*dashboardRows
}

// gzipWriters are reused: a new writer allocates its compression tables,
// which showed in profiles of drawing the dashboard.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzipLevel) // a valid level: no error
	return zw
}}

// newDashboardPage gzips a rendered dashboard of the given version. Its
// ETag is the page's own hash: a browser holding a page another build
// drew gets the new one.
func newDashboardPage(version string, html []byte) (dashboardPage, error) {
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer pageBuffers.Put(buf)
	buf.Reset()
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(buf)
	if _, err := zw.Write(html); err != nil {
		return dashboardPage{}, err
	}
	if err := zw.Close(); err != nil {
		return dashboardPage{}, err
	}
	sum := sha256.Sum256(html)
	return dashboardPage{version: version, etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`, gz: bytes.Clone(buf.Bytes())}, nil
}

// serve answers with the page: 304 when the browser holds it already.
func (p dashboardPage) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("ETag", p.etag)
	h.Set("Cache-Control", "private, no-cache") // pages can hold personal data
	h.Add("Vary", "Accept-Encoding")
	if r.Header.Get("If-None-Match") == p.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Encoding", "gzip") // the compression middleware leaves it as it is
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(p.gz)
}

// acceptsGzip reports whether the client takes gzip (not with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(enc), "gzip") {
			continue
		}
		name, value, ok := strings.Cut(strings.TrimSpace(params), "=")
		if !ok || strings.TrimSpace(name) != "q" {
			return true
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		return err != nil || q > 0
	}
	return false
}

// moreURL is the view with the next hundred rows, built from the key
// alone: a kept page links the same for every request it answers.
func (k dashboardKey) moreURL() string {
	q := url.Values{}
	if k.query != "" {
		q.Set("q", k.query)
	}
	if k.show != dashboard.Everyone {
		q.Set("show", string(k.show))
	}
	if k.byTag {
		q.Set("group", "tag")
	}
	q.Set("rows", strconv.Itoa(k.rows+dashboardRows))
	return "/?" + q.Encode()
}
