package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"rebound/internal/auth"
	"rebound/internal/store"
)

// No link token reaches the request log, whatever the method and the
// answer: a link that works, one made up, a refused method (405), a
// mistyped path (404), HEAD from a link scanner.
func TestRequestLogHoldsNoTokenForAnyStatus(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	calendar, hash := auth.NewToken()
	if err := a.store.IssueCalendarToken(ctx, ca, ath.ID, hash); err != nil {
		t.Fatal(err)
	}
	invite, hash := auth.NewToken()
	pending, err := a.store.CreateAthlete(ctx, ca, store.NewAthlete{Name: "Ines New", Email: "ines@example.com", Timezone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.IssueAthleteInvite(ctx, ca, pending.ID, hash); err != nil {
		t.Fatal(err)
	}
	madeUp := "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde"
	tokens := []string{calendar, invite, madeUp}
	var paths []string
	for _, tok := range tokens {
		paths = append(paths,
			"/invite/"+tok, "/reset/"+tok, "/calendar/"+tok+".ics",
			"/calendar/"+tok, "/invite/"+tok+"/more", "/reset/"+tok+"/", "//invite/"+tok,
			"/x/../reset/"+tok, "/INVITE/"+tok, "/Calendar/"+tok+".ICS", "/calendar/"+tok+".ics/x")
	}
	c := a.client()
	statuses := map[int]bool{}
	for _, p := range paths {
		for _, method := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions} {
			req, err := http.NewRequest(method, a.ts.URL+p, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Origin", a.ts.URL)
			r := c.do(req)
			statuses[r.StatusCode] = true
		}
	}
	for _, want := range []int{http.StatusOK, http.StatusNotFound, http.StatusMethodNotAllowed} {
		if !statuses[want] {
			t.Errorf("no request answered %d (answers: %v): the test misses a case", want, statuses)
		}
	}
	logs := a.logs.String()
	for _, tok := range tokens {
		for line := range strings.Lines(logs) {
			if strings.Contains(line, tok) || strings.Contains(line, tok[:12]) {
				t.Errorf("a token reached the log: %s", line)
			}
		}
	}
	for _, want := range []string{"path=/invite/{token}", "path=/reset/{token}", "path=/calendar/{token}.ics", "status=405", "status=404", "method=HEAD"} {
		if !strings.Contains(logs, want) {
			t.Errorf("the log has no %q", want)
		}
	}
}
