package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"rebound/internal/store"
	"rebound/internal/timezone"
	accountpages "rebound/web/pages/account"
)

// notificationsListed is how many notifications the list shows.
const notificationsListed = 50

// notifyFieldsOf shows saved settings: the switches on, as one
// multi-value field, and the reminder time.
func notifyFieldsOf(n store.NotificationSettings) accountpages.NotifyFields {
	var f accountpages.NotifyFields
	var on []string
	for value, set := range map[string]bool{"alerts": n.Alerts, "digest": n.Digest, "comments": n.Comments, "plan": n.PlanChanges} {
		if set {
			on = append(on, value)
		}
	}
	slices.Sort(on)
	f.Notify.Value, f.Reminder.Value = strings.Join(on, ","), n.Reminder
	return f
}

// decodeNotify reads the switches and, for an athlete, the reminder time.
// Switches a role does not have keep their (unused) defaults.
func decodeNotify(v url.Values, athlete bool) (accountpages.NotifyFields, store.NotificationSettings) {
	var f accountpages.NotifyFields
	d := decoder{v: v, form: &f.Problems}
	f.Reminder = d.text("reminder")
	on := map[string]bool{}
	for _, v := range v["notify"] {
		on[v] = true
	}
	var kept []string
	for _, v := range []string{"alerts", "comments", "digest", "plan"} {
		if on[v] {
			kept = append(kept, v)
		}
	}
	f.Notify.Value = strings.Join(kept, ",")
	n := store.NotificationSettings{Alerts: on["alerts"], Digest: on["digest"], Comments: on["comments"], PlanChanges: on["plan"]}
	if !athlete {
		n.PlanChanges = true
		return f, n
	}
	n.Alerts, n.Digest = true, true
	if v := f.Reminder.Value; v != "" {
		t, err := time.Parse("15:04", v)
		if err != nil { // a browser's time field may send seconds
			t, err = time.Parse("15:04:05", v)
		}
		if err != nil {
			f.Fail(&f.Reminder, "Enter a time of day such as 07:30.")
		}
		n.Reminder = t.Format("15:04")
	}
	return f, n
}

// notificationsSave saves what the viewer wants to hear about.
func (s *Server) notificationsSave(w http.ResponseWriter, r *http.Request) {
	u, _ := viewer(r.Context())
	if !s.parseForm(w, r) {
		return
	}
	f, n := decodeNotify(r.PostForm, u.Role == store.RoleAthlete)
	if !f.Valid() {
		p, err := s.store.AccountPreferences(r.Context(), u)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		s.showAccount(w, r, http.StatusUnprocessableEntity, u, aboutFieldsOf(p), &f)
		return
	}
	if err := s.store.SaveNotificationSettings(r.Context(), u, n); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, "/account#notify", "Notifications saved.")
}

// notificationsPage lists the viewer's latest notifications and marks
// them read.
func (s *Server) notificationsPage(w http.ResponseWriter, r *http.Request) {
	u, _ := viewer(r.Context())
	list, err := s.store.Notifications(r.Context(), u, notificationsListed)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	zone := u.Timezone
	if u.Role == store.RoleCoach { // a coach has no zone: their newest athlete's, as the digest
		if zone, err = s.store.LastTimezone(r.Context(), u); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	shown := make([]accountpages.Notification, len(list))
	for i, n := range list {
		shown[i] = accountpages.Notification{Subject: n.Subject, Body: n.Body, Link: n.Link, CreatedAt: n.CreatedAt,
			Sent: n.State == "sent", Read: n.Read}
	}
	s.render(w, r, http.StatusOK, accountpages.List(s.page(r, "Notifications"), shown, timezone.Location(zone), s.mailer != nil))
}
