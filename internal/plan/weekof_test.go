package plan

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var baseNoteRe = regexp.MustCompile(`base phase is (\d+) weeks|base phase is longer \((\d+) weeks\)`)

// TestPropertyWeekOfPhaseAgrees: a note that gives the base phase's length
// gives the number of base weeks the plan has, the one each base week's
// rationale ends its "Base week n of m" with; and each week's rationale
// counts its weeks as the plan has them.
func TestPropertyWeekOfPhaseAgrees(t *testing.T) {
	forAll(t, func(g generated) error {
		inPhase := map[Phase]int{}
		for _, w := range g.plan.Weeks {
			if w.Kind != KindRace {
				inPhase[w.Phase]++
			}
		}
		for _, n := range g.plan.Notes {
			if m := baseNoteRe.FindStringSubmatch(n); m != nil {
				if said, _ := strconv.Atoi(m[1] + m[2]); said != inPhase[PhaseBase] {
					return fmt.Errorf("note %q, but the plan has %d base weeks", n, inPhase[PhaseBase])
				}
			}
		}
		for i, w := range g.plan.Weeks {
			if w.Kind != KindBuild || w.Phase == PhaseRecovery {
				continue
			}
			if want := fmt.Sprintf(" of %d:", inPhase[w.Phase]); !strings.Contains(w.Rationale, want) {
				return fmt.Errorf("week %d (%s): %q does not count %d weeks", i+1, w.Phase, w.Rationale, inPhase[w.Phase])
			}
		}
		return nil
	})
}
