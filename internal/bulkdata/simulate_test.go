package bulkdata

import (
	"testing"
	"time"
)

// BenchmarkSimulate is the simulation of the load's athletes without the
// writing: go test ./internal/bulkdata -run '^$' -bench Simulate
func BenchmarkSimulate(b *testing.B) {
	o, err := Options{Athletes: 20, Now: time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)}.withDefaults()
	if err != nil {
		b.Fatal(err)
	}
	athletes, err := plans(o)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for _, a := range athletes {
			simulate(a.athlete, a.blocks, a.first, a.today, o.Now)
		}
	}
}
