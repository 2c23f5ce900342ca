package workouts

import (
	"testing"

	"rebound/internal/plan"
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
			"zone 1: up to 144 bpm, slower than 5:48 /km"},
		{"HR from maximum, no pace", miler, store.Workout{Plan: store.Plan{Sport: "run", TargetZone: 2}}, "zone 2: 115–133 bpm"},
		{"ride power", rider, store.Workout{Plan: store.Plan{Sport: "bike", TargetRPE: 6.5, TargetZone: 3}}, "RPE 6.5 · zone 3: 189–225 W"},
		{"zone without thresholds", store.Athlete{}, store.Workout{Plan: store.Plan{Sport: "swim", TargetZone: 2}}, "zone 2"},
		{"planned: the text's numbers", runner, store.Workout{Plan: store.Plan{Sport: "run", TargetRPE: 7, TargetZone: 4,
			Structure: &plan.Structure{Warm: 15, Reps: 2, Work: 480, Zone: 4, Cue: "4:27–4:34 /km", Easy: "5:21–5:48 /km"}}},
			"RPE 7 · zone 4: 4:27–4:34 /km · easy: 5:21–5:48 /km"},
		{"planned: a long run's faster finish", runner, store.Workout{Plan: store.Plan{Sport: "run", TargetRPE: 4, TargetZone: 2,
			Structure: &plan.Structure{Reps: 1, Work: 1200, Finish: true, Zone: 3, Cue: "about 4:50 /km", Easy: "5:21–5:48 /km"}}},
			"RPE 4 · zone 2: 5:21–5:48 /km · finish zone 3: about 4:50 /km"},
		{"planned uphill, by feel", runner, store.Workout{Plan: store.Plan{Sport: "run", TargetRPE: 7, TargetZone: 5,
			Structure: &plan.Structure{Reps: 10, Work: 60, Zone: 5}}}, "RPE 7 · zone 5"},
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
