package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"rebound/internal/apperr"
	"rebound/internal/store"
	"rebound/internal/training"
)

// heldCounts compares every thread's kept counts with a count of its
// comments against the read markers.
func heldCounts(t *testing.T, st *store.Store) {
	t.Helper()
	var bad int
	err := st.Pool().QueryRow(context.Background(), `
		SELECT count(*) FROM comment_threads t, LATERAL (
			SELECT count(*) AS n, count(*) FILTER (WHERE NOT c.by_coach AND c.id > t.coach_read) AS coach,
				count(*) FILTER (WHERE c.by_coach AND c.id > t.athlete_read) AS athlete
			FROM comments c WHERE c.thread_id = t.id) x
		WHERE (t.comments, t.coach_unread, t.athlete_unread) IS DISTINCT FROM (x.n, x.coach, x.athlete)`).Scan(&bad)
	if err != nil || bad != 0 {
		t.Fatalf("%d threads' kept counts differ from their comments (%v)", bad, err)
	}
}

func TestCommentThreadsAndUnreadCounts(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	coach, maya, mayaUser := coachWithMaya(t, st)
	other, err := st.CreateCoach(ctx, "Otto", "otto@example.com", hash, true)
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)
	wo, err := st.AddWorkout(ctx, coach, maya.ID, day, training.Prescription{Sport: "run", Kind: "easy", Title: "Easy run", PlannedDurationS: 2400})
	if err != nil {
		t.Fatal(err)
	}
	subj := training.WorkoutSubject(wo.ID)

	empty, err := st.Thread(ctx, mayaUser, maya.ID, subj)
	if err != nil || empty.ID != 0 || len(empty.Comments) != 0 {
		t.Fatalf("a thread nobody wrote in: %+v, %v", empty, err)
	}
	if _, err := st.Thread(ctx, other, maya.ID, subj); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("another coach reads the thread: %v", err)
	}
	if _, err := st.AddComment(ctx, other, maya.ID, subj, "Hi"); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("another coach comments: %v", err)
	}
	if _, err := st.AddComment(ctx, mayaUser, maya.ID, training.CheckInSubject(day), "No check-in that day"); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("a comment on a day without a check-in: %v", err)
	}

	first, err := st.AddComment(ctx, mayaUser, maya.ID, subj, "Legs heavy today.")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddComment(ctx, mayaUser, maya.ID, subj, "Second thought: it was the heat."); err != nil {
		t.Fatal(err)
	}
	roster, err := st.Roster(ctx, coach, 13, 6)
	if err != nil || len(roster) != 1 || roster[0].UnreadComments != 2 {
		t.Fatalf("the dashboard's unread count: %+v, %v", roster, err)
	}
	th, err := st.Thread(ctx, coach, maya.ID, subj)
	if err != nil || th.Unread != 2 || len(th.Comments) != 2 || !th.Comments[0].Unread || th.Comments[0].AuthorName != "Maya" {
		t.Fatalf("the coach's view: %+v, %v", th, err)
	}
	if err := st.MarkRead(ctx, coach, th); err != nil {
		t.Fatal(err)
	}
	if roster, _ := st.Roster(ctx, coach, 13, 6); roster[0].UnreadComments != 0 {
		t.Errorf("after reading: %d unread", roster[0].UnreadComments)
	}

	// The coach replies; the athlete's home lists what is new for her.
	if _, err := st.AddComment(ctx, coach, maya.ID, subj, "Take tomorrow easy."); err != nil {
		t.Fatal(err)
	}
	news, err := st.Threads(ctx, mayaUser, maya.ID, true, 10)
	if err != nil || len(news) != 1 || news[0].Unread != 1 || news[0].Title != "Easy run" || news[0].LastBy != "Carla" || news[0].Last != "Take tomorrow easy." {
		t.Fatalf("the athlete's news: %+v, %v", news, err)
	}
	if news, _ := st.Threads(ctx, coach, maya.ID, true, 10); len(news) != 0 {
		t.Errorf("the coach's own reply is news to them: %+v", news)
	}
	counts, err := st.CommentCounts(ctx, mayaUser, maya.ID, day.AddDate(0, 0, -1), day.AddDate(0, 0, 5))
	if err != nil || counts[subj.Key()] != (training.CommentCount{Comments: 3, Unread: 1}) {
		t.Errorf("counts: %+v, %v", counts, err)
	}

	// Only the author edits, within 15 minutes; only the author deletes.
	if _, err := st.EditComment(ctx, coach, maya.ID, first.ID, "Changed by the coach"); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("the coach edits the athlete's comment: %v", err)
	}
	if _, err := st.DeleteComment(ctx, coach, maya.ID, first.ID); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("the coach deletes the athlete's comment: %v", err)
	}
	edited, err := st.EditComment(ctx, mayaUser, maya.ID, first.ID, "Legs heavy today (hot).")
	if err != nil || edited.EditedAt == nil || edited.Subject != subj {
		t.Errorf("edit: %+v, %v", edited, err)
	}
	st.Now = func() time.Time { return time.Now().Add(training.EditWindow + time.Second) }
	if _, err := st.EditComment(ctx, mayaUser, maya.ID, first.ID, "Too late"); !errors.Is(err, store.ErrEditWindow) {
		t.Errorf("an edit after 15 minutes: %v", err)
	}
	if _, err := st.DeleteComment(ctx, mayaUser, maya.ID, first.ID); err != nil {
		t.Errorf("deleting one's own comment later: %v", err)
	}
	th, _ = st.Thread(ctx, mayaUser, maya.ID, subj)
	if len(th.Comments) != 2 || th.Comments[0].Body != "Second thought: it was the heat." {
		t.Errorf("after the delete: %+v", th.Comments)
	}
	heldCounts(t, st)
}

