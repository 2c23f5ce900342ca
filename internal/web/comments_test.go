package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/web/pages/comments"
)

// yesterdaysRun gives the athlete a run yesterday (in Berlin), done with a
// note, and returns it.
func yesterdaysRun(t *testing.T, a *app, coach store.User, athlete store.User, ath training.Athlete) training.Workout {
	t.Helper()
	ctx := context.Background()
	wo, err := a.store.AddWorkout(ctx, coach, ath.ID, berlinDay(t, -1), training.Prescription{Sport: "run", Kind: "easy", Title: "Easy run", PlannedDurationS: 2700})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.LogWorkout(ctx, athlete, wo.ID, training.Log{Status: "done", DurationS: 2700, RPE: 4, Notes: "Calves tight after 20 min."}); err != nil {
		t.Fatal(err)
	}
	return wo
}

// The conversation about a workout: the athlete's note opens it, her
// comment shows on the coach's dashboard as unread until the coach opens
// the thread, and the coach's reply is news on the athlete's home.
func TestWorkoutConversation(t *testing.T) {
	a := newApp(t)
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, mayaUser := a.athlete(coach, "Maya Runner", "maya@example.com")
	wo := yesterdaysRun(t, a, coach, mayaUser, ath)
	maya, carla := a.signedIn("maya@example.com"), a.signedIn("carla@example.com")
	path := comments.Path(ath.ID, training.WorkoutSubject(wo.ID))

	r := maya.get(path)
	if r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "Calves tight after 20 min.") || !strings.Contains(r.Body, "with the log") {
		t.Fatalf("the thread does not start with the log's note: %d\n%s", r.StatusCode, r.Body)
	}
	if strings.Contains(carla.get("/").Body, "new comment") {
		t.Error("a note alone shows as a new comment")
	}

	r = maya.post(path, url.Values{"body": {"Should I skip tomorrow's tempo?\r\nSee https://example.com/calf <b>please</b>"}})
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), path+"#c") {
		t.Fatalf("post: %d %s\n%s", r.StatusCode, r.Header.Get("Location"), r.Body)
	}
	page := maya.get(path).Body
	for _, want := range []string{
		"Should I skip tomorrow&#39;s tempo?\nSee ",
		`<a href="https://example.com/calf" rel="noopener nofollow ugc">https://example.com/calf</a>`,
		"&lt;b&gt;please&lt;/b&gt;",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the comment as shown lacks %q", want)
		}
	}
	if strings.Contains(page, "<b>please</b>") {
		t.Error("HTML in a comment is rendered")
	}

	dash := carla.get("/").Body
	if !strings.Contains(dash, `href="/athletes/`+strconv.FormatInt(ath.ID, 10)+`/comments">1 new comment</a>`) {
		t.Fatalf("no unread badge on the dashboard:\n%s", dash)
	}
	list := carla.get(athletePath(ath.ID) + "/comments").Body
	if !strings.Contains(list, "Easy run, "+berlinDay(t, -1).Format("Mon 2 Jan")) || !strings.Contains(list, "1 new") {
		t.Errorf("the athlete's comments page:\n%s", list)
	}
	r = carla.get(path)
	if !strings.Contains(r.Body, `class="badge new">New</span>`) {
		t.Error("the coach's thread does not mark the new comment")
	}
	if strings.Contains(carla.get("/").Body, "new comment") {
		t.Error("the badge stays after the coach read the thread")
	}
	if strings.Contains(carla.get(path).Body, `class="badge new">New</span>`) {
		t.Error("a read comment is still new the second time")
	}

	if r := carla.post(path, url.Values{"body": {"Yes: swap it for an easy 30 min."}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply: %d", r.StatusCode)
	}
	home := maya.get("/").Body
	if !strings.Contains(home, "New from Carla Coach") || !strings.Contains(home, "Yes: swap it for an easy 30 min.") {
		t.Errorf("the reply is not news on the athlete's home:\n%s", home)
	}
	maya.get(path)
	if strings.Contains(maya.get("/").Body, "New from Carla Coach") {
		t.Error("the news stays after the athlete read it")
	}
	week := maya.get(weekPath(ath, berlinDay(t, -1))).Body
	if !strings.Contains(week, ">2 comments</a>") {
		t.Errorf("the week view does not count the workout's comments")
	}
}

