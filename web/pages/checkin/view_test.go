package checkin

import (
	"strings"
	"testing"

	"rebound/internal/store"
)

// Above the neck only, a cold allows easy training, unless something else
// makes the day red; any other illness means rest; red flags over the
// weeks ask for a lighter week.
func TestAdvice(t *testing.T) {
	for _, c := range []struct {
		c    store.CheckIn
		want string
	}{
		{store.CheckIn{Light: "amber", Illness: true, IllnessSite: "above_neck"}, "an easy, shorter session is fine"},
		{store.CheckIn{Light: "red", Illness: true, IllnessSite: "above_neck", Injury: true}, "Take it easy today"},
		{store.CheckIn{Light: "red", Illness: true, IllnessSite: "below_neck"}, "Rest while you're ill"},
		{store.CheckIn{Light: "red", Illness: true}, "Rest while you're ill"},
		{store.CheckIn{Light: "green"}, "train as planned"},
		{store.CheckIn{Light: "amber", Reasons: []store.Reason{{Light: "amber", Code: "overreaching_pattern"}}}, "several red flags together. That is not a diagnosis"},
		{store.CheckIn{Light: "amber", Reasons: []store.Reason{{Light: "amber", Code: "sleep"}}}, "Keep today's workout easy"},
	} {
		if got := advice(c.c); !strings.Contains(got, c.want) {
			t.Errorf("%+v: %q, want %q", c.c, got, c.want)
		}
	}
}

func TestSymptoms(t *testing.T) {
	for _, c := range []struct {
		c    store.CheckIn
		want string
	}{
		{store.CheckIn{}, ""},
		{store.CheckIn{Illness: true}, "Ill"},
		{store.CheckIn{Illness: true, IllnessSite: "above_neck"}, "Ill, above the neck only"},
		{store.CheckIn{Illness: true, IllnessSite: "below_neck", Injury: true, InjuryAreas: []string{"knees", "lower_back"}},
			"Ill, below the neck or fever · Injured: knees, lower back"},
		{store.CheckIn{Injury: true}, "Injured"},
	} {
		if got := symptoms(c.c); got != c.want {
			t.Errorf("%+v: %q, want %q", c.c, got, c.want)
		}
	}
}
