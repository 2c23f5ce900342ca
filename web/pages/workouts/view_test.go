package workouts

import (
	"testing"

	"rebound/internal/store"
)

func TestTargets(t *testing.T) {
	runner := store.Athlete{Profile: store.Profile{Units: "km", ThresholdHR: 170, ThresholdPace: 270}}
	miler := store.Athlete{Profile: store.Profile{Units: "mi", MaxHR: 190}}
	rider := store.Athlete{Profile: store.Profile{Units: "km", FTP: 250}}
	tests := []struct {
		name string
		a    store.Athlete
		w    store.Workout
		want string
	}{
		{"nothing set", runner, store.Workout{Plan: store.Plan{Sport: "run"}}, ""},
		{"RPE only", runner, store.Workout{Plan: store.Plan{Sport: "run", TargetRPE: 3}}, "RPE 3"},
		{"run zone 2 with HR and pace", runner, store.Workout{Plan: store.Plan{Sport: "run", TargetRPE: 4, TargetZone: 2}},
			"RPE 4 · zone 2: 145–151 bpm, 5:06–5:48 /km"},
		{"recovery zone 1 is open-ended", runner, store.Workout{Plan: store.Plan{Sport: "run", TargetZone: 1}},
			"zone 1: up to 144 bpm, slower than 5:49 /km"},
		{"HR from maximum, no pace", miler, store.Workout{Plan: store.Plan{Sport: "run", TargetZone: 2}}, "zone 2: 115–133 bpm"},
		{"ride power", rider, store.Workout{Plan: store.Plan{Sport: "bike", TargetRPE: 6.5, TargetZone: 3}}, "RPE 6.5 · zone 3: 189–225 W"},
		{"zone without thresholds", store.Athlete{}, store.Workout{Plan: store.Plan{Sport: "swim", TargetZone: 2}}, "zone 2"},
		{"zone beyond the ladder", rider, store.Workout{Plan: store.Plan{Sport: "bike", TargetZone: 8}}, "zone 8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Targets(tt.a, tt.w); got != tt.want {
				t.Errorf("Targets = %q, want %q", got, tt.want)
			}
		})
	}
}
