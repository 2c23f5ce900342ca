package web

import (
	"fmt"
	"time"
)

// selfResetMail is the reset link an account asked for itself.
func selfResetMail(name, link string, expires time.Time) (subject, body string) {
	subject = "Choose a new Rebound password"
	body = fmt.Sprintf("Hello %s,\n\nSomeone, probably you, asked for a link to choose a new Rebound password. "+
		"Here it is (it works once, until %s):\n\n%s\n\n"+
		"If you did not ask for it, you can ignore this e-mail: your password stays as it is.\n",
		name, expires.Format("Mon 2 Jan 2006 15:04 MST"), link)
	return subject, body
}

// emailChangeMail asks the new address to confirm itself.
func emailChangeMail(name, email, link string, expires time.Time) (subject, body string) {
	subject = "Confirm your new Rebound e-mail"
	body = fmt.Sprintf("Hello %s,\n\nTo sign in to Rebound with %s from now on, confirm it here (the link works once, until %s):\n\n%s\n\n"+
		"If you did not ask for this, you can ignore this e-mail: nothing changes.\n",
		name, email, expires.Format("Mon 2 Jan 2006 15:04 MST"), link)
	return subject, body
}

// emailChangedMail tells the old address that the account moved.
func emailChangedMail(name, email string) (subject, body string) {
	subject = "Your Rebound e-mail has changed"
	body = fmt.Sprintf("Hello %s,\n\nYour Rebound account now signs in with %s instead of this address.\n\n"+
		"If you did not make this change, tell your coach (or the admin of your Rebound server) at once.\n", name, email)
	return subject, body
}
