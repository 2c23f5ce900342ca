package store_test

import (
	"context"
	"testing"
	"time"

	"rebound/internal/plan"
	"rebound/internal/training"
)

// A workout keeps its structure only with the text the structure writes:
// a description edited while the structure is passed along becomes the
// coach's own, which nothing rewrites later.
func TestEditedTextLosesItsStructure(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, maya, _ := coachWithMaya(t, st)
	day := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	u := plan.Upcoming{Kind: "recovery", Sport: "run", Minutes: 30, RPE: 2, Zone: 1, Structure: &training.Structure{Zone: 1}}
	u = plan.Retext(u, u, "")
	p := training.Prescription{Sport: "run", Kind: "recovery", Title: u.Title, Description: u.Description, PlannedDurationS: 1800,
		TargetRPE: 2, TargetZone: 1, Structure: u.Structure}
	wo, err := st.AddWorkout(ctx, ca, maya.ID, day, p)
	if err != nil || wo.Structure == nil {
		t.Fatalf("added: %+v, %v", wo.Structure, err)
	}
	p.Description = "Keep this one truly easy. " + p.Description
	got, err := st.UpdatePlan(ctx, ca, wo.ID, wo.Version, day, p, "")
	if err != nil || got.Structure != nil || got.Description != p.Description {
		t.Fatalf("edited: %q, structure %+v, %v", got.Description, got.Structure, err)
	}
	p.Title = "Recovery jog with the dog"
	if added, err := st.AddWorkout(ctx, ca, maya.ID, day.AddDate(0, 0, 1), p); err != nil || added.Structure != nil {
		t.Fatalf("added with the coach's title: structure %+v, %v", added.Structure, err)
	}
}
