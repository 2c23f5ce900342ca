package web

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The known ways to smuggle another site through a sign-in's next: each,
// sent in the link (the sign-in page keeps it in the form) and posted
// directly, ends on this site once the browser has read the Location the
// way browsers do (tabs and line breaks dropped, a backslash taken for a
// slash).
func TestSignInNextNeverLeavesTheSite(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Coach", "carla@example.com")
	base, _ := url.Parse("https://rebound.example/login")
	browser := strings.NewReplacer("\t", "", "\n", "", "\r", "", "\\", "/")
	onSite := func(loc string) bool {
		if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.ContainsAny(loc, "\\\t\r\n") {
			return false
		}
		u, err := base.Parse(browser.Replace(loc))
		return err == nil && u.Scheme == "https" && u.Host == "rebound.example"
	}
	bypasses := []string{
		"/./\\evil.example", // the query's %5C, decoded
		"/./%5Cevil.example",
		"/./%5cevil.example",
		"/x/../\\evil.com",
		"/x/..\\evil.com",
		"//evil.com",
		"///evil.com",
		"/\\evil.com",
		"/\\/evil.com",
		"\\\\evil.com",
		"/\t/evil.com",
		"/\n/evil.com",
		"/\r\n/evil.com",
		"/%09/evil.com",
		"/%0a/evil.com",
		"https:evil.com",
		"https://evil.com/",
		"javascript:alert(1)",
		"/%2F%2Fevil.com",
		"/%2f/evil.com",
		"/.//evil.com",
		"/..//evil.com",
		"/%2e%2e/%2e%2e//evil.com",
		"/.%2F/evil.com",
		"/x/%2E%2E/%5Cevil.com",
		"/%255Cevil.com",
		" /evil.com",
		"/\x00/evil.com",
		"/x?y=1#\\evil.com",
	}
	signIn := func(how, next, formNext string) {
		t.Helper()
		r := a.client().post("/login", url.Values{"email": {"carla@example.com"}, "password": {testPassword}, "next": {formNext}})
		if r.StatusCode == http.StatusUnprocessableEntity && formNext != "" && hasControl(formNext) {
			return // a control character is refused by the form itself
		}
		loc := r.Header.Get("Location")
		if r.StatusCode != http.StatusSeeOther || !onSite(loc) {
			t.Errorf("next %q (%s): %d to %q, which leaves the site", next, how, r.StatusCode, loc)
		}
	}
	for _, next := range bypasses {
		signIn("posted", next, next)
		page := a.client().get("/login?next=" + url.QueryEscape(next))
		if page.StatusCode != http.StatusOK {
			t.Fatalf("sign-in page with next %q: %d", next, page.StatusCode)
		}
		signIn("from the link", next, html.UnescapeString(inputValue(t, page.Body, "next")))
	}
	// Paths on the site still lead where they were asked to.
	for next, want := range map[string]string{
		"/athletes/new":                 "/athletes/new",
		"/athletes/3?q=x#y":             "/athletes/3?q=x#y",
		"/athletes/3/weeks/2026-01-05/": "/athletes/3/weeks/2026-01-05/",
		"/athletes/./3/../4":            "/athletes/4",
	} {
		r := a.client().post("/login", url.Values{"email": {"carla@example.com"}, "password": {testPassword}, "next": {next}})
		if got := r.Header.Get("Location"); got != want {
			t.Errorf("next %q: to %q, want %q", next, got, want)
		}
	}
}
