package plan

import (
	"testing"
	"time"
)

func TestCutsRecovery(t *testing.T) {
	mon := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	rec := Session{Kind: "recovery", Minutes: 30, RPE: 2, Zone: 1}
	for _, tc := range []struct {
		name   string
		before Session
		after  *Session
		cut    bool
	}{
		{"delete", rec, nil, true},
		{"shorten", rec, &Session{Kind: "recovery", Minutes: 20, RPE: 2, Zone: 1}, true},
		{"to tempo", rec, &Session{Kind: "tempo", Minutes: 30, RPE: 6}, true},
		{"RPE 5", rec, &Session{Kind: "recovery", Minutes: 30, RPE: 5}, true},
		{"zone 3", rec, &Session{Kind: "recovery", Minutes: 30, RPE: 2, Zone: 3}, true},
		{"longer and easier", rec, &Session{Kind: "recovery", Minutes: 40, RPE: 1, Zone: 1}, false},
		{"to rest", rec, &Session{Kind: "rest"}, false},
		{"RPE 3 is still easy", rec, &Session{Kind: "recovery", Minutes: 30, RPE: 3, Zone: 2}, false},
		{"delete intervals", Session{Kind: "intervals", Minutes: 60, RPE: 8}, nil, false},
		{"move", Session{Kind: "recovery", Date: mon, Minutes: 30}, &Session{Kind: "recovery", Date: mon.AddDate(0, 0, 3), Minutes: 30}, true},
		{"protected rest to intervals", Session{Kind: "rest", Protected: true}, &Session{Kind: "intervals", Minutes: 60, RPE: 8}, true},
		{"protected rest to recovery", Session{Kind: "rest", Protected: true}, &Session{Kind: "recovery", Minutes: 20, RPE: 2}, false},
		{"rest left by recovery, still protected", Session{Kind: "rest", Protected: true}, &Session{Kind: "tempo", Minutes: 40, RPE: 7}, true},
		{"unprotected rest to easy", Session{Kind: "rest"}, &Session{Kind: "easy", Minutes: 30, RPE: 3}, false},
		{"shorten the long run", Session{Kind: "long", Minutes: 120}, &Session{Kind: "long", Minutes: 90}, false},
	} {
		if got := CutsRecovery(tc.before, tc.after); (got != "") != tc.cut {
			t.Errorf("%s: %q", tc.name, got)
		}
	}
}
