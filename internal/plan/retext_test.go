package plan

import (
	"fmt"
	"math/rand"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"rebound/internal/training"
)

// upcoming is a generated workout as the store keeps it.
func upcoming(id int64, w Workout) Upcoming {
	return Upcoming{ID: id, Date: w.Date, Kind: w.Kind, Sport: w.Sport, Title: w.Title, Minutes: w.Minutes, RPE: w.RPE,
		Zone: w.Zone, Key: w.Key, Protected: w.Protected, Description: w.Description, DistanceM: w.DistanceM, Structure: w.Structure}
}

// What the text states, parsed out of it.
var (
	repsRe     = regexp.MustCompile(`(\d+) × (\d+) (min|s)\b`)
	durationRe = regexp.MustCompile(`(\d+) h(?: (\d+) min)?|(\d+) min\b|(\d+) s\b`)
	inAllRe    = regexp.MustCompile(`(?:(\d+) h(?: (\d+) min)?|(\d+) min) in all|About (?:(\d+) h(?: (\d+) min)?|(\d+) min)\.`)
	warmRe     = regexp.MustCompile(`Warm up (\d+) min`)
	betweenRe  = regexp.MustCompile(`, (\d+) (min|s) (?:jog|easy) between`)
	distanceRe = regexp.MustCompile(`\d+(?:\.\d+)? (?:km|mi)\b`)
	rpeRe      = regexp.MustCompile(`RPE (\d+(?:\.\d+)?)(?:–(\d+(?:\.\d+)?))?`)
	zoneRe     = regexp.MustCompile(`\b(?:zone |Z)(\d)\b`)
)

// seconds of a duration match: "1 h 5 min", "45 min", "30 s".
func matchSeconds(m []string) int {
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	switch {
	case m[1] != "":
		return 3600*n(m[1]) + 60*n(m[2])
	case m[3] != "":
		return 60 * n(m[3])
	}
	return n(m[4])
}

// ownText is w's text without a change line, which tells what w was.
func ownText(w Upcoming) (title, description string) {
	d := w.Description
	if i := strings.LastIndexByte(d, '\n'); i >= 0 {
		d = d[:i]
	}
	return w.Title, d
}

// textProblem says how w's text disagrees with its numbers: a duration
// longer than the workout or a total other than its own, repetitions
// whose work (or warm-up, work and recoveries) do not fit in it, a
// distance, an RPE or a zone other than its own, or a title that repeats
// the duration. "" when it agrees.
func textProblem(w Upcoming) string {
	title, desc := ownText(w)
	if w.Structure != nil && w.Structure.Name != "" { // a race's name is the organiser's
		title = strings.ReplaceAll(title, w.Structure.Name, "")
	}
	text := title + "\n" + desc
	limit := 60 * w.Minutes
	for _, m := range repsRe.FindAllStringSubmatch(text, -1) {
		n, _ := strconv.Atoi(m[1])
		each, _ := strconv.Atoi(m[2])
		if m[3] == "min" {
			each *= 60
		}
		if n*each > limit {
			return fmt.Sprintf("%q: more work than the %d min", m[0], w.Minutes)
		}
	}
	if m := repsRe.FindStringSubmatch(desc); m != nil {
		if warm := warmRe.FindStringSubmatch(desc); warm != nil {
			n, _ := strconv.Atoi(m[1])
			each, _ := strconv.Atoi(m[2])
			if m[3] == "min" {
				each *= 60
			}
			w, _ := strconv.Atoi(warm[1])
			rest := 0
			if b := betweenRe.FindStringSubmatch(desc); b != nil {
				rest, _ = strconv.Atoi(b[1])
				if b[2] == "min" {
					rest *= 60
				}
			}
			if total := 60*w + n*each + (n-1)*rest; total > limit {
				return fmt.Sprintf("warm-up and %q take %d s, more than the %d s", m[0], total, limit)
			}
		}
	}
	for _, m := range inAllRe.FindAllStringSubmatch(text, -1) {
		if got := matchSeconds([]string{m[0], m[1] + m[4], m[2] + m[5], m[3] + m[6], ""}); got != limit {
			return fmt.Sprintf("%q: the workout is %d min", m[0], w.Minutes)
		}
	}
	for _, m := range durationRe.FindAllStringSubmatch(repsRe.ReplaceAllString(text, ""), -1) {
		if matchSeconds(m) > limit {
			return fmt.Sprintf("%q: longer than the %d min", m[0], w.Minutes)
		}
	}
	for _, m := range durationRe.FindAllStringSubmatch(repsRe.ReplaceAllString(title, ""), -1) {
		if matchSeconds(m) >= limit {
			return fmt.Sprintf("title %q repeats the duration", title)
		}
	}
	if m := distanceRe.FindString(text); m != "" {
		return fmt.Sprintf("%q: the distance is the workout's own field", m)
	}
	for _, m := range rpeRe.FindAllStringSubmatch(text, -1) {
		for _, v := range m[1:] {
			if f, err := strconv.ParseFloat(v, 64); err == nil && f != w.RPE {
				return fmt.Sprintf("%q: the target is RPE %g", m[0], w.RPE)
			}
		}
	}
	for _, m := range zoneRe.FindAllStringSubmatch(text, -1) {
		if z, _ := strconv.Atoi(m[1]); z != w.Zone {
			return fmt.Sprintf("%q: the target is zone %d", m[0], w.Zone)
		}
	}
	return ""
}

