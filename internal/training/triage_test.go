package training

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

func TestTriage(t *testing.T) {
	well := Signs{Light: "green", ACWR: 1.1, WeekDone: 1}
	with := func(f func(*Signs)) Signs { s := well; f(&s); return s }
	for _, c := range []struct {
		name string
		s    Signs
		want []Attention
	}{
		{"all well", well, nil},
		{"before the check-in", with(func(s *Signs) { s.Light = "" }), nil},
		{"red", with(func(s *Signs) { s.Light = "red" }), []Attention{RedCheckIn}},
		{"red with the pattern first is red", with(func(s *Signs) { s.Light, s.Overreaching = "red", true }), []Attention{RedCheckIn}},
		{"amber", with(func(s *Signs) { s.Light = "amber" }), []Attention{AmberCheckIn}},
		{"amber for the pattern", with(func(s *Signs) { s.Light, s.Overreaching = "amber", true }), []Attention{Overreaching}},
		{"silent", with(func(s *Signs) { s.Light, s.Missed = "", true }), []Attention{MissedCheckIns}},
		{"recovery too hard", with(func(s *Signs) { s.RecoveryTooHard = true }), []Attention{RecoveryTooHard}},
		{"load rising", with(func(s *Signs) { s.ACWR = 1.6 }), []Attention{LoadRising}},
		{"1.504 shows as 1.50: not above", with(func(s *Signs) { s.ACWR = 1.504 }), nil},
		{"no ratio yet", with(func(s *Signs) { s.ACWR = 0 }), nil},
		{"low compliance", with(func(s *Signs) { s.WeekDone = 0.4 }), []Attention{LowCompliance}},
		{"half done is enough", with(func(s *Signs) { s.WeekDone = 0.5 }), nil},
		{"nothing due yet", with(func(s *Signs) { s.WeekDone = math.NaN() }), nil},
		{"everything, most urgent first", Signs{Light: "red", Missed: true, RecoveryTooHard: true, ACWR: 2, WeekDone: 0.1},
			[]Attention{RedCheckIn, MissedCheckIns, RecoveryTooHard, LoadRising, LowCompliance}},
	} {
		if got := Triage(c.s); !slices.Equal(got, c.want) {
			t.Errorf("%s: Triage = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestLoadRisingFast(t *testing.T) {
	for acwr, want := range map[float64]bool{0: false, 1.5: false, 1.504: false, 1.505: true, 1.51: true, 3: true,
		-2: false, math.NaN(): false, math.Inf(1): false} {
		if got := LoadRisingFast(acwr); got != want {
			t.Errorf("LoadRisingFast(%v) = %t", acwr, got)
		}
	}
}

func TestCompareUrgency(t *testing.T) {
	// In the coach's order.
	order := []Urgency{
		{Rank: RedCheckIn, CheckedIn: true, Score: 20},
		{Rank: RedCheckIn, CheckedIn: true, Score: 45},
		{Rank: Overreaching, CheckedIn: true, Score: 70},
		{Rank: AmberCheckIn, CheckedIn: true, Score: 60},
		{Rank: MissedCheckIns},
		{Rank: RecoveryTooHard, CheckedIn: true, Score: 100},
		{Rank: RecoveryTooHard},
		{Rank: LoadRising, CheckedIn: true, Score: 85},
		{Rank: LowCompliance, CheckedIn: true, Score: 90},
		{Rank: NoAttention, CheckedIn: true, Score: 0},
		{Rank: NoAttention},
	}
	shuffled := slices.Clone(order)
	slices.Reverse(shuffled)
	slices.SortStableFunc(shuffled, CompareUrgency)
	if !slices.Equal(shuffled, order) {
		t.Errorf("sorted:\n%v\nwant:\n%v", fmt.Sprint(shuffled), fmt.Sprint(order))
	}
}
