package coaches

import "rebound/web/components"

// InviteFields is the form to invite a coach (in List).
type InviteFields struct {
	components.Problems
	Email components.Text // optional: only to e-mail the link
}

// Coach is a coach of the instance as its admin's list shows them.
type Coach struct {
	Name, Email string
	IsAdmin     bool
	Athletes    int // how many they coach
}
