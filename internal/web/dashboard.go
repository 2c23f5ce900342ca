package web

import (
	"bytes"
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"rebound/internal/load"
	"rebound/internal/readiness"
	"rebound/internal/store"
	"rebound/internal/timezone"
	"rebound/internal/training"
	"rebound/internal/zones"
	"rebound/web/components"
	"rebound/web/pages/dashboard"
)

// Dashboard thresholds.
const (
	// dashboardRows are shown at first, the most urgent; "Show more" adds
	// as many again. A page of 500 rows is 900 KB of HTML that nobody
	// reads past the first screens.
	dashboardRows = 100
	sparkDays     = 14 // the readiness sparkline
	recoveryDays  = 6  // recovery done too hard: the last seven days
)

// DashboardWindows are the days before today of check-ins and of recovery
// workouts the dashboard's kept rows hold (rebound-bench refreshes them
// with the same, so the server finds them fresh).
func DashboardWindows() (checkins, recovery int) { return sparkDays - 1, recoveryDays }

// dashboard is the coach's home: every active athlete, most urgent first.
// A view rendered before is served again while its athletes' data is the
// same (dashboardCache).
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	coach, _ := viewer(r.Context())
	q := r.URL.Query()
	today := s.store.Now().UTC()
	key := dashboardKey{coach: coach.ID, query: strings.TrimSpace(q.Get("q")), show: dashboard.ParseFilter(q.Get("show")),
		byTag: q.Get("group") == "tag", rows: dashboardRows, day: today.Format(time.DateOnly)}
	if n, err := strconv.Atoi(q.Get("rows")); err == nil && n > key.rows {
		key.rows = n
	}
	// A page with a flash message is shown once; one that cannot go out
	// gzipped is not kept, nor a view the page does not link to.
	keep := key.keepable() && acceptsGzip(r) && s.sessions.GetString(r.Context(), keyFlash) == ""
	var rows []dashboard.Row
	var kept map[int64]*keptRow
	var version string
	if keep {
		key.viewer = *s.shell(r, "").Viewer
		versions, err := s.store.RosterVersions(r.Context(), coach, sparkDays-1, recoveryDays)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		version = versions.Digest()
		if p, ok := s.dashboards.get(key, version); ok {
			p.serve(w, r)
			return
		}
		if rows, kept, _, err = s.rosters.rows(r.Context(), s.store, coach, versions); err != nil {
			s.renderError(w, r, err)
			return
		}
	} else {
		// Read whole: a page not kept is drawn from what the database holds
		// now, which the tests of the kept pages compare them with.
		entries, err := s.store.Roster(r.Context(), coach, sparkDays-1, recoveryDays)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		rows = make([]dashboard.Row, len(entries))
		for i, e := range entries {
			rows[i] = rosterRow(e)
		}
	}
	proposals, err := s.store.PendingProposals(r.Context(), coach)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v := buildDashboard(rows, proposals, key.query, key.show, key.byTag)
	v.Today = today
	total := 0 // rows in the groups: an athlete with two tags is in two
	for _, g := range v.Groups {
		total += len(g.Rows)
	}
	if total > key.rows {
		v.Groups, v.More = firstRows(v.Groups, key.rows), total-key.rows
		v.MoreURL = key.moreURL()
	}
	linkNextKeys(v.Groups)
	// The shown rows as drawn before: drawing a hundred rows was two fifths
	// of drawing the page.
	for _, g := range v.Groups {
		for i := range g.Rows {
			if k := kept[g.Rows[i].Athlete.ID]; k != nil {
				var err error
				if g.Rows[i], err = k.draw(r.Context(), g.Rows[i]); err != nil {
					s.renderError(w, r, err)
					return
				}
			}
		}
	}
	page := dashboard.Page(s.page(r, "Dashboard"), v)
	if !keep {
		s.render(w, r, http.StatusOK, page)
		return
	}
	html := pageBuffers.Get().(*bytes.Buffer)
	defer pageBuffers.Put(html)
	html.Reset()
	if err := page.Render(r.Context(), html); err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := newDashboardPage(version, html.Bytes())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.dashboards.put(key, p)
	p.serve(w, r)
}

