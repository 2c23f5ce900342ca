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
// decided one's flags are what DecidedPattern reads, for its athlete's
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
	if flags, _, _, err := st.DecidedPattern(ctx, ca, maya.ID, day); err != nil || flags != nil {
		t.Fatalf("nothing decided yet: %v %v", flags, err)
	}
	p, err = save(2, []string{"mood_low", "sleep_disrupted"})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DismissProposal(ctx, ca, maya.ID, p.ID); err != nil {
		t.Fatal(err)
	}
	if flags, applied, at, err := st.DecidedPattern(ctx, mayaUser, maya.ID, day); err != nil || applied || at.IsZero() ||
		!slices.Equal(flags, []string{"mood_low", "sleep_disrupted"}) {
		t.Errorf("dismissed: %v %v %v %v", flags, applied, at, err)
	}
	if flags, _, _, _ := st.DecidedPattern(ctx, mayaUser, maya.ID, st.Now().AddDate(0, 0, 1)); flags != nil {
		t.Errorf("a decision before since: %v", flags)
	}
	p, err = save(3, []string{"always_tired", "mood_low"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ApplyProposal(ctx, ca, maya.ID, p.ID); err != nil {
		t.Fatal(err)
	}
	if flags, applied, _, err := st.DecidedPattern(ctx, ca, maya.ID, day); err != nil || !applied || !slices.Equal(flags, []string{"always_tired", "mood_low"}) {
		t.Errorf("applied: %v %v %v", flags, applied, err)
	}
	other, err := st.CreateCoach(ctx, "Otto", "otto@example.com", hash, true)
	if err != nil {
		t.Fatal(err)
	}
	if flags, _, _, _ := st.DecidedPattern(ctx, other, maya.ID, day); flags != nil {
		t.Errorf("another coach read Maya's dismissal: %v", flags)
	}
}