// Empty and over-long comments are refused next to the field, the text
// kept; a comment of exactly the limit is taken.
func TestCommentBadInput(t *testing.T) {
	a := newApp(t)
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	maya := a.signedIn("maya@example.com")
	path := comments.Path(ath.ID, training.WeekSubject(weekStart(ath, berlinDay(t, 0))))

	for _, body := range []string{"", "  \r\n\t "} {
		r := maya.post(path, url.Values{"body": {body}})
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(t, r.Body, "body"), "Write something") {
			t.Errorf("%q: %d %q", body, r.StatusCode, fieldError(t, r.Body, "body"))
		}
	}
	long := strings.Repeat("Twenty kilobytes of it. ", 20480/24)
	r := maya.post(path, url.Values{"body": {long}})
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(t, r.Body, "body"), "at most 4000 characters") {
		t.Fatalf("20 kB: %d %q", r.StatusCode, fieldError(t, r.Body, "body"))
	}
	if !strings.Contains(r.Body, ">"+long+"</textarea>") {
		t.Error("the 20 kB text was not kept in the form")
	}
	html := `<img src=x onerror=alert(1)>`
	r = maya.post(path, url.Values{"body": {html + strings.Repeat("é", training.MaxComment)}})
	if r.StatusCode != http.StatusUnprocessableEntity || strings.Contains(r.Body, html) {
		t.Errorf("a long comment with HTML: %d, or its HTML is echoed unescaped", r.StatusCode)
	}
	if r := maya.post(path, url.Values{"body": {strings.Repeat("é", training.MaxComment)}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("a comment of exactly %d characters: %d", training.MaxComment, r.StatusCode)
	}
	if r := maya.post(path, url.Values{"body": {"bell\x07"}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("control characters: %d", r.StatusCode)
	}
}

// The author edits for 15 minutes and deletes any time; nobody else does.
func TestEditAndDeleteComments(t *testing.T) {
	a := newApp(t)
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, mayaUser := a.athlete(coach, "Maya Runner", "maya@example.com")
	wo := yesterdaysRun(t, a, coach, mayaUser, ath)
	maya, carla := a.signedIn("maya@example.com"), a.signedIn("carla@example.com")
	c, err := a.store.AddComment(context.Background(), mayaUser, ath.ID, training.WorkoutSubject(wo.ID), "Legs heavy")
	if err != nil {
		t.Fatal(err)
	}
	base := athletePath(ath.ID) + "/comments/" + strconv.FormatInt(c.ID, 10)
	thread := comments.Path(ath.ID, training.WorkoutSubject(wo.ID))

	if !strings.Contains(maya.get(thread).Body, `href="`+base+`/edit"`) {
		t.Error("the author is not offered Edit")
	}
	if strings.Contains(carla.get(thread).Body, base+"/edit") || strings.Contains(carla.get(thread).Body, base+"/delete") {
		t.Error("the coach is offered to change the athlete's comment")
	}
	if r := carla.post(base+"/edit", url.Values{"body": {"Coach was here"}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("the coach edits it: %d", r.StatusCode)
	}
	if r := carla.post(base+"/delete", nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("the coach deletes it: %d", r.StatusCode)
	}
	if r := maya.post(base+"/edit", url.Values{"body": {""}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("an edit to nothing: %d", r.StatusCode)
	}
	if r := maya.post(base+"/edit", url.Values{"body": {"Legs heavy (it was hot)"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", r.StatusCode)
	}
	if page := carla.get(thread).Body; !strings.Contains(page, "Legs heavy (it was hot)") || !strings.Contains(page, "· edited") {
		t.Error("the edit does not show, or is not marked")
	}

	a.store.Now = func() time.Time { return time.Now().Add(16 * time.Minute) }
	if strings.Contains(maya.get(thread).Body, base+"/edit") {
		t.Error("Edit is offered after 15 minutes")
	}
	r := maya.post(base+"/edit", url.Values{"body": {"Too late to change"}})
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "15 minutes") || !strings.Contains(r.Body, "Too late to change") {
		t.Errorf("a late edit: %d", r.StatusCode)
	}
	if r := maya.get(base + "/edit"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the edit form after 15 minutes: %d", r.StatusCode)
	}
	if r := maya.post(base+"/delete", nil); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != thread {
		t.Fatalf("delete: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	if strings.Contains(carla.get(thread).Body, "Legs heavy") {
		t.Error("the deleted comment still shows")
	}
	if r := maya.post(base+"/delete", nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("deleting it again: %d", r.StatusCode)
	}
}

// A check-in's note starts its thread; a day without a check-in has none.
func TestCheckInConversation(t *testing.T) {
	a := newApp(t)
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	maya := a.signedIn("maya@example.com")
	if r := maya.post("/checkin", checkInForm("7.5", fine, "notes", "Slept badly: new baby.")); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("check-in: %d", r.StatusCode)
	}
	home := maya.get("/").Body
	path := comments.Path(ath.ID, training.CheckInSubject(berlinDay(t, 0)))
	if !strings.Contains(home, `href="`+path+`"`) {
		t.Error("the athlete's home does not link the check-in's conversation")
	}
	r := a.signedIn("carla@example.com").get(path)
	if r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "Slept badly: new baby.") || !strings.Contains(r.Body, "with the check-in") {
		t.Errorf("the check-in's thread: %d", r.StatusCode)
	}
	if r := maya.get(comments.Path(ath.ID, training.CheckInSubject(berlinDay(t, -3)))); r.StatusCode != http.StatusNotFound {
		t.Errorf("a day without a check-in: %d", r.StatusCode)
	}
	if r := maya.post(comments.Path(ath.ID, training.CheckInSubject(berlinDay(t, -3))), url.Values{"body": {"hello"}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("a comment on a day without a check-in: %d", r.StatusCode)
	}
}

var commentPath = regexp.MustCompile(`/comments/(\d+)/`)

// Every comment route answers 404 for a comment, thread or subject of
// another coach's athlete, whoever asks (but that athlete and coach), and
// for a comment named under the wrong athlete.
func TestOtherCoachesCommentsAreNotFound(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	ca, cb := a.coach("Carla Admin", "carla@example.com"), a.coach("Ben Other", "ben@example.com")
	athA, mayaUser := a.athlete(ca, "Maya Runner", "maya@example.com")
	athB, tomUser := a.athlete(cb, "Tom Rower", "tom@example.com")
	woA := yesterdaysRun(t, a, ca, mayaUser, athA)
	woB := yesterdaysRun(t, a, cb, tomUser, athB)
	monday := weekStart(athB, berlinDay(t, 0))
	if err := a.store.SaveCheckIn(ctx, tomUser, training.CheckIn{AthleteID: athB.ID, Day: monday, Answered: true, SleepHours: 8,
		SleepQuality: 4, Fatigue: 4, Soreness: 4, Stress: 4, Mood: 4, Motivation: 4, Score: 85, Light: "green"}); err != nil {
		t.Fatal(err)
	}
	cTom, err := a.store.AddComment(ctx, tomUser, athB.ID, training.WorkoutSubject(woB.ID), "Tom's own words")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.AddComment(ctx, cb, athB.ID, training.WorkoutSubject(woB.ID), "Ben's reply"); err != nil {
		t.Fatal(err)
	}
	outsiders := map[string]*client{"anonymous": a.client(), "coach A": a.signedIn("carla@example.com"), "athlete A": a.signedIn("maya@example.com")}
	insiders := map[string]*client{"coach B": a.signedIn("ben@example.com"), "athlete B": a.signedIn("tom@example.com")}
	var walked int
	for _, rt := range routesOf(t, a.srv.router) {
		if !strings.Contains(rt.pattern, "/comments") {
			continue
		}
		walked++
		for _, target := range []struct {
			id, wid int64
			who     map[string]*client
		}{
			{athB.ID, woB.ID, outsiders}, // Tom's, asked by others
			{athA.ID, woA.ID, insiders},  // Tom's comment under Maya's id, asked by Tom and his coach
		} {
			path := strings.NewReplacer("{id}", strconv.FormatInt(target.id, 10), "{wid}", strconv.FormatInt(target.wid, 10),
				"{day}", monday.Format(time.DateOnly), "{cid}", strconv.FormatInt(cTom.ID, 10)).Replace(rt.pattern)
			if target.id == athA.ID && !commentPath.MatchString(path) {
				continue // Maya's own threads are the matrix's business
			}
			for name, c := range target.who {
				var r resp
				if rt.method == http.MethodPost {
					r = c.post(path, url.Values{"body": {"Let me in"}})
				} else {
					r = c.get(path)
				}
				want := http.StatusNotFound
				if name == "anonymous" {
					want = http.StatusSeeOther
				}
				if r.StatusCode != want {
					t.Errorf("%s %s as %s: %d, want %d", rt.method, path, name, r.StatusCode, want)
				}
				if strings.Contains(r.Body, "Tom's own words") || strings.Contains(r.Body, "Ben's reply") ||
					(target.id == athB.ID && strings.Contains(r.Body, "Tom Rower")) {
					t.Errorf("%s %s as %s: the answer shows Tom's conversation", rt.method, path, name)
				}
			}
		}
	}
	if walked < 10 {
		t.Fatalf("only %d comment routes walked", walked)
	}
	th, err := a.store.Thread(ctx, tomUser, athB.ID, training.WorkoutSubject(woB.ID))
	if err != nil || len(th.Comments) != 2 || th.Comments[0].Body != "Tom's own words" {
		t.Errorf("Tom's thread after the attempts: %+v, %v", th.Comments, err)
	}
}