// linkNextKeys links the shown rows' next key workouts to their weeks: only
// the rows drawn need it, not the whole roster.
func linkNextKeys(groups []dashboard.Group) {
	for _, g := range groups {
		for i := range g.Rows {
			if r := &g.Rows[i]; r.NextKey != nil {
				r.NextKeyPath = weekPath(r.Athlete, r.NextKey.Day)
			}
		}
	}
}

// pageBuffers hold a dashboard as it is drawn, to be gzipped and hashed: a
// page of a hundred rows is about 175 KB, which a new buffer reached by
// doubling, allocating twice that.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// firstRows keeps the first n rows of the groups, in order.
func firstRows(groups []dashboard.Group, n int) []dashboard.Group {
	var out []dashboard.Group
	for _, g := range groups {
		if n <= 0 {
			break
		}
		if len(g.Rows) > n {
			g.Rows = g.Rows[:n]
		}
		n -= len(g.Rows)
		out = append(out, g)
	}
	return out
}

// buildDashboard turns the roster into the dashboard's rows, sorted by
// attention, filtered by name and by show, and grouped by tag.
func buildDashboard(all []dashboard.Row, proposals []store.Proposal, query string, show dashboard.Filter, byTag bool) dashboard.View {
	v := dashboard.View{Query: strings.TrimSpace(query), Show: show, Proposals: proposals}
	pending := map[int64]*store.Proposal{}
	for i := range proposals {
		pending[proposals[i].AthleteID] = &proposals[i]
	}
	rows := make([]dashboard.Row, 0, len(all))
	for _, row := range all {
		row.Proposal = pending[row.Athlete.ID]
		v.Counts.Athletes++
		switch {
		case row.CheckIn == nil:
			v.Counts.NotCheckedIn++
		case row.CheckIn.Light == "red":
			v.Counts.Red++
		case row.CheckIn.Light == "amber":
			v.Counts.Amber++
		}
		if row.Rank() != training.NoAttention {
			v.Counts.Attention++
		}
		v.HasTags = v.HasTags || len(row.Athlete.Tags) > 0
		if !show.Keeps(row) || !nameMatches(row.Athlete.Name, v.Query) {
			continue
		}
		rows = append(rows, row)
	}
	v.Counts.Proposals = len(proposals)
	v.Shown = len(rows)
	rows = sortByAttention(rows)
	v.ByTag = byTag && v.HasTags
	if !v.ByTag {
		v.Groups = []dashboard.Group{{Rows: rows}}
		return v
	}
	// An athlete with two tags is in both groups; the untagged come last.
	index := map[string]int{}
	var untagged []dashboard.Row
	for _, row := range rows {
		if len(row.Athlete.Tags) == 0 {
			untagged = append(untagged, row)
		}
		for _, t := range row.Athlete.Tags {
			key := strings.ToLower(t)
			i, ok := index[key]
			if !ok {
				i = len(v.Groups)
				index[key] = i
				v.Groups = append(v.Groups, dashboard.Group{Name: t})
			}
			v.Groups[i].Rows = append(v.Groups[i].Rows, row)
		}
	}
	slices.SortStableFunc(v.Groups, func(a, b dashboard.Group) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	if len(untagged) > 0 {
		v.Groups = append(v.Groups, dashboard.Group{Name: "No tag", Rows: untagged})
	}
	return v
}

// sortByAttention orders rows as training.CompareUrgency does (stable: by
// name within the same urgency), in place. It sorts small keys and moves
// each row once, along the permutation's cycles: a row is large, and a
// roster of hundreds made the sort's copying, and a sorted copy's
// allocation, show in profiles.
func sortByAttention(rows []dashboard.Row) []dashboard.Row {
	type key struct {
		u training.Urgency
		i int
	}
	keys := make([]key, len(rows))
	for i, r := range rows {
		keys[i] = key{training.Urgency{Rank: r.Rank()}, i}
		if r.CheckIn != nil {
			keys[i].u.CheckedIn, keys[i].u.Score = true, r.CheckIn.Score
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(training.CompareUrgency(a.u, b.u), cmp.Compare(a.i, b.i))
	})
	// Position i takes the row at keys[i].i; a key's i is set to -1 once its
	// position is filled.
	for start := range keys {
		if keys[start].i < 0 {
			continue
		}
		held := rows[start]
		at := start
		for keys[at].i != start {
			from := keys[at].i
			rows[at], keys[at].i = rows[from], -1
			at = from
		}
		rows[at], keys[at].i = held, -1
	}
	return rows
}

// nameMatches reports whether every word of query starts a word of name,
// ignoring case: "an ko" finds "Anna Kowalska".
func nameMatches(name, query string) bool {
	queries := strings.Fields(strings.ToLower(query))
	if len(queries) == 0 {
		return true
	}
	words := strings.Fields(strings.ToLower(name))
	for _, q := range queries {
		if !slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, q) }) {
			return false
		}
	}
	return true
}

