package plan

import (
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"testing"
)

// sportProperties is how many random valid inputs each triathlon and
// strength property is checked on, beyond the mixed corpus (plans).
const sportProperties = 2000

var (
	sportOnce   = map[Sport]*sync.Once{Triathlon: {}, Strength: {}}
	sportCorpus = map[Sport][]generated{}
)

// sportPlans returns sportProperties random inputs of sport that Generate
// accepted, with their plans: triathlon at every event distance and
// experience at 60–1,200 min a week, strength at 60–600 min a week, with
// rest days, limits and races on every weekday as randomInput draws them.
func sportPlans(sport Sport) []generated {
	sportOnce[sport].Do(func() {
		rng := rand.New(rand.NewSource(int64(len(sport)) * 7919))
		for len(sportCorpus[sport]) < sportProperties {
			in := randomInput(rng)
			if in.Athlete.Sport != sport {
				continue
			}
			switch sport {
			case Strength:
				in.Athlete.WeeklyMinutes = 60 + rng.Intn(541)
			case Triathlon:
				in.Athlete.WeeklyMinutes = 60 + rng.Intn(1141)
			}
			if p, err := Generate(in); err == nil {
				sportCorpus[sport] = append(sportCorpus[sport], generated{in, p})
			}
		}
	})
	return sportCorpus[sport]
}

// forSport runs property on the mixed corpus's plans and sport's own,
// stopping at the first few failures.
func forSport(t *testing.T, sport Sport, property func(g generated) error) {
	t.Helper()
	failures := 0
	for _, g := range append(plans(t), sportPlans(sport)...) {
		if g.in.Athlete.Sport != sport {
			continue
		}
		if err := property(g); err != nil {
			t.Errorf("%v\ninput: %s", err, describe(g.in))
			if failures++; failures == 3 {
				return
			}
		}
	}
}

func TestPropertyTriStrengthCheckPasses(t *testing.T) {
	for _, sport := range []Sport{Triathlon, Strength} {
		forSport(t, sport, func(g generated) error {
			if problems := Check(g.in, g.plan); len(problems) > 0 {
				return fmt.Errorf("Check: %s", strings.Join(problems, "; "))
			}
			return nil
		})
	}
}
