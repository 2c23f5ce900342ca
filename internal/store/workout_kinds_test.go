package store_test

import (
	"context"
	"testing"

	"rebound/internal/store"
	"rebound/internal/training"
)

// The workouts table's CHECKs on sport, kind, protected and key accept
// exactly what package training says: the kinds and sports of its
// vocabularies, key only where training.MayBeKey, and a recovery workout
// only when protected (a rest day the store reads as protected whatever
// its row says, so the table does not insist).
func TestWorkoutChecksEqualTraining(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, err := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	if err != nil {
		t.Fatal(err)
	}
	maya, err := st.CreateAthlete(ctx, ca, store.NewAthlete{Name: "Maya", Email: "maya@example.com", Timezone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	insert := func(sport, kind string, protected, key bool) bool {
		_, err := st.Pool().Exec(ctx, `INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, protected, key)
			VALUES ($1, $2, '2026-11-24', $3, $4, 'X', $5, $6)`, maya.ID, ca.ID, sport, kind, protected, key)
		return err == nil
	}
	for _, kind := range append([]string{"junk miles", "", "Recovery"}, training.Kinds...) {
		for _, protected := range []bool{false, true} {
			for _, key := range []bool{false, true} {
				want := training.IsKind(kind) && (protected || kind != training.KindRecovery) && (!key || training.MayBeKey(kind))
				if got := insert(training.SportRun, kind, protected, key); got != want {
					t.Errorf("kind %q, protected %t, key %t: the table accepts it %t, package training %t", kind, protected, key, got, want)
				}
			}
		}
	}
	for _, sport := range append([]string{"curling", "", "Run"}, training.Sports...) {
		if got, want := insert(sport, training.KindEasy, false, false), training.IsSport(sport); got != want {
			t.Errorf("sport %q: the table accepts it %t, package training %t", sport, got, want)
		}
	}
}
