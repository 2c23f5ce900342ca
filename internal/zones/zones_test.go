package zones

import (
	"math"
	"math/rand"
	"slices"
	"testing"
)

var inf = math.Inf(1)

func check(t *testing.T, name string, got, want []Zone) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got %v\nwant %v", name, got, want)
	}
}

func TestHeartRateFromThreshold(t *testing.T) {
	// LTHR 170, each top rounded half up:
	//   85 %: 144.5 → 145, so Z1 ends at 144
	//   89 %: 151.3 → 151    94 %: 159.8 → 160    99 %: 168.3 → 168
	//  102 %: 173.4 → 173   106 %: 180.2 → 180
	check(t, "170", HeartRateFromThreshold(170), []Zone{
		{"Z1", "Recovery", 0, 144},
		{"Z2", "Endurance", 145, 151},
		{"Z3", "Tempo", 152, 160},
		{"Z4", "Sub-threshold", 161, 168},
		{"Z5a", "Threshold", 169, 173},
		{"Z5b", "VO2max", 174, 180},
		{"Z5c", "Anaerobic", 181, inf},
	})
	// LTHR 150: 85 % = 127.5 → 128 (Z1 to 127), 89 % = 133.5 → 134,
	// 94 % = 141, 99 % = 148.5 → 149, 102 % = 153, 106 % = 159.
	check(t, "150", HeartRateFromThreshold(150), []Zone{
		{"Z1", "Recovery", 0, 127},
		{"Z2", "Endurance", 128, 134},
		{"Z3", "Tempo", 135, 141},
		{"Z4", "Sub-threshold", 142, 149},
		{"Z5a", "Threshold", 150, 153},
		{"Z5b", "VO2max", 154, 159},
		{"Z5c", "Anaerobic", 160, inf},
	})
	for _, bad := range []int{0, -150, 301} {
		if z := HeartRateFromThreshold(bad); z != nil {
			t.Errorf("HeartRateFromThreshold(%d) = %v, want nil", bad, z)
		}
	}
}

func TestHeartRateFromMax(t *testing.T) {
	// Max 190: 60 % = 114, 70 % = 133, 80 % = 152, 90 % = 171.
	check(t, "190", HeartRateFromMax(190), []Zone{
		{"Z1", "Recovery", 0, 114},
		{"Z2", "Endurance", 115, 133},
		{"Z3", "Tempo", 134, 152},
		{"Z4", "Threshold", 153, 171},
		{"Z5", "Maximum", 172, inf},
	})
	// Max 185: 60 % = 111, 70 % = 129.5 → 130, 80 % = 148, 90 % = 166.5 → 167.
	check(t, "185", HeartRateFromMax(185), []Zone{
		{"Z1", "Recovery", 0, 111},
		{"Z2", "Endurance", 112, 130},
		{"Z3", "Tempo", 131, 148},
		{"Z4", "Threshold", 149, 167},
		{"Z5", "Maximum", 168, inf},
	})
	for _, bad := range []int{0, -1, 301} {
		if z := HeartRateFromMax(bad); z != nil {
			t.Errorf("HeartRateFromMax(%d) = %v, want nil", bad, z)
		}
	}
}

func TestZone2CeilingHR(t *testing.T) {
	for _, c := range []struct{ lthr, maxHR, want int }{
		{170, 190, 151}, // threshold wins: 89 % of 170 = 151.3 → 151
		{170, 0, 151},
		{0, 190, 133},   // 70 % of 190
		{0, 185, 130},   // 70 % of 185 = 129.5 → 130
		{400, 190, 133}, // an impossible threshold is not "known"
		{0, 0, 0},
		{-5, -5, 0},
	} {
		if got := Zone2CeilingHR(c.lthr, c.maxHR); got != c.want {
			t.Errorf("Zone2CeilingHR(%d, %d) = %d, want %d", c.lthr, c.maxHR, got, c.want)
		}
	}
}

