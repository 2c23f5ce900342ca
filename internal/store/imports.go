package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"rebound/internal/training"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// UploadedFile is one file of an upload as the import queue keeps it until
// a worker reads it. A file refused on arrival (a zip that unpacks to too
// much) has no data and says why in Reason.
type UploadedFile struct {
	Name   string
	Data   []byte
	Reason string
}

// ImportJob is one upload and what became of each of its files.
type ImportJob struct {
	ID         int64
	AthleteID  int64
	UploadedBy string // the uploader's name; "" once their account is gone
	CreatedAt  time.Time
	Files      []ImportFile
}

// ImportFile is one file of an import job.
type ImportFile struct {
	Name       string
	Status     string // pending, imported, duplicate or refused
	Reason     string // in words: why refused, what was a duplicate
	Activities int    // imported from it
	Matched    int    // of those, to a planned workout
	Workout    *FileWorkout
}

// FileWorkout is the workout a file became (the first, for a multisport
// file), as the import report links it.
type FileWorkout struct {
	ID    int64
	Day   time.Time
	Title string
}

// Count is how many of the job's files are in the status.
func (j ImportJob) Count(status string) int {
	n := 0
	for _, f := range j.Files {
		if f.Status == status {
			n++
		}
	}
	return n
}

// Done reports whether every file of the job has been read.
func (j ImportJob) Done() bool { return j.Count("pending") == 0 }

// maxImportName is the longest file name kept (the column allows 300).
const maxImportName = 200

// CreateImport queues the files of an upload for the athlete, by the actor
// (their coach or themself), as one import job: each file waits in the
// queue until a worker takes it (ImportNext). Files with a Reason are
// recorded as refused. It returns the job's id.
func (s *Store) CreateImport(ctx context.Context, actor User, athleteID int64, files []UploadedFile) (int64, error) {
	now := s.Now()
	var id int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `
			INSERT INTO import_jobs (athlete_id, coach_id, uploaded_by, created_at)
			SELECT a.id, a.coach_id, $1, $3 FROM athletes a WHERE a.id = $2 AND (a.coach_id = $1 OR a.user_id = $1)
			RETURNING id`, actor.ID, athleteID, now).Scan(&id)
		if err != nil {
			return err
		}
		rows := make([][]any, len(files))
		for i, f := range files {
			status, done, reason := "pending", (*time.Time)(nil), ""
			if f.Reason != "" || f.Data == nil {
				status, done, reason = "refused", &now, truncate(f.Reason, 1000)
				if reason == "" {
					reason = "The file was empty."
				}
			}
			name := truncate(f.Name, maxImportName)
			if name == "" {
				name = fmt.Sprintf("file %d", i+1)
			}
			var data []byte
			if status == "pending" {
				data = f.Data
			}
			rows[i] = []any{id, i, name, data, status, reason, done}
		}
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"import_files"},
			[]string{"job_id", "position", "name", "data", "status", "reason", "done_at"}, pgx.CopyFromRows(rows))
		return err
	})
	return id, wrap(err, "athlete")
}

