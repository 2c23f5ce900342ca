package workouts

import (
	"testing"

	"rebound/internal/training"
)

func TestTargets(t *testing.T) {
	runner := training.Athlete{Profile: training.Profile{Units: "km", ThresholdHR: 170, ThresholdPace: 270}}
	miler := training.Athlete{Profile: training.Profile{Units: "mi", MaxHR: 190}}
	rider := training.Athlete{Profile: training.Profile{Units: "km", FTP: 250}}
	tests := []struct {
		name string
		a    training.Athlete
		w    training.Workout
		want string
	}{
		{"nothing set", runner, training.Workout{Prescription: training.Prescription{Sport: "run"}}, ""},
		{"RPE only", runner, training.Workout{Prescription: training.Prescription{Sport: "run", TargetRPE: 3}}, "RPE 3"},
		{"run zone 2 with HR and pace", runner, training.Workout{Prescription: training.Prescription{Sport: "run", TargetRPE: 4, TargetZone: 2}},
			"RPE 4 · zone 2: 145–151 bpm, 5:06–5:48 /km"},
		{"recovery zone 1 is open-ended", runner, training.Workout{Prescription: training.Prescription{Sport: "run", TargetZone: 1}},
			"zone 1: up to 144 bpm, slower than 5:48 /km"},
		{"HR from maximum, no pace", miler, training.Workout{Prescription: training.Prescription{Sport: "run", TargetZone: 2}}, "zone 2: 115–133 bpm"},
		{"ride power", rider, training.Workout{Prescription: training.Prescription{Sport: "bike", TargetRPE: 6.5, TargetZone: 3}}, "RPE 6.5 · zone 3: 189–225 W"},
		{"zone without thresholds", training.Athlete{}, training.Workout{Prescription: training.Prescription{Sport: "swim", TargetZone: 2}}, "zone 2"},
		{"planned: the text's numbers", runner, training.Workout{Prescription: training.Prescription{Sport: "run", TargetRPE: 7, TargetZone: 4,
			Structure: &training.Structure{Warm: 15, Reps: 2, Work: 480, Zone: 4, Cue: "4:27–4:34 /km", Easy: "5:21–5:48 /km"}}},
			"RPE 7 · zone 4: 4:27–4:34 /km · easy: 5:21–5:48 /km"},
		{"planned: a long run's faster finish", runner, training.Workout{Prescription: training.Prescription{Sport: "run", TargetRPE: 4, TargetZone: 2,
			Structure: &training.Structure{Reps: 1, Work: 1200, Finish: true, Zone: 3, Cue: "about 4:50 /km", Easy: "5:21–5:48 /km"}}},
			"RPE 4 · zone 2: 5:21–5:48 /km · finish zone 3: about 4:50 /km"},
		{"planned uphill, by feel", runner, training.Workout{Prescription: training.Prescription{Sport: "run", TargetRPE: 7, TargetZone: 5,
			Structure: &training.Structure{Reps: 10, Work: 60, Zone: 5}}}, "RPE 7 · zone 5"},
		{"zone beyond the ladder", rider, training.Workout{Prescription: training.Prescription{Sport: "bike", TargetZone: 8}}, "zone 8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Targets(tt.a, tt.w); got != tt.want {
				t.Errorf("Targets = %q, want %q", got, tt.want)
			}
		})
	}
}
