package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"rebound/internal/plan"
	"rebound/internal/readiness"
	"rebound/internal/store"
)

// A proposal keeps the red flags of the pattern it answered; the database
// takes every flag package readiness has and no other word; the latest
// dismissed one's flags are what DismissedPattern reads, for its athlete's
// coach and athlete only.
func TestProposalPattern(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, maya, mayaUser := coachWithMaya(t, st)
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	adj := []plan.Adjustment{{WorkoutID: 1, Action: "shorten", Why: "Shorter"}}
	save := func(d int, pattern []string) (store.Proposal, error) {
		p := store.Proposal{AthleteID: maya.ID, CheckInDay: day.AddDate(0, 0, d), Light: "amber", Reason: "Amber check-in",
			Adjustments: adj, Pattern: pattern}
		if err := st.SaveProposal(ctx, mayaUser, p); err != nil {
			return p, err
		}
		got, _, err := st.PendingProposal(ctx, ca, maya.ID)
		return got, err
	}
	p, err := save(0, readiness.FlagCodes)
	if err != nil || !slices.Equal(p.Pattern, readiness.FlagCodes) {
		t.Fatalf("every flag: %v %v", p.Pattern, err)
	}
	if _, err := save(1, []string{"always_tired", "grumpy"}); err == nil {
		t.Error("the database took a flag readiness does not have")
	}
	if flags, err := st.DismissedPattern(ctx, ca, maya.ID, day); err != nil || flags != nil {
		t.Fatalf("nothing dismissed yet: %v %v", flags, err)
	}
	p, err = save(2, []string{"mood_low", "sleep_disrupted"})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DismissProposal(ctx, ca, maya.ID, p.ID); err != nil {
		t.Fatal(err)
	}
	if flags, err := st.DismissedPattern(ctx, mayaUser, maya.ID, day); err != nil || !slices.Equal(flags, []string{"mood_low", "sleep_disrupted"}) {
		t.Errorf("dismissed: %v %v", flags, err)
	}
	if flags, _ := st.DismissedPattern(ctx, mayaUser, maya.ID, st.Now().AddDate(0, 0, 1)); flags != nil {
		t.Errorf("a dismissal before since: %v", flags)
	}
	other, err := st.CreateCoach(ctx, "Otto", "otto@example.com", hash, true)
	if err != nil {
		t.Fatal(err)
	}
	if flags, _ := st.DismissedPattern(ctx, other, maya.ID, day); flags != nil {
		t.Errorf("another coach read Maya's dismissal: %v", flags)
	}
}