// TestPropertyGeneratedTextAgrees: every workout the generator writes says
// only its own numbers.
func TestPropertyGeneratedTextAgrees(t *testing.T) {
	seen := map[string]bool{}
	forAll(t, func(g generated) error {
		for _, wk := range g.plan.Weeks {
			for _, w := range wk.Workouts {
				key := fmt.Sprint(w.Kind, w.Minutes, w.RPE, w.Zone, w.Title, w.Description)
				if seen[key] {
					continue
				}
				seen[key] = true
				if w.Structure == nil {
					return fmt.Errorf("%s, %s: no structure", w.Date.Format(dateLong), w.Title)
				}
				if !Written(upcoming(0, w)) {
					return fmt.Errorf("%s: %q / %q is not what its structure writes", w.Date.Format(dateLong), w.Title, w.Description)
				}
				if p := textProblem(upcoming(0, w)); p != "" {
					return fmt.Errorf("%s, %d min %s: %s\n%s\n%s", w.Date.Format(dateLong), w.Minutes, w.Kind, p, w.Title, w.Description)
				}
				switch s := w.Structure; {
				case w.Kind == training.KindEasy && w.HardMinutes > 0:
					return fmt.Errorf("%s: an easy session with %d hard minutes", w.Title, w.HardMinutes)
				case s.Reps > 0 && w.Kind != training.KindEasy && w.HardMinutes != workMinutes(*s):
					return fmt.Errorf("%s: %d hard minutes, the main set works %d", w.Title, w.HardMinutes, workMinutes(*s))
				}
			}
		}
		return nil
	})
}

// adjust is a random change to w of the kinds proposals make: shorter,
// softer, both, made easy, cross-training or rest, or moved.
func adjust(r *rand.Rand, w Upcoming) (Upcoming, string) {
	a := w
	shorten := func(most int) {
		a.Minutes -= cutMinutes(a.Minutes, 5*(1+r.Intn(most/5)))
	}
	soften := func() {
		rpe := sessionRPE(a)
		if s := float64(1+r.Intn(4)) / 2; rpe-s >= min(rpe, easyRPE) {
			a.RPE = rpe - s
		}
		if a.Zone > zEndurance && r.Intn(2) == 0 {
			a.Zone--
		}
	}
	switch r.Intn(7) {
	case 0:
		shorten(60)
		return a, "shorter"
	case 1:
		soften()
		return a, "softer"
	case 2:
		shorten(40)
		soften()
		return a, "shorter and softer"
	case 3:
		shorten(40)
		a.Kind, a.RPE, a.Zone, a.Key = training.KindEasy, min(sessionRPE(w), easyRPE), min(w.Zone, zEndurance), false
		return a, "made easy"
	case 4:
		a.Kind, a.Sport, a.RPE, a.Zone, a.Key = training.KindCrossTraining, training.SportOther, min(sessionRPE(w), easyRPE), min(w.Zone, zEndurance), false
		return a, "made cross-training"
	case 5:
		a.Kind, a.Sport, a.Minutes, a.RPE, a.Zone, a.Key, a.Protected = training.KindRest, training.SportOther, 0, 0, 0, false, true
		return a, "made rest"
	}
	a.Date = a.Date.AddDate(0, 0, 1+r.Intn(3))
	return a, "moved"
}

