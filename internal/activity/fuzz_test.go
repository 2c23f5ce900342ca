package activity

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// addFixtures seeds a fuzzer with every fixture in testdata.
func addFixtures(f *testing.F, add func(name string, data []byte)) {
	ents, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range ents {
		if e.Type().IsRegular() {
			data, err := os.ReadFile(filepath.Join("testdata", e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			add(e.Name(), data)
		}
	}
}

// FuzzDecode feeds Decode damaged variations of the fixtures: it must never
// panic, must refuse with a *Refusal, and what it accepts must be sane.
func FuzzDecode(f *testing.F) {
	addFixtures(f, func(name string, data []byte) { f.Add(name, data) })
	f.Add("x.tcx", []byte(`<TrainingCenterDatabase><Activities><Activity Sport="Running"><Lap StartTime="2024-05-04T06:30:00Z">`+
		`<TotalTimeSeconds>60</TotalTimeSeconds></Lap></Activity></Activities></TrainingCenterDatabase>`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		checkDecode(t, name, data)
		if sniff(data) == kindFIT {
			// Again with the checksums made to match, so that the changes
			// reach what lies behind them.
			checkDecode(t, name, fixFITCRC(data))
		}
	})
}

func checkDecode(t *testing.T, name string, data []byte) {
	acts, err := Decode(name, data, WithNow(now))
	if err != nil {
		var r *Refusal
		if !errors.As(err, &r) || r.Reason == "" {
			t.Fatalf("error %v is not a refusal", err)
		}
		return
	}
	if len(acts) == 0 {
		t.Fatal("no activities and no refusal")
	}
	for _, a := range acts {
		checkSane(t, a)
	}
}

func checkSane(t *testing.T, a Activity) {
	t.Helper()
	if a.Elapsed <= 0 || a.Elapsed > maxElapsed || a.Moving < 0 || a.Moving > a.Elapsed {
		t.Fatalf("elapsed %v, moving %v", a.Elapsed, a.Moving)
	}
	if a.Start.Before(earliest) || a.Start.After(now.Add(futureSlack)) {
		t.Fatalf("start %v", a.Start)
	}
	for _, v := range []float64{a.DistanceM, a.AscentM} {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Fatalf("distance %g, ascent %g", a.DistanceM, a.AscentM)
		}
	}
	if a.AvgHR < 0 || a.MaxHR < a.AvgHR || a.AvgPower < 0 || a.NormPower < 0 {
		t.Fatalf("HR %d/%d, power %d/%d", a.AvgHR, a.MaxHR, a.AvgPower, a.NormPower)
	}
	if len(a.Stream) > maxSamples {
		t.Fatalf("%d samples", len(a.Stream))
	}
	for i, s := range a.Stream {
		if math.IsNaN(s.SpeedMS) || math.IsNaN(s.AltitudeM) || math.IsInf(s.SpeedMS, 0) || math.IsInf(s.AltitudeM, 0) ||
			i > 0 && s.Offset <= a.Stream[i-1].Offset {
			t.Fatalf("sample %d: %+v", i, s)
		}
	}
	load, rpe, _ := EstimateLoad(a, Thresholds{FTP: 250, ThresholdHR: 170})
	if math.IsNaN(load) || load < 0 || rpe < 0 || rpe > 10 {
		t.Fatalf("load %g, RPE %g", load, rpe)
	}
	_ = a.TimeAboveHR(150)
}

// FuzzExpand feeds Expand damaged zips and gzip files: it must never panic,
// must refuse with a *Refusal, and must keep within its limits.
func FuzzExpand(f *testing.F) {
	run := fixture(f, "pool_swim.fit")
	f.Add(makeZip(f, zipMember{"a/1.fit", run}, zipMember{"a/2.gpx.gz", gz(f, fixture(f, "future.gpx"))}, zipMember{"x.txt", nil}))
	f.Add(makeZip(f, zipMember{"outer/inner.zip", makeZip(f, zipMember{"1.fit", run})}))
	f.Add(gz(f, run))
	f.Add(bomb(f, "b.fit", 1<<20, 1<<20))
	f.Add(run)
	lim := Limits{MaxFileBytes: 64 << 10, MaxTotalBytes: 256 << 10, MaxFiles: 8}
	f.Fuzz(func(t *testing.T, data []byte) {
		files, err := Expand("upload.zip", data, lim)
		if err != nil {
			var r *Refusal
			if !errors.As(err, &r) || r.Reason == "" {
				t.Fatalf("error %v is not a refusal", err)
			}
			return
		}
		total := 0
		for _, file := range files {
			if file.Err != nil {
				var r *Refusal
				if !errors.As(file.Err, &r) || file.Data != nil {
					t.Fatalf("%s: %v", file.Name, file.Err)
				}
			}
			if int64(len(file.Data)) > lim.MaxFileBytes {
				t.Fatalf("%s: %d bytes", file.Name, len(file.Data))
			}
			total += len(file.Data)
			if _, err := Decode(file.Name, file.Data, WithNow(now)); err != nil && !errors.As(err, new(*Refusal)) {
				t.Fatalf("%s: %v", file.Name, err)
			}
		}
		if len(files) > lim.MaxFiles || int64(total) > lim.MaxTotalBytes {
			t.Fatalf("%d files, %d bytes", len(files), total)
		}
	})
}