// ImportJob returns the athlete's import job with each file's outcome and
// the workout it became, if the actor may see the athlete.
func (s *Store) ImportJob(ctx context.Context, actor User, athleteID, jobID int64) (ImportJob, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT j.id, j.athlete_id, coalesce(u.name, ''), j.created_at,
			f.name, f.status, f.reason, f.activities, f.matched, w.id, w.day, w.title
		FROM import_jobs j
		JOIN athletes a ON a.id = j.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		LEFT JOIN users u ON u.id = j.uploaded_by
		JOIN import_files f ON f.job_id = j.id
		LEFT JOIN workouts w ON w.id = f.workout_id
		WHERE j.id = $3 AND j.athlete_id = $2
		ORDER BY f.position`, actor.ID, athleteID, jobID)
	if err != nil {
		return ImportJob{}, wrap(err, "import")
	}
	defer rows.Close()
	var j ImportJob
	for rows.Next() {
		var f ImportFile
		var id *int64
		var day *time.Time
		var title *string
		if err := rows.Scan(&j.ID, &j.AthleteID, &j.UploadedBy, &j.CreatedAt,
			&f.Name, &f.Status, &f.Reason, &f.Activities, &f.Matched, &id, &day, &title); err != nil {
			return ImportJob{}, wrap(err, "import")
		}
		if id != nil {
			f.Workout = &FileWorkout{ID: *id, Day: *day, Title: *title}
		}
		j.Files = append(j.Files, f)
	}
	if err := rows.Err(); err != nil {
		return ImportJob{}, wrap(err, "import")
	}
	if j.ID == 0 {
		return ImportJob{}, notFound("import")
	}
	return j, nil
}

// PendingImport is a file waiting in the import queue, with what reading
// it needs to know of its athlete.
type PendingImport struct {
	JobID      int64
	Position   int
	Name       string
	Data       []byte
	UploadedBy int64 // 0: the account is gone
	Athlete    ImportAthlete
}

// ImportAthlete is what an import reads of the athlete: their zone (a
// workout's day is its start's day there) and thresholds (for the load).
type ImportAthlete struct {
	ID          int64
	CoachID     int64
	Timezone    string
	ThresholdHR int
	MaxHR       int
	FTP         int
	RestingHR   int // the median of their last 14 check-ins that gave one; 0: none
}

// ImportResult is what reading a waiting file gave: the activities it
// holds, with its hash and gzipped bytes to keep, or why it is refused.
type ImportResult struct {
	Refused    string // in words for the report; the file is not imported
	Hash       string // SHA-256 of the original, hex
	Gzipped    []byte
	Size       int // of the original
	Activities []NewActivity
}

// MatchRule picks, among the workouts planned on an activity's day in its
// sport and still to do, the one the activity is the record of; false:
// none, and the activity becomes a workout of its own.
type MatchRule func(a NewActivity, candidates []training.Workout) (id int64, ok bool)

// ErrQueueEmpty: no file is waiting in the import queue (or every waiting
// one is being read by another worker).
var ErrQueueEmpty = errors.New("import queue empty")

// ImportNext takes the oldest file waiting in the import queue that no
// other worker holds, reads it with read and writes what it holds, all in
// one transaction: the file row stays locked (FOR UPDATE SKIP LOCKED) while
// it is read, so a worker that dies half way leaves it waiting for the
// next, and two workers never take the same file. Each activity is matched
// with match to the day's plan or becomes a workout of its own; a file or
// activity the athlete already has (same bytes, or same sport and start)
// is a duplicate. It returns ErrQueueEmpty when nothing is waiting.
//
// Writes for one athlete take turns (an advisory lock), so the duplicate
// checks and matching of two files read each other's result.
func (s *Store) ImportNext(ctx context.Context, read func(PendingImport) ImportResult, match MatchRule) (ImportFile, error) {
	var out ImportFile
	var p PendingImport
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var uploadedBy *int64
		err := tx.QueryRow(ctx, `
			SELECT f.job_id, f.position, f.name, f.data, j.uploaded_by, a.id, a.coach_id, a.timezone,
				coalesce(a.threshold_hr, 0), coalesce(a.max_hr, 0), coalesce(a.ftp_w, 0),
				coalesce((SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY r.resting_hr) FROM (
					SELECT c.resting_hr FROM checkins c WHERE c.athlete_id = a.id AND c.resting_hr IS NOT NULL
					ORDER BY c.day DESC LIMIT 14) r), 0)
			FROM import_files f
			JOIN import_jobs j ON j.id = f.job_id
			JOIN athletes a ON a.id = j.athlete_id
			WHERE f.status = 'pending'
			ORDER BY f.job_id, f.position
			LIMIT 1
			FOR UPDATE OF f SKIP LOCKED`).Scan(&p.JobID, &p.Position, &p.Name, &p.Data, &uploadedBy,
			&p.Athlete.ID, &p.Athlete.CoachID, &p.Athlete.Timezone, &p.Athlete.ThresholdHR, &p.Athlete.MaxHR,
			&p.Athlete.FTP, &p.Athlete.RestingHR)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrQueueEmpty
		}
		if err != nil {
			return err
		}
		if uploadedBy != nil {
			p.UploadedBy = *uploadedBy
		}
		res := read(p)
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('rebound.imports'), $1::int)`,
			int32(p.Athlete.ID&0x7fffffff)); err != nil {
			return err
		}
		out, err = s.importFile(ctx, tx, p, res, match)
		if err != nil {
			return err
		}
		out.Name = p.Name
		_, err = tx.Exec(ctx, `
			UPDATE import_files SET status = $3, reason = $4, activities = $5, matched = $6, workout_id = $7,
				data = NULL, done_at = $8
			WHERE job_id = $1 AND position = $2`,
			p.JobID, p.Position, out.Status, truncate(out.Reason, 1000), out.Activities, out.Matched, workoutID(out.Workout), s.Now())
		return err
	})
	if errors.Is(err, ErrQueueEmpty) {
		return out, err
	}
	// A file the database would not take (a bug, or a value out of range)
	// must not block the queue: it is refused, and logged by the caller.
	// One caught in a conflict, or by the database going away, waits.
	if err != nil && p.JobID != 0 && !unavailable(err) && !transient(err) && ctx.Err() == nil {
		reason := "Rebound could not save this file. The problem has been logged."
		if _, err2 := s.pool.Exec(ctx, `
			UPDATE import_files SET status = 'refused', reason = $3, data = NULL, done_at = $4
			WHERE job_id = $1 AND position = $2 AND status = 'pending'`, p.JobID, p.Position, reason, s.Now()); err2 != nil {
			return out, wrap(errors.Join(err, err2), "import")
		}
		return ImportFile{Name: p.Name, Status: "refused", Reason: reason}, wrap(err, "import")
	}
	return out, wrap(err, "import")
}