// notHarder says how s2 is longer or harder than s1, or "".
func notHarder(s1, s2 training.Structure) string {
	switch {
	case s2.Reps > s1.Reps, s2.Work > s1.Work && s1.Reps > 0, workSeconds(s2) > workSeconds(s1):
		return fmt.Sprintf("main set %d × %d s from %d × %d s", s2.Reps, s2.Work, s1.Reps, s1.Work)
	case s2.Warm > s1.Warm, s2.Cool > s1.Cool, s2.Brick > s1.Brick, s2.Sets > s1.Sets, s2.Strides > s1.Strides:
		return fmt.Sprintf("%+v from %+v", s2, s1)
	case s2.Reps > 0 && s2.Zone > s1.Zone:
		return fmt.Sprintf("main set at zone %d from %d", s2.Zone, s1.Zone)
	}
	return ""
}

// fits says how s does not fit a session of minutes, or "".
func fits(s training.Structure, minutes int) string {
	switch {
	case s.Reps == 0:
	case s.Finish && workSeconds(s) > 60*minutes/4:
		return fmt.Sprintf("%d s at the end of %d min", workSeconds(s), minutes)
	case !s.Finish && s.Warm+setMinutes(s)+max(s.Cool, s.Brick) > minutes:
		return fmt.Sprintf("%+v in %d min", s, minutes)
	}
	return ""
}

