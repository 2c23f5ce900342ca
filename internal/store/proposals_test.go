package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/internal/training"
)

// Applying a proposal writes each workout's new numbers with the text,
// distance and structure its engine wrote for them: written anew where
// the text follows the numbers, the coach's own kept with a line saying
// what changed. A proposal made before text followed the numbers gets its
// text written on applying. A workout whose text changed since is left
// alone. An undo brings the old ones back.
func TestApplyProposalWritesTheNewText(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, maya, mayaUser := coachWithMaya(t, st)
	day := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

	// A generated long run: its text written from its numbers, as a plan writes it.
	long := plan.Upcoming{Kind: "long", Sport: "run", Minutes: 140, RPE: 4, Zone: 2, DistanceM: 26500,
		Structure: &training.Structure{Zone: 2, Easy: "5:10–5:40 /km"}}
	long = plan.Retext(long, long, "")
	gen, err := st.AddWorkout(ctx, ca, maya.ID, day.AddDate(0, 0, 2), training.Prescription{Sport: "run", Kind: "long", Title: long.Title,
		Description: long.Description, PlannedDurationS: 140 * 60, PlannedDistanceM: 26500, TargetRPE: 4, TargetZone: 2, Structure: long.Structure})
	if err != nil {
		t.Fatal(err)
	}
	own, err := st.AddWorkout(ctx, ca, maya.ID, day.AddDate(0, 0, 4), training.Prescription{Sport: "run", Kind: "intervals", Title: "Track with the club",
		Description: "6 × 800 m, 400 m jog.", PlannedDurationS: 75 * 60, TargetRPE: 7, TargetZone: 5})
	if err != nil {
		t.Fatal(err)
	}
	easyRun := plan.Upcoming{Kind: "easy", Sport: "run", Minutes: 50, RPE: 3, Zone: 2, Structure: &training.Structure{Zone: 2}}
	easyRun = plan.Retext(easyRun, easyRun, "")
	old, err := st.AddWorkout(ctx, ca, maya.ID, day.AddDate(0, 0, 1), training.Prescription{Sport: "run", Kind: "easy", Title: easyRun.Title,
		Description: easyRun.Description, PlannedDurationS: 50 * 60, TargetRPE: 3, TargetZone: 2, Structure: easyRun.Structure})
	if err != nil {
		t.Fatal(err)
	}
	edited, err := st.AddWorkout(ctx, ca, maya.ID, day.AddDate(0, 0, 5), training.Prescription{Sport: "run", Kind: "easy", Title: easyRun.Title,
		Description: easyRun.Description, PlannedDurationS: 50 * 60, TargetRPE: 3, TargetZone: 2, Structure: easyRun.Structure})
	if err != nil {
		t.Fatal(err)
	}
	if gen.Structure == nil || own.Structure != nil {
		t.Fatalf("structures as stored: generated %v, own %v", gen.Structure, own.Structure)
	}

	// As a proposal's engine makes them: new numbers, their text.
	why := "Amber check-in: poor sleep"
	shorter, easy, cut := plan.FromWorkout(gen), plan.FromWorkout(own), plan.FromWorkout(edited)
	shorter.Minutes = 85
	easy.Kind, easy.Minutes, easy.RPE, easy.Zone, easy.Key = "easy", 45, 3, 2, false
	cut.Minutes = 30
	// A proposal made before text followed the numbers: the old title, no text.
	legacy := plan.FromWorkout(old)
	legacy.Minutes, legacy.Description, legacy.Structure = 30, "", nil
	legacyBefore := legacy
	legacyBefore.Minutes = 50
	p := store.Proposal{AthleteID: maya.ID, CheckInDay: day, Light: "amber", Reason: why, Adjustments: []plan.Adjustment{
		{WorkoutID: old.ID, Action: "shorten", Before: legacyBefore, After: legacy, Reason: why},
		{WorkoutID: gen.ID, Action: "shorten", Before: plan.FromWorkout(gen), After: plan.Retext(plan.FromWorkout(gen), shorter, why), Reason: why},
		{WorkoutID: own.ID, Action: "to_easy", Before: plan.FromWorkout(own), After: plan.Retext(plan.FromWorkout(own), easy, why), Reason: why},
		{WorkoutID: edited.ID, Action: "shorten", Before: plan.FromWorkout(edited), After: plan.Retext(plan.FromWorkout(edited), cut, why), Reason: why},
	}}
	if err := st.SaveProposal(ctx, mayaUser, p); err != nil {
		t.Fatal(err)
	}
	// The coach rewrites one workout's description before applying.
	p4 := edited.Prescription
	p4.Description, p4.Structure = "Along the river, with Sam.", nil
	if _, err := st.UpdatePlan(ctx, ca, edited.ID, edited.Version, edited.Day, p4, ""); err != nil {
		t.Fatal(err)
	}
	pending, _, err := st.PendingProposal(ctx, ca, maya.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res, err := st.ApplyProposal(ctx, ca, maya.ID, pending.ID); err != nil || res.Changed != 3 || res.Skipped != 1 {
		t.Fatalf("applied %+v, %v", res, err)
	}
	if got, _ := st.Workout(ctx, ca, edited.ID); got.PlannedDurationS != 50*60 || got.Description != "Along the river, with Sam." {
		t.Errorf("the workout changed since was changed: %d s, %q", got.PlannedDurationS, got.Description)
	}
	if got, _ := st.Workout(ctx, ca, old.ID); got.Title != "Easy run" || got.PlannedDurationS != 30*60 || got.Structure == nil ||
		got.Description != easyRun.Description+"\nChanged from 50 min easy run at RPE 3 (amber check-in: poor sleep)." {
		t.Errorf("the older proposal's workout reads %q / %q, %d s, structure %v", got.Title, got.Description, got.PlannedDurationS, got.Structure)
	}

	got, _ := st.Workout(ctx, ca, gen.ID)
	want := plan.Retext(plan.FromWorkout(gen), shorter, "Amber check-in: poor sleep")
	switch {
	case got.PlannedDurationS != 85*60 || got.Title != "Long run" || got.Title != want.Title || got.Description != want.Description:
		t.Errorf("the long run reads %q / %q at %d s", got.Title, got.Description, got.PlannedDurationS)
	case !strings.Contains(got.Description, "\nChanged from 2 h 20 min long run at RPE 4 (amber check-in: poor sleep)."):
		t.Errorf("the long run does not say what it was: %q", got.Description)
	case got.PlannedDistanceM != want.DistanceM || got.PlannedDistanceM >= 26500 || got.PlannedDistanceM == 0:
		t.Errorf("distance %d m, want %d", got.PlannedDistanceM, want.DistanceM)
	case got.Structure == nil || *got.Structure != *want.Structure:
		t.Errorf("structure %+v, want %+v", got.Structure, want.Structure)
	}

	got, _ = st.Workout(ctx, ca, own.ID)
	if got.Kind != "easy" || got.Title != "Track with the club" || got.Structure != nil ||
		got.Description != "6 × 800 m, 400 m jog.\nChanged from 1 h 15 min intervals at RPE 7 (amber check-in: poor sleep)." {
		t.Errorf("the coach's workout reads %q / %q (%s, structure %v)", got.Title, got.Description, got.Kind, got.Structure)
	}

	// Undo, newest first: the coach's text, then the generated one come back.
	for range 3 {
		if _, err := st.UndoLast(ctx, ca, maya.ID); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := st.Workout(ctx, ca, gen.ID); got.Title != gen.Title || got.Description != gen.Description ||
		got.PlannedDistanceM != 26500 || got.Structure == nil || *got.Structure != *gen.Structure {
		t.Errorf("undone, the long run reads %q / %q, %d m, %+v", got.Title, got.Description, got.PlannedDistanceM, got.Structure)
	}
	if got, _ := st.Workout(ctx, ca, own.ID); got.Description != own.Description || got.Structure != nil {
		t.Errorf("undone, the coach's workout reads %q, structure %v", got.Description, got.Structure)
	}
}
