package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"rebound/internal/apperr"
	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/web/components"
)

// How much an amber or red check-in lightens the next days (session-RPE
// load of the workouts still to do in the coming week).
var lightenTarget = map[string]float64{"amber": 0.2, "red": 0.4}

// propose works out, after a check-in, a lightened plan for the coming
// week for the coach to review; a green check-in withdraws what is
// pending.
func (s *Server) propose(ctx context.Context, u store.User, a store.Athlete, c store.CheckIn) error {
	target, ok := lightenTarget[c.Light]
	if !ok {
		return s.store.RetireProposals(ctx, u, a.ID)
	}
	list, err := s.store.Workouts(ctx, u, a.ID, c.Day.AddDate(0, 0, -2), c.Day.AddDate(0, 0, 6))
	if err != nil {
		return err
	}
	reason := components.Words(c.Light) + " check-in"
	if len(c.Reasons) > 0 {
		reason += ": " + c.Reasons[0].Text
	}
	cs := plan.Lighten(plan.LightenInput{Days: upcoming(list), From: c.Day, Target: target, Reason: reason})
	if len(cs.Adjustments) == 0 {
		return s.store.RetireProposals(ctx, u, a.ID)
	}
	return s.store.SaveProposal(ctx, u, store.Proposal{AthleteID: a.ID, CheckInDay: c.Day, Light: c.Light, Reason: reason,
		Adjustments: cs.Adjustments, Note: cs.Note})
}

// upcoming turns workouts into what the lighten engine reads.
func upcoming(list []store.Workout) []plan.Upcoming {
	out := make([]plan.Upcoming, 0, len(list))
	for _, w := range list {
		out = append(out, plan.Upcoming{ID: w.ID, Date: w.Day, Kind: w.Kind, Sport: w.Sport, Title: w.Title,
			Minutes: w.PlannedDurationS / 60, RPE: w.TargetRPE, Zone: w.TargetZone, Key: w.Key,
			Protected: w.Protected || w.Kind == "rest", Done: w.Status != "planned"})
	}
	return out
}

func proposalID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "pid"), 10, 64)
	if err != nil {
		return 0, apperr.New(apperr.NotFound, "No such proposal.")
	}
	return id, nil
}

// proposalApply makes the proposed changes (see store.ApplyProposal).
func (s *Server) proposalApply(w http.ResponseWriter, r *http.Request) {
	coach, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	pid, err := proposalID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	res, err := s.store.ApplyProposal(r.Context(), coach, a.ID, pid)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	msg := fmt.Sprintf("Applied %d changes; recovery workouts are as they were.", res.Changed)
	if res.Skipped > 0 {
		msg += fmt.Sprintf(" %d left alone: they changed since the proposal.", res.Skipped)
	}
	first := res.First
	if first.IsZero() {
		first = s.athleteToday(a)
	}
	s.redirect(w, r, weekPath(a, first), msg)
}

func (s *Server) proposalDismiss(w http.ResponseWriter, r *http.Request) {
	coach, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	pid, err := proposalID(r)
	if err == nil {
		err = s.store.DismissProposal(r.Context(), coach, a.ID, pid)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, athletePath(a.ID), "The proposal is dismissed; the plan stays as it was.")
}