// TestPropertyRetext: after thousands of random changes to generated
// workouts, the text says only the new numbers, the main set is never
// longer or harder and fits, a run's distance shrinks with it, a change
// line says what was, and Retext is its own fixed point. The coach's own
// text is kept, with the line.
func TestPropertyRetext(t *testing.T) {
	var pool []Workout
	for i, g := range plans(t) {
		if i%10 != 0 {
			continue
		}
		for _, wk := range g.plan.Weeks {
			for _, w := range wk.Workouts {
				if w.Kind != training.KindRest && w.Kind != training.KindRecovery && w.Kind != training.KindRace && w.Minutes > 0 {
					pool = append(pool, w)
				}
			}
		}
	}
	r := rand.New(rand.NewSource(20261205))
	const changes = 6000
	failures, counts := 0, map[string]int{}
	for i := range changes {
		before := upcoming(int64(i+1), pool[r.Intn(len(pool))])
		coach := r.Intn(6) == 0
		if coach {
			before.Title, before.Description, before.Structure = "Track session with the club", "Meet at the track.", nil
		}
		after, what := adjust(r, before)
		counts[what]++
		why := "Amber check-in: poor sleep"
		got := Retext(before, after, why)
		fail := func(format string, args ...any) {
			if failures++; failures <= 5 {
				t.Errorf("%s %s, %d min %s RPE %g Z%d → %d min %s RPE %g Z%d: %s\nbefore: %s / %s\nafter:  %s / %s", what, before.Sport,
					before.Minutes, before.Kind, before.RPE, before.Zone, got.Minutes, got.Kind, got.RPE, got.Zone, fmt.Sprintf(format, args...),
					before.Title, before.Description, got.Title, got.Description)
			}
		}
		if again := Retext(before, got, why); !reflect.DeepEqual(again, got) {
			fail("retexting again gives %+v", again)
		}
		if got.Kind != after.Kind || got.Minutes != after.Minutes || got.RPE != after.RPE || got.Zone != after.Zone || !got.Date.Equal(after.Date) {
			fail("Retext changed the numbers")
		}
		lines := strings.Split(got.Description, "\n")
		switch line := lines[len(lines)-1]; {
		case got.Kind == before.Kind && got.Sport == before.Sport && got.Minutes == before.Minutes && got.RPE == before.RPE &&
			got.Zone == before.Zone && got.Date.Equal(before.Date):
			if line != "Changed: amber check-in: poor sleep." {
				fail("a change of nothing says %q", line)
			}
		case !strings.HasPrefix(line, "Changed from ") && !strings.HasPrefix(line, "Moved from ") || !strings.HasSuffix(line, "(amber check-in: poor sleep)."):
			fail("no change line: %q", line)
		}
		if coach {
			if got.Structure != nil || got.Title != before.Title || !strings.HasPrefix(got.Description, before.Description+"\n") {
				fail("the coach's text was not kept")
			}
			continue
		}
		if p := textProblem(got); p != "" {
			fail("%s", p)
		}
		if !Written(got) {
			fail("the text is not what its structure writes")
		}
		if got.Structure == nil {
			fail("no structure")
			continue
		}
		if got.Kind == before.Kind {
			if p := notHarder(*before.Structure, *got.Structure); p != "" {
				fail("%s", p)
			}
		}
		if p := fits(*got.Structure, got.Minutes); p != "" {
			fail("does not fit: %s", p)
		}
		switch {
		case got.Kind == training.KindRest || got.Sport != before.Sport:
			if got.DistanceM != 0 {
				fail("distance %d m", got.DistanceM)
			}
		case got.Minutes < before.Minutes && got.DistanceM >= before.DistanceM && before.DistanceM > 0:
			fail("distance %d m from %d m", got.DistanceM, before.DistanceM)
		}
		if got.Kind != training.KindRest && got.Sport != training.SportRun && before.Sport == training.SportRun && !strings.Contains(got.Title, "no running") {
			fail("a run made into %s does not say no running", got.Kind)
		}
	}
	for what, n := range counts {
		if n < changes/10 {
			t.Errorf("only %d changes %s", n, what)
		}
	}
}

