package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"rebound/internal/config"
	"rebound/internal/store"
	"rebound/internal/training"
)

// Imports of one athlete's wearable data at once — the coach and the
// athlete, a double submit, files newest first and oldest first — all
// succeed: every row is stored, and every answered check-in carries the
// verdict a single import of the same file gives a twin athlete.
func TestParallelImportsStoreAndScoreEveryRow(t *testing.T) {
	// The six imports queue on the athlete's lock: the last waits for the
	// other five, longer than the tests' usual 5 s on a loaded machine.
	a := newApp(t, func(c *config.Config) { c.RequestTimeout = time.Minute })
	ctx := context.Background()
	ca := a.coach("Carla Coach", "carla@example.com")
	maya, mayaUser := a.athlete(ca, "Maya Runner", "maya@example.com")
	twin, twinUser := a.athlete(ca, "Ines Twin", "ines@example.com")
	coach := a.signedIn("carla@example.com")
	athlete := a.signedIn("maya@example.com")

	// Six weeks of answered check-ins, judged before the wearable's data.
	for _, who := range []struct {
		u  store.User
		id int64
	}{{mayaUser, maya.ID}, {twinUser, twin.ID}} {
		for d := 42; d >= 0; d-- {
			c := training.CheckIn{AthleteID: who.id, Day: berlinDay(t, -d), Answered: true, SleepHours: 7.5, SleepQuality: 4,
				Fatigue: 4, Soreness: 4, Stress: 4, Mood: 4, Motivation: 4, Score: 80, Light: "green"}
			if err := a.store.SaveCheckIn(ctx, who.u, c); err != nil {
				t.Fatal(err)
			}
		}
	}
	// A year of measurements; the last week's resting HR well up.
	const days = 365
	rows := make([]string, 0, days)
	for k := days - 1; k >= 0; k-- {
		hr := 48 + k%3
		if k < 5 {
			hr = 62
		}
		rows = append(rows, fmt.Sprintf("%s,%d,%.1f,%.2f", berlinDay(t, -k).Format("2006-01-02"), hr, 55+float64(k%9), 7+float64(k%4)/4))
	}
	header := "date,resting_hr,hrv_rmssd,sleep_hours\n"
	oldestFirst := header + strings.Join(rows, "\n") + "\n"
	reversed := make([]string, len(rows))
	for i, r := range rows {
		reversed[len(rows)-1-i] = r
	}
	newestFirst := header + strings.Join(reversed, "\n") + "\n"

	if r := upload(t, coach, athletePath(twin.ID)+"/checkins/import", oldestFirst); r.StatusCode != http.StatusOK {
		t.Fatalf("the twin's import: %d", r.StatusCode)
	}

	for round := range 3 {
		type job struct {
			who  string
			c    *client
			file string
		}
		jobs := []job{{"coach, newest first", coach, newestFirst}, {"athlete, oldest first", athlete, oldestFirst},
			{"coach, oldest first", coach, oldestFirst}, {"athlete, newest first", athlete, newestFirst},
			{"coach, newest first", coach, newestFirst}, {"athlete, newest first", athlete, newestFirst}}
		statuses := make([]int, len(jobs))
		errs := make([]error, len(jobs))
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i, j := range jobs {
			wg.Go(func() {
				var body bytes.Buffer
				mw := multipart.NewWriter(&body)
				fw, _ := mw.CreateFormFile("file", "export.csv")
				fw.Write([]byte(j.file))
				mw.Close()
				req, _ := http.NewRequest(http.MethodPost, a.ts.URL+athletePath(maya.ID)+"/checkins/import", &body)
				req.Header.Set("Content-Type", mw.FormDataContentType())
				req.Header.Set("Origin", a.ts.URL)
				<-start
				r, err := j.c.hc.Do(req)
				if err != nil {
					errs[i] = err
					return
				}
				io.Copy(io.Discard, r.Body)
				r.Body.Close()
				statuses[i] = r.StatusCode
			})
		}
		close(start)
		wg.Wait()
		for i, j := range jobs {
			if errs[i] != nil || statuses[i] != http.StatusOK {
				t.Errorf("round %d, %s: %d %v", round, j.who, statuses[i], errs[i])
			}
		}
	}
	if strings.Contains(a.logs.String(), "deadlock") {
		t.Error("the log reports a deadlock")
	}

	got, err := a.store.CheckIns(ctx, ca, maya.ID, berlinDay(t, -days), berlinDay(t, 0))
	if err != nil {
		t.Fatal(err)
	}
	want, err := a.store.CheckIns(ctx, ca, twin.ID, berlinDay(t, -days), berlinDay(t, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != days || len(want) != days {
		t.Fatalf("%d rows stored, the twin %d; want %d", len(got), len(want), days)
	}
	raised := 0
	for i, g := range got {
		w := want[i]
		if g.Day != w.Day || g.RestingHR != w.RestingHR || g.HRV != w.HRV || g.SleepHours != w.SleepHours || g.Answered != w.Answered {
			t.Errorf("%s: stored %d bpm %.1f ms %.2f h, want %d bpm %.1f ms %.2f h", g.Day.Format("2006-01-02"),
				g.RestingHR, g.HRV, g.SleepHours, w.RestingHR, w.HRV, w.SleepHours)
		}
		if g.Score != w.Score || g.Light != w.Light || !reflect.DeepEqual(g.Reasons, w.Reasons) {
			t.Errorf("%s: verdict %d %s %v, want %d %s %v", g.Day.Format("2006-01-02"), g.Score, g.Light, g.Reasons, w.Score, w.Light, w.Reasons)
		}
		if g.Light != "" && g.Light != "green" {
			raised++
		}
	}
	if raised == 0 {
		t.Error("no verdict changed with the import: the test proves nothing")
	}
}
