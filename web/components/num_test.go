package components

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// num writes what formatting the rounded float would, for any value.
func TestNumIsTheRoundedFloat(t *testing.T) {
	want := func(v float64) string {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return "0"
		}
		r := math.Round(v*10) / 10
		if r == 0 {
			r = 0 // not "-0"
		}
		return strconv.FormatFloat(r, 'f', -1, 64)
	}
	values := []float64{0, math.Copysign(0, -1), 0.05, -0.05, 0.04999, -0.06, 2.5, -2.5, 12.25, 12.35, 1e12 - 0.05, 1e12, -1e12,
		1e13, 1e16, 1e300, math.MaxFloat64, math.SmallestNonzeroFloat64, math.NaN(), math.Inf(1), math.Inf(-1)}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200_000 {
		values = append(values, (rng.Float64()-0.5)*math.Pow(10, float64(rng.IntN(16))), float64(rng.IntN(2_000_000)-1_000_000)/100+0.05,
			math.Float64frombits(rng.Uint64()))
	}
	for _, v := range values {
		if got, want := num(v), want(v); got != want {
			t.Fatalf("num(%v) = %q, want %q", v, got, want)
		}
	}
}
