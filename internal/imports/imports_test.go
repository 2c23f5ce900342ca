package imports_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"rebound/internal/auth"
	"rebound/internal/imports"
	"rebound/internal/imports/importstest"
	"rebound/internal/load"
	"rebound/internal/pgtest"
	"rebound/internal/store"
	"rebound/internal/training"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var hash = func() string {
	h, err := auth.HashPassword(context.Background(), "kettle orbit walnut")
	if err != nil {
		panic(err)
	}
	return h
}()

// now is the tests' present: a Wednesday.
var now = time.Date(2026, 3, 4, 18, 0, 0, 0, time.UTC)

// fixture is a coach, their athlete (with an account) in zone, and the
// store on a fresh database with its clock at now.
type fixture struct {
	st           *store.Store
	coach, maya  store.User
	athlete      training.Athlete
	worker       *imports.Worker
	ctx          context.Context
	t            *testing.T
	otherCoach   store.User
	otherAthlete training.Athlete
}

func newFixture(t *testing.T, zone string) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	st.Now = func() time.Time { return now }
	coach, err := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := st.CreateInvitedAthlete(ctx, coach, store.NewAthlete{Name: "Maya", Email: "maya@example.com", Timezone: zone}, auth.HashToken("m"))
	if err != nil {
		t.Fatal(err)
	}
	maya, err := st.AcceptAthleteInvite(ctx, auth.HashToken("m"), hash)
	if err != nil {
		t.Fatal(err)
	}
	p := a.Profile
	p.ThresholdHR, p.MaxHR, p.FTP = 170, 190, 250
	if err := st.UpdateProfile(ctx, coach, a.ID, p); err != nil {
		t.Fatal(err)
	}
	other, err := st.CreateCoach(ctx, "Otto", "otto@example.com", hash, true)
	if err != nil {
		t.Fatal(err)
	}
	oa, err := st.CreateAthlete(ctx, other, store.NewAthlete{Name: "Olga", Email: "olga@example.com", Timezone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{st: st, coach: coach, maya: maya, athlete: a, ctx: ctx, t: t,
		worker: imports.NewWorker(st, slog.New(slog.NewTextHandler(io.Discard, nil))), otherCoach: other, otherAthlete: oa}
}

// plan adds a planned workout on day.
func (f *fixture) plan(day time.Time, sport, kind, title string, minutes int) training.Workout {
	f.t.Helper()
	w, err := f.st.AddWorkout(f.ctx, f.coach, f.athlete.ID, day, training.Prescription{Sport: sport, Kind: kind, Title: title, PlannedDurationS: minutes * 60})
	if err != nil {
		f.t.Fatal(err)
	}
	return w
}

// upload queues the files as actor and works the queue.
func (f *fixture) upload(actor store.User, files ...store.UploadedFile) store.ImportJob {
	f.t.Helper()
	id, err := f.st.CreateImport(f.ctx, actor, f.athlete.ID, files)
	if err != nil {
		f.t.Fatal(err)
	}
	if err := f.worker.Drain(f.ctx); err != nil {
		f.t.Fatal(err)
	}
	j, err := f.st.ImportJob(f.ctx, actor, f.athlete.ID, id)
	if err != nil {
		f.t.Fatal(err)
	}
	if !j.Done() {
		f.t.Fatalf("job not done after draining: %+v", j.Files)
	}
	return j
}

func (f *fixture) workout(id int64) training.Workout {
	f.t.Helper()
	w, err := f.st.Workout(f.ctx, f.coach, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return w
}

// dayLoad is the load the database keeps for the athlete's day.
func (f *fixture) dayLoad(day time.Time) float64 {
	f.t.Helper()
	h, err := f.st.Days(f.ctx, f.coach, f.athlete.ID, day, day)
	if err != nil {
		f.t.Fatal(err)
	}
	if len(h.Days) != 1 {
		return 0
	}
	return h.Days[0].Load
}

func file(name string, data []byte) store.UploadedFile {
	return store.UploadedFile{Name: name, Data: data}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// A run on a day with two planned runs becomes the record of the one
// closest in planned time; its load is the estimate until the athlete
// rates it, then RPE × minutes.
func TestARunIsMatchedToTheClosestPlannedRun(t *testing.T) {
	f := newFixture(t, "Europe/Berlin")
	tue := day(2026, 3, 3)
	short := f.plan(tue, "run", "easy", "Easy run", 30)
	long := f.plan(tue, "run", "long", "Long run", 50)
	f.plan(tue, "bike", "easy", "Spin", 45)
	start := time.Date(2026, 3, 3, 6, 0, 0, 0, time.UTC) // 07:00 in Berlin
	j := f.upload(f.maya, file("morning.fit", importstest.FIT(importstest.Workout{Sport: "run", Start: start, Minutes: 45, HR: 150})))
	if got := j.Files[0]; got.Status != "imported" || got.Activities != 1 || got.Matched != 1 || got.Workout == nil || got.Workout.ID != long.ID {
		t.Fatalf("file: %+v, want matched to the long run %d", got, long.ID)
	}
	w := f.workout(long.ID)
	if w.Status != "done" || w.Log.DurationS != 45*60 || w.Log.DistanceM != 8100 || w.Log.AvgHR < 145 || w.Log.AvgHR > 155 ||
		!w.Log.Unrated || w.Log.LoadMethod != "heart rate" || w.Log.EstimatedLoad <= 0 || w.ActivityID == 0 {
		t.Fatalf("long run after the import: %+v", w)
	}
	if s := f.workout(short.ID); s.Status != "planned" {
		t.Errorf("the easy run is %s, want still planned", s.Status)
	}
	if got := f.dayLoad(tue); got != w.Log.EstimatedLoad {
		t.Errorf("day load %v, want the estimate %v", got, w.Log.EstimatedLoad)
	}
	// The athlete rates it: RPE × minutes counts, the estimate no longer.
	if _, err := f.st.RateWorkout(f.ctx, f.maya, w.ID, 6); err != nil {
		t.Fatal(err)
	}
	if got := f.dayLoad(tue); got != 6*45 {
		t.Errorf("day load after RPE 6: %v, want 270", got)
	}
	if w := f.workout(long.ID); w.Log.Unrated || load.Logged(w.Log) != 270 || w.Log.EstimatedLoad == 0 {
		t.Errorf("rated workout: %+v", w.Log)
	}
	x, err := f.st.Activity(f.ctx, f.maya, w.ActivityID)
	if err != nil {
		t.Fatal(err)
	}
	if x.Sport != "run" || !x.Start.Equal(start) || !x.Day.Equal(tue) || len(x.Laps) != 3 || len(x.Stream.T) < 200 ||
		len(x.Stream.HR) != len(x.Stream.T) || x.FileName != "morning.fit" || x.UploadedBy != "Maya" {
		t.Errorf("activity: sport %s start %v day %v laps %d samples %d/%d file %q by %q",
			x.Sport, x.Start, x.Day, len(x.Laps), len(x.Stream.T), len(x.Stream.HR), x.FileName, x.UploadedBy)
	}
	// Nobody else sees it.
	if _, err := f.st.Activity(f.ctx, f.otherCoach, w.ActivityID); err == nil {
		t.Error("another coach read the activity")
	}
}

// With nothing planned in its sport that day, a file becomes a workout of
// its own, named from its sport.
func TestAFileWithoutAPlanBecomesAnUnplannedWorkout(t *testing.T) {
	f := newFixture(t, "UTC")
	tue := day(2026, 3, 3)
	run := f.plan(tue, "run", "easy", "Easy run", 40)
	j := f.upload(f.coach, file("ride.fit", importstest.FIT(importstest.Workout{Sport: "bike", Start: tue.Add(17 * time.Hour), Minutes: 60, HR: 135, Power: 190})))
	got := j.Files[0]
	if got.Status != "imported" || got.Matched != 0 || got.Workout == nil {
		t.Fatalf("file: %+v", got)
	}
	w := f.workout(got.Workout.ID)
	if w.Planned || w.Status != "done" || w.Sport != "bike" || w.Title != "Road ride" || w.Log.LoadMethod != "power" || w.Log.DurationS != 3600 {
		t.Errorf("the ride: %+v", w)
	}
	if f.workout(run.ID).Status != "planned" {
		t.Error("the run was taken")
	}
	// A done workout without a plan is not matched again: a second ride
	// that day is one more workout of its own.
	j = f.upload(f.coach, file("ride2.gpx", importstest.GPX(importstest.Workout{Sport: "bike", Start: tue.Add(19 * time.Hour), Minutes: 20, Step: 5 * time.Second})))
	if got := j.Files[0]; got.Status != "imported" || got.Matched != 0 || got.Workout.ID == w.ID {
		t.Errorf("second ride: %+v", got)
	}
}

// The same file, or the same workout in another file, is imported once,
// whether the athlete or the coach uploads it.
func TestDuplicatesAcrossTheAthletesAndTheCoachsUploads(t *testing.T) {
	f := newFixture(t, "UTC")
	tue := day(2026, 3, 3)
	f.plan(tue, "run", "easy", "Easy run", 40)
	w := importstest.Workout{Sport: "run", Start: tue.Add(7 * time.Hour), Minutes: 40, HR: 145}
	fit := importstest.FIT(w)
	if j := f.upload(f.maya, file("run.fit", fit)); j.Files[0].Status != "imported" {
		t.Fatalf("first upload: %+v", j.Files[0])
	}
	j := f.upload(f.coach, file("copy.fit", fit), file("run.gpx", importstest.GPX(w)), file("run.fit", fit))
	for i, got := range j.Files {
		if got.Status != "duplicate" || got.Reason == "" {
			t.Errorf("coach's file %d: %+v, want a duplicate with the reason", i, got)
		}
	}
	t.Logf("reasons: %q, %q", j.Files[0].Reason, j.Files[1].Reason)
	var n int
	if err := f.st.Pool().QueryRow(f.ctx, `SELECT count(*) FROM activities`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d activities, %v", n, err)
	}
	// The same file in one upload twice: once imported, once a duplicate.
	other := importstest.FIT(importstest.Workout{Sport: "run", Start: tue.Add(18 * time.Hour), Minutes: 20})
	j = f.upload(f.maya, file("a.fit", other), file("b.fit", other))
	if j.Files[0].Status != "imported" || j.Files[1].Status != "duplicate" {
		t.Errorf("one upload, one file twice: %+v", j.Files)
	}
}

// A workout's day is its start's day in the athlete's zone, not in UTC:
// either side of the athlete's midnight.
func TestTheDayIsTheAthletesLocalDayAtMidnight(t *testing.T) {
	f := newFixture(t, "America/Los_Angeles")
	mon, tue := day(2026, 3, 2), day(2026, 3, 3)
	late := f.plan(mon, "run", "easy", "Late run", 30)
	early := f.plan(tue, "run", "easy", "Early run", 30)
	// 07:30 UTC on Tuesday is 23:30 on Monday in Los Angeles (UTC−8).
	lateStart := time.Date(2026, 3, 3, 7, 30, 0, 0, time.UTC)
	// 08:30 UTC on Tuesday is 00:30 on Tuesday there.
	earlyStart := time.Date(2026, 3, 3, 8, 30, 0, 0, time.UTC)
	j := f.upload(f.maya,
		file("late.fit", importstest.FIT(importstest.Workout{Sport: "run", Start: lateStart, Minutes: 25, HR: 140})),
		file("early.fit", importstest.FIT(importstest.Workout{Sport: "run", Start: earlyStart, Minutes: 25, HR: 140})))
	if j.Files[0].Workout == nil || j.Files[0].Workout.ID != late.ID || !j.Files[0].Workout.Day.Equal(mon) {
		t.Errorf("23:30 local: %+v, want Monday's run", j.Files[0].Workout)
	}
	if j.Files[1].Workout == nil || j.Files[1].Workout.ID != early.ID {
		t.Errorf("00:30 local: %+v, want Tuesday's run", j.Files[1].Workout)
	}
	// And in Auckland (UTC+13 in March) 11:30 UTC on Tuesday is Wednesday.
	g := newFixture(t, "Pacific/Auckland")
	wed := g.plan(day(2026, 3, 4), "run", "easy", "Wednesday run", 30)
	j = g.upload(g.maya, file("nz.fit", importstest.FIT(importstest.Workout{Sport: "run", Start: time.Date(2026, 3, 3, 11, 30, 0, 0, time.UTC), Minutes: 30})))
	if j.Files[0].Workout == nil || j.Files[0].Workout.ID != wed.ID {
		t.Errorf("Auckland: %+v, want Wednesday's run", j.Files[0])
	}
}

// The athlete moves a file to another workout of the day, to a workout of
// its own, and back: the done record (time, RPE, notes) moves with it and
// the workout left behind is planned again.
func TestReMatchAndUnmatch(t *testing.T) {
	f := newFixture(t, "UTC")
	tue := day(2026, 3, 3)
	easy := f.plan(tue, "run", "easy", "Easy run", 40)
	tempo := f.plan(tue, "run", "tempo", "Tempo run", 60)
	rest := f.plan(tue, "run", "rest", "Rest", 0)
	j := f.upload(f.maya, file("run.fit", importstest.FIT(importstest.Workout{Sport: "run", Start: tue.Add(7 * time.Hour), Minutes: 40, HR: 150})))
	if j.Files[0].Workout.ID != easy.ID {
		t.Fatalf("matched to %d, want the easy run", j.Files[0].Workout.ID)
	}
	if _, err := f.st.RateWorkout(f.ctx, f.maya, easy.ID, 7); err != nil {
		t.Fatal(err)
	}
	// It was the tempo run.
	moved, err := f.st.MoveActivity(f.ctx, f.maya, easy.ID, tempo.ID)
	if err != nil {
		t.Fatal(err)
	}
	if moved.ID != tempo.ID || moved.Status != "done" || moved.Log.RPE != 7 || moved.Log.Unrated || moved.ActivityID == 0 {
		t.Errorf("tempo after the move: %+v", moved)
	}
	if e := f.workout(easy.ID); e.Status != "planned" || e.ActivityID != 0 || e.Log.DurationS != 0 {
		t.Errorf("easy run left behind: %+v", e)
	}
	if got := f.dayLoad(tue); got != 7*40 {
		t.Errorf("day load %v, want 280", got)
	}
	// Not to a rest day, nor to another athlete's workout, nor by a stranger.
	if _, err := f.st.MoveActivity(f.ctx, f.maya, tempo.ID, rest.ID); !errors.Is(err, store.ErrNotMatchable) {
		t.Errorf("to a rest day: %v", err)
	}
	if _, err := f.st.MoveActivity(f.ctx, f.otherCoach, tempo.ID, 0); err == nil {
		t.Error("another coach moved the file")
	}
	// Unmatched: a workout of its own, the tempo run planned again.
	own, err := f.st.MoveActivity(f.ctx, f.coach, tempo.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if own.Planned || own.Status != "done" || own.Log.RPE != 7 || own.Title != "Run" || !own.Day.Equal(tue) {
		t.Errorf("unmatched: %+v", own)
	}
	if tp := f.workout(tempo.ID); tp.Status != "planned" {
		t.Errorf("tempo run: %s", tp.Status)
	}
	// And back onto the easy run: the workout of its own is gone.
	back, err := f.st.MoveActivity(f.ctx, f.maya, own.ID, easy.ID)
	if err != nil {
		t.Fatal(err)
	}
	if back.ID != easy.ID || back.Log.RPE != 7 {
		t.Errorf("back: %+v", back)
	}
	if _, err := f.st.Workout(f.ctx, f.coach, own.ID); err == nil {
		t.Error("the unplanned workout is still there")
	}
	// Deleting the workout deletes the file, which can then come again.
	if err := f.st.DeleteWorkout(f.ctx, f.coach, easy.ID, f.workout(easy.ID).Version, ""); err != nil {
		t.Fatal(err)
	}
	var files int
	if err := f.st.Pool().QueryRow(f.ctx, `SELECT count(*) FROM activity_files`).Scan(&files); err != nil || files != 0 {
		t.Errorf("%d files after the workout was deleted (%v)", files, err)
	}
}

// A file that cannot be read is refused with its reason, writes nothing,
// and the others of the upload are imported.
func TestABadFileIsRefusedAndTheOthersImported(t *testing.T) {
	f := newFixture(t, "UTC")
	tue := day(2026, 3, 3)
	good := importstest.FIT(importstest.Workout{Sport: "run", Start: tue.Add(7 * time.Hour), Minutes: 30, HR: 140})
	j := f.upload(f.maya,
		file("cut.fit", good[:len(good)/2]),
		file("good.fit", good),
		file("notes.txt", []byte("just some notes")),
		file("future.gpx", importstest.GPX(importstest.Workout{Sport: "run", Start: now.AddDate(0, 1, 0), Minutes: 10, Step: 10 * time.Second})),
		file("old.gpx", importstest.GPX(importstest.Workout{Sport: "run", Start: time.Date(1999, 5, 1, 8, 0, 0, 0, time.UTC), Minutes: 10, Step: 10 * time.Second})),
		store.UploadedFile{Name: "bomb.zip", Reason: "This upload unpacks to too much."})
	want := []string{"refused", "imported", "refused", "refused", "refused", "refused"}
	for i, got := range j.Files {
		if got.Status != want[i] {
			t.Errorf("%s: %s, want %s", got.Name, got.Status, want[i])
		}
		if got.Status == "refused" && got.Reason == "" {
			t.Errorf("%s refused without a reason", got.Name)
		}
		t.Logf("%s: %s %q", got.Name, got.Status, got.Reason)
	}
	var files, acts, workouts int
	if err := f.st.Pool().QueryRow(f.ctx, `SELECT (SELECT count(*) FROM activity_files), (SELECT count(*) FROM activities),
		(SELECT count(*) FROM workouts)`).Scan(&files, &acts, &workouts); err != nil {
		t.Fatal(err)
	}
	if files != 1 || acts != 1 || workouts != 1 {
		t.Errorf("%d files, %d activities, %d workouts: want one of each", files, acts, workouts)
	}
	var left int
	if err := f.st.Pool().QueryRow(f.ctx, `SELECT count(*) FROM import_files WHERE data IS NOT NULL`).Scan(&left); err != nil || left != 0 {
		t.Errorf("%d files still hold their bytes (%v)", left, err)
	}
}

// A triathlon file gives a workout per leg, each matched in its sport.
func TestAMultisportFileGivesAWorkoutPerLeg(t *testing.T) {
	f := newFixture(t, "UTC")
	sun := day(2026, 3, 1)
	swim := f.plan(sun, "swim", "race", "Sprint triathlon: swim", 10)
	bike := f.plan(sun, "bike", "race", "Sprint triathlon: bike", 20)
	j := f.upload(f.maya, file("tri.fit", importstest.Triathlon(sun.Add(8*time.Hour))))
	got := j.Files[0]
	if got.Status != "imported" || got.Activities != 3 || got.Matched != 2 {
		t.Fatalf("triathlon: %+v", got)
	}
	if f.workout(swim.ID).Status != "done" || f.workout(bike.ID).Status != "done" {
		t.Error("the legs were not matched")
	}
}

// A worker that took a file and stopped half way (its transaction rolled
// back, as when a server dies) leaves it waiting; the next worker, after a
// restart, imports it.
func TestAnAbandonedFileIsTakenAgain(t *testing.T) {
	f := newFixture(t, "UTC")
	tue := day(2026, 3, 3)
	id, err := f.st.CreateImport(f.ctx, f.maya, f.athlete.ID, []store.UploadedFile{
		file("run.fit", importstest.FIT(importstest.Workout{Sport: "run", Start: tue.Add(7 * time.Hour), Minutes: 30}))})
	if err != nil {
		t.Fatal(err)
	}
	// A server takes the file...
	tx, err := f.st.Pool().Begin(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var pos int
	if err := tx.QueryRow(f.ctx, `SELECT position FROM import_files WHERE job_id = $1 AND status = 'pending' FOR UPDATE SKIP LOCKED`, id).Scan(&pos); err != nil {
		t.Fatal(err)
	}
	// ...so another worker finds nothing to do meanwhile,
	if _, err := f.st.ImportNext(f.ctx, func(store.PendingImport) store.ImportResult {
		t.Fatal("a held file was read twice")
		return store.ImportResult{}
	}, imports.Match); !errors.Is(err, store.ErrQueueEmpty) {
		t.Fatalf("while held: %v", err)
	}
	// ...then dies: its transaction is rolled back.
	if err := tx.Rollback(f.ctx); err != nil {
		t.Fatal(err)
	}
	// After the restart, a new worker imports the file.
	restarted := imports.NewWorker(f.st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx, cancel := context.WithCancel(f.ctx)
	done := make(chan struct{})
	go func() { restarted.Run(ctx); close(done) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		j, err := f.st.ImportJob(f.ctx, f.maya, f.athlete.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		if j.Done() {
			if j.Files[0].Status != "imported" {
				t.Errorf("after the restart: %+v", j.Files[0])
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the abandoned file was not imported within 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	<-done
}

// Two workers on one queue (two servers) import each file exactly once.
func TestTwoWorkersShareTheQueue(t *testing.T) {
	f := newFixture(t, "UTC")
	var files []store.UploadedFile
	for i := range 40 {
		start := day(2026, 2, 1).AddDate(0, 0, i%28).Add(time.Duration(6+i/28) * time.Hour)
		files = append(files, file("run.fit", importstest.FIT(importstest.Workout{Sport: "run", Start: start, Minutes: 20, HR: 140, Step: 5 * time.Second})))
	}
	id, err := f.st.CreateImport(f.ctx, f.maya, f.athlete.ID, files)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	reads := map[int]int{}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for {
				_, err := f.st.ImportNext(f.ctx, func(p store.PendingImport) store.ImportResult {
					mu.Lock()
					reads[p.Position]++
					mu.Unlock()
					return imports.Read(p, now)
				}, imports.Match)
				if errors.Is(err, store.ErrQueueEmpty) {
					return
				}
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	for i := range files {
		if reads[i] != 1 {
			t.Errorf("file %d read %d times", i, reads[i])
		}
	}
	j, err := f.st.ImportJob(f.ctx, f.maya, f.athlete.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	if j.Count("imported") != 40 {
		t.Errorf("%d imported, want 40: %d duplicates, %d refused", j.Count("imported"), j.Count("duplicate"), j.Count("refused"))
	}
}

// An import job is seen by the athlete and their coach only.
func TestImportJobsAreScoped(t *testing.T) {
	f := newFixture(t, "UTC")
	id, err := f.st.CreateImport(f.ctx, f.maya, f.athlete.ID, []store.UploadedFile{{Name: "x.fit", Reason: "Empty."}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.ImportJob(f.ctx, f.coach, f.athlete.ID, id); err != nil {
		t.Errorf("the coach: %v", err)
	}
	if _, err := f.st.ImportJob(f.ctx, f.otherCoach, f.athlete.ID, id); err == nil {
		t.Error("another coach read the job")
	}
	if _, err := f.st.CreateImport(f.ctx, f.otherCoach, f.athlete.ID, []store.UploadedFile{{Name: "x.fit", Reason: "Empty."}}); err == nil {
		t.Error("another coach uploaded for the athlete")
	}
	if _, err := f.st.CreateImport(f.ctx, f.maya, f.otherAthlete.ID, []store.UploadedFile{{Name: "x.fit", Reason: "Empty."}}); err == nil {
		t.Error("an athlete uploaded for another")
	}
}
