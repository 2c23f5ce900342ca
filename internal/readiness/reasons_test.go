package readiness

import (
	"testing"
)

// Illness by where it is felt, injury with its areas, and recovery done
// too hard, against thirty steady days (scores: 100 − 5 − 50 per Red − 20
// per Amber).
func TestScoreIllnessInjuryAndRecovery(t *testing.T) {
	base := history(1, 30)
	for _, c := range []struct {
		name   string
		today  Answers
		missed string
		want   Result
	}{
		{
			name:  "illness above the neck: easy training may go on",
			today: with(fresh(0), func(c *Answers) { c.Illness, c.IllnessSite = true, AboveNeck }),
			want: Result{Score: 75, Light: Amber, Baseline: true, Reasons: []Reason{
				reason(Amber, "illness_above_neck", "Reported illness above the neck only (runny nose, sore throat, sneezing)"),
			}},
		},
		{
			name:  "illness below the neck",
			today: with(fresh(0), func(c *Answers) { c.Illness, c.IllnessSite = true, BelowNeck }),
			want: Result{Score: 45, Light: Red, Baseline: true, Reasons: []Reason{
				reason(Red, "illness_below_neck", "Reported illness below the neck or fever (fever, chest, aches, stomach)"),
			}},
		},
		{
			name:  "illness without a site is read as below the neck, and says so",
			today: with(fresh(0), func(c *Answers) { c.Illness = true }),
			want:  Result{Score: 45, Light: Red, Baseline: true, Reasons: []Reason{illnessUnsaid}},
		},
		{
			name:  "an unknown site is no site",
			today: with(fresh(0), func(c *Answers) { c.Illness, c.IllnessSite = true, "elbow" }),
			want:  Result{Score: 45, Light: Red, Baseline: true, Reasons: []Reason{illnessUnsaid}},
		},
		{
			name:  "a site without illness is ignored",
			today: with(fresh(0), func(c *Answers) { c.IllnessSite = BelowNeck }),
			want:  Result{Score: 95, Light: Green, Baseline: true, Reasons: []Reason{allNormal}},
		},
		{
			name:  "injury with its areas",
			today: with(fresh(0), func(c *Answers) { c.Injury, c.InjuryAreas = true, []string{"knees", "lower_back"} }),
			want: Result{Score: 45, Light: Red, Baseline: true, Reasons: []Reason{
				{Light: Red, Code: "injury", Text: "Reported injury: knees, lower back", Areas: []string{"knees", "lower_back"}},
			}},
		},
		{
			name:  "areas without injury are ignored",
			today: with(fresh(0), func(c *Answers) { c.InjuryAreas = []string{"knees"} }),
			want:  Result{Score: 95, Light: Green, Baseline: true, Reasons: []Reason{allNormal}},
		},
		{
			name:   "recovery done too hard yesterday",
			today:  fresh(0),
			missed: "Recovery done too hard yesterday: Recovery jog at RPE 6",
			want: Result{Score: 75, Light: Amber, Baseline: true, Reasons: []Reason{
				reason(Amber, "missed_recovery", "Recovery done too hard yesterday: Recovery jog at RPE 6"),
			}},
		},
	} {
		checkResult(t, c.name, Score(Input{Today: c.today, History: base, MissedRecovery: c.missed}), c.want)
	}
}

// A reason's areas are its own: changing the check-in's afterwards does
// not change them.
func TestInjuryAreasAreCopied(t *testing.T) {
	areas := []string{"calves"}
	r := Score(Input{Today: with(fresh(0), func(c *Answers) { c.Injury, c.InjuryAreas = true, areas })})
	areas[0] = "feet"
	if got := r.Reasons[0].Areas; len(got) != 1 || got[0] != "calves" {
		t.Errorf("areas %v", got)
	}
}

func TestCanonicalCode(t *testing.T) {
	for code, want := range map[string]string{
		"illness":            "illness_below_neck", // stored before the site was asked
		"illness_above_neck": "illness_above_neck",
		"illness_below_neck": "illness_below_neck",
		"resting_hr":         "resting_hr",
		"":                   "",
	} {
		if got := CanonicalCode(code); got != want {
			t.Errorf("CanonicalCode(%q) = %q, want %q", code, got, want)
		}
	}
}

// The first morning without illness after one with it asks for a gradual
// return; the second, or a morning still ill, does not.
func TestScoreBackFromIllness(t *testing.T) {
	back := reason(Amber, "illness_recent", "Ill yesterday, well today: ease back in over 3 days")
	ill := func(days ...int) []Answers {
		return edit(history(1, 30), func(k int, c *Answers) {
			for _, d := range days {
				if k == d {
					c.Illness, c.IllnessSite = true, BelowNeck
				}
			}
		})
	}
	checkResult(t, "ill yesterday, well today", Score(Input{Today: fresh(0), History: ill(1, 2)}),
		Result{Score: 75, Light: Amber, Baseline: true, Reasons: []Reason{back}})
	checkResult(t, "ill two days ago, well since", Score(Input{Today: fresh(0), History: ill(2)}),
		Result{Score: 95, Light: Green, Baseline: true, Reasons: []Reason{allNormal}})
	checkResult(t, "still ill", Score(Input{Today: with(fresh(0), func(c *Answers) { c.Illness, c.IllnessSite = true, BelowNeck }), History: ill(1)}),
		Result{Score: 45, Light: Red, Baseline: true, Reasons: []Reason{
			reason(Red, "illness_below_neck", "Reported illness below the neck or fever (fever, chest, aches, stomach)"),
		}})
}
