package components

import (
	"bytes"
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// BenchmarkLineChart90Days draws a chart like the athlete page's HRV
// chart: 90 days of daily readings with dots, a rolling mean and a band.
func BenchmarkLineChart90Days(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	daily, mean, lo, hi := nans(90), nans(90), nans(90), nans(90)
	for i := range 90 {
		if rng.IntN(6) > 0 {
			daily[i] = math.Round((45+rng.NormFloat64()*8)*10) / 10
		}
		if i >= 3 {
			mean[i], lo[i], hi[i] = 45+rng.Float64(), 41.5+rng.Float64(), 49.5+rng.Float64()
		}
	}
	c := TimeChart{ID: "chart-hrv", Title: "Heart-rate variability (rMSSD)", Desc: "HRV over the last 90 days.", Unit: "ms",
		Start: day0, Days: 90,
		Bands: []Band{{Name: "Normal range (60 days)", Class: "band-normal", Lo: lo, Hi: hi}},
		Series: []Series{
			{Name: "Morning rMSSD", Class: "series-hrv-daily", Values: daily, Dots: true},
			{Name: "7-day average", Class: "series-hrv", Values: mean},
		}}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := LineChart(c).Render(context.Background(), &buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}
