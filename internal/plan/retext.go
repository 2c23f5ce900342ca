package plan

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"rebound/internal/training"
	"rebound/internal/units"
)

// Retext returns after — a workout as a change from before leaves it (an
// adjustment, or the coach's edit) — with the title, description,
// distance and structure that go with after's own kind, sport, minutes,
// RPE and zone. Only after's date and those numbers are read; its text,
// distance and structure are worked out here, so Retext(before,
// Retext(before, after, why), why) is the same workout.
//
// Text written from the numbers (before has a Structure) is written anew
// from before's structure made to fit after (fit): fewer repetitions or
// a shorter block, never more or longer; when the workout is softer, a
// main set goes to the new zone without the old effort's words and pace,
// and a harder block ending a long session goes. A change of kind keeps
// only the athlete's easy targets; a run, ride or swim made into another
// sport says it spares that one ("no running"). The coach's own text (no
// Structure) is kept as it is.
//
// why, when not empty, says why the change was made, e.g. "Amber
// check-in: poor sleep"; the description then ends with a line saying
// what changed: "Changed from 1 h 15 min intervals at RPE 7 (amber
// check-in: poor sleep)." — in place of an earlier such line.
//
// The distance follows the minutes and zones when after's is before's
// (a run's by its pace at each part's level, others in proportion), and
// is none on a rest day or in another sport; a distance after sets
// itself is kept.
func Retext(before, after Upcoming, why string) Upcoming {
	var s *training.Structure
	if before.Structure != nil {
		r := reshape(before, after)
		s = &r
	}
	if after.DistanceM == before.DistanceM {
		after.DistanceM = rescaledDistance(before, after, s)
	}
	line := changeLine(before, after, why)
	if s == nil {
		after.Title, after.Description, after.Structure = before.Title, withChange(before.Description, line), nil
		return after
	}
	after.Structure = s
	after.Title, after.Description = write(after.Kind, after.Sport, after.Minutes, after.RPE, after.Zone, *s)
	after.Description = withChange(after.Description, line)
	return after
}

// Written reports whether u's title and description are what its
// structure writes from its numbers (the description perhaps ending with
// a change line): whether its text follows its numbers. Text anyone wrote
// or edited otherwise is not, whatever structure it carries.
func Written(u Upcoming) bool {
	if u.Structure == nil {
		return false
	}
	title, description := write(u.Kind, u.Sport, u.Minutes, u.RPE, u.Zone, *u.Structure)
	rest, ok := strings.CutPrefix(u.Description, description)
	if u.Title != title || !ok {
		return false
	}
	line, ok := strings.CutPrefix(rest, "\n")
	return rest == "" || ok && !strings.Contains(line, "\n") && slices.ContainsFunc(changePrefixes, func(p string) bool {
		return strings.HasPrefix(line, p)
	})
}

// reshape is before's structure for after.
func reshape(before, after Upcoming) training.Structure {
	s := *before.Structure
	if after.Sport != before.Sport {
		// Paces do not carry over to another sport, nor powers.
		s.Cue, s.Easy = "", ""
		if s.Instead == "" && (before.Sport == training.SportRun || before.Sport == training.SportBike || before.Sport == training.SportSwim) {
			s.Instead = before.Sport
		}
	}
	if after.Kind != before.Kind {
		// Another kind of session: of the old one only the athlete's
		// steady target and the sport it spares carry over.
		n := training.Structure{Zone: s.Zone, Easy: s.Easy, Instead: s.Instead}
		if s.Reps == 0 {
			n.Cue = s.Cue
		}
		s = n
	}
	s = fit(s, before.Minutes, after.Minutes)
	softer := after.RPE > 0 && after.RPE < before.RPE || after.Zone > 0 && after.Zone < before.Zone
	switch {
	case s.Finish && s.Reps > 0 && softer:
		// The harder block of a long session does not fit a softer one.
		s.Reps, s.Work, s.Rest = 0, 0, 0
	case after.Zone != s.Zone && !s.Finish:
		// The effort's words and pace were for the old level.
		s.Zone, s.Effort, s.Cue = after.Zone, "", ""
	}
	return s
}

// rescaledDistance is before's distance for after: see Retext.
func rescaledDistance(before, after Upcoming, s *training.Structure) int {
	if before.DistanceM <= 0 || after.Minutes <= 0 || before.Minutes <= 0 || after.Kind == training.KindRest || after.Sport != before.Sport {
		return 0
	}
	if after.Sport != training.SportRun {
		return before.DistanceM * after.Minutes / before.Minutes
	}
	d := float64(before.DistanceM) * paced(after.Minutes, after.Zone, s) / paced(before.Minutes, before.Zone, before.Structure)
	return 100 * int(d/100+0.5)
}

// paced is how far a run of minutes at zone goes, with s's main set at
// its level and the rest easy, in units of the threshold pace.
func paced(minutes, zone int, s *training.Structure) float64 {
	factor := func(z int) float64 {
		if z == 0 {
			z = zEndurance
		}
		return paceFactor[clamp(z, zRecovery, zVO2)]
	}
	if s == nil || s.Reps == 0 {
		return float64(minutes) / factor(zone)
	}
	work := float64(workSeconds(*s)) / 60
	return (float64(minutes)-work)/factor(zEndurance) + work/factor(s.Zone)
}

// changeLine says what changed from before to after and why, "Changed
// from 1 h 15 min intervals at RPE 7 (amber check-in).", or only why,
// "Changed: sparing the knee.", when no number did; "" without a why.
func changeLine(before, after Upcoming, why string) string {
	if why = strings.TrimSpace(why); why == "" {
		return ""
	}
	var parts []string
	if !before.Date.IsZero() && !Day(after.Date).Equal(Day(before.Date)) {
		parts = append(parts, "moved from "+before.Date.Weekday().String())
	}
	if after.Kind != before.Kind || after.Sport != before.Sport || after.Minutes != before.Minutes ||
		after.RPE != before.RPE || after.Zone != before.Zone {
		was := workoutName(before)
		if before.Minutes > 0 {
			was = duration(before.Minutes) + " " + was
		}
		if before.RPE > 0 {
			was += " at " + units.RPE(before.RPE)
		}
		parts = append(parts, "changed from "+was)
	}
	if len(parts) == 0 {
		return "Changed: " + sentenceCase(why) + "."
	}
	return title(strings.Join(parts, " and ")) + " (" + sentenceCase(why) + ")."
}

// changePrefixes begin the lines changeLine writes.
var changePrefixes = []string{"Changed from ", "Moved from ", "Changed: "}

// withChange is description ending with line in place of an earlier
// change line; description as it is without a line.
func withChange(description, line string) string {
	if line == "" {
		return description
	}
	i := strings.LastIndexByte(description, '\n')
	for _, p := range changePrefixes {
		if strings.HasPrefix(description[i+1:], p) {
			description = strings.TrimRight(description[:max(i, 0)], "\n")
			break
		}
	}
	if description == "" {
		return line
	}
	return description + "\n" + line
}

// sentenceCase lower-cases the first letter of s for the middle of a
// sentence, unless the word is an abbreviation ("HRV").
func sentenceCase(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