// rosterRow works out one athlete's row and why they need attention.
func rosterRow(e store.RosterEntry) dashboard.Row {
	row := dashboard.Row{Athlete: e.Athlete, Today: e.Today, LastDay: e.LastDay, NextKey: e.NextKey, NextEvent: e.NextEvent,
		Unread: e.UnreadComments}
	if e.LastCheckIn != nil {
		t := e.LastCheckIn.In(timezone.Location(e.Timezone))
		row.LastCheckIn = &t
	}
	row.CheckIn, row.Readiness = e.CheckIn, e.Readiness

	// Recovery done too hard in the last seven days, whatever the week.
	var tooHard []string
	zone2 := zones.Zone2CeilingHR(e.ThresholdHR, e.MaxHR)
	for _, d := range e.Recovery {
		if load.RecoveryTooHard(d.RPE, d.AvgHR, zone2) {
			tooHard = append(tooHard, d.Day.Format("Monday"))
		}
	}
	// Load figures as the week view shows them for the current week: the
	// same stored state, decayed to today the same way (weekLoad).
	row.ACWR = e.LoadState.At(e.Today).RatioOrZero()
	row.Ratio, row.Compliance = load.WeekCompliance(float64(e.WeekPlannedS)/60, float64(e.WeekDoneS)/60)

	signs := training.Signs{Missed: readiness.Missed(e.LastDay, e.Today), RecoveryTooHard: len(tooHard) > 0,
		ACWR: row.ACWR, WeekDone: row.Ratio}
	if c := row.CheckIn; c != nil {
		// The amber reasons' first is the pattern, when there is one.
		signs.Light, signs.Overreaching = c.Light, c.FirstReason.Code == readiness.CodePattern
	}
	for _, k := range training.Triage(signs) {
		var text string
		switch k {
		case training.RedCheckIn, training.Overreaching, training.AmberCheckIn:
			text = components.Words(row.CheckIn.Light) + ": " + components.ThirdPerson(row.CheckIn.FirstReason.Text)
		case training.MissedCheckIns:
			text = "Last check-in " + strconv.Itoa(readiness.MissedDays(e.LastDay, e.Today)+1) + " days ago"
		case training.RecoveryTooHard:
			text = "Recovery done too hard on " + strings.Join(tooHard, " and ")
		case training.LoadRising:
			text = "Load rising fast: acute:chronic " + strconv.FormatFloat(row.ACWR, 'f', 2, 64)
		case training.LowCompliance:
			text = strconv.FormatFloat(row.Ratio*100, 'f', 0, 64) + " % of this week's planned time done"
		}
		row.Flags = append(row.Flags, dashboard.Flag{Kind: k, Text: text})
	}
	return row
}
