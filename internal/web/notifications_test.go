package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"rebound/internal/mail/mailtest"
	"rebound/internal/store"
)

// Each person switches their notifications; an athlete sets a reminder
// time, and a time that is none is refused next to the field.
func TestNotificationSettings(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	coach := a.coach("Carla Coach", "carla@example.com")
	_, mayaUser := a.athlete(coach, "Maya Runner", "maya@example.com")
	maya, carla := a.signedIn("maya@example.com"), a.signedIn("carla@example.com")

	page := maya.get("/account").Body
	for _, want := range []string{`name="notify" value="comments" checked`, `name="notify" value="plan" checked`, `name="reminder"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the athlete's account page lacks %s", want)
		}
	}
	if strings.Contains(page, `value="digest"`) {
		t.Error("an athlete is offered the coach's digest")
	}
	r := maya.post("/account/notifications", url.Values{"notify": {"plan"}, "reminder": {"25:99"}})
	if r.StatusCode != http.StatusUnprocessableEntity || fieldError(t, r.Body, "reminder") == "" || inputValue(t, r.Body, "reminder") != "25:99" {
		t.Fatalf("a bad reminder time: %d %q", r.StatusCode, fieldError(t, r.Body, "reminder"))
	}
	if r := maya.post("/account/notifications", url.Values{"notify": {"plan"}, "reminder": {"06:45"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", r.StatusCode)
	}
	got, err := a.store.NotificationSettings(ctx, mayaUser)
	if err != nil || got.Comments || !got.PlanChanges || got.Reminder != "06:45" {
		t.Errorf("saved: %+v, %v", got, err)
	}
	if r := maya.post("/account/notifications", url.Values{"notify": {"plan", "comments"}, "reminder": {""}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("reminder off: %d", r.StatusCode)
	}
	if got, _ := a.store.NotificationSettings(ctx, mayaUser); got.Reminder != "" || !got.Comments {
		t.Errorf("after switching the reminder off: %+v", got)
	}

	page = carla.get("/account").Body
	if !strings.Contains(page, `value="digest" checked`) || strings.Contains(page, `name="reminder"`) {
		t.Error("the coach's switches")
	}
	if r := carla.post("/account/notifications", url.Values{"notify": {"alerts"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("coach save: %d", r.StatusCode)
	}
	if got, _ := a.store.NotificationSettings(ctx, coach); !got.Alerts || got.Digest || got.Comments {
		t.Errorf("the coach's saved: %+v", got)
	}
}

// Without e-mail, notifications are listed in the app, linked from the
// menu; opening the list reads them.
func TestNotificationsInTheApp(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	coach := a.coach("Carla Coach", "carla@example.com")
	carla := a.signedIn("carla@example.com")
	if _, err := a.store.Enqueue(ctx, store.Notification{UserID: coach.ID, Kind: store.NotifyAlert, Dedup: "x",
		Subject: "Maya Runner is red today", Body: "Maya checked in red today: <b>ill</b>.", Link: "/athletes/1"}, false); err != nil {
		t.Fatal(err)
	}
	home := carla.get("/").Body
	if !strings.Contains(home, `href="/notifications"`) {
		t.Error("the menu does not link the notifications on a server without e-mail")
	}
	r := carla.get("/notifications")
	if r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "Maya Runner is red today") || !strings.Contains(r.Body, "&lt;b&gt;ill&lt;/b&gt;") ||
		!strings.Contains(r.Body, `class="badge new">New`) {
		t.Fatalf("the list: %d\n%s", r.StatusCode, r.Body)
	}
	if strings.Contains(carla.get("/notifications").Body, `class="badge new">New`) {
		t.Error("read notifications are still new")
	}
	a.coach("Ben Other", "ben@example.com")
	if strings.Contains(a.signedIn("ben@example.com").get("/notifications").Body, "Maya Runner is red today") {
		t.Error("another coach sees the notification")
	}
}

func TestNotificationsMenuWithMail(t *testing.T) {
	srv := mailtest.Start(t)
	a := newApp(t, withSMTP(srv.Host(), srv.Port()))
	a.coach("Carla Coach", "carla@example.com")
	if strings.Contains(a.signedIn("carla@example.com").get("/").Body, `href="/notifications"`) {
		t.Error("with e-mail, the menu links the in-app list")
	}
}
