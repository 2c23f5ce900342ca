package activity

import (
	"testing"
	"time"
)

func TestEstimateLoad(t *testing.T) {
	hour := Activity{Elapsed: time.Hour, Moving: time.Hour}
	with := func(f func(a *Activity)) Activity { a := hour; f(&a); return a }
	tests := []struct {
		name   string
		a      Activity
		th     Thresholds
		load   float64
		rpe    float64
		method string
	}{
		// IF = 250/250 = 1.0, halfway between 0.95 (6.5) and 1.05 (8.5): 7.5.
		{"an hour at FTP", with(func(a *Activity) { a.NormPower, a.AvgPower = 250, 240 }), Thresholds{FTP: 250, ThresholdHR: 170},
			450, 7.5, MethodPower},
		// IF = 0.75 exactly: RPE 3, × 60 min.
		{"endurance ride", with(func(a *Activity) { a.NormPower = 150 }), Thresholds{FTP: 200}, 180, 3, MethodPower},
		// Without NP, the average power: 170/200 = 0.85 → 4.5.
		{"average power only", with(func(a *Activity) { a.AvgPower = 170 }), Thresholds{FTP: 200}, 270, 4.5, MethodPower},
		// Moving minutes, not elapsed: 45 min × 3.
		{"moving time", with(func(a *Activity) { a.NormPower, a.Moving = 150, 45*time.Minute }), Thresholds{FTP: 200}, 135, 3, MethodPower},
		// Power without FTP falls back to heart rate: 150/170 = 0.882 of
		// threshold → IF 0.76 + 0.042·(0.15/0.11) = 0.817 → RPE 3 + 0.067·15 = 4.0.
		{"heart rate against threshold", with(func(a *Activity) { a.NormPower, a.AvgHR = 200, 150 }), Thresholds{ThresholdHR: 170},
			240, 4, MethodHeartRate},
		// At threshold heart rate: IF 0.91 + 0.05·(0.15/0.11) = 0.978 → 7.1.
		{"threshold heart rate", with(func(a *Activity) { a.AvgHR = 170 }), Thresholds{ThresholdHR: 170}, 426, 7.1, MethodHeartRate},
		// Karvonen: threshold 50 + 0.85·(190−50) = 169; 130/169 = 0.769 of
		// it → IF 0.56 + 0.079·(0.20/0.15) = 0.666 → RPE 2 + 0.016·10 = 2.2.
		{"heart-rate reserve", with(func(a *Activity) { a.AvgHR = 130 }), Thresholds{MaxHR: 190, RestingHR: 50}, 132, 2.2, MethodHeartRate},
		// Max alone: threshold 0.9·190 = 171; 130/171 = 0.760 → IF 0.654 → 2.0.
		{"max heart rate only", with(func(a *Activity) { a.AvgHR = 130 }), Thresholds{MaxHR: 190}, 120, 2, MethodHeartRate},
		{"all-out", with(func(a *Activity) { a.NormPower = 400 }), Thresholds{FTP: 250}, 600, 10, MethodPower},
		{"a stroll", with(func(a *Activity) { a.AvgHR = 70 }), Thresholds{ThresholdHR: 170}, 30, 0.5, MethodHeartRate},
		{"heart rate, no reference", with(func(a *Activity) { a.AvgHR = 150 }), Thresholds{FTP: 250}, 0, 0, MethodNone},
		{"nothing to go on", hour, Thresholds{FTP: 250, ThresholdHR: 170}, 0, 0, MethodNone},
		// No moving time: the elapsed minutes.
		{"elapsed when no moving time", Activity{Elapsed: 30 * time.Minute, NormPower: 150}, Thresholds{FTP: 200}, 90, 3, MethodPower},
	}
	for _, tt := range tests {
		load, rpe, method := EstimateLoad(tt.a, tt.th)
		if load != tt.load || rpe != tt.rpe || method != tt.method {
			t.Errorf("%s: %g AU, RPE %g, %q; want %g, %g, %q", tt.name, load, rpe, method, tt.load, tt.rpe, tt.method)
		}
	}
}

// TestEstimateLoadRPEBands holds the table to the bands it documents.
func TestEstimateLoadRPEBands(t *testing.T) {
	tests := []struct{ intensity, lo, hi float64 }{
		{0.60, 1, 3}, {0.70, 2, 3}, {0.85, 4, 5}, {0.95, 6, 7}, {1.05, 8, 9}, {1.10, 8, 9.5}, {1.5, 10, 10},
	}
	for _, tt := range tests {
		if r := ifToRPE(tt.intensity); r < tt.lo || r > tt.hi {
			t.Errorf("IF %g: RPE %g, want %g–%g", tt.intensity, r, tt.lo, tt.hi)
		}
	}
	for x := 0.0; x < 2; x += 0.01 {
		if ifToRPE(x+0.01) < ifToRPE(x) {
			t.Fatalf("RPE falls between IF %g and %g", x, x+0.01)
		}
	}
}