// A week's thread is found from any first weekday, so switching the week
// to start on Sunday keeps it.
func TestWeekThreadSurvivesAnotherWeekStart(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	coach, maya, _ := coachWithMaya(t, st)
	monday := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	if _, err := st.AddComment(ctx, coach, maya.ID, training.WeekSubject(monday), "Big week: sleep well."); err != nil {
		t.Fatal(err)
	}
	for _, start := range []time.Time{monday, monday.AddDate(0, 0, -1)} {
		th, err := st.Thread(ctx, coach, maya.ID, training.WeekSubject(start))
		if err != nil || len(th.Comments) != 1 {
			t.Errorf("week from %s: %d comments, %v", start.Format("Mon 2"), len(th.Comments), err)
		}
	}
}

// Comments written and read at once by both sides, in one thread and
// several, keep every thread's counts equal to its comments.
func TestConcurrentCommentsKeepTheCounts(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	coach, maya, mayaUser := coachWithMaya(t, st)
	var subjects []training.Subject
	for i := range 3 {
		day := time.Date(2026, 3, 2+i, 0, 0, 0, 0, time.UTC)
		wo, err := st.AddWorkout(ctx, coach, maya.ID, day, training.Prescription{Sport: "run", Kind: "easy", Title: "Easy run", PlannedDurationS: 2400})
		if err != nil {
			t.Fatal(err)
		}
		subjects = append(subjects, training.WorkoutSubject(wo.ID))
	}
	var wg sync.WaitGroup
	for w := range 6 {
		actor := []store.User{coach, mayaUser}[w%2]
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 1))
			for i := range 25 {
				subj := subjects[r.IntN(len(subjects))]
				switch r.IntN(3) {
				case 0, 1:
					if _, err := st.AddComment(ctx, actor, maya.ID, subj, fmt.Sprintf("comment %d.%d", w, i)); err != nil {
						t.Error(err)
					}
				default:
					th, err := st.Thread(ctx, actor, maya.ID, subj)
					if err == nil {
						err = st.MarkRead(ctx, actor, th)
					}
					if err == nil && len(th.Comments) > 0 && r.IntN(2) == 0 {
						for _, c := range th.Comments {
							if c.AuthorID == actor.ID {
								_, err = st.DeleteComment(ctx, actor, maya.ID, c.ID)
								break
							}
						}
					}
					if err != nil && apperr.CodeOf(err) != apperr.NotFound {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	heldCounts(t, st)
}
