package checkin

import (
	"strings"
	"testing"

	"rebound/internal/training"
)

// Above the neck only, a cold allows easy training, unless something else
// makes the day red; any other illness means rest; red flags over the
// weeks ask for a lighter week.
func TestAdvice(t *testing.T) {
	for _, c := range []struct {
		c    training.CheckIn
		want string
	}{
		{training.CheckIn{Light: "amber", Illness: true, IllnessSite: "above_neck"}, "an easy, shorter session is fine"},
		{training.CheckIn{Light: "red", Illness: true, IllnessSite: "above_neck", Injury: true}, "Take it easy today"},
		{training.CheckIn{Light: "red", Illness: true, IllnessSite: "below_neck"}, "Rest while you're ill"},
		{training.CheckIn{Light: "red", Illness: true}, "Rest while you're ill"},
		{training.CheckIn{Light: "green"}, "train as planned"},
		{training.CheckIn{Light: "amber", Reasons: []training.Reason{{Light: "amber", Code: "overreaching_pattern"}}}, "several red flags together. That is not a diagnosis"},
		{training.CheckIn{Light: "amber", Reasons: []training.Reason{{Light: "amber", Code: "sleep"}}}, "Keep today's workout easy"},
	} {
		if got := advice(c.c); !strings.Contains(got, c.want) {
			t.Errorf("%+v: %q, want %q", c.c, got, c.want)
		}
	}
}

func TestSymptoms(t *testing.T) {
	for _, c := range []struct {
		c    training.CheckIn
		want string
	}{
		{training.CheckIn{}, ""},
		{training.CheckIn{Illness: true}, "Ill"},
		{training.CheckIn{Illness: true, IllnessSite: "above_neck"}, "Ill, above the neck only"},
		{training.CheckIn{Illness: true, IllnessSite: "below_neck", Injury: true, InjuryAreas: []string{"knees", "lower_back"}},
			"Ill, below the neck or fever · Injured: knees, lower back"},
		{training.CheckIn{Injury: true}, "Injured"},
	} {
		if got := symptoms(c.c); got != c.want {
			t.Errorf("%+v: %q, want %q", c.c, got, c.want)
		}
	}
}