func TestRunPaceFromThreshold(t *testing.T) {
	// Threshold 300 s/km (5:00/km), slower ends rounded:
	//   90 % = 270, so Z5c ends at 269;  96 % = 288;  100 % = 300;
	//  105 % = 315;  113 % = 339;  129 % = 387, Z1 from 388.
	check(t, "300", RunPaceFromThreshold(300), []Zone{
		{"Z1", "Recovery", 388, inf},
		{"Z2", "Endurance", 340, 387},
		{"Z3", "Tempo", 316, 339},
		{"Z4", "Sub-threshold", 301, 315},
		{"Z5a", "Threshold", 289, 300},
		{"Z5b", "VO2max", 270, 288},
		{"Z5c", "Anaerobic", 0, 269},
	})
	// Threshold 250 s/km (4:10/km): 90 % = 225 → Z5c to 224; 96 % = 240;
	// 100 % = 250; 105 % = 262.5 → 263; 113 % = 282.5 → 283; 129 % = 322.5 → 323.
	check(t, "250", RunPaceFromThreshold(250), []Zone{
		{"Z1", "Recovery", 324, inf},
		{"Z2", "Endurance", 284, 323},
		{"Z3", "Tempo", 264, 283},
		{"Z4", "Sub-threshold", 251, 263},
		{"Z5a", "Threshold", 241, 250},
		{"Z5b", "VO2max", 225, 240},
		{"Z5c", "Anaerobic", 0, 224},
	})
	for _, bad := range []float64{0, -300, 3601, math.NaN(), inf} {
		if z := RunPaceFromThreshold(bad); z != nil {
			t.Errorf("RunPaceFromThreshold(%v) = %v, want nil", bad, z)
		}
	}
}

func TestPowerFromFTP(t *testing.T) {
	// FTP 250 W: 55 % = 137.5 → 138; 75 % = 187.5 → 188; 90 % = 225;
	// 105 % = 262.5 → 263; 120 % = 300; 150 % = 375.
	check(t, "250", PowerFromFTP(250), []Zone{
		{"Z1", "Recovery", 0, 138},
		{"Z2", "Endurance", 139, 188},
		{"Z3", "Tempo", 189, 225},
		{"Z4", "Threshold", 226, 263},
		{"Z5", "VO2max", 264, 300},
		{"Z6", "Anaerobic", 301, 375},
		{"Z7", "Neuromuscular", 376, inf},
	})
	for _, bad := range []int{0, -250, 2001} {
		if z := PowerFromFTP(bad); z != nil {
			t.Errorf("PowerFromFTP(%d) = %v, want nil", bad, z)
		}
	}
}

// ladderOK checks what every zone list promises, in increasing order of
// value: starts at 0, whole units, each zone non-empty and starting 1 above
// the previous one's High, the last open-ended; names and labels present and
// names distinct.
func ladderOK(zones []Zone) bool {
	names := map[string]bool{}
	for i, z := range zones {
		if z.Name == "" || z.Label == "" || names[z.Name] || z.Low > z.High || z.Low != math.Trunc(z.Low) {
			return false
		}
		names[z.Name] = true
		if i == 0 && z.Low != 0 || i > 0 && z.Low != zones[i-1].High+1 {
			return false
		}
		if last := i == len(zones)-1; last != math.IsInf(z.High, 1) || !last && z.High != math.Trunc(z.High) {
			return false
		}
	}
	return len(zones) > 0
}

// ascending returns pace zones, listed easiest (slowest) first, in
// increasing order of seconds.
func ascending(zones []Zone) []Zone {
	zones = slices.Clone(zones)
	slices.Reverse(zones)
	return zones
}

func containing(zones []Zone, v float64) string {
	for _, z := range zones {
		if z.Low <= v && v <= z.High {
			return z.Name
		}
	}
	return ""
}