func TestRetextExamples(t *testing.T) {
	tue := date(2026, 3, 3)
	long := Upcoming{ID: 1, Date: tue, Kind: training.KindLong, Sport: training.SportRun, Minutes: 140, RPE: 4, Zone: zEndurance, Key: true,
		DistanceM: 26500, Structure: &training.Structure{Zone: zEndurance, Easy: "5:10–5:40 /km"}}
	long.Title, long.Description = write(long.Kind, long.Sport, long.Minutes, long.RPE, long.Zone, *long.Structure)
	mp := Upcoming{ID: 2, Date: tue, Kind: training.KindTempo, Sport: training.SportRun, Minutes: 75, RPE: 6, Zone: zTempo, Key: true,
		DistanceM: 15200, Structure: &training.Structure{Warm: 15, Reps: 3, Work: 900, Rest: 180, Cool: 10, Effort: "at marathon pace",
			Zone: zTempo, Cue: "about 4:50 /km", Easy: "5:10–5:40 /km"}}
	mp.Title, mp.Description = write(mp.Kind, mp.Sport, mp.Minutes, mp.RPE, mp.Zone, *mp.Structure)
	if mp.Title != "3 × 15 min at marathon pace" {
		t.Fatalf("title %q", mp.Title)
	}
	with := func(w Upcoming, edit func(*Upcoming)) Upcoming {
		edit(&w)
		return w
	}
	for _, c := range []struct {
		name           string
		before, after  Upcoming
		why            string
		title          string
		in, out        []string // in the description, or not
		distance, reps int
	}{
		{name: "long run shortened", before: long, after: with(long, func(w *Upcoming) { w.Minutes = 85 }), why: "Amber check-in: poor sleep",
			title: "Long run", in: []string{"Easy and steady (5:10–5:40 /km)", "\nChanged from 2 h 20 min long run at RPE 4 (amber check-in: poor sleep)."},
			out: []string{"26.5", "2 h 20"}, distance: 16100},
		{name: "marathon-pace session shorter and in zone 2", before: mp,
			after: with(mp, func(w *Upcoming) { w.Minutes, w.RPE, w.Zone = 55, 4, zEndurance }), why: "Red check-in",
			title: "15 min steady", in: []string{"Warm up 15 min easy (5:10–5:40 /km). 15 min steady (5:10–5:40 /km). Cool down easy, 55 min in all.",
				"\nChanged from 1 h 15 min tempo run at RPE 6 (red check-in)."},
			out: []string{"marathon pace", "4:50", "×", "1 h 15 min in all"}, distance: 10300, reps: 1},
		{name: "made easy", before: mp, after: with(mp, func(w *Upcoming) { w.Kind, w.Minutes, w.RPE, w.Zone, w.Key = training.KindEasy, 45, 3, 2, false }),
			why: "Amber check-in", title: "Easy run", in: []string{"Easy running (5:10–5:40 /km)."}, out: []string{"×", "pace"}, distance: 8400},
		{name: "run made cross-training for an injury", before: mp,
			after: with(mp, func(w *Upcoming) {
				w.Kind, w.Sport, w.Minutes, w.RPE, w.Zone, w.Key = training.KindCrossTraining, training.SportOther, 45, 3, 2, false
			}),
			why: "Red check-in: injury (knee)", title: "Easy cross-training: bike or aqua-jog, no running", out: []string{"/km"},
			in: []string{"Bike, swim or aqua-jog at an easy, conversational effort (RPE 3: you can talk in full sentences)", "(red check-in: injury (knee))."}},
		{name: "a long run made cross-training", before: long,
			after: with(long, func(w *Upcoming) {
				w.Kind, w.Sport, w.Minutes, w.RPE, w.Zone, w.Key = training.KindCrossTraining, training.SportOther, 90, 3, 2, false
			}),
			why: "Red check-in: injury (ankle)", title: "Easy cross-training: bike, no running",
			in: []string{"Ride easy, pedalling with the midfoot in easy gears (RPE 3: you can talk in full sentences), or aqua-jog up to an hour and ride the rest"}},
		{name: "made rest", before: long, after: with(long, func(w *Upcoming) {
			w.Kind, w.Sport, w.Minutes, w.RPE, w.Zone = training.KindRest, training.SportOther, 0, 0, 0
		}),
			why: "Red check-in: fever", title: "Rest day", in: []string{"No training.", "\nChanged from 2 h 20 min long run at RPE 4 (red check-in: fever)."}},
		{name: "moved", before: long, after: with(long, func(w *Upcoming) { w.Date = w.Date.AddDate(0, 0, 2) }), why: "Amber check-in",
			title: "Long run", in: []string{"\nMoved from Tuesday (amber check-in)."}, distance: 26500},
		{name: "the coach's own text", before: with(mp, func(w *Upcoming) {
			w.Title, w.Description, w.Structure = "Hill reps with Sam", "Meet at the church.\nChanged from 80 min tempo run at RPE 7 (amber check-in).", nil
		}),
			after: with(mp, func(w *Upcoming) { w.Minutes = 45 }), why: "Red check-in", title: "Hill reps with Sam",
			in: []string{"Meet at the church.\nChanged from 1 h 15 min tempo run at RPE 6 (red check-in)."}, out: []string{"80 min"}, distance: 9100},
		{name: "the coach's edit without a why", before: mp, after: with(mp, func(w *Upcoming) { w.Minutes = 60 }),
			title: "2 × 15 min at marathon pace", in: []string{"2 × 15 min at marathon pace (about 4:50 /km), 3 min jog between. Cool down easy, 1 h in all."},
			out: []string{"Changed"}, distance: 12000, reps: 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Retext(c.before, c.after, c.why)
			if got.Title != c.title {
				t.Errorf("title %q, want %q", got.Title, c.title)
			}
			for _, s := range c.in {
				if !strings.Contains(got.Description, s) {
					t.Errorf("description %q lacks %q", got.Description, s)
				}
			}
			title, desc := ownText(got)
			if c.why == "" {
				desc = got.Description
			}
			for _, s := range c.out {
				if strings.Contains(title+desc, s) {
					t.Errorf("text %q / %q still says %q", got.Title, got.Description, s)
				}
			}
			if got.DistanceM != c.distance {
				t.Errorf("distance %d m, want %d", got.DistanceM, c.distance)
			}
			if got.Structure != nil && got.Structure.Reps != c.reps {
				t.Errorf("%d repetitions, want %d", got.Structure.Reps, c.reps)
			}
		})
	}
}

