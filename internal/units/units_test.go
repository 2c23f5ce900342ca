package units

import (
	"math"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		sys    System
		metres int
		want   string
	}{
		{Metric, 10000, "10 km"},
		{Metric, 12500, "12.5 km"},
		{Metric, 5250, "5.25 km"},
		{Metric, 42195, "42.2 km"},
		{Imperial, 42195, "26.2 mi"}, // 42195 / 1609.344 = 26.219
		{Imperial, 1609, "1 mi"},     // 0.99979 → 1.00 → "1"
		{Imperial, 5000, "3.11 mi"},  // 3.1069
		{Metric, 0, "0 km"},
	} {
		if got := tc.sys.Distance(tc.metres); got != tc.want {
			t.Errorf("%s.Distance(%d) = %q, want %q", tc.sys, tc.metres, got, tc.want)
		}
	}
}

func TestParseDistance(t *testing.T) {
	for _, tc := range []struct {
		sys  System
		in   string
		want int
		ok   bool
	}{
		{Metric, "10", 10000, true},
		{Metric, " 10,5 ", 10500, true},
		{Metric, "8.2 km", 8200, true},
		{Imperial, "3.1", 4989, true}, // 3.1 × 1609.344 = 4988.97
		{Metric, "", 0, true},
		{Metric, "-3", 0, false},
		{Metric, "ten", 0, false},
		{Metric, "NaN", 0, false},
		{Metric, "1e9", 0, false},
	} {
		got, err := tc.sys.ParseDistance(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("%s.ParseDistance(%q) = %d, %v", tc.sys, tc.in, got, err)
		}
	}
}

func TestPace(t *testing.T) {
	if got := Metric.Pace(270); got != "4:30 /km" {
		t.Errorf("Pace(270) = %q", got)
	}
	if got := Imperial.Pace(270); got != "7:15 /mi" { // 270 × 1.609344 = 434.5 s
		t.Errorf("Imperial.Pace(270) = %q", got)
	}
	for _, sys := range []System{Metric, Imperial} {
		for _, in := range []string{"4:30", "7:05", "12:00"} {
			v, err := sys.ParsePace(in)
			if err != nil || sys.Pace(v) != in+" /"+sys.Label() {
				t.Errorf("%s round trip %q: %v %v → %q", sys, in, v, err, sys.Pace(v))
			}
		}
	}
	for _, bad := range []string{"", "4", "4:3", "4:60", "-1:00", "a:bc"} {
		if _, err := Metric.ParsePace(bad); err == nil {
			t.Errorf("ParsePace(%q) accepted", bad)
		}
	}
}

func TestDuration(t *testing.T) {
	for s, want := range map[int]string{0: "0 min", 2700: "45 min", 5400: "1 h 30 min", 7200: "2 h", 89: "1 min"} {
		if got := Duration(s); got != want {
			t.Errorf("Duration(%d) = %q, want %q", s, got, want)
		}
	}
}

func FuzzParseDistance(f *testing.F) {
	for _, s := range []string{"10", "10,5", "3.1 mi", "", "-1", "1e308", "0x10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, sys := range []System{Metric, Imperial} {
			m, err := sys.ParseDistance(in)
			if err == nil && (m < 0 || m > 1_000_000) {
				t.Fatalf("%q → %d metres", in, m)
			}
		}
	})
}

func FuzzParsePace(f *testing.F) {
	for _, s := range []string{"4:30", "59:59", "0:00", "4:3", ":"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		v, err := Metric.ParsePace(in)
		if err == nil && (v < 0 || v > 3600 || math.IsNaN(v)) {
			t.Fatalf("%q → %v", in, v)
		}
	})
}

func TestParseHours(t *testing.T) {
	for in, want := range map[string]float64{
		"7.5": 7.5, "7,5": 7.5, "7:30": 7.5, "7h30": 7.5, "7H30": 7.5, "7 h 30": 7.5, "7h30m": 7.5,
		"7 h 30 min": 7.5, "7h": 7, "8": 8, " 6:45 ": 6.75, "0:15": 0.25, "10h05": 10 + 5.0/60,
	} {
		if got, err := ParseHours(in); err != nil || math.Abs(got-want) > 1e-9 {
			t.Errorf("ParseHours(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "seven", "7:5", "7:60", "7h3", "-1", "7:-3", "-7:30", "1e1", "NaN", "Inf", "0x1p3", "7.5h", "h30", "7:30:00", "+7:30", "7,5,5"} {
		if got, err := ParseHours(in); err == nil {
			t.Errorf("ParseHours(%q) = %v, want an error", in, got)
		}
	}
}

func TestClock(t *testing.T) {
	for h, want := range map[float64]string{7.5: "7:30", 0.25: "0:15", 8: "8:00", 6.75: "6:45", 23.999: "24:00"} {
		if got := Clock(h); got != want {
			t.Errorf("Clock(%v) = %q, want %q", h, got, want)
		}
	}
}

// FuzzParseHours: whatever is typed, ParseHours answers a finite,
// non-negative number or ErrHours, and what Clock writes reads back.
func FuzzParseHours(f *testing.F) {
	for _, s := range []string{"7.5", "7,5", "7:30", "7h30", "7 h 30 min", "7h", "", "1e400", "99999999999:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := ParseHours(s)
		if err != nil {
			if err != ErrHours {
				t.Fatalf("ParseHours(%q): unexpected error %v", s, err)
			}
			return
		}
		if math.IsNaN(h) || math.IsInf(h, 0) || h < 0 {
			t.Fatalf("ParseHours(%q) = %v", s, h)
		}
		if h > 1000 {
			return
		}
		back, err := ParseHours(Clock(h))
		if err != nil || math.Abs(back-math.Round(h*60)/60) > 1e-9 {
			t.Fatalf("ParseHours(Clock(%v)) = %v, %v", h, back, err)
		}
	})
}

func TestPaceZoneAndRPE(t *testing.T) {
	km, mi := Metric, Imperial
	for _, tc := range []struct{ got, want string }{
		{km.PaceRange(262, 338), "4:22–5:38 /km"},
		{km.PaceZone(339, math.Inf(1)), "slower than 5:38 /km"}, // 339 s is in the zone; 338 is the next one's edge
		{km.PaceZone(0, 235), "faster than 3:56 /km"},
		{km.PaceZone(299, 338), "4:59–5:38 /km"},
		{mi.PaceRange(300, 330), "8:03–8:51 /mi"},
		{RPE(4), "RPE 4"},
		{RPE(6.5), "RPE 6.5"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
