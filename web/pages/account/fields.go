package account

import (
	"time"

	"rebound/web/components"
)

// AboutFields is the account page's form about the person: a name, and
// for athletes units and time zone.
type AboutFields struct {
	components.Problems
	Name, Units, Timezone components.Text
}

// NotifyFields is the account page's notification form.
type NotifyFields struct {
	components.Problems
	Notify   components.Text // the switches on, joined by commas
	Reminder components.Text // athletes: the check-in reminder's time of day
}

// PasswordFields is the form to change one's password (Password).
type PasswordFields struct {
	components.Problems
	CurrentPassword, Password components.Text
}

// EmailFields is the form to change one's e-mail address (Email).
type EmailFields struct {
	components.Problems
	Email, CurrentPassword components.Text
}

// ForgotFields is the forgotten-password request (Forgot).
type ForgotFields struct {
	components.Problems
	Email components.Text
}

// Notification is one of the viewer's notifications as their list shows it.
type Notification struct {
	Subject, Body string
	Link          string // a path on the site
	CreatedAt     time.Time
	Sent          bool // e-mailed
	Read          bool // seen in the app
}