// The checker itself: the texts the issue found after an applied proposal
// are caught.
func TestTextProblemCatchesStaleText(t *testing.T) {
	for _, w := range []Upcoming{
		{Kind: training.KindLong, Minutes: 85, RPE: 4, Zone: 2, Title: "Long run 2 h 20 min", Description: "Easy and steady, about 26.5 km."},
		{Kind: training.KindLong, Minutes: 85, RPE: 4, Zone: 2, Title: "Long run", Description: "Easy and steady, about 26.5 km."},
		{Kind: training.KindTempo, Minutes: 55, RPE: 3, Zone: 2, Title: "3 × 15 min at marathon pace", Description: "Warm up 15 min easy. 3 × 15 min at marathon pace, 3 min jog between. Cool down easy, 55 min in all."},
		{Kind: training.KindTempo, Minutes: 55, RPE: 3, Zone: 2, Title: "Tempo", Description: "Cool down easy, 1 h 15 min in all."},
		{Kind: training.KindIntervals, Minutes: 45, RPE: 6, Zone: 4, Title: "Intervals", Description: "6 × 3 min hard (RPE 8)."},
		{Kind: training.KindEasy, Minutes: 45, RPE: 3, Zone: 2, Title: "Easy run", Description: "Easy running in zone 3."},
		{Kind: training.KindEasy, Minutes: 45, RPE: 3, Zone: 2, Title: "Easy run 45 min", Description: "Easy running."},
	} {
		if textProblem(w) == "" {
			t.Errorf("%q / %q at %d min, RPE %g, zone %d passes", w.Title, w.Description, w.Minutes, w.RPE, w.Zone)
		}
	}
}

// Written tells text that follows the numbers from text anyone changed.
func TestWritten(t *testing.T) {
	w := Upcoming{Kind: training.KindTempo, Sport: training.SportRun, Minutes: 60, RPE: 7, Zone: zThreshold,
		Structure: &training.Structure{Warm: 15, Reps: 3, Work: 480, Rest: 120, Cool: 10, Effort: "at threshold", Zone: zThreshold}}
	w = Retext(w, w, "")
	shorter := w
	shorter.Minutes = 45
	changed := Retext(w, shorter, "Amber check-in")
	with := func(edit func(*Upcoming)) Upcoming {
		u := changed
		edit(&u)
		return u
	}
	for _, c := range []struct {
		name string
		w    Upcoming
		want bool
	}{
		{"as written", w, true},
		{"with its change line", changed, true},
		{"a title edited", with(func(u *Upcoming) { u.Title = "Threshold with Sam" }), false},
		{"a line added", with(func(u *Upcoming) { u.Description += "\nBring a gel." }), false},
		{"a sentence put first", with(func(u *Upcoming) { u.Description = "On the track. " + u.Description }), false},
		{"numbers changed without the text", with(func(u *Upcoming) { u.Minutes = 30 }), false},
		{"no structure", with(func(u *Upcoming) { u.Structure = nil }), false},
	} {
		if got := Written(c.w); got != c.want {
			t.Errorf("%s: Written = %t, want %t (%q / %q)", c.name, got, c.want, c.w.Title, c.w.Description)
		}
	}
}
