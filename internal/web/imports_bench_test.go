package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"rebound/internal/auth"
	"rebound/internal/imports"
	"rebound/internal/imports/importstest"
	"rebound/internal/pgtest"
	"rebound/internal/store"
)

// A bulk export end to end: a zip of 300 FIT files (45–75 min at one
// record a second, as watches write them; 16 MB), one a day over ten
// months each with a planned workout to match, uploaded by the coach
// through the router and read by the server's two workers into the
// database, until the job's report is complete. The target is under 10 s
// on two cores (docs/PERFORMANCE.md).
//
//	go test ./internal/web -run '^$' -bench Import300 -benchtime 3x
func BenchmarkImport300FileZip(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, pgtest.DSN(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(st.Close)
	cfg := testConfig()
	cfg.MaxUploadBytes, cfg.RequestTimeout = 100<<20, time.Minute
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := New(cfg, st, logger)
	worker := imports.NewWorker(st, logger)
	srv.WakeImports(worker.Wake)
	ts := httptest.NewServer(srv)
	b.Cleanup(ts.Close)
	wctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { worker.Run(wctx); close(done) }()
	b.Cleanup(func() { stop(); <-done })

	hash, err := auth.HashPassword(ctx, testPassword)
	if err != nil {
		b.Fatal(err)
	}
	coach, err := st.CreateCoach(ctx, "Carla Coach", "carla@example.com", hash, true)
	if err != nil {
		b.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.PostForm(ts.URL+"/login", url.Values{"email": {"carla@example.com"}, "password": {testPassword}})
	if err != nil || resp.StatusCode != http.StatusSeeOther {
		b.Fatalf("sign in: %v %v", resp, err)
	}
	resp.Body.Close()

	const files = 300
	first := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -files)
	var members []importstest.File
	for i := range files {
		start := first.AddDate(0, 0, i).Add(6*time.Hour + time.Duration(i%5)*time.Hour)
		members = append(members, importstest.File{Name: fmt.Sprintf("activities/%d.fit", 1000+i),
			Data: importstest.FIT(importstest.Workout{Sport: "run", Start: start, Minutes: 45 + i%31, HR: 140 + i%20})})
	}
	zip := importstest.Zip(members...)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("files", "export.zip")
	fw.Write(zip)
	mw.Close()
	b.ReportMetric(float64(len(zip))/(1<<20), "MB/zip")

	for i := range b.N {
		b.StopTimer()
		ath, err := st.CreateAthlete(ctx, coach, store.NewAthlete{Name: "Maya Runner", Email: fmt.Sprintf("maya%d@example.com", i), Timezone: "Europe/Berlin"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Pool().Exec(ctx, `
			INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned_duration_s)
			SELECT $1, $2, $3::date + g, 'run', 'easy', 'Easy run', 3600 FROM generate_series(0, $4 - 1) g`,
			ath.ID, coach.ID, first, files); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		req, _ := http.NewRequest(http.MethodPost, ts.URL+athletePath(ath.ID)+"/imports", bytes.NewReader(body.Bytes()))
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Origin", ts.URL)
		resp, err := hc.Do(req)
		if err != nil || resp.StatusCode != http.StatusSeeOther {
			b.Fatalf("upload: %v %v", resp, err)
		}
		resp.Body.Close()
		var job int64
		fmt.Sscanf(resp.Header.Get("Location"), athletePath(ath.ID)+"/imports/%d", &job)
		for {
			j, err := st.ImportJob(ctx, coach, ath.ID, job)
			if err != nil {
				b.Fatal(err)
			}
			if j.Done() {
				if j.Count("imported") != files {
					b.Fatalf("%d of %d imported: %d duplicates, %d refused", j.Count("imported"), files, j.Count("duplicate"), j.Count("refused"))
				}
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	b.ReportMetric(float64(files*b.N)/b.Elapsed().Seconds(), "files/s")
}
