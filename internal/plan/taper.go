package plan

// taperLength is the taper's length in days before the race: the option,
// else the event's (by distance, not by weekday); a B race gets a
// mini-taper of at most a week, a C race none (trained through).
func (p *planner) taperLength() int {
	t := p.taperDays
	if t == 0 {
		t = p.ev.taperDays
	}
	switch p.priority {
	case "B":
		t = min(t, 7)
	case "C":
		t = 0
	}
	return t
}

// An A race's taper cuts volume by taperMean averaged over its days, within
// the 41–60 % that Bosquet et al. (2007) found best in their
// meta-analysis. A taper longer than a week starts taperFirst down and
// falls evenly to its last seven days' cut, 49–59 % for 8–21 days: the
// cut comes late, as Pfitzinger & Douglas's (2009) marathon tapers hold
// about 80 %, 60 % and 40 % of the peak week.
const (
	taperMean  = 0.45
	taperFirst = 0.2
)

// taperShare is the share of the peak week's daily volume planned on day
// idx: 1 before the taper; from the taper's first day 1 − taperFirst,
// falling evenly to 1 − drop, which then holds through the last
// seven days before the race. A progressive fall, then the full reduction
// in the final week, with intensity and frequency kept, is what Bosquet et
// al. (2007) and Mujika & Padilla (2003) found to work best.
func (p *planner) taperShare(idx int) float64 {
	if p.race < 0 {
		return 1
	}
	start, flat := p.race-p.taperLen, p.race-min(p.taperLen, 7)
	switch {
	case idx < start:
		return 1
	case idx >= flat:
		return 1 - p.drop()
	}
	// Only an A race's taper is longer than the last seven days.
	return 1 - taperFirst - (p.drop()-taperFirst)*float64(idx-start)/float64(flat-start)
}

// taperWeekShare is the mean taperShare of week w's seven days.
func (p *planner) taperWeekShare(w int) float64 {
	s := 0.0
	for i := range 7 {
		s += p.taperShare(7*w + i)
	}
	return s / 7
}

// taperStart is the taper's first day, as days from the start.
func (p *planner) taperStart() int { return p.race - p.taperLen }

// recoveryDays is how long the easy running after an A race lasts: about
// one easy day per 2 km raced (a rule of thumb between the folk rule of a
// day per mile and the 7–10 easy days coaches give after a half), so three
// weeks after a marathon, as Pfitzinger & Douglas's (2009) post-marathon
// schedule holds no hard running for about three weeks and builds back
// over five; at least 3 days, at most 21. A triathlon's goes by its run
// and its length (see triRecovery). Other events without a running
// distance count 18 minutes of racing as a day.
func (p *planner) recoveryDays() int {
	if r, ok := triRecovery[p.eventKind()]; ok && p.sport == Triathlon {
		return r.days[experienceIndex(p.exp)]
	}
	d := p.ev.raceMinutes[experienceIndex(p.exp)] / 18
	if p.ev.distanceM > 0 {
		d = p.ev.distanceM / 2000
	}
	return clamp(d, 3, 21)
}

// recoveryWeeks is how many recovery weeks follow an A race: as many as
// the recovery days need beyond the race week's own days after the race,
// at least one.
func (p *planner) recoveryWeeks() int {
	after := 6 - p.race%7
	return max(1, (p.recoveryDays()-after+6)/7)
}

// recoveryWeekShare is recovery week n of of's volume as a share of the
// peak week: a reverse taper, from the event's recovery share towards
// 80 % (Pfitzinger & Douglas 2009); after a triathlon towards half the
// peak week, which the recovery weeks never pass (their days are recovery
// days, or easy ones just after them: see triRecovery).
func (p *planner) recoveryWeekShare(n, of int) float64 {
	r, to := p.recoveryShare(), 0.8
	if p.sport == Triathlon {
		to = 0.5
	}
	return r + (to-r)*float64(n-1)/float64(of)
}
