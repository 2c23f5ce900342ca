package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"rebound/internal/plan"
	"rebound/internal/training"
)

// formOf is what a browser would send back from the page's form
// unchanged: its inputs, selected options and text areas, a text area's
// line breaks as CRLF.
func formOf(t *testing.T, page string) url.Values {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	attr := func(n *html.Node, key string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val, true
			}
		}
		return "", false
	}
	form := url.Values{}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		name, _ := attr(n, "name")
		switch n.Data {
		case "input":
			v, _ := attr(n, "value")
			form.Set(name, v)
		case "textarea":
			v := ""
			if n.FirstChild != nil {
				v = n.FirstChild.Data
			}
			form.Set(name, strings.ReplaceAll(v, "\n", "\r\n"))
		case "option":
			if _, ok := attr(n, "selected"); ok {
				v, _ := attr(n, "value")
				for p := n.Parent; p != nil; p = p.Parent {
					if p.Data == "select" {
						name, _ = attr(p, "name")
						form.Set(name, v)
						break
					}
				}
			}
		}
	}
	return form
}

// The coach's edit: text written from the numbers follows a change of the
// minutes; a changed title makes the text the coach's, which later edits
// leave alone; emptying title and description hands it back to the numbers.
func TestCoachEditKeepsWrittenTextInStep(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	ctx := context.Background()
	day := berlinDay(t, 3)
	gen := plan.Upcoming{Date: day, Kind: "intervals", Sport: "run", Minutes: 75, RPE: 8, Zone: 5, DistanceM: 15000,
		Structure: &training.Structure{Warm: 15, Reps: 6, Work: 180, Rest: 120, Cool: 10, Effort: "at 5K effort", Zone: 5,
			Cue: "3:27–3:41 /km", Easy: "4:21–4:57 /km"}}
	gen = plan.Retext(gen, gen, "")
	wo, err := a.store.AddWorkout(ctx, ca, ath.ID, day, training.Prescription{Sport: "run", Kind: "intervals", Title: gen.Title,
		Description: gen.Description + "\nChanged from 1 h 30 min intervals at RPE 8 (amber check-in).", PlannedDurationS: 75 * 60,
		PlannedDistanceM: 15000, TargetRPE: 8, TargetZone: 5, Structure: gen.Structure})
	if err != nil {
		t.Fatal(err)
	}
	coach := a.signedIn("carla@example.com")
	edit := athletePath(ath.ID) + "/workouts/" + itoa64(wo.ID) + "/edit"
	save := func(change func(url.Values)) training.Workout {
		t.Helper()
		page := coach.get(edit).Body
		form := formOf(t, page)
		change(form)
		if r := coach.post(edit, form); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d\n%s", r.StatusCode, r.Body)
		}
		got, err := a.store.Workout(ctx, ca, wo.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if page := coach.get(edit).Body; !strings.Contains(page, "written from the numbers and follow them") {
		t.Error("the form does not say the text follows the numbers")
	}

	got := save(func(f url.Values) { f.Set("planned_min", "45") })
	after := plan.FromWorkout(wo)
	after.Minutes = 45
	want := plan.Retext(plan.FromWorkout(wo), after, "")
	if got.Title != want.Title || got.Description != want.Description || got.Structure == nil || *got.Structure != *want.Structure ||
		got.PlannedDistanceM != want.DistanceM {
		t.Errorf("at 45 min: %q / %q, %d m, %+v; want %q / %q, %d m", got.Title, got.Description, got.PlannedDistanceM, got.Structure,
			want.Title, want.Description, want.DistanceM)
	}
	if !strings.Contains(got.Description, "45 min in all") || strings.Contains(got.Title+got.Description, "6 ×") ||
		got.PlannedDistanceM >= 15000 {
		t.Errorf("the text or distance does not follow the minutes: %q / %q, %d m", got.Title, got.Description, got.PlannedDistanceM)
	}

	mine := save(func(f url.Values) { f.Set("title", "5K session with the club"); f.Set("planned_min", "40") })
	if mine.Title != "5K session with the club" || mine.Description != got.Description || mine.Structure != nil {
		t.Errorf("the coach's title: %q / %q, structure %+v", mine.Title, mine.Description, mine.Structure)
	}
	if later := save(func(f url.Values) { f.Set("planned_min", "50") }); later.Title != mine.Title || later.Description != mine.Description {
		t.Errorf("a later edit rewrote the coach's text: %q / %q", later.Title, later.Description)
	}

	back := save(func(f url.Values) { f.Set("title", ""); f.Set("description", "") })
	if back.Title != "Interval run" || !strings.Contains(back.Description, "50 min in all") || back.Structure == nil {
		t.Errorf("emptied, the text reads %q / %q, structure %+v", back.Title, back.Description, back.Structure)
	}
}

// A workout planned without a title gets one, and a description, written
// from its numbers; a description without a title is refused, kept.
func TestNewWorkoutWithoutTitleIsWrittenFromItsNumbers(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	coach := a.signedIn("carla@example.com")
	day := berlinDay(t, 2)
	form := url.Values{"day": {day.Format("2006-01-02")}, "sport": {"run"}, "kind": {"easy"}, "planned_min": {"40"},
		"target_rpe": {"3"}, "target_zone": {"2"}, "description": {"Along the river."}}
	r := coach.post(athletePath(ath.ID)+"/workouts/new", form)
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(t, r.Body, "title"), "Give it a title") ||
		!strings.Contains(r.Body, "Along the river.") {
		t.Fatalf("a description without a title: %d, %q", r.StatusCode, fieldError(t, r.Body, "title"))
	}
	form.Del("description")
	if r := coach.post(athletePath(ath.ID)+"/workouts/new", form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("no title: %d\n%s", r.StatusCode, r.Body)
	}
	list, _ := a.store.Workouts(context.Background(), ca, ath.ID, day, day)
	if len(list) != 1 || list[0].Title != "Easy run" || list[0].Description != "Easy running (RPE 3: you can talk in full sentences)." ||
		list[0].Structure == nil {
		t.Fatalf("planned: %+v", list)
	}
}