func TestLadders(t *testing.T) {
	for x := 1; x <= maxBPM; x++ {
		if !ladderOK(HeartRateFromThreshold(x)) || !ladderOK(HeartRateFromMax(x)) {
			t.Fatalf("heart rate %d: %v %v", x, HeartRateFromThreshold(x), HeartRateFromMax(x))
		}
	}
	for x := 1; x <= maxWatts; x++ {
		if !ladderOK(PowerFromFTP(x)) {
			t.Fatalf("FTP %d: %v", x, PowerFromFTP(x))
		}
	}
	rng := rand.New(rand.NewSource(1))
	for range 5000 {
		pace := rng.Float64() * maxSecPerKm
		if pace > 0 && !ladderOK(ascending(RunPaceFromThreshold(pace))) {
			t.Fatalf("pace %v: %v", pace, RunPaceFromThreshold(pace))
		}
	}
}

// For real athletes the threshold itself lands where the models put it:
// LTHR and threshold pace open the Z5a range, FTP sits in Coggan's level 4,
// and zone 2 ends near its nominal percentage.
func TestThresholdsInTheirZone(t *testing.T) {
	for x := 100; x <= 220; x++ {
		if z := containing(HeartRateFromThreshold(x), float64(x)); z != "Z5a" {
			t.Errorf("LTHR %d is in %s", x, z)
		}
		if c := Zone2CeilingHR(x, 0); math.Abs(float64(c)-0.89*float64(x)) > 0.5 {
			t.Errorf("zone 2 ceiling for LTHR %d is %d", x, c)
		}
	}
	for x := 100; x <= 600; x++ {
		if z := containing(PowerFromFTP(x), float64(x)); z != "Z4" {
			t.Errorf("FTP %d is in %s", x, z)
		}
	}
	for x := 150; x <= 600; x++ {
		if z := containing(RunPaceFromThreshold(float64(x)), float64(x)); z != "Z5a" {
			t.Errorf("threshold pace %d s/km is in %s", x, z)
		}
	}
}

// Thresholds are typed in by athletes and coaches: any value either gives
// nil (not positive, or beyond human) or a well-formed ladder.
func FuzzZones(f *testing.F) {
	f.Add(170, 190, 250, 300.0)
	f.Add(1, 1, 1, 0.001)
	f.Add(0, -1, 2001, math.NaN())
	f.Add(300, 300, 2000, 3600.0)
	f.Fuzz(func(t *testing.T, lthr, maxHR, ftp int, pace float64) {
		for _, c := range []struct {
			name  string
			zones []Zone
			valid bool
		}{
			{"HeartRateFromThreshold", HeartRateFromThreshold(lthr), lthr > 0 && lthr <= maxBPM},
			{"HeartRateFromMax", HeartRateFromMax(maxHR), maxHR > 0 && maxHR <= maxBPM},
			{"PowerFromFTP", PowerFromFTP(ftp), ftp > 0 && ftp <= maxWatts},
			{"RunPaceFromThreshold", ascending(RunPaceFromThreshold(pace)), pace > 0 && pace <= maxSecPerKm},
		} {
			if c.valid != (c.zones != nil) || c.valid && !ladderOK(c.zones) {
				t.Fatalf("%s(%v, %v, %v, %v): %v", c.name, lthr, maxHR, ftp, pace, c.zones)
			}
		}
		ceiling := Zone2CeilingHR(lthr, maxHR)
		if ceiling < 0 || ceiling > maxBPM || (ceiling == 0) != (HeartRateFromThreshold(lthr) == nil && HeartRateFromMax(maxHR) == nil) {
			t.Fatalf("Zone2CeilingHR(%d, %d) = %d", lthr, maxHR, ceiling)
		}
	})
}

// Zone2CeilingHR is zone 2's High in the zones themselves, for every
// threshold and maximum, in range or not.
func TestZone2CeilingHRIsTheZonesOwn(t *testing.T) {
	for lthr := -1; lthr <= maxBPM+1; lthr++ {
		for maxHR := -1; maxHR <= maxBPM+1; maxHR++ {
			want := 0
			if z := HeartRateFromThreshold(lthr); z != nil {
				want = int(z[1].High)
			} else if z := HeartRateFromMax(maxHR); z != nil {
				want = int(z[1].High)
			}
			if got := Zone2CeilingHR(lthr, maxHR); got != want {
				t.Fatalf("Zone2CeilingHR(%d, %d) = %d, the zones say %d", lthr, maxHR, got, want)
			}
		}
	}
}