func workoutID(w *FileWorkout) *int64 {
	if w == nil {
		return nil
	}
	return &w.ID
}

// importFile writes what reading one file gave, in the caller's
// transaction, and says what became of it.
func (s *Store) importFile(ctx context.Context, tx pgx.Tx, p PendingImport, res ImportResult, match MatchRule) (ImportFile, error) {
	if res.Refused != "" {
		return ImportFile{Status: "refused", Reason: res.Refused}, nil
	}
	if res.Refused == "" && len(res.Activities) == 0 {
		return ImportFile{Status: "refused", Reason: "The file holds no workout."}, nil
	}
	a := p.Athlete
	if before, err := s.alreadyImported(ctx, tx, `JOIN activity_files f ON f.id = x.file_id
		WHERE f.athlete_id = $1 AND f.hash = $2`, a.ID, res.Hash); err != nil || before != "" {
		return ImportFile{Status: "duplicate", Reason: "The same file was imported before" + before + "."}, err
	}
	var fresh []NewActivity
	var dup string
	for _, act := range res.Activities {
		before, err := s.alreadyImported(ctx, tx, `WHERE x.athlete_id = $1 AND x.sport = $2 AND x.start_at = $3`,
			a.ID, act.Sport, act.Start)
		if err != nil {
			return ImportFile{}, err
		}
		if before != "" {
			dup = before
			continue
		}
		fresh = append(fresh, act)
	}
	if len(fresh) == 0 {
		what := "This workout was imported before"
		if len(res.Activities) > 1 {
			what = "Its workouts were imported before"
		}
		return ImportFile{Status: "duplicate", Reason: what + dup + "."}, nil
	}

	now := s.Now()
	var uploadedBy *int64
	if p.UploadedBy != 0 {
		uploadedBy = &p.UploadedBy
	}
	var fileID int64
	if err := tx.QueryRow(ctx, `
		INSERT INTO activity_files (athlete_id, coach_id, name, hash, size, data, uploaded_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		a.ID, a.CoachID, truncate(p.Name, maxImportName), res.Hash, res.Size, res.Gzipped, uploadedBy, now).Scan(&fileID); err != nil {
		return ImportFile{}, err
	}
	out := ImportFile{Status: "imported", Activities: len(fresh)}
	for _, act := range fresh {
		w, matched, err := s.recordActivity(ctx, tx, a, fileID, act, match, now)
		if err != nil {
			return ImportFile{}, err
		}
		if matched {
			out.Matched++
		}
		if out.Workout == nil {
			out.Workout = &w
		}
	}
	if skipped := len(res.Activities) - len(fresh); skipped > 0 {
		out.Reason = fmt.Sprintf("%d of its %d workouts %s imported before%s.", skipped, len(res.Activities), wasWere(skipped), dup)
	}
	return out, nil
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// alreadyImported names the workout of an activity found by the clause
// (over activities x, $1 the athlete): ", as Easy run on Tuesday 3 March",
// or "" when there is none.
func (s *Store) alreadyImported(ctx context.Context, tx pgx.Tx, clause string, args ...any) (string, error) {
	var title string
	var day time.Time
	err := tx.QueryRow(ctx, `SELECT w.title, w.day FROM activities x JOIN workouts w ON w.id = x.workout_id `+clause+
		` ORDER BY x.id LIMIT 1`, args...).Scan(&title, &day)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return ", as " + title + " on " + day.Format("Monday 2 January 2006"), nil
}

// recordActivity makes act the done record of the planned workout match
// picks among the day's candidates, or of a new unplanned workout, and
// stores it. It returns the workout and whether it was planned.
func (s *Store) recordActivity(ctx context.Context, tx pgx.Tx, a ImportAthlete, fileID int64, act NewActivity,
	match MatchRule, now time.Time) (FileWorkout, bool, error) {
	rows, err := tx.Query(ctx, `SELECT `+workoutColumns+` FROM workouts w
		WHERE w.athlete_id = $1 AND w.day = $2 AND w.sport = $3 AND w.planned AND w.status = 'planned' AND w.kind <> 'rest'
		  AND NOT EXISTS (SELECT FROM activities x WHERE x.workout_id = w.id)
		ORDER BY w.id FOR UPDATE OF w`, a.ID, act.Day, act.Sport)
	if err != nil {
		return FileWorkout{}, false, err
	}
	candidates, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (training.Workout, error) { return scanWorkout(row) })
	if err != nil {
		return FileWorkout{}, false, err
	}
	id, matched := match(act, candidates)
	w := FileWorkout{Day: act.Day, Title: act.Title}
	if matched {
		_, err = tx.Exec(ctx, `
			UPDATE workouts SET status = 'done', actual_duration_s = $2, actual_distance_m = nullif($3::int, 0),
				avg_hr = nullif($4::int, 0), rpe = NULL, estimated_load = $5, load_method = $6,
				logged_at = $7, updated_at = $7, version = version + 1
			WHERE id = $1 AND athlete_id = $8`,
			id, act.DurationS(), act.distance(), act.AvgHR, act.EstimatedLoad, act.LoadMethod, now, a.ID)
	} else {
		err = tx.QueryRow(ctx, `
			INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned, protected, status,
				actual_duration_s, actual_distance_m, avg_hr, estimated_load, load_method, logged_at, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, false, $5 = 'recovery', 'done', $7, nullif($8::int, 0), nullif($9::int, 0),
				$10, $11, $12, $12, $12)
			RETURNING id`,
			a.ID, a.CoachID, act.Day, act.Sport, act.Kind, act.Title, act.DurationS(), act.distance(), act.AvgHR,
			act.EstimatedLoad, act.LoadMethod, now).Scan(&id)
	}
	if err != nil {
		return FileWorkout{}, false, err
	}
	for _, c := range candidates {
		if matched && c.ID == id {
			w.Title = c.Title
		}
	}
	w.ID = id
	return w, matched, insertActivity(ctx, tx, a, fileID, id, act, now)
}

// transient reports whether err is a conflict between transactions that
// goes away when the file is tried again (a deadlock, a serialization
// failure, a lock not available), rather than something wrong with it.
func transient(err error) bool {
	pgErr, ok := errors.AsType[*pgconn.PgError](err)
	return ok && (pgErr.Code == "40P01" || pgErr.Code == "40001" || pgErr.Code == "55P03")
}
